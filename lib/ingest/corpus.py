"""Corpus loading: files and folders → cleaned articles plus a load report.

A corpus is a folder (read recursively, hidden files and folders such as ``.git`` are ignored)
or a list of files and folders. Supported formats:

* ``.txt`` / ``.md`` — the whole file is one article; optional YAML front matter
  (title, published, source, url, language).
* ``.json`` — one article object, a list of them, or an object holding such a list under
  ``articles``/``items``/``data``/``documents``/``results``/``posts``.
* ``.jsonl`` — one article object per line.
* ``.csv`` — a text column plus optional metadata columns; delimiter and encoding detected.
* ``.html`` / ``.htm`` — main text and metadata extracted with trafilatura.

Field names (JSON, JSONL, CSV, front matter) are matched case-insensitively, ignoring
``_``, ``-`` and spaces (see ``FIELD_NAMES``).

Row numbers in the report (``LoadIssue.row``) and in ``Article.path``:

* CSV: 1-based data row — row 1 is the first record under the header line
  (``file.csv#row=1``).
* JSONL: 1-based line number of the file (blank lines count as lines, so the number is the
  line an editor shows) (``file.jsonl#row=3``).
* JSON list: 0-based index into the list (``file.json#item=0``).

Bad input never stops a load: the file or row is skipped (or repaired) and a ``LoadIssue``
says why in plain words. Source files are only opened for reading; nothing is ever written.
Only regular files within the size limit are read, and links are not followed out of a corpus
folder (lib/filesafety.py); front matter is parsed without YAML aliases (lib/frontmatter_yaml.py);
CSV files are read by lib/csvreader.py.
Files are read one at a time; only the articles (and the ids of texts already seen, for
de-duplication) are kept.

Offsets of all later annotations refer to ``Article.text`` — the output of ``clean_text`` —
so cleaning is deterministic and happens in exactly one place, ``make_article``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import pandas as pd

from .dates import parse_date
from .filesafety import Unreadable, read_regular, shown, walk
from .language import UNKNOWN_LANGUAGE, detect_language, normalise_language

__all__ = [
    "Article", "LoadIssue", "LoadResult", "SUPPORTED_SUFFIXES", "FIELD_NAMES",
    "load_corpus", "load_file", "clean_text", "article_id", "make_article",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".csv", ".html", ".htm")

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
# Keys under which a JSON object may hold its list of articles.
_LIST_KEYS = ("articles", "items", "data", "documents", "docs", "results", "posts", "entries")

TITLE_MAX = 90
_SNIFF_BYTES = 8192           # binary check looks at the start of the file
_HTML_MIN_WORDS = 8           # less extracted from a web page is navigation, not an article


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
_IMAGE_LINE = re.compile(
    rf"^[ \t]*(?:(?:{_IMAGE}|\[[ \t]*{_IMAGE}[ \t]*\]\([^)\n]*\))[ \t]*)+$"
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
    lines = [line for line in lines if not _IMAGE_LINE.match(line)]
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
        issues.append(LoadIssue(
            file, row, f"date {_as_str(published)!r} not understood: left empty", "repaired"
        ))

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
# Reading bytes


class _Skip(Exception):
    """A file that cannot be loaded; the message is the reason shown in the report."""


def _read_bytes(path: str) -> bytes:
    """A regular file's bytes, size-limited (see lib/filesafety.py)."""
    try:
        return read_regular(path)
    except Unreadable as exc:
        raise _Skip(str(exc)) from None


