"""One article: the record and its load report, the one cleaning of its text, its id and
title, and the mapping of metadata field names (shared by every format)."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .dates import MAX_YEAR, MIN_YEAR, find_dateline, parse_date, upload_date, year_hint
from .language import UNKNOWN_LANGUAGE, detect_language, normalise_language

log = logging.getLogger(__name__)


# Accepted field names, in order of preference; matched after lower-casing and removing
# "_", "-", " " (so "publication_date", "Publication Date" and "publicationdate" all match).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "fulltext", "articletext",
             "bodytext"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date", "publication_date", "pubdate", "datetime",
                  "published_at", "publishedat", "publish_date", "date_published",
                  "publication_time", "published_time"),
    "source": ("source", "publisher", "sitename", "site_name", "outlet", "source_name",
               "medium"),
    "url": ("url", "link", "href", "source_url"),
    "language": ("language", "lang", "locale"),
}
# The names listed in "no text column (looked for …)" messages.
_TEXT_NAMES_SHOWN = ", ".join(FIELD_NAMES["text"][:5])

TITLE_MAX = 90



# --------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Article:
    id: str            # sha1(cleaned text)[:16]
    text: str          # cleaned body text
    title: str
    published: dt.date | None
    source: str        # "" when unknown
    url: str           # "" when unknown
    language: str      # "de", "en", … or "und"
    path: str          # the file it came from; for rows/items "file.csv#row=3" / "file.json#item=2"


@dataclass(frozen=True)
class LoadIssue:
    path: str
    row: int | None
    problem: str       # human-readable reason
    action: str        # "skipped" or "repaired"


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    report: list[LoadIssue] = field(default_factory=list)

    def report_frame(self) -> pd.DataFrame:
        """The load report as a frame with columns path, row (nullable int), problem, action."""
        df = pd.DataFrame({
            "path": pd.Series([i.path for i in self.report], dtype="object"),
            "row": pd.array([i.row for i in self.report], dtype="Int64"),
            "problem": pd.Series([i.problem for i in self.report], dtype="object"),
            "action": pd.Series([i.action for i in self.report], dtype="object"),
        })
        return df


# --------------------------------------------------------------------------------------
# Cleaning

_IMAGE = r"!\[[^\]\n]*\]\([^)\n]*\)"
# A line holding nothing but markdown images, optionally each wrapped in a link:
# ![](x.jpeg) · ![alt](url "title") · [![alt](img)](link)
IMAGE_LINE = re.compile(
    rf"^[ \t]*(?:(?:{_IMAGE}|\[[ \t]*{_IMAGE}[ \t]*\]\([^)\n]*\))[ \t]*)+$", re.MULTILINE
)
# A closing source line: "Quelle: X", "Quellen: X", "Source: X", "Sources: X"
# (optionally in *emphasis* or with a leading dash).
_SOURCE_LINE = re.compile(
    r"^[\s*_>\-–—]*(?:Quelle|Quellen|Source|Sources)[\s*_]*:[\s*_]*(?P<src>.*?)[\s*_]*$",
    re.IGNORECASE,
)


_SOURCE_MAX = 120  # a longer "Quelle: …" line is body text, not a source credit


def clean_text(raw: str) -> tuple[str, str]:
    """Clean a raw article body.

    Returns ``(cleaned text, source)`` where *source* is taken from a closing
    ``Quelle: X`` / ``Source: X`` line (last non-empty line only), or ``""``.

    Steps (deterministic): strip a BOM; normalise line endings to ``\\n``; drop lines that
    hold only markdown images; drop a closing source line; strip trailing whitespace of every
    line; drop leading and trailing blank lines. Other lines are kept as they are.
    """
    if raw is None:
        return "", ""
    text = str(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not IMAGE_LINE.match(line)]
    while lines and not lines[-1]:
        lines.pop()
    source = ""
    if lines:
        m = _SOURCE_LINE.match(lines[-1])
        if m and 0 < len(m.group("src").strip()) <= _SOURCE_MAX:
            source = m.group("src").strip()
            lines.pop()
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    return "\n".join(lines[start:]), source


def article_id(text: str) -> str:
    """The stable id of an article: the first 16 hex digits of the sha1 of its cleaned text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _shorten(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—.") + "…"


_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")


def _title_from_text(text: str) -> str:
    for line in text.split("\n"):
        m = _HEADING.match(line)
        if m and m.group("title").strip():
            return _shorten(_strip_markup(m.group("title")))
    for line in text.split("\n"):
        if _strip_markup(line):
            return _shorten(_strip_markup(line))
    return ""


def _strip_markup(line: str) -> str:
    """A line without markdown heading/quote/emphasis markers around it."""
    return line.strip().lstrip("#>").strip().strip("*_").strip()


# --------------------------------------------------------------------------------------
# Articles


def _as_str(value: Any) -> str:
    """A metadata value as a one-line string ("" for None/NaN)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, dict):
        for key in ("name", "title", "value", "text"):
            if key in value:
                return _as_str(value[key])
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(s for s in (_as_str(v) for v in value) if s)
    return " ".join(str(value).split())


def _split_path(path: str) -> tuple[str, int | None]:
    """'file.csv#row=3' → ('file.csv', 3)."""
    m = re.match(r"^(?P<file>.*)#(?:row|item)=(?P<n>\d+)$", path or "")
    if m:
        return m["file"], int(m["n"])
    return path or "", None


def _undated(body: str, file: str, published: str, url: str) -> tuple[dt.date | None, str]:
    """The publication date of an article whose metadata gives none, and a note for the load
    report: a dateline at the start of the text (*Berlin, 18. Oktober (Reuters) –*) — a
    year-less one takes its year from the unparsed date, the URL, the file name or the upload
    date when those name exactly one year, else the date stays unknown — or else the date the
    user set when uploading the file (see `lib.ingest.uploads`)."""
    on_upload = upload_date(file) if file else None
    hint = year_hint(published, url, os.path.basename(file))
    if hint is None and on_upload is not None:
        hint, where = on_upload.year, "the date set on upload"
    else:
        where = "the metadata or file name"
    line = find_dateline(body, year=hint)
    if line is not None and line.date is not None:
        year = "" if line.has_year else f" (the year from {where})"
        return line.date, (f"no publication date in the metadata: {line.date.isoformat()} "
                           f"taken from the dateline {line.text!r}{year}")
    return on_upload, ""


def make_article(
    text: Any,
    *,
    title: Any = None,
    published: Any = None,
    source: Any = None,
    url: Any = None,
    language: Any = None,
    path: str = "",
) -> tuple[Article | None, list[LoadIssue]]:
    """The one place that cleans a text and fills in the defaults of an article.

    Returns ``(article, issues)``; the article is None (with a "skipped" issue) when no text
    is left after cleaning. Issues for rows/items name the file and the row parsed from
    *path* (``file.csv#row=3``).
    """
    file, row = _split_path(str(path))
    issues: list[LoadIssue] = []
    if isinstance(text, (list, tuple)):
        text = "\n".join(str(t) for t in text if t is not None)
    elif text is None or (isinstance(text, float) and math.isnan(text)):
        text = ""
    body, closing_source = clean_text(str(text))
    if not body.strip():
        issues.append(LoadIssue(file, row, "no text left after cleaning", "skipped"))
        return None, issues

    published_date = parse_date(published)
    if published_date is None and _as_str(published) and not isinstance(published, bool):
        outside = parse_date(published, any_year=True)
        issues.append(LoadIssue(
            file, row, f"date {_as_str(published)!r} " + (
                f"is no publication date (the year {outside.year} is outside {MIN_YEAR}–{MAX_YEAR}; "
                "a placeholder?)" if outside else "not understood") + ": left empty", "repaired"))
    if published_date is None:
        published_date, note = _undated(body, file, _as_str(published), _as_str(url))
        if note:
            issues.append(LoadIssue(file, row, note, "repaired"))

    lang = normalise_language(_as_str(language))
    if lang is None:
        lang = detect_language(body)
        if _as_str(language) and _as_str(language).lower() not in UNKNOWN_LANGUAGE:
            issues.append(LoadIssue(
                file, row,
                f"language {_as_str(language)!r} not recognised: detected as {lang!r}",
                "repaired",
            ))

    article = Article(
        id=article_id(body),
        text=body,
        title=_as_str(title) or _title_from_text(body),
        published=published_date,
        source=_as_str(source) or closing_source,
        url=_as_str(url),
        language=lang,
        path=str(path),
    )
    return article, issues


# --------------------------------------------------------------------------------------
# Formats

# A "result" is either ("article", Article, row) or ("issue", LoadIssue).


def _norm_key(key: Any) -> str:
    return re.sub(r"[\s_\-]+", "", str(key).strip().lower())


_FIELD_LOOKUP = {
    field: tuple(_norm_key(n) for n in names) for field, names in FIELD_NAMES.items()
}


def _map_fields(keys: Iterable[Any]) -> dict[str, Any]:
    """{field: original key} for the first matching key of each field."""
    by_norm: dict[str, Any] = {}
    for key in keys:
        by_norm.setdefault(_norm_key(key), key)
    mapping = {}
    for field_name, variants in _FIELD_LOOKUP.items():
        for variant in variants:
            if variant in by_norm:
                mapping[field_name] = by_norm[variant]
                break
    return mapping


def _metadata(record: dict, mapping: dict[str, Any]) -> dict[str, Any]:
    """The article metadata of a record (front matter, JSON object, CSV row) by mapped field."""
    return {field: record.get(mapping[field]) if field in mapping else None
            for field in ("title", "published", "source", "url", "language")}


def _text_value(record: dict, mapping: dict[str, Any]) -> Any:
    """The text of a record: the first text-like field that is not empty."""
    norm = {_norm_key(k): k for k in record}
    for variant in _FIELD_LOOKUP["text"]:
        key = norm.get(variant)
        if key is None:
            continue
        value = record[key]
        if isinstance(value, (list, tuple)):
            value = "\n".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not (
            isinstance(value, float) and math.isnan(value)
        ):
            return str(value)
    return None


def _from_record(record: dict, path: str, file: str, row: int | None, what: str):
    mapping = _map_fields(record.keys())
    text = _text_value(record, mapping)
    if text is None:
        if "text" in mapping:
            problem = f"{what} has an empty {mapping['text']!r} field"
        else:
            problem = f"{what} has no text (looked for {_TEXT_NAMES_SHOWN}…)"
        yield ("issue", LoadIssue(file, row, problem, "skipped"))
        return
    article, issues = make_article(text, path=path, **_metadata(record, mapping))
    for issue in issues:
        yield ("issue", issue)
    if article is not None:
        yield ("article", article, row)


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return type(value).__name__


