"""The five frames of the data layer: their columns, in order, and their dtypes.

Every module that builds or reads a frame takes the column lists from here, so that the
views, the cache, the CSV extracts and outside evaluation agree on one shape.

Offsets (`start`, `end`, `speaker_start`, …) are character offsets into the article's
cleaned text (for `annotate_text`: into the text it was given).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ARTICLE_COLUMNS = [
    "id", "title", "published", "source", "url", "language", "path", "n_words", "pipeline",
    "n_pages",
]
# n_pages: the number of pages of a PDF (0: a file without pages, i.e. anything but a PDF)
MENTION_COLUMNS = [
    "article_id", "start", "end", "text", "label", "actor", "actor_type", "sentence",
    "sent_index", "form",
]
# actor: the name shown (a display label in the reader's language, lib/query/labels.py);
# actor_id: the canonical id (the gazetteer id, or the name the annotation found)
ACTOR_COLUMNS = ["actor", "actor_type", "aliases", "n_mentions", "n_articles", "actor_id"]
EVENT_COLUMNS = [
    "article_id", "sentence", "start", "end", "timex", "value", "date_start", "date_end",
    "granularity", "actors", "date_source", "sent_index",
]
QUOTE_COLUMNS = [
    "article_id", "start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end",
    "cue", "speaker_actor", "speaker_for", "page",
]
# page: the PDF page (1-based) the quote starts on, 0 for an article without pages; set when
# the corpus is assembled from the article's page starts (lib/ingest/documents.py), not cached

# columns filled in when a corpus is assembled (from the loaded articles), never from the
# annotation cache: not stored there, and a cache written before they existed stays valid
ASSEMBLED = {"page"}

COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "events": EVENT_COLUMNS,
    "quotes": QUOTE_COLUMNS,
}

# Mention labels (what kind of name) and actor types (what kind of actor).
LABELS = ("PER", "ORG", "LOC", "MISC")
ACTOR_TYPES = ("person", "organisation", "country", "place", "other")
# How a mention names its actor: the name itself, a derived adjective (ukrainischen),
# a prefix (US-Verteidigungsminister) or a part of a compound (Nato-Konferenz).
FORMS = ("name", "derived", "prefix", "part")
# the forms that make and count an actor (a compound part or an adjective alone does not)
COUNTED_FORMS = ("name",)

_INT_COLUMNS = {"start", "end", "sent_index", "n_words", "n_mentions", "n_articles", "n_pages",
                "page"}
_NULLABLE_INT_COLUMNS = {"speaker_start", "speaker_end"}
_DATE_COLUMNS = {"published", "date_start", "date_end"}
_LIST_COLUMNS = {"aliases", "actors"}
# The evidence sentence repeats on every mention/event of the sentence: stored once per sentence
# (one shared string in a frame, dictionary-encoded in parquet), never copied per row.
_SHARED_COLUMNS = {"sentence"}


def frame(table: str, records: list[dict] | None = None) -> pd.DataFrame:
    """A frame for `table` with exactly its columns and dtypes, from a list of records.

    Missing keys become empty values; extra keys are dropped.
    """
    columns = COLUMNS[table]
    records = records or []
    # object columns from the start: a sentence string shared by many rows stays one object
    df = pd.DataFrame({c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns},
                      columns=columns)
    return coerce(table, df)


def coerce(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Bring a frame (e.g. read back from a cache) to the canonical column order and dtypes."""
    columns = COLUMNS[table]
    df = df.reindex(columns=columns)
    for col in columns:
        if col in _DATE_COLUMNS:
            df[col] = _dates(df[col])
        elif col in _INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).astype("int64")
        elif col in _NULLABLE_INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif col in _LIST_COLUMNS:
            df[col] = df[col].map(_as_list)
        elif col in _SHARED_COLUMNS:
            shared: dict[str, str] = {}     # equal sentences become one object (read back
            df[col] = pd.Series([shared.setdefault(s, s) for s in map(_as_str, df[col])],
                                index=df.index, dtype=object)   # from a cache: one per row)
        else:
            df[col] = pd.Series([_as_str(v) for v in df[col]], index=df.index, dtype=object)
    return df.reset_index(drop=True)


def _dates(values: pd.Series) -> pd.Series:
    """Dates as datetime64[s]: second resolution reaches back before 1677 (history articles
    name the year 1500), which nanoseconds cannot; what is not a date becomes NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[s]")
    out = pd.to_datetime(values.map(_as_timestamp_input), errors="coerce")
    return out.astype("datetime64[s]")


def _as_timestamp_input(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return value


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, float) and pd.isna(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _as_str(value):
    if value is None:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    return str(value)


@dataclass
class Frames:
    """The frames of one corpus or of a part of it: what `lib.annotate.Corpus` (a whole corpus)
    and `lib.query.Selection` (the part that a set of filters keeps) have in common."""
    articles: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
