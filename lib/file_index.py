"""What each file of a corpus holds — its articles' ids, languages and publication dates, and its
load issues — remembered between runs, so a run that only needs the ids (the streamed cache fill,
lib/annotate_stream.py) reads only the files that are new or changed.

`iter_corpus_ids(paths, folder)` yields what `lib.ingest.corpus.iter_corpus_files(paths)` yields,
in its order and with the same load issues (duplicates across files included), but articles as
`ArticleId(id, language, published, path)` records. A file is read again unless its size,
modification and status-change times (`st_size`, `st_mtime_ns`, `st_ctime_ns`: the last also
moves with a chmod, so a file made readable is read) — and size and time of the upload date kept
beside it (lib/ingest/dates.py) — are what they were when it was last read. **The assumption:**
a file whose content changes gets another size or times (every write sets the modification time;
only a tool that writes the same number of bytes within the file system's time resolution would
hide a change). The index is kept per corpus (the paths as given) in
`<folder>/files-<paths hash>-<hash>.bin` (an older one of the same corpus is removed), keyed
also by the loading code (lib/ingest), the file-size and article limits and the current year
(two-digit years in dates are read relative to it); it is written atomically with a digest
(lib/prepared.py): a damaged index is not trusted, every file is read again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .ingest import corpus as _corpus
from .ingest.article import LoadIssue, _split_path
from .ingest.dates import upload_meta_path
from .ingest.filesafety import shown
from .nlp.pipeline import code_hash  # the hash of lib/ingest (and the rest of the code)
from .prepared import read_verified, write_verified
from .settings import max_article_chars, max_file_bytes

log = logging.getLogger(__name__)


class ArticleId(NamedTuple):
    id: str
    language: str
    published: str          # ISO date, or "" when unknown
    path: str               # as Article.path ("file.csv#row=3")


def _stamp(path: str) -> tuple | None:
    """(size, mtime_ns, ctime_ns) of a file and (size, mtime_ns) of the upload date beside it;
    None if it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        meta = os.stat(upload_meta_path(path))
        side = (meta.st_size, meta.st_mtime_ns)
    except OSError:
        side = None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, side)


def _index_file(paths, folder: Path) -> Path:
    """`<folder>/files-<hash of the paths>-<hash of the code, limits and year>.bin`."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    where = hashlib.blake2b(digest_size=8)
    for p in paths:
        where.update(os.path.abspath(os.fspath(p)).encode("utf-8", "surrogatepass") + b"\0")
    how = hashlib.blake2b(digest_size=8)
    for part in (code_hash(), str(max_file_bytes()), str(max_article_chars()), str(dt.date.today().year)):
        how.update(part.encode() + b"\0")
    return Path(folder) / f"files-{where.hexdigest()}-{how.hexdigest()}.bin"


def _items(path: str) -> list[tuple]:
    """What the corpus walk's reader gives for `path`, as plain tuples."""
    out = []
    for item in _corpus._iter_file(path):     # the reader the corpus walk uses
        if item[0] == "issue":
            i = item[1]
            out.append(("issue", i.path, i.row, i.problem, i.action))
        else:
            a, row = item[1], item[2]
            out.append(("article", a.id, a.language,
                        a.published.isoformat() if a.published is not None else "", a.path, row))
    return out


def iter_corpus_ids(paths, folder: str | os.PathLike) -> Iterator[tuple[str, ArticleId | LoadIssue]]:
    """(file, ArticleId or LoadIssue) for the corpus under `paths`, as `iter_corpus_files` gives
    them, reading only files that are new or changed since the index in `folder` was written
    (see the module docstring). The index is updated once the corpus has been walked."""
    index_path = _index_file(paths, Path(folder))
    try:
        old = read_verified(index_path) if index_path.is_file() else {}
        if not isinstance(old, dict):
            raise ValueError("not an index")
    except Exception as exc:  # noqa: BLE001 - damaged: not trusted, every file is read
        log.warning("the corpus file index %s is damaged (%s); reading every file", index_path, exc)
        old = {}
    new: dict[str, list] = {}
    first_seen: dict[str, str] = {}
    for path, problem in _corpus._iter_paths(paths):
        if problem:
            if not os.path.lexists(path):
                log.warning("corpus folder or file not found: %s", path)
            yield path, LoadIssue(path, None, problem, "skipped")
            continue
        stamp = _stamp(path)
        known = old.get(path)
        if stamp is not None and known is not None and tuple(known[0]) == stamp:
            items = known[1]
        else:
            items = _items(path)
        if stamp is not None:
            new[path] = [stamp, items]
        for item in items:
            if item[0] == "issue":
                yield path, LoadIssue(*item[1:])
                continue
            _kind, aid, language, published, apath, row = item
            if aid in first_seen:
                yield path, LoadIssue(_split_path(apath)[0], row,
                                      f"duplicate: same text as {shown(first_seen[aid])}", "skipped")
                continue
            first_seen[aid] = apath
            yield path, ArticleId(aid, language, published, apath)
    if new != old:
        try:
            write_verified(index_path, new)
            # the same corpus's index under older code or limits: stale
            for stale in index_path.parent.glob(index_path.name.rsplit("-", 1)[0] + "-*.bin"):
                if stale != index_path:
                    stale.unlink(missing_ok=True)
        except (OSError, ValueError) as exc:
            log.info("could not keep the corpus file index in %s: %s", index_path.parent, exc)
