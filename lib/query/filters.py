"""The dashboard's filters and the tables its views show — pure functions over the frames.

The filter semantics are defined here once; every page, the CSV extracts and the CLI's
`python -m lib export` go through `select` (or the `filter_*` functions it combines):

* **actors** — keeps the articles that mention any selected actor (by name, as a quote's speaker
  or among an event's actors), the events that involve any of them and the quotes whose speaker
  is one of them (anonymous speakers drop out). Mentions are all mentions in the kept articles,
  so the actor views show who appears alongside them.
* **actor types** — keeps mentions, actors, events and quotes (by speaker) of those types;
  articles are not narrowed by type.
* **event dates** — keeps the events whose date range overlaps the chosen range; events without
  a date drop out. Articles are not narrowed by event dates.
* **publication dates** — keeps the articles published in the range (articles of unknown date
  drop out) and with them their mentions, events and quotes.
* **source / language** — keeps the articles of those sources / languages (and their findings).

Filters travel in the URL as plain, readable query parameters
(`?actor=James+Martin&type=person&published_from=2022-10-01`), see `Filters.to_params`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from urllib.parse import urlencode

import pandas as pd

from .. import schema

__all__ = [
    "Filters", "Selection", "PARAMS", "select", "filter_articles", "filter_mentions",
    "filter_events", "filter_quotes", "actor_counts", "table_for_export", "actor_options",
    "overview", "quote_table", "event_table", "article_table", "mention_table", "timeline_frame",
    "mentions_over_time", "cooccurrence", "cooccurrence_edges", "cooccurrence_network", "places", "article_segments",
    "highlighted_markdown", "escape_markdown", "article_link", "speaker_label", "ArticleDetail",
    "article_detail", "date_span", "choices", "safe_url",
]

# Field of Filters → query parameter name.
PARAMS = {
    "actors": "actor",
    "actor_types": "type",
    "event_from": "event_from",
    "event_to": "event_to",
    "published_from": "published_from",
    "published_to": "published_to",
    "sources": "source",
    "languages": "language",
}
ANONYMOUS = "anonymous"


def _values(params: Mapping, name: str) -> list[str]:
    """All values of a query parameter; accepts `str`, lists and objects with `get_all`."""
    if hasattr(params, "get_all"):
        raw = params.get_all(name)
    else:
        raw = params.get(name, [])
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for value in raw:
        # "a,b" is not split: actor names may hold commas. Repeat the parameter instead.
        value = str(value).strip()
        if value and value not in out:
            out.append(value)
    return out


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects. Empty fields select everything."""
    actors: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    event_from: dt.date | None = None
    event_to: dt.date | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def __post_init__(self):
        for name in ("actors", "actor_types", "sources", "languages"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(dict.fromkeys(str(v) for v in value if str(v))))
        for name in ("event_from", "event_to", "published_from", "published_to"):
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                object.__setattr__(self, name, value.date())
            elif isinstance(value, str):
                object.__setattr__(self, name, _parse_date(value))
        object.__setattr__(
            self, "actor_types", tuple(t for t in self.actor_types if t in schema.ACTOR_TYPES))

    @classmethod
    def from_params(cls, params: Mapping) -> "Filters":
        """Filters from query parameters (a dict of str or list of str, or `st.query_params`).

        Unknown parameters are ignored, malformed dates and unknown actor types dropped.
        """
        kwargs: dict = {}
        for f in fields(cls):
            values = _values(params, PARAMS[f.name])
            if f.name.endswith(("_from", "_to")):
                kwargs[f.name] = _parse_date(values[0]) if values else None
            else:
                kwargs[f.name] = tuple(values)
        return cls(**kwargs)

    def to_params(self) -> dict[str, list[str]]:
        """The non-empty filters as query parameters (repeated parameters for lists)."""
        out: dict[str, list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if not value:
                continue
            if isinstance(value, dt.date):
                out[PARAMS[f.name]] = [value.isoformat()]
            else:
                out[PARAMS[f.name]] = list(value)
        return out

    def query_string(self, **extra: str) -> str:
        """`actor=James+Martin&type=person…` (plus `extra` parameters) for links."""
        pairs = [(k, v) for k, vs in self.to_params().items() for v in vs]
        pairs += [(k, v) for k, v in extra.items() if v]
        return urlencode(pairs)

    @property
    def active(self) -> bool:
        return bool(self.to_params())


@dataclass
class Selection:
    """The frames that match a set of filters."""
    filters: Filters
    articles: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    # actor → actor type over the whole corpus (for speakers and event actors)
    actor_types: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# Filtering


def _day(value: dt.date | None, end: bool = False) -> pd.Timestamp | None:
    if value is None:
        return None
    ts = pd.Timestamp(value)
    return ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns") if end else ts


def _type_map(actors: pd.DataFrame | None, mentions: pd.DataFrame | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    if mentions is not None and len(mentions):
        out.update(zip(mentions["actor"], mentions["actor_type"]))
    if actors is not None and len(actors):
        out.update(zip(actors["actor"], actors["actor_type"]))
    return out


def filter_articles(articles: pd.DataFrame, mentions: pd.DataFrame, filters: Filters,
                    quotes: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                    ) -> pd.DataFrame:
    """The articles that pass the publication-date, source, language and actor filters.

    An article "mentions" an actor when a mention, a quote's speaker or an event names it."""
    keep = pd.Series(True, index=articles.index)
    if filters.sources:
        keep &= articles["source"].isin(filters.sources)
    if filters.languages:
        keep &= articles["language"].isin(filters.languages)
    pub = articles["published"]
    if filters.published_from:
        keep &= pub >= _day(filters.published_from)
    if filters.published_to:
        keep &= pub <= _day(filters.published_to, end=True)
    if filters.actors:
        ids = set(mentions.loc[mentions["actor"].isin(filters.actors), "article_id"])
        if quotes is not None:
            ids |= set(quotes.loc[quotes["speaker_actor"].isin(filters.actors), "article_id"])
        if events is not None:
            chosen = set(filters.actors)
            involved = events["actors"].map(lambda n: bool(chosen.intersection(n))).astype(bool)
            ids |= set(events.loc[involved, "article_id"])
        keep &= articles["id"].isin(ids)
    return articles[keep.fillna(False)].reset_index(drop=True)


def filter_mentions(mentions: pd.DataFrame, article_ids: Iterable[str], filters: Filters) -> pd.DataFrame:
    """The mentions in the kept articles, of the chosen actor types."""
    keep = mentions["article_id"].isin(set(article_ids))
    if filters.actor_types:
        keep &= mentions["actor_type"].isin(filters.actor_types)
    return mentions[keep].reset_index(drop=True)


def filter_events(events: pd.DataFrame, article_ids: Iterable[str], filters: Filters,
                  actor_types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The events in the kept articles that involve a selected actor (of a chosen type) and
    overlap the event date range."""
    keep = events["article_id"].isin(set(article_ids))
    if filters.event_from or filters.event_to:
        start, end = events["date_start"], events["date_end"].fillna(events["date_start"])
        dated = start.notna()
        if filters.event_from:
            keep &= dated & (end >= _day(filters.event_from))
        if filters.event_to:
            keep &= dated & (start <= _day(filters.event_to, end=True))
    if filters.actors:
        chosen = set(filters.actors)
        keep &= events["actors"].map(lambda names: bool(chosen.intersection(names)))
    if filters.actor_types:
        types, wanted = actor_types or {}, set(filters.actor_types)
        keep &= events["actors"].map(lambda names: any(types.get(n) in wanted for n in names))
    return events[keep.fillna(False).astype(bool)].reset_index(drop=True)


def filter_quotes(quotes: pd.DataFrame, article_ids: Iterable[str], filters: Filters,
                  actor_types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The quotes in the kept articles whose speaker is a selected actor (of a chosen type)."""
    keep = quotes["article_id"].isin(set(article_ids))
    if filters.actors:
        keep &= quotes["speaker_actor"].isin(filters.actors)
    if filters.actor_types:
        types, wanted = actor_types or {}, set(filters.actor_types)
        keep &= quotes["speaker_actor"].map(lambda a: types.get(a) in wanted)
    return quotes[keep.astype(bool)].reset_index(drop=True)


def actor_counts(mentions: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """The actors table (lib.schema ACTOR_COLUMNS) counted over `mentions`, most mentioned first;
    aliases come from `actors` (the corpus table) where given."""
    if mentions.empty:
        return schema.frame("actors")
    grouped = mentions.groupby(["actor", "actor_type"], sort=False).agg(
        n_mentions=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    aliases: dict[str, list] = {}
    if actors is not None and len(actors):
        aliases = dict(zip(actors["actor"], actors["aliases"]))
    seen = mentions.groupby("actor")["text"].agg(lambda s: sorted(set(s)))
    grouped["aliases"] = [aliases.get(a) or seen.get(a, []) for a in grouped["actor"]]
    grouped = grouped.sort_values(["n_mentions", "n_articles", "actor"],
                                  ascending=[False, False, True], kind="stable")
    return schema.coerce("actors", grouped)


def select(corpus, filters: Filters | None = None) -> Selection:
    """The one query every view runs: all frames of `corpus` narrowed by `filters`.

    `corpus` is anything with the frames `articles`, `mentions`, `actors`, `events`, `quotes`
    (a `lib.Corpus`).
    """
    filters = filters or Filters()
    types = _type_map(corpus.actors, corpus.mentions)
    articles = filter_articles(corpus.articles, corpus.mentions, filters, corpus.quotes,
                               corpus.events)
    ids = list(articles["id"])
    mentions = filter_mentions(corpus.mentions, ids, filters)
    return Selection(
        filters=filters,
        articles=articles,
        mentions=mentions,
        actors=actor_counts(mentions, corpus.actors),
        events=filter_events(corpus.events, ids, filters, types),
        quotes=filter_quotes(corpus.quotes, ids, filters, types),
        actor_types=types,
    )


def table_for_export(corpus, table: str, filters: Filters | None = None) -> pd.DataFrame:
    """One of the five frames of lib.schema, filtered — what `python -m lib export` writes."""
    if table not in schema.COLUMNS:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(schema.COLUMNS)}")
    return getattr(select(corpus, filters), table)


# --------------------------------------------------------------------------------------
# Sidebar options


def actor_options(actors: pd.DataFrame, selected: Sequence[str] = (),
                  quotes: pd.DataFrame | None = None) -> dict[str, str]:
    """actor → "James Martin · person · 12" (mentions), most mentioned first. Speakers of quotes
    that no mention names are added with their number of quotes; selected actors the corpus
    does not know are kept (marked) so a shared URL never loses them."""
    out = {row.actor: f"{row.actor} · {row.actor_type} · {row.n_mentions}"
           for row in actors.sort_values(["n_mentions", "actor"], ascending=[False, True]).itertuples()}
    if quotes is not None and len(quotes):
        speakers = Counter(a for a in quotes["speaker_actor"] if a and a not in out)
        for name, n in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])):
            out[name] = f"{name} · speaker · {n} quote{'s' if n != 1 else ''}"
    for name in selected:
        out.setdefault(name, f"{name} · not in corpus")
    return out


def date_span(values: pd.Series) -> tuple[dt.date | None, dt.date | None]:
    values = pd.to_datetime(values, errors="coerce").dropna()
    if values.empty:
        return None, None
    return values.min().date(), values.max().date()


def choices(articles: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of an article column, most frequent first."""
    counts = Counter(v for v in articles[column] if v)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# --------------------------------------------------------------------------------------
# Tables shown by the views (and downloaded as CSV)


def article_link(article_id: str, filters: Filters | None = None, page: str = "articles") -> str:
    """A relative link to the article reader that keeps the filters: `articles?article=ID&…`."""
    return f"{page}?{(filters or Filters()).query_string(article=article_id)}"


def _article_info(articles: pd.DataFrame) -> pd.DataFrame:
    info = articles.set_index("id")[["title", "published", "source"]]
    return info[~info.index.duplicated()]


def _lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """`keys.map(mapping)` that keeps the mapping's dtype (also for no keys)."""
    mapping = mapping[~mapping.index.duplicated()]
    return pd.Series(mapping.reindex(keys.to_numpy()).to_numpy(), index=keys.index,
                     dtype=mapping.dtype if len(keys) else mapping.dtype)


def speaker_label(speaker_actor: str, speaker: str) -> str:
    """The speaker as shown: the actor, or "anonymous (eine Verteidigungsquelle)"."""
    if speaker_actor:
        return speaker_actor
    speaker = " ".join(str(speaker or "").split())
    return f"{ANONYMOUS} ({speaker})" if speaker else ANONYMOUS


def quote_table(sel: Selection, search: str = "", phrases: bool = False) -> pd.DataFrame:
    """speaker, quote, kind, article, date, source, cue, article_id, link — one row per quote;
    `search` keeps quotes whose text (or speaker) contains all its words (case-insensitive);
    quotes of kind "phrase" (scare quotes, titles no one is said to say) only with `phrases`."""
    q = sel.quotes
    if not phrases:
        q = q[q["kind"] != "phrase"]
    words = [w.casefold() for w in str(search or "").split()]
    if words:
        hay = (q["text"] + " " + q["speaker"] + " " + q["speaker_actor"]).str.casefold()
        mask = pd.Series(True, index=q.index)
        for w in words:
            mask &= hay.str.contains(w, regex=False)
        q = q[mask]
    info = _article_info(sel.articles)
    df = pd.DataFrame({
        "speaker": [speaker_label(a, s) for a, s in zip(q["speaker_actor"], q["speaker"])],
        "quote": q["text"].map(lambda t: " ".join(str(t).split())),
        "kind": q["kind"],
        "date": _lookup(q["article_id"], info["published"]),
        "article": _lookup(q["article_id"], info["title"]),
        "source": _lookup(q["article_id"], info["source"]),
        "cue": q["cue"],
        "anonymous": q["speaker_actor"].eq(""),
        "article_id": q["article_id"],
        "link": [article_link(a, sel.filters) for a in q["article_id"]],
    })
    df["date"] = df["date"].astype("datetime64[s]")
    return df.reset_index(drop=True)


def event_table(sel: Selection, include_publication_dated: bool = True) -> pd.DataFrame:
    """date_start, date_end, granularity, timex, actors, sentence, date_source, article, …"""
    ev = sel.events
    if not include_publication_dated:
        ev = ev[ev["date_source"] != "publication"]
    info = _article_info(sel.articles)
    df = pd.DataFrame({
        "date_start": ev["date_start"],
        "date_end": ev["date_end"],
        "granularity": ev["granularity"],
        "timex": ev["timex"],
        "value": ev["value"],
        "actors": ev["actors"].map(lambda names: ", ".join(names)),
        "sentence": ev["sentence"].map(lambda t: " ".join(str(t).split())),
        "date_source": ev["date_source"],
        "article": _lookup(ev["article_id"], info["title"]),
        "published": _lookup(ev["article_id"], info["published"]),
        "article_id": ev["article_id"],
        "link": [article_link(a, sel.filters) for a in ev["article_id"]],
    })
    df["published"] = df["published"].astype("datetime64[s]")
    return df.sort_values(["date_start", "article_id"], kind="stable", na_position="last").reset_index(drop=True)


def article_table(sel: Selection) -> pd.DataFrame:
    """One row per kept article with counts of its (filtered) findings."""
    a = sel.articles
    counts = {
        name: frame.groupby("article_id").size() if len(frame) else pd.Series(dtype="int64")
        for name, frame in (("mentions", sel.mentions), ("events", sel.events), ("quotes", sel.quotes))
    }
    df = pd.DataFrame({
        "title": a["title"], "published": a["published"], "source": a["source"],
        "language": a["language"], "n_words": a["n_words"],
        "mentions": a["id"].map(counts["mentions"]).fillna(0).astype("int64"),
        "events": a["id"].map(counts["events"]).fillna(0).astype("int64"),
        "quotes": a["id"].map(counts["quotes"]).fillna(0).astype("int64"),
        "pipeline": a["pipeline"], "url": a["url"], "path": a["path"], "article_id": a["id"],
        "link": [article_link(i, sel.filters) for i in a["id"]],
    })
    return df.reset_index(drop=True)


def mention_table(sel: Selection) -> pd.DataFrame:
    """The kept mentions with their article title."""
    info = _article_info(sel.articles)
    m = sel.mentions
    return pd.DataFrame({
        "actor": m["actor"], "actor_type": m["actor_type"], "text": m["text"], "form": m["form"],
        "label": m["label"], "sentence": m["sentence"].map(lambda t: " ".join(str(t).split())),
        "article": _lookup(m["article_id"], info["title"]), "article_id": m["article_id"],
        "start": m["start"], "end": m["end"],
        "link": [article_link(a, sel.filters) for a in m["article_id"]],
    }).reset_index(drop=True)


def overview(sel: Selection, report: pd.DataFrame | None = None) -> dict:
    """The numbers of the Overview page."""
    a = sel.articles
    first, last = date_span(a["published"])
    ev_first, _ = date_span(sel.events["date_start"])
    _, ev_last = date_span(sel.events["date_end"].fillna(sel.events["date_start"]))
    by_pipeline = (a.groupby(["pipeline", "language"]).size().rename("articles").reset_index()
                   .sort_values("articles", ascending=False, kind="stable").reset_index(drop=True)
                   if len(a) else pd.DataFrame(columns=["pipeline", "language", "articles"]))
    return {
        "articles": len(a),
        "sources": a["source"].replace("", pd.NA).nunique(),
        "languages": a["language"].replace("", pd.NA).nunique(),
        "words": int(a["n_words"].sum()),
        "first_published": first,
        "last_published": last,
        "undated_articles": int(a["published"].isna().sum()),
        "events": len(sel.events),
        "events_from_text": int((sel.events["date_source"] == "text").sum()),
        "first_event": ev_first,
        "last_event": ev_last,
        "quotes": len(sel.quotes),
        "anonymous_quotes": int((sel.quotes["speaker_actor"] == "").sum()),
        "actors": len(sel.actors),
        "mentions": len(sel.mentions),
        "by_pipeline": by_pipeline,
        "by_source": _value_counts(a["source"].replace("", "(unknown)"), "source"),
        "by_language": _value_counts(a["language"].replace("", "und"), "language"),
        "problems": 0 if report is None else len(report),
    }


def _value_counts(series: pd.Series, name: str) -> pd.DataFrame:
    vc = series.value_counts()
    return pd.DataFrame({name: list(vc.index), "articles": [int(v) for v in vc.values]})


# --------------------------------------------------------------------------------------
# Chart data


def timeline_frame(sel: Selection, rows: str = "actor", include_publication_dated: bool = True,
                   max_rows: int = 40) -> pd.DataFrame:
    """One bar per event (per actor when `rows="actor"`): row, start, end (exclusive, so a day
    is one day wide), granularity, timex, sentence, date_source, article."""
    ev = sel.events
    if not include_publication_dated:
        ev = ev[ev["date_source"] != "publication"]
    ev = ev[ev["date_start"].notna()]
    info = _article_info(sel.articles)
    cols = ["row", "start", "end", "granularity", "timex", "value", "sentence", "date_source",
            "article", "article_id", "actors"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    start = ev["date_start"]
    end = ev["date_end"].fillna(start)
    # date_end is the last day covered: draw to the end of that day (at least one day wide).
    end = end.where(end > start, start).dt.normalize() + pd.Timedelta(days=1)
    base = pd.DataFrame({
        "start": start, "end": end, "granularity": ev["granularity"], "timex": ev["timex"],
        "value": ev["value"],
        "sentence": ev["sentence"].map(lambda t: " ".join(str(t).split())),
        "date_source": ev["date_source"],
        "article": _lookup(ev["article_id"], info["title"]).fillna(""),
        "article_id": ev["article_id"],
        "actors": ev["actors"].map(lambda names: ", ".join(names)),
        "_names": ev["actors"],
    })
    if rows == "article":
        base["row"] = base["article"].where(base["article"] != "", base["article_id"])
    else:
        base["_names"] = base["_names"].map(lambda names: list(names) or ["(no actor)"])
        base = base.explode("_names")
        base["row"] = base["_names"]
        if sel.filters.actors:
            chosen = set(sel.filters.actors)
            base = base[base["row"].isin(chosen)]
    order = base["row"].value_counts()
    keep = set(order.index[:max_rows])
    base = base[base["row"].isin(keep)]
    out = base[cols].sort_values(["start", "row"], kind="stable").reset_index(drop=True)
    out.attrs["rows_total"] = int(order.size)  # before keeping the `max_rows` busiest rows
    return out


def mentions_over_time(sel: Selection, actors: Sequence[str] = (), top: int = 8,
                       freq: str | None = None) -> pd.DataFrame:
    """Mentions per publication period: period, actor, mentions (long format).

    `actors` defaults to the selected actors, else the `top` most mentioned. `freq` ("D", "W",
    "MS") defaults to days, weeks or months depending on the span of publication dates."""
    m = sel.mentions
    pub = _lookup(m["article_id"], sel.articles.set_index("id")["published"])
    df = pd.DataFrame({"actor": m["actor"], "published": pub}).dropna(subset=["published"])
    names = list(actors) or list(sel.filters.actors) or list(sel.actors["actor"].head(top))
    df = df[df["actor"].isin(names)]
    if df.empty:
        return pd.DataFrame(columns=["period", "actor", "mentions"])
    if freq is None:
        span = (df["published"].max() - df["published"].min()).days
        freq = "D" if span <= 62 else "W" if span <= 730 else "MS"
    df["period"] = df["published"].dt.to_period({"D": "D", "W": "W", "MS": "M"}.get(freq, "D")).dt.start_time
    out = df.groupby(["period", "actor"]).size().rename("mentions").reset_index()
    return out.sort_values(["period", "actor"], kind="stable").reset_index(drop=True)


def cooccurrence_edges(mentions: pd.DataFrame, level: str = "sentence") -> pd.DataFrame:
    """actor_a, actor_b, count: how often two actors appear in the same sentence (or article)."""
    if mentions.empty:
        return pd.DataFrame(columns=["actor_a", "actor_b", "count"])
    keys = ["article_id", "sent_index"] if level == "sentence" else ["article_id"]
    counter: Counter = Counter()
    for _, names in mentions.groupby(keys)["actor"]:
        for a, b in combinations(sorted(set(names)), 2):
            counter[(a, b)] += 1
    rows = [(a, b, n) for (a, b), n in counter.items()]
    df = pd.DataFrame(rows, columns=["actor_a", "actor_b", "count"])
    return df.sort_values(["count", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(drop=True)


def _top_cooccurring(edges: pd.DataFrame, top: int, actors: Sequence[str]) -> tuple[list[str], Counter]:
    """The `top` actors by number of co-occurrences (the `actors` asked for first, always
    kept), and every actor's number of co-occurrences."""
    weight: Counter = Counter()
    for a, b, n in edges.itertuples(index=False):
        weight[a] += n
        weight[b] += n
    names = [a for a in actors if a in weight]
    names += [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0])) if a not in names]
    return names[:max(top, len(actors))], weight


def cooccurrence_network(mentions: pd.DataFrame, level: str = "sentence", top: int = 25,
                         actors: Sequence[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the co-occurrence network over the `top` actors (`actors` always
    included): nodes = actor, actor_type, together (co-occurrences with anyone), n_mentions;
    edges = actor_a, actor_b, count between two of those actors."""
    node_cols = ["actor", "actor_type", "together", "n_mentions"]
    edges = cooccurrence_edges(mentions, level)
    if edges.empty:
        return pd.DataFrame(columns=node_cols), edges
    names, weight = _top_cooccurring(edges, top, actors)
    keep = set(names)
    edges = edges[edges["actor_a"].isin(keep) & edges["actor_b"].isin(keep)].reset_index(drop=True)
    m = mentions[mentions["actor"].isin(keep)]
    types = m.groupby("actor")["actor_type"].agg(lambda t: t.mode().iat[0] if len(t) else "")
    counts = m.groupby("actor").size()
    nodes = pd.DataFrame({"actor": names,
                          "actor_type": [types.get(a, "") for a in names],
                          "together": [int(weight[a]) for a in names],
                          "n_mentions": [int(counts.get(a, 0)) for a in names]})
    return nodes, edges


def cooccurrence(mentions: pd.DataFrame, level: str = "sentence", top: int = 15,
                 actors: Sequence[str] = ()) -> pd.DataFrame:
    """A symmetric actor × actor matrix of co-occurrence counts over the `top` actors (by number
    of co-occurrences); `actors` are always included."""
    edges = cooccurrence_edges(mentions, level)
    if edges.empty:
        return pd.DataFrame()
    names, _ = _top_cooccurring(edges, top, actors)
    matrix = pd.DataFrame(0, index=names, columns=names, dtype="int64")
    for a, b, n in edges.itertuples(index=False):
        if a in matrix.index and b in matrix.index:
            matrix.loc[a, b] += n
            matrix.loc[b, a] += n
    return matrix


def places(sel: Selection, coordinates: Callable[[str], tuple[float, float] | None]) -> pd.DataFrame:
    """actor, actor_type, lat, lon, n_mentions, n_articles for the actors the gazetteer places."""
    rows = []
    for row in sel.actors.itertuples():
        try:
            where = coordinates(row.actor)
        except Exception:  # a gazetteer problem must not break the view
            where = None
        if where:
            lat, lon = where
            rows.append({"actor": row.actor, "actor_type": row.actor_type, "lat": float(lat),
                         "lon": float(lon), "n_mentions": row.n_mentions, "n_articles": row.n_articles})
    return pd.DataFrame(rows, columns=["actor", "actor_type", "lat", "lon", "n_mentions", "n_articles"])


# --------------------------------------------------------------------------------------
# The article reader

# Priority where spans overlap: a name inside a quote is shown as a name.
_PRIORITY = {"actor": 3, "time": 2, "quote": 1}


def article_segments(text: str, mentions: pd.DataFrame | None = None,
                     events: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                     ) -> list[tuple[str, str | None, str]]:
    """Split `text` into (segment, kind, note): kind is "actor", "time", "quote" or None.

    Overlapping spans are resolved per character (actor over time over quote); segments never
    cross a line break, so each line can be rendered on its own.
    """
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
            paint(m.start, m.end, "actor", f"{m.actor} ({m.actor_type})")
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&\"'^%])")


def escape_markdown(text: str) -> str:
    """Escape every character Markdown (or Streamlit's directives `:color[…]`, `$…$`) could
    interpret, so the text shows literally. HTML is never rendered by st.markdown anyway."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


_STYLE = {"actor": ":blue-background[**{}**]", "time": ":green-background[{}]",
          "quote": ":orange-background[*{}*]"}


def highlighted_markdown(segments: Iterable[tuple[str, str | None, str]]) -> str:
    """Markdown for the reader: escaped text with highlighted spans, lines as paragraphs."""
    out: list[str] = []
    for seg, k, _ in segments:
        if seg == "\n":
            out.append("\n\n")
            continue
        stripped = seg.strip()
        if not stripped:
            out.append(seg)
            continue
        if k is None:
            out.append(escape_markdown(seg))
            continue
        lead = seg[: len(seg) - len(seg.lstrip())]
        trail = seg[len(seg.rstrip()):]
        out.append(lead + _STYLE[k].format(escape_markdown(stripped)) + trail)
    return "".join(out)


@dataclass
class ArticleDetail:
    """One article for the reader: its row, text, and findings (all of them, not filtered)."""
    article: pd.Series
    text: str
    in_selection: bool
    mentions: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    _raw: dict = field(default_factory=dict, repr=False)

    def segments(self, layers: Iterable[str] = ("actors", "time expressions", "quotes")):
        layers = set(layers or ())
        return article_segments(
            self.text,
            self._raw["mentions"] if "actors" in layers else None,
            self._raw["events"] if "time expressions" in layers else None,
            self._raw["quotes"] if "quotes" in layers else None,
        )

    @property
    def title(self) -> str:
        """The title as escaped Markdown."""
        return escape_markdown(self.article["title"] or "(untitled)")

    @property
    def byline(self) -> str:
        """Date · source · language · words · pipeline, as escaped Markdown."""
        a = self.article
        published = a["published"].date().isoformat() if pd.notna(a["published"]) else "date unknown"
        parts = [published, a["source"] or "source unknown", a["language"],
                 f"{a['n_words']} words", a["pipeline"]]
        return " · ".join(escape_markdown(str(p)) for p in parts if p)

    @property
    def url(self) -> str:
        return safe_url(self.article["url"])

    def markdown(self, layers: Iterable[str] = ("actors", "time expressions", "quotes")) -> str:
        """The article as escaped Markdown with the chosen layers highlighted."""
        return highlighted_markdown(self.segments(layers))


def safe_url(url: str) -> str:
    """`url` when it is an http(s) link, else "" (no `javascript:` or `data:` links)."""
    url = str(url or "").strip()
    return url if re.match(r"(?i)^https?://[^\s]+$", url) else ""


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
    return ArticleDetail(
        article=article,
        text=corpus.text(article["id"]),
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
        _raw={"mentions": mentions, "events": events, "quotes": quotes},
    )
