"""The article reader: one article with its findings, split into highlighted segments."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from .filters import Selection
from .tables import speaker_label

# Priority where spans overlap: a name inside a quote is shown as a name.
_PRIORITY = {"focus": 4, "actor": 3, "time": 2, "quote": 1}


def article_segments(text: str, mentions: pd.DataFrame | None = None,
                     events: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                     focus: Iterable[str] = (),
                     ) -> list[tuple[str, str | None, str]]:
    """Split `text` into (segment, kind, note): kind is "focus", "actor", "time", "quote" or None.

    Mentions of the actors in `focus` (the sidebar's actor filter) are "focus", other mentions
    "actor". Overlapping spans are resolved per character (actor over time over quote);
    segments never cross a line break, so each line can be rendered on its own.
    """
    focus = set(focus or ())
    n = len(text)
    kind: list[str | None] = [None] * n
    note: list[str] = [""] * n

    def paint(start, end, k, label):
        start, end = max(0, int(start)), min(n, int(end))
        for i in range(start, end):
            if kind[i] is None or _PRIORITY[k] > _PRIORITY[kind[i]]:
                kind[i], note[i] = k, label

    if quotes is not None:
        for q in quotes.itertuples():
            paint(q.start, q.end, "quote", speaker_label(q.speaker_actor, q.speaker))
    if events is not None:
        for e in events.itertuples():
            if not e.timex or e.date_source == "publication":
                continue  # dated by publication only: no time expression in the text
            paint(e.start, e.end, "time", f"{e.granularity}: {e.value}" if e.value else e.granularity)
    if mentions is not None:
        for m in mentions.itertuples():
            paint(m.start, m.end, "focus" if m.actor in focus else "actor",
                  f"{m.actor} ({m.actor_type})")
    segments: list[tuple[str, str | None, str]] = []
    i = 0
    while i < n:
        j = i + 1
        if text[i] == "\n":
            segments.append(("\n", None, ""))
            i = j
            continue
        while j < n and text[j] != "\n" and kind[j] == kind[i] and note[j] == note[i]:
            j += 1
        segments.append((text[i:j], kind[i], note[i]))
        i = j
    return segments


@dataclass
class ArticleDetail:
    """One article for the reader: its row, text, and findings (all of them, not filtered)."""
    article: pd.Series
    text: str
    in_selection: bool
    mentions: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    # time expressions found in the text but not placed on a date (vague, incomplete, durations)
    undated: pd.DataFrame = field(default_factory=pd.DataFrame)
    focus: tuple[str, ...] = ()
    _raw: dict = field(default_factory=dict, repr=False)

    def segments(self, layers: Iterable[str] = ("actors", "time expressions", "quotes")):
        layers = set(layers or ())
        return article_segments(
            self.text,
            self._raw["mentions"] if "actors" in layers else None,
            self._raw["events"] if "time expressions" in layers else None,
            self._raw["quotes"] if "quotes" in layers else None,
            focus=self.focus,
        )

    @property
    def title(self) -> str:
        return self.article["title"] or "(untitled)"

    @property
    def byline(self) -> list[str]:
        """Date, source, language, words, pipeline (the known ones)."""
        a = self.article
        published = a["published"].date().isoformat() if pd.notna(a["published"]) else "date unknown"
        parts = [published, a["source"] or "source unknown", a["language"],
                 f"{a['n_words']} words", a["pipeline"]]
        return [str(p) for p in parts if p]

    @property
    def url(self) -> str:
        return safe_url(self.article["url"])


def safe_url(url: str) -> str:
    """`url` when it is an http(s) link, else "" (no `javascript:` or `data:` links)."""
    url = str(url or "").strip()
    return url if re.match(r"(?i)^https?://[^\s]+$", url) else ""


UNDATED_COLUMNS = ["expression", "value", "type", "why", "paragraph"]


def _why_undated(t) -> str:
    """Why a time expression has no date of its own ("" when it has one)."""
    if t.value.endswith("_REF"):
        return {"PAST_REF": "vague past", "FUTURE_REF": "vague future",
                "PRESENT_REF": "vague present"}.get(t.value, "vague")
    if "X" in t.value:
        return "incomplete date"
    if t.date_start is None or t.date_end is None:
        return {"DURATION": "duration", "SET": "recurring"}.get(t.type, "no date range")
    return ""


def undated_timexes(text: str, published=None, language: str = "de") -> pd.DataFrame:
    """The time expressions of one text that the tagger found but could not place on a date:
    a value with "X" (a year-less date without anchor), PAST_/FUTURE_/PRESENT_REF, or no date
    range (durations, sets). The events frame keeps only dated ones, so this runs the tagger
    on the one text (cheap)."""
    from lib.nlp.timex import find_timexes

    anchor = published.date() if published is not None and pd.notna(published) else None
    rows = []
    for t in find_timexes(text or "", anchor, language or "de"):
        why = _why_undated(t)
        if why:
            s = text.rfind("\n", 0, t.start) + 1
            e = text.find("\n", t.end)
            rows.append((t.text, t.value, t.type, why, " ".join(text[s:e if e >= 0 else None].split())))
    return pd.DataFrame(rows, columns=UNDATED_COLUMNS)


def article_detail(corpus, article_id: str, sel: Selection | None = None) -> ArticleDetail | None:
    """The reader's view of one article, or None when the corpus has no such article."""
    rows = corpus.articles[corpus.articles["id"] == str(article_id)]
    if rows.empty:
        return None
    article = rows.iloc[0]
    mentions = corpus.mentions[corpus.mentions["article_id"] == article["id"]]
    events = corpus.events[(corpus.events["article_id"] == article["id"])
                           & (corpus.events["timex"] != "")]
    quotes = corpus.quotes[corpus.quotes["article_id"] == article["id"]]
    in_selection = sel is None or article["id"] in set(sel.articles["id"])
    clean = lambda t: " ".join(str(t).split())  # noqa: E731
    text = corpus.text(article["id"])
    return ArticleDetail(
        article=article,
        text=text,
        in_selection=in_selection,
        mentions=pd.DataFrame({
            "text": mentions["text"], "actor": mentions["actor"],
            "actor_type": mentions["actor_type"], "form": mentions["form"],
            "label": mentions["label"], "sentence": mentions["sentence"].map(clean),
            "start": mentions["start"], "end": mentions["end"]}).reset_index(drop=True),
        events=pd.DataFrame({
            "timex": events["timex"], "value": events["value"],
            "granularity": events["granularity"], "date_start": events["date_start"],
            "date_end": events["date_end"], "date_source": events["date_source"],
            "actors": events["actors"].map(lambda n: ", ".join(n)),
            "sentence": events["sentence"].map(clean)}).reset_index(drop=True),
        quotes=pd.DataFrame({
            "speaker": [speaker_label(a, s) for a, s in zip(quotes["speaker_actor"], quotes["speaker"])],
            "quote": quotes["text"].map(clean), "kind": quotes["kind"], "cue": quotes["cue"],
            "start": quotes["start"], "end": quotes["end"]}).reset_index(drop=True),
        undated=undated_timexes(text, article["published"], article["language"]),
        focus=tuple(sel.filters.actors) if sel is not None else (),
        _raw={"mentions": mentions, "events": events, "quotes": quotes},
    )
