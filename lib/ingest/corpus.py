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
* ``.pdf`` (text layer, pypdf) and ``.docx`` (python-docx) — see documents.py.

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
folder (filesafety.py); front matter is parsed without YAML aliases (frontmatter_yaml.py).

Modules of lib/ingest: corpus (this walk), readers (one per format; CSV in csvreader), decode
(bytes → text), article (the record, cleaning, ids, field names), dates, language, uploads.
Files are read one at a time; only the articles (and the ids of texts already seen, for
de-duplication) are kept.

Offsets of all later annotations refer to ``Article.text`` — the output of ``clean_text`` —
so cleaning is deterministic and happens in exactly one place, ``make_article``.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

from .article import FIELD_NAMES, Article, LoadIssue, LoadResult, _split_path, article_id, clean_text, make_article
from .filesafety import shown, walk
from .readers import SUPPORTED_SUFFIXES, _iter_file, load_file

log = logging.getLogger(__name__)

__all__ = [
    "Article", "LoadIssue", "LoadResult", "SUPPORTED_SUFFIXES", "FIELD_NAMES",
    "load_corpus", "iter_corpus", "load_file", "clean_text", "article_id", "make_article",
]


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


def iter_corpus(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[Article | LoadIssue]:
    """The articles and load issues of `paths` one at a time, as `load_corpus` lists them: only
    the ids of the texts seen so far are kept, so a corpus of any size streams in flat memory."""
    for _file, item in iter_corpus_files(paths):
        yield item


def iter_corpus_files(paths: str | os.PathLike | Iterable[str | os.PathLike]
                      ) -> Iterator[tuple[str, Article | LoadIssue]]:
    """`iter_corpus`, each item with the file (or path) it comes from: reading only some of
    these files again (`iter_corpus(files)`) gives their articles as this pass did."""
    first_seen: dict[str, str] = {}
    for path, problem in _iter_paths(paths):
        if problem:
            if not os.path.lexists(path):  # a corpus folder that is not there: say so in the terminal too
                log.warning("corpus folder or file not found: %s", path)
            yield path, LoadIssue(path, None, problem, "skipped")
            continue
        for item in _iter_file(path):
            if item[0] == "issue":
                yield path, item[1]
                continue
            article, row = item[1], item[2]
            if article.id in first_seen:
                yield path, LoadIssue(_split_path(article.path)[0], row,
                                      f"duplicate: same text as {shown(first_seen[article.id])}", "skipped")
                continue
            first_seen[article.id] = article.path
            yield path, article


def load_corpus(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> LoadResult:
    """Load a folder (recursively) or a list of files and folders into articles.

    Files are read one at a time in sorted order. The same cleaned text is loaded once;
    later copies are reported as skipped duplicates naming the first one.
    """
    result = LoadResult([], [])
    for item in iter_corpus(paths):
        if isinstance(item, LoadIssue):
            result.report.append(item)
        else:
            result.articles.append(item)
    return result
