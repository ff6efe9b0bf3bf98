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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import chain
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from .. import schema
from . import memo, vector
from .counts import actor_counts

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
# The dates a filter can hold: the frames keep dates as pandas timestamps (nanoseconds), which
# span 1677-09-21 … 2262-04-11. A URL date outside this range is dropped with a notice.
MIN_DATE, MAX_DATE = dt.date(1678, 1, 1), dt.date(2261, 12, 31)
_DATE_FIELDS = ("event_from", "event_to", "published_from", "published_to")


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
    """The date of `value` (YYYY-MM-DD…), or None when it is no date or out of range."""
    date, _ = _check_date(value)
    return date


def _check_date(value) -> tuple[dt.date | None, str]:
    """(date, "") for a date a filter can hold, else (None, why not)."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        text = str(value).strip()
        try:    # a day, or a day with a valid time ("2022-10-01T12:30"), nothing else
            value = (dt.date.fromisoformat(text) if len(text) <= 10
                     else dt.datetime.fromisoformat(text).date())
        except ValueError:
            return None, "not a date (YYYY-MM-DD)"
    if not MIN_DATE <= value <= MAX_DATE:
        return None, f"outside the dates the dashboard can filter ({MIN_DATE} – {MAX_DATE})"
    return value, ""


def _shown(value: str, limit: int = 60) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_params(params: Mapping) -> tuple[Filters, list[str]]:
    """Filters from query parameters, and a plain-text notice for every value dropped
    (`published_from=0001-01-01: outside the dates …`, `type=<script>: unknown actor type`).

    Callers show the notices escaped (they are plain text, not Markdown)."""
    kwargs: dict = {}
    notices: list[str] = []
    for f in fields(Filters):
        name = PARAMS[f.name]
        values = _values(params, name)
        if f.name in _DATE_FIELDS:
            date = None
            for i, value in enumerate(values):
                if i == 0:
                    date, why = _check_date(value)
                else:
                    why = "only the first value is used"
                if why:
                    notices.append(f"{name}={_shown(value)}: {why}")
            kwargs[f.name] = date
        else:
            if f.name == "actor_types":
                for value in values:
                    if value not in schema.ACTOR_TYPES:
                        notices.append(f"{name}={_shown(value)}: unknown actor type (one of "
                                       f"{', '.join(schema.ACTOR_TYPES)})")
            kwargs[f.name] = tuple(values)
    for lo, hi in (("event_from", "event_to"), ("published_from", "published_to")):
        if kwargs[lo] and kwargs[hi] and kwargs[lo] > kwargs[hi]:
            notices.append(f"{PARAMS[hi]}={kwargs[hi]} is before {PARAMS[lo]}={kwargs[lo]}: "
                           "the two are swapped")
            kwargs[lo], kwargs[hi] = kwargs[hi], kwargs[lo]
    return Filters(**kwargs), notices


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
            if value is not None:  # a date out of range would overflow pandas: dropped
                object.__setattr__(self, name, _parse_date(value))
        object.__setattr__(
            self, "actor_types", tuple(t for t in self.actor_types if t in schema.ACTOR_TYPES))

    @classmethod
    def from_params(cls, params: Mapping) -> Filters:
        """Filters from query parameters (a dict of str or list of str, or `st.query_params`).

        Unknown parameters are ignored; malformed or out-of-range dates (see MIN_DATE,
        MAX_DATE) and unknown actor types are dropped — `parse_params` also says which.
        """
        return parse_params(params)[0]

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
class Selection(schema.Frames):
    """The frames that match a set of filters."""
    filters: Filters
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
    """actor -> type: the actor table's, else the last type its mentions carry (one dict per
    pair of frames, kept while they live: a 100k-article corpus has 1.5 million mentions)."""
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        if mentions is not None and len(mentions):
            pairs = mentions[["actor", "actor_type"]].drop_duplicates("actor", keep="last")
            out.update(vector.pairs(pairs["actor"], pairs["actor_type"]))
        if actors is not None and len(actors):
            out.update(vector.pairs(actors["actor"], actors["actor_type"]))
        return out

    return memo.cached((actors, mentions), "type_map", build)


def _flat_actors(events: pd.DataFrame) -> tuple[np.ndarray, pd.Series]:
    """The actors of every event in one column: (row of the event, actor name), built once per
    events frame (the frames of a corpus live as long as it does)."""
    def build():
        lists = [x if isinstance(x, (list, tuple, np.ndarray)) else ()
                 for x in events["actors"].to_numpy()]
        lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        rows = np.repeat(np.arange(len(lists)), lengths)
        names = pd.Series(list(chain.from_iterable(lists)), dtype=object)
        known = names.notna().to_numpy()
        # categorical: a test per distinct name, not per row (1.5 million rows at 100k articles)
        return rows[known], names[known].astype("category").reset_index(drop=True)

    return memo.cached((events,), "flat_actors", build)


def _events_with(events: pd.DataFrame, hit) -> np.ndarray:
    """A mask of the events with at least one actor for which `hit(names)` (a vectorised
    test over a Series of actor names) is true."""
    rows, names = _flat_actors(events)
    mask = np.zeros(len(events), dtype=bool)
    if len(names):
        mask[rows[np.asarray(hit(names), dtype=bool)]] = True
    return mask


def _kept(df: pd.DataFrame, keep) -> pd.DataFrame:
    """The rows of `df` where `keep`; `df` itself when that is every row (frames are shared
    read-only: no copy of a million rows for a filter that keeps them all)."""
    keep = np.asarray(keep, dtype=bool)
    if keep.all() and isinstance(df.index, pd.RangeIndex) and df.index.start == 0 \
            and df.index.step == 1:
        return df
    return df[keep].reset_index(drop=True)


class KeptArticles:
    """The articles a filter keeps, as a mask over the corpus's articles: the other frames find
    their rows by each row's article position (computed once per frame), not by looking up a
    set of ids in a million rows. Iterating gives the kept ids, as a list of ids would."""

    def __init__(self, articles: pd.DataFrame, mask: np.ndarray):
        self.articles, self.mask = articles, np.asarray(mask, dtype=bool)

    def __iter__(self):
        return iter(self.articles["id"][self.mask].tolist())


def _id_index(articles: pd.DataFrame) -> pd.Index | None:
    """The articles' ids as an index (None when not unique), once per articles frame."""
    def build():
        index = pd.Index(np.asarray(articles["id"], dtype=object))
        return index if index.is_unique else None

    return memo.cached((articles,), "id_index", build)


