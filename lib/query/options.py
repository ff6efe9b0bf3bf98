"""Choices the sidebar offers: actors with their counts, date spans, sources, languages."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import pandas as pd


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
