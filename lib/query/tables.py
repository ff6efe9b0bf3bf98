"""The tables the views show and download as CSV, and the Overview's numbers."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .filters import ANONYMOUS, Selection, article_positions
from .options import date_span


def _article_info(articles: pd.DataFrame) -> pd.DataFrame:
    info = articles.set_index("id")[["title", "published", "source"]]
    return info[~info.index.duplicated()]


def _lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """`keys.map(mapping)` that keeps the mapping's dtype (also for no keys)."""
    mapping = mapping[~mapping.index.duplicated()]
    return pd.Series(mapping.reindex(keys.to_numpy()).to_numpy(), index=keys.index,
                     dtype=mapping.dtype if len(keys) else mapping.dtype)


def _actor_ids(sel: Selection) -> dict[str, str]:
    """Shown actor name → its canonical id (the gazetteer id), from the selection's actor table."""
    if "actor_id" not in sel.actors.columns:
        return {}
    return {a: i for a, i in zip(sel.actors["actor"], sel.actors["actor_id"]) if i}


def speaker_label(speaker_actor: str, speaker: str) -> str:
    """The speaker as shown: the actor, or "anonymous (eine Verteidigungsquelle)"."""
    if speaker_actor:
        return speaker_actor
    speaker = " ".join(str(speaker or "").split())
    return f"{ANONYMOUS} ({speaker})" if speaker else ANONYMOUS


def quote_table(sel: Selection, search: str = "", phrases: bool = False) -> pd.DataFrame:
    """speaker, quote, kind, article, date, source, cue, article_id — one row per quote;
    `search` keeps quotes whose text (or speaker) contains all its words (case-insensitive);
    quotes of kind "phrase" (scare quotes, titles no one is said to say) only with `phrases`."""
    q = sel.quotes
    if not phrases:
        q = q[q["kind"] != "phrase"]
    words = [w.casefold() for w in str(search or "").split()]
    if words:
        hay = (q["text"].astype(str) + " " + q["speaker"].astype(str) + " "
               + q["speaker_actor"].astype(str)).str.casefold()
        mask = pd.Series(True, index=q.index)
        for w in words:
            mask &= hay.str.contains(w, regex=False)
        q = q[mask]
    info = _article_info(sel.articles)
    ids = _actor_ids(sel)
    df = pd.DataFrame({
        "speaker": [speaker_label(a, s) for a, s in zip(q["speaker_actor"], q["speaker"])],
        "quote": q["text"].map(lambda t: " ".join(str(t).split())),
        "kind": q["kind"],
        "date": _lookup(q["article_id"], info["published"]),
        "article": _lookup(q["article_id"], info["title"]),
        "source": _lookup(q["article_id"], info["source"]),
        "cue": q["cue"],
        # the page of a PDF the quote starts on; empty (unknown) for other formats
        "page": (q["page"].map(lambda n: str(int(n)) if pd.notna(n) and n > 0 else "")
                 if "page" in q.columns else pd.Series("", index=q.index)),
        "anonymous": q["speaker_actor"].eq(""),
        "speaker_id": [ids.get(a, a) for a in q["speaker_actor"]],
        "article_id": q["article_id"],
    })
    df["date"] = df["date"].astype("datetime64[s]")
    return df.reset_index(drop=True)


def event_table(sel: Selection, include_publication_dated: bool = True) -> pd.DataFrame:
    """date_start, date_end, granularity, timex, actors, sentence, date_source, article, …"""
    ev = sel.events
    if not include_publication_dated:
        ev = ev[ev["date_source"] != "publication"]
    info = _article_info(sel.articles)
    ids = _actor_ids(sel)
    df = pd.DataFrame({
        "date_start": ev["date_start"],
        "date_end": ev["date_end"],
        "granularity": ev["granularity"],
        "timex": ev["timex"],
        "value": ev["value"],
        "actors": ev["actors"].map(lambda names: ", ".join(names)),
        "actor_ids": ev["actors"].map(lambda names: ", ".join(ids.get(n, n) for n in names)),
        "sentence": ev["sentence"].map(lambda t: " ".join(str(t).split())),
        "date_source": ev["date_source"],
        "article": _lookup(ev["article_id"], info["title"]),
        "published": _lookup(ev["article_id"], info["published"]),
        "article_id": ev["article_id"],
    })
    df["published"] = df["published"].astype("datetime64[s]")
    return df.sort_values(["date_start", "article_id"], kind="stable", na_position="last").reset_index(drop=True)


def _per_article(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """How many rows of `frame` each of `articles` has (0 for none), indexed like `articles`:
    counted by each row's article position (lib.query.filters), not by mapping ids."""
    pos = article_positions(frame, articles) if len(frame) else np.zeros(0, dtype=np.int64)
    if pos is None:
        counts = frame.groupby("article_id").size()
        return articles["id"].map(counts).fillna(0).astype("int64")
    return pd.Series(np.bincount(pos[pos >= 0], minlength=len(articles)).astype("int64"),
                     index=articles.index)


def article_table(sel: Selection) -> pd.DataFrame:
    """One row per kept article with counts of its (filtered) findings."""
    a = sel.articles
    counts = {name: _per_article(frame, a) for name, frame in
              (("mentions", sel.mentions), ("events", sel.events), ("quotes", sel.quotes))}
    df = pd.DataFrame({
        "title": a["title"], "published": a["published"], "source": a["source"],
        "language": a["language"], "n_words": a["n_words"],
        "mentions": counts["mentions"], "events": counts["events"], "quotes": counts["quotes"],
        "pipeline": a["pipeline"], "url": a["url"], "path": a["path"], "article_id": a["id"],
    })
    return df.reset_index(drop=True)


def mention_table(sel: Selection) -> pd.DataFrame:
    """The kept mentions with their article title."""
    info = _article_info(sel.articles)
    ids = _actor_ids(sel)
    m = sel.mentions
    return pd.DataFrame({
        "actor": m["actor"], "actor_id": [ids.get(a, a) for a in m["actor"]],
        "actor_type": m["actor_type"], "text": m["text"], "form": m["form"],
        "label": m["label"], "sentence": m["sentence"].map(lambda t: " ".join(str(t).split())),
        "article": _lookup(m["article_id"], info["title"]), "article_id": m["article_id"],
        "start": m["start"], "end": m["end"],
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
    is_phrase = sel.quotes["kind"] == "phrase"
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
        # as the Quotes page counts them: phrases (scare quotes, titles) apart
        "quotes": int((~is_phrase).sum()),
        "anonymous_quotes": int(((sel.quotes["speaker_actor"] == "") & ~is_phrase).sum()),
        "phrases": int(is_phrase.sum()),
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