def article_positions(df: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray | None:
    """The position in `articles` of each row's article (-1: none), or None when article ids
    are not unique."""
    def build():
        index = _id_index(articles)
        if index is None:
            return None
        column = df["article_id"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            # each distinct id looked up once (by Arrow), the rows by their codes (-1: no id)
            at = vector.positions(column.cat.categories, articles["id"])
            codes = column.cat.codes.to_numpy()
            return np.where(codes >= 0, np.append(at, -1)[codes], -1)
        return index.get_indexer(np.asarray(column, dtype=object))

    return memo.cached((df, articles), "article_positions", build)


def _in_articles(df: pd.DataFrame, article_ids) -> np.ndarray:
    """A mask of the rows of `df` whose article is among `article_ids` (ids or KeptArticles)."""
    if isinstance(article_ids, KeptArticles):
        pos = article_positions(df, article_ids.articles)
        if pos is not None:
            return (pos >= 0) & article_ids.mask[np.where(pos >= 0, pos, 0)]
    return vector.isin(df["article_id"], set(article_ids))


def _article_mask(articles: pd.DataFrame, mentions: pd.DataFrame, filters: Filters,
                  quotes: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                  ) -> np.ndarray:
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
    keep = keep.fillna(False).to_numpy(dtype=bool)
    if filters.actors:
        chosen = list(filters.actors)
        named = np.zeros(len(articles), dtype=bool)
        ids: set[str] = set()
        for df, hit in ((mentions, lambda: vector.isin(mentions["actor"], chosen)),
                        (quotes, lambda: vector.isin(quotes["speaker_actor"], chosen)),
                        (events, lambda: _events_with(events, lambda n: n.isin(chosen)))):
            if df is None or not len(df):
                continue
            rows = hit()
            pos = article_positions(df, articles)
            if pos is None:
                ids |= set(df["article_id"][rows].tolist())
            else:
                found = pos[rows]
                named[found[found >= 0]] = True
        if ids:
            named |= vector.isin(articles["id"], ids)
        keep = keep & named
    return keep


def filter_articles(articles: pd.DataFrame, mentions: pd.DataFrame, filters: Filters,
                    quotes: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                    ) -> pd.DataFrame:
    """The articles that pass the publication-date, source, language and actor filters.

    An article "mentions" an actor when a mention, a quote's speaker or an event names it."""
    return _kept(articles, _article_mask(articles, mentions, filters, quotes, events))


def _narrows_articles(filters: Filters) -> bool:
    return bool(filters.sources or filters.languages or filters.published_from
                or filters.published_to or filters.actors)


def filter_mentions(mentions: pd.DataFrame, article_ids: Iterable[str], filters: Filters) -> pd.DataFrame:
    """The mentions in the kept articles, of the chosen actor types."""
    keep = pd.Series(_in_articles(mentions, article_ids) if _narrows_articles(filters)
                     else True, index=mentions.index)
    if filters.actor_types:
        keep &= mentions["actor_type"].isin(filters.actor_types)
    return _kept(mentions, keep)


def filter_events(events: pd.DataFrame, article_ids: Iterable[str], filters: Filters,
                  actor_types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The events in the kept articles that involve a selected actor (of a chosen type) and
    overlap the event date range."""
    keep = pd.Series(_in_articles(events, article_ids) if _narrows_articles(filters)
                     else True, index=events.index)
    if filters.event_from or filters.event_to:
        start, end = events["date_start"], events["date_end"].fillna(events["date_start"])
        dated = start.notna()
        if filters.event_from:
            keep &= dated & (end >= _day(filters.event_from))
        if filters.event_to:
            keep &= dated & (start <= _day(filters.event_to, end=True))
    if filters.actors:
        chosen = list(filters.actors)
        keep &= _events_with(events, lambda n: n.isin(chosen))
    if filters.actor_types:
        types, wanted = actor_types or {}, set(filters.actor_types)
        keep &= _events_with(events, lambda n: n.map(types).isin(wanted))
    return _kept(events, keep.fillna(False).astype(bool))


def filter_quotes(quotes: pd.DataFrame, article_ids: Iterable[str], filters: Filters,
                  actor_types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The quotes in the kept articles whose speaker is a selected actor (of a chosen type)."""
    keep = pd.Series(_in_articles(quotes, article_ids) if _narrows_articles(filters)
                     else True, index=quotes.index)
    if filters.actors:
        keep &= vector.isin(quotes["speaker_actor"], filters.actors)
    if filters.actor_types:
        types, wanted = actor_types or {}, set(filters.actor_types)
        keep &= quotes["speaker_actor"].map(types).isin(wanted)
    return _kept(quotes, keep.astype(bool))


def select(corpus, filters: Filters | None = None, aliases=None) -> Selection:
    """The one query every view runs: all frames of `corpus` narrowed by `filters`.

    `corpus` is anything with the frames `articles`, `mentions`, `actors`, `events`, `quotes`
    (a `lib.Corpus`). `aliases`: the analyst's alias rules (lib.query.aliases) applied first.
    """
    filters = filters or Filters()
    if aliases:
        from .aliases import apply
        corpus = apply(corpus, list(aliases))
    types = _type_map(corpus.actors, corpus.mentions)
    mask = _article_mask(corpus.articles, corpus.mentions, filters, corpus.quotes, corpus.events)
    articles = _kept(corpus.articles, mask)
    ids = KeptArticles(corpus.articles, mask)
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


def table_for_export(corpus, table: str, filters: Filters | None = None,
                     aliases=None) -> pd.DataFrame:
    """One of the five frames of lib.schema, filtered — what `python -m lib export` writes."""
    if table not in schema.COLUMNS:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(schema.COLUMNS)}")
    return getattr(select(corpus, filters, aliases), table)