def _looks_binary(data: bytes, tolerate_nul: bool = False) -> bool:
    """True for data that is not text. With *tolerate_nul* (row formats: CSV, JSONL) a few
    NUL bytes are allowed — the rows holding them are reported, the others kept."""
    sample = data[:_SNIFF_BYTES]
    nuls = sample.count(b"\x00")
    if nuls and (not tolerate_nul or nuls > max(2, len(sample) // 200)):
        return True
    controls = sum(1 for b in sample if 0 < b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 20)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", None),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def _mess(text: str) -> float:
    """charset-normalizer's "chaos" of a decoded text (0 = reads cleanly)."""
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - internal module moved
        return 0.0
    return mess_ratio(text, 1.0)


def _decode(data: bytes, tolerate_nul: bool = False) -> tuple[str, str | None]:
    """Bytes → text. Returns (text, note); note says how a non-UTF-8 file was read.

    Raises _Skip for empty, binary or undecodable files.
    """
    if not data.strip():
        raise _Skip("empty file")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            return text, (f"not UTF-8: read as {label}" if label else None)
    if _looks_binary(data, tolerate_nul):
        raise _Skip("binary file (not text)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (e.g. a scrape glued from two sources): keep the
    # UTF-8 reading and replace only the broken characters.
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd")
    n_good = sum(1 for ch in replaced if ord(ch) > 127) - n_bad
    if n_good >= 3 * n_bad:
        return replaced, (
            f"not valid UTF-8 in {n_bad} place{'s' if n_bad != 1 else ''}: "
            "unreadable characters replaced with \ufffd"
        )
    del replaced
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # charset-normalizer often names cp1250 or a Mac code page for German Windows text;
    # prefer cp1252 (Windows Western European) whenever it reads the bytes at least as cleanly.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or _mess(western) <= best.chaos + 0.01):
        return western, "not UTF-8: read as cp1252"
    if best is None:
        raise _Skip("not readable as text (unknown encoding or binary file)")
    return str(best), f"not UTF-8: read as {best.encoding}"


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


def _load_text_file(path: str, text: str):
    import frontmatter
    import yaml

    from .frontmatter_yaml import FrontMatterError, load_front_matter

    handler = frontmatter.YAMLHandler()
    meta: dict = {}
    body = text.lstrip("\ufeff")
    normalised = body.replace("\r\n", "\n").replace("\r", "\n")
    if handler.detect(normalised):
        try:
            fm, content = handler.split(normalised)
        except ValueError:
            fm, content = None, normalised
        if fm is not None:
            body = content
            try:
                loaded = load_front_matter(fm) if fm.strip() else {}
            except FrontMatterError as exc:
                yield ("issue", LoadIssue(
                    path, None, f"{exc}: metadata ignored, text loaded", "repaired"))
                loaded = {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f" at line {mark.line + 1}" if mark is not None else ""
                reason = getattr(exc, "problem", None) or str(exc).split("\n")[0]
                yield ("issue", LoadIssue(
                    path, None,
                    f"front matter is not valid YAML{where} ({reason}): metadata ignored, "
                    "text loaded",
                    "repaired",
                ))
                loaded = {}
            if loaded is None:
                loaded = {}
            if not isinstance(loaded, dict):
                yield ("issue", LoadIssue(
                    path, None, "front matter is not a list of fields: metadata ignored",
                    "repaired",
                ))
                loaded = {}
            meta = loaded
    if not clean_text(body)[0].strip():
        yield ("issue", LoadIssue(path, None, "no text (only metadata or blank lines)",
                                  "skipped"))
        return
    mapping = _map_fields(meta.keys())
    article, issues = make_article(body, path=path, **_metadata(meta, mapping))
    yield from (("issue", i) for i in issues)
    if article is not None:
        yield ("article", article, None)


def _json_reason(exc: json.JSONDecodeError) -> str:
    msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    if msg.startswith("Invalid control character"):
        msg = "line break or control character inside a text value"
    return msg[:1].lower() + msg[1:]


def _load_json(path: str, text: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ("issue", LoadIssue(
            path, None,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {_json_reason(exc)}",
            "skipped",
        ))
        return
    if isinstance(data, dict):
        mapping = _map_fields(data.keys())
        if "text" not in mapping:
            for key in data:
                if _norm_key(key) in _LIST_KEYS and isinstance(data[key], list):
                    data = data[key]
                    break
    if isinstance(data, dict):
        yield from _from_record(data, path, path, None, "the JSON object")
        return
    if not isinstance(data, list):
        yield ("issue", LoadIssue(
            path, None,
            f"JSON holds {_type_name(data)}, not an article object or a list of them",
            "skipped",
        ))
        return
    if not data:
        yield ("issue", LoadIssue(path, None, "empty JSON list (no articles)", "skipped"))
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            yield ("issue", LoadIssue(
                path, index, f"item {index} is {_type_name(item)}, not an article object",
                "skipped",
            ))
            continue
        yield from _from_record(item, f"{path}#item={index}", path, index, f"item {index}")


def _load_jsonl(path: str, text: str):
    found = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ("issue", LoadIssue(
                path, lineno, f"invalid JSON at line {lineno}: {_json_reason(exc)}", "skipped"
            ))
            continue
        if not isinstance(item, dict):
            yield ("issue", LoadIssue(
                path, lineno, f"line {lineno} is {_type_name(item)}, not an article object",
                "skipped",
            ))
            continue
        yield from _from_record(item, f"{path}#row={lineno}", path, lineno, f"line {lineno}")
    if not found:
        yield ("issue", LoadIssue(path, None, "empty file", "skipped"))


def _html_language(data: bytes) -> str | None:
    from trafilatura.utils import load_html

    try:
        tree = load_html(data)
    except Exception:
        return None
    if tree is None:
        return None
    candidates = []
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    candidates.append(root.get("lang") or root.get("xml:lang"))
    candidates += tree.xpath(
        '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
        '="content-language"]/@content'
    )
    candidates += tree.xpath('//meta[@property="og:locale"]/@content')
    candidates += tree.xpath('//meta[@name="language" or @name="lang"]/@content')
    for value in candidates:
        lang = normalise_language(_as_str(value))
        if lang:
            return lang
    return None


def _load_html(path: str, data: bytes):
    import trafilatura
    from trafilatura.settings import set_date_params

    for name in ("trafilatura", "htmldate"):  # quiet, unless the app configured them
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # dates from the page's markup and metadata only, not guessed from body text
            date_extraction_params=set_date_params(False),
        )
    except Exception as exc:  # trafilatura/lxml failures on odd input
        yield ("issue", LoadIssue(path, None, f"HTML could not be read ({exc})", "skipped"))
        return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < _HTML_MIN_WORDS:
        yield ("issue", LoadIssue(
            path, None, "no main text found in the web page (only menus or links)", "skipped"
        ))
        return
    article, issues = make_article(
        text,
        title=doc.title,
        published=doc.date,
        source=doc.sitename,
        url=doc.url,
        language=_html_language(data),
        path=path,
    )
    yield from (("issue", i) for i in issues)
    if article is not None:
        yield ("article", article, None)


def _iter_file(path: str):
    """Results for one file: ("article", Article, row) and ("issue", LoadIssue) tuples.
    Control characters in problems (from exception texts, file content) are escaped."""
    for result in _read_file(path):
        if result[0] == "issue" and not result[1].problem.isprintable():
            issue = result[1]
            result = ("issue", LoadIssue(issue.path, issue.row, _printable(issue.problem),
                                         issue.action))
        yield result


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _read_file(path: str):
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES:
        ext = suffix or "no extension"
        yield ("issue", LoadIssue(path, None, f"unsupported file type ({ext})", "skipped"))
        return
    try:
        data = _read_bytes(path)
        if suffix in (".html", ".htm"):
            if not data.strip():
                raise _Skip("empty file")
            if _looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise _Skip("binary file (not text)")
        else:
            text, note = _decode(data, tolerate_nul=suffix in (".csv", ".jsonl"))
            del data
    except _Skip as exc:
        yield ("issue", LoadIssue(path, None, str(exc), "skipped"))
        return
    except Exception as exc:  # e.g. charset-normalizer failing on odd bytes
        log.exception("unexpected error while reading %s", path)
        yield ("issue", LoadIssue(path, None, f"could not be read ({exc})", "skipped"))
        return
    if suffix not in (".html", ".htm") and note:
        yield ("issue", LoadIssue(path, None, note, "repaired"))
    try:
        if suffix in (".html", ".htm"):
            yield from _load_html(path, data)
        elif suffix in (".txt", ".md"):
            yield from _load_text_file(path, text)
        elif suffix == ".json":
            yield from _load_json(path, text)
        elif suffix == ".jsonl":
            yield from _load_jsonl(path, text)
        elif suffix == ".csv":
            from .csvreader import load_csv

            yield from load_csv(path, text)
    except ImportError as exc:  # a reader whose library is missing fails its files only
        name = getattr(exc, "name", None)
        why = (f"the library {name!r} is not installed" if name
               else (str(exc).splitlines() or ["a library is missing"])[0].rstrip("."))
        yield ("issue", LoadIssue(
            path, None, f"the {suffix[1:].upper()} reader cannot run: {why} "
            "(install the requirements: pip install -r requirements.txt)", "skipped"))
    except Exception as exc:  # last line of defence: a bad file never stops a load
        log.exception("unexpected error while loading %s", path)
        yield ("issue", LoadIssue(path, None, f"could not be loaded ({exc})", "skipped"))


def load_file(path: str | os.PathLike) -> tuple[list[Article], list[LoadIssue]]:
    """Articles and report entries for one file (no de-duplication across calls)."""
    path = os.fspath(path)
    articles: list[Article] = []
    issues: list[LoadIssue] = []
    if not os.path.exists(path):
        return [], [LoadIssue(path, None, "no such file or folder", "skipped")]
    for result in _iter_file(path):
        if result[0] == "article":
            articles.append(result[1])
        else:
            issues.append(result[1])
    return articles, issues


# --------------------------------------------------------------------------------------
# Corpora


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


# Notes that live next to the articles in a folder (data/README.md), not articles.
_NOTE_FILES = {"readme", "license", "licence", "changelog"}


def _is_note(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return stem.lower() in _NOTE_FILES and suffix.lower() in (".md", ".txt", "")


def _ignored(name: str, is_dir: bool) -> bool:
    return _is_hidden(name) or (not is_dir and _is_note(name))


def _iter_paths(paths) -> Iterator[tuple[str, str | None]]:
    """(file path, None) for each file to load, or (path, problem) for one that is not loaded.

    Folders are walked recursively in sorted order. Ignored silently there: hidden files and
    folders (``.git``, ``.lagebild``) and notes about the folder (README/LICENSE/CHANGELOG
    as .md/.txt, e.g. ``data/README.md``); given by name, such a file is loaded. Reported:
    folders that cannot be listed, special files (pipes, devices) and links to folders or out
    of the folder (see lib/filesafety.py).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[str] = set()
    for entry in paths:
        entry = os.fspath(entry)
        if not os.path.exists(entry):
            yield entry, "no such file or folder"
            continue
        if os.path.isdir(entry):
            for file, problem in walk(entry, _ignored):
                if problem:
                    yield file, problem
                    continue
                key = os.path.realpath(file)
                if key not in seen:
                    seen.add(key)
                    yield file, None
        else:
            key = os.path.realpath(entry)
            if key not in seen:
                seen.add(key)
                yield entry, None


def fingerprint(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> tuple:
    """Path, size and modification time of every file `load_corpus(paths)` would read: a new,
    changed or removed file gives another fingerprint (the dashboard reloads on it)."""
    entries = []
    for path, problem in _iter_paths(paths):
        if problem:
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        entries.append((path, st.st_size, st.st_mtime_ns))
    return tuple(entries)


def load_corpus(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> LoadResult:
    """Load a folder (recursively) or a list of files and folders into articles.

    Files are read one at a time in sorted order. The same cleaned text is loaded once;
    later copies are reported as skipped duplicates naming the first one.
    """
    result = LoadResult([], [])
    first_seen: dict[str, str] = {}
    for path, problem in _iter_paths(paths):
        if problem:
            result.report.append(LoadIssue(path, None, problem, "skipped"))
            continue
        for item in _iter_file(path):
            if item[0] == "issue":
                result.report.append(item[1])
                continue
            article, row = item[1], item[2]
            if article.id in first_seen:
                result.report.append(LoadIssue(
                    _split_path(article.path)[0], row,
                    f"duplicate: same text as {shown(first_seen[article.id])}", "skipped",
                ))
                continue
            first_seen[article.id] = article.path
            result.articles.append(article)
    return result
