"""One reader per format: text and markdown (front matter), JSON, JSONL, HTML; CSV in csvreader,
PDF and DOCX in documents.

`load_file` reads one file into articles and load-report lines."""
from __future__ import annotations

import json
import logging
import os

from .article import (
    Article,
    LoadIssue,
    _as_str,
    _from_record,
    _map_fields,
    _metadata,
    _norm_key,
    _type_name,
    clean_text,
    make_article,
)
from .decode import _decode, _looks_binary, _read_bytes, _Skip
from .language import normalise_language

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".csv", ".html", ".htm", ".pdf", ".docx")
# formats read as bytes by their own library (not decoded as text first)
_BYTE_SUFFIXES = (".html", ".htm", ".pdf", ".docx")
# Keys under which a JSON object may hold its list of articles.
_LIST_KEYS = ("articles", "items", "data", "documents", "docs", "results", "posts", "entries")
# the package to install for a reader's library, where the names differ or are not obvious
_PIP_NAMES = {"pypdf": "pypdf", "docx": "python-docx", "trafilatura": "trafilatura"}
_HTML_MIN_WORDS = 8           # less extracted from a web page is navigation, not an article


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
        if suffix in _BYTE_SUFFIXES:
            if not data.strip():
                raise _Skip("empty file")
            if (suffix in (".html", ".htm") and _looks_binary(data)
                    and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
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
    if suffix not in _BYTE_SUFFIXES and note:
        yield ("issue", LoadIssue(path, None, note, "repaired"))
    try:
        if suffix in (".html", ".htm"):
            yield from _load_html(path, data)
        elif suffix == ".pdf":
            from .documents import load_pdf

            yield from load_pdf(path, data)
        elif suffix == ".docx":
            from .documents import load_docx

            yield from load_docx(path, data)
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
        install = (f"pip install {_PIP_NAMES[name]}, or all requirements: " if name in _PIP_NAMES
                   else "install the requirements: ")
        yield ("issue", LoadIssue(
            path, None, f"the {suffix[1:].upper()} reader cannot run: {why} "
            f"({install}pip install -r requirements.txt)", "skipped"))
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


