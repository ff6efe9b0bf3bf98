"""Choices the sidebar offers: actors with their counts, date spans, sources, languages."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from . import memo

MAX_ALIASES = 2  # other names shown with an actor in the sidebar's list


def actor_aliases(actor: str, aliases) -> list[str]:
    """The other names of `actor` worth showing (so typing one finds the actor): names the actor's
    own name does not contain and that neither contain it nor extend one of its words ("Blairs"),
    without compounds ("Nato-Gipfel"), shortest first, at most MAX_ALIASES."""
    if aliases is None or len(aliases) == 0 or (len(aliases) == 1 and aliases[0] == actor):
        return []                 # the common case at scale: an actor known by its name alone
    name = actor.casefold()
    seen: set[str] = set()
    out = []
    for alias in sorted((str(a) for a in (aliases if aliases is not None else ()) if a),
                        key=lambda a: (len(a), a)):
        key = alias.casefold()
        inflected = any(key.startswith(w) for w in name.split() if len(w) >= 3)  # Blairs
        if key in seen or key in name or name in key or inflected or "-" in alias or len(alias) < 3:
            continue
        seen.add(key)
        out.append(alias)
    return out[:MAX_ALIASES]


def actor_options(actors: pd.DataFrame, selected: Sequence[str] = (),
                  quotes: pd.DataFrame | None = None) -> dict[str, str]:
    """actor → its label in the sidebar's actor list: "Tony Blair (68)" (mentions), with other
    names it goes by, "Teheran (3) · Tehran"; most mentioned first. Short, so a chosen actor's
    chip shows the name uncut, and with the other names, so the list's search (the labels
    contain the typed text) finds an actor by any of them. Speakers of quotes that no mention
    names are added with their number of quotes; selected actors the corpus does not know are
    kept (marked) so a shared URL never loses them."""
    out = dict(memo.cached((actors, quotes), "actor_options", lambda: _options(actors, quotes)))
    for name in selected:
        out.setdefault(name, f"{name} (not in corpus)")
    return out


def _options(actors: pd.DataFrame, quotes: pd.DataFrame | None) -> dict[str, str]:
    """The labels of `actor_options` for the corpus (computed once per pair of frames)."""
    out = {}
    ordered = actors.sort_values(["n_mentions", "actor"], ascending=[False, True])
    has_aliases = "aliases" in ordered.columns
    for actor, n, aliases in zip(ordered["actor"].tolist(), ordered["n_mentions"].tolist(),
                                 ordered["aliases"].tolist() if has_aliases
                                 else [None] * len(ordered)):
        other = actor_aliases(actor, aliases)
        out[actor] = f"{actor} ({n})" + (" · " + ", ".join(other) if other else "")
    if quotes is not None and len(quotes):
        counts = quotes["speaker_actor"].value_counts(sort=False)    # one pass over the quotes
        speakers = {a: int(n) for a, n in counts.items()
                    if n and isinstance(a, str) and a and a not in out}
        for name, n in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])):
            out[name] = f"{name} ({n} quote{'s' if n != 1 else ''})"
    return out


def date_span(values: pd.Series) -> tuple[dt.date | None, dt.date | None]:
    values = pd.to_datetime(values, errors="coerce").dropna()
    if values.empty:
        return None, None
    return values.min().date(), values.max().date()


def spans(corpus) -> tuple[tuple, tuple]:
    """(first, last) event date (of starts and ends) and (first, last) publication date of
    `corpus`, once per pair of frames (the sidebar shows them on every run of every page)."""
    return memo.cached((corpus.events, corpus.articles), "spans", lambda: (
        date_span(pd.concat([corpus.events["date_start"], corpus.events["date_end"]])),
        date_span(corpus.articles["published"])))


def choices(articles: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of an article column, most frequent first (once per
    articles frame and column: a new list each call, the caller may change it)."""
    def build() -> list[str]:
        counts = articles[column].value_counts(sort=False)      # one pass over the column
        counts = {str(v): int(n) for v, n in counts.items() if isinstance(v, str) and v and n}
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    return list(memo.cached((articles,), ("choices", column), build))
