"""The annotation cache: parquet files keyed by article id and pipeline version.

Layout: `<cache>/<pipeline version>/<segment>/{articles,mentions,events,quotes}.parquet`.
Each annotation run that found new articles adds one segment; a segment is written into a
temporary folder and renamed into place, so a reader sees all of it or nothing. Segments of one
version are compacted into one when there are many. Annotations of another pipeline version sit
in another folder and are never mixed in: they are rebuilt, and folders of older versions of the
same pipeline are removed. A segment that cannot be read, or that lacks columns of lib/schema.py,
is dropped with a warning and its articles annotated again.

`load` reads a segment's index first and its tables only when the segment holds an article asked
for, keeping just those rows (tables are written sorted by article id in row groups, so parquet
skips the groups of other articles). `save` raises `CacheError` when the cache cannot be written;
`writable()` says so before any work is done. Problems are also kept in `Store.warnings`.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import schema

log = logging.getLogger(__name__)

TABLES = ("mentions", "events", "quotes")
# articles.parquet of a segment: which articles it holds (also those with no findings).
# published: the publication date the findings were made with (their anchor), ISO or ""
INDEX_COLUMNS = ["id", "pipeline", "n_words", "published"]
COMPACT_AFTER = 16
# Segments are compacted in tiers by size (articles): only segments of one tier are merged, so a
# compaction reads a bounded amount however large the cache grows, each article is rewritten a
# few times at most (cost linear in the corpus) and memory stays flat. The last tier is never merged.
TIERS = ((0, 1024), (1024, 16384))
ROW_GROUP_ROWS = 20_000
STALE_TMP_SECONDS = 3600


class CacheError(OSError):
    """The cache cannot be written (a file in its place, no permission, a full disk)."""


def _safe(version: str) -> str:
    return re.sub(r"[^A-Za-z0-9._+-]", "_", version)


class Store:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.warnings: list[str] = []

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warnings.append(message)

    def writable(self) -> bool:
        """True if a segment can be written under the root (tried with a small file)."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(prefix=".probe-", dir=self.root)
            os.close(fd)
            os.remove(probe)
        except OSError as exc:
            self._warn(f"the annotation cache {str(self.root)!r} cannot be written "
                       f"({type(exc).__name__}: {exc.strerror or exc}); annotating without it")
            return False
        return True

    def _dir(self, version: str) -> Path:
        return self.root / _safe(version)

    def _segments(self, version: str) -> list[Path]:
        folder = self._dir(version)
        try:
            if not folder.is_dir():
                return []
            return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError as exc:
            self._warn(f"the annotation cache {str(folder)!r} cannot be read ({exc}); "
                       "annotating without it")
            return []

    def load(self, version: str, ids: set[str] | None = None) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
        """The cached index (id, pipeline, n_words, published) and the three finding tables for `version`,
        restricted to `ids` when given. An article held by several segments (two processes
        annotated it at once) is taken from the newest one only."""
        index_parts, parts = [], {t: [] for t in TABLES}
        taken: set[str] = set()
        for seg in reversed(self._segments(version)):       # newest first
            try:
                index = pd.read_parquet(seg / "articles.parquet")
                _check(index, INDEX_COLUMNS)
                keep = ~index["id"].isin(taken)
                if ids is not None:
                    keep &= index["id"].isin(ids)
                index = index[keep]
                if index.empty:
                    continue                # nothing asked for here: its tables are not read
                seg_ids = sorted(set(index["id"]))
                tables = {t: _read(seg / f"{t}.parquet", seg_ids, t) for t in TABLES}
            except Exception as exc:  # a damaged segment: drop it, its articles get re-annotated
                self._warn(f"dropping unreadable cache segment {str(seg)!r} ({exc}); "
                           "its articles are annotated again")
                shutil.rmtree(seg, ignore_errors=True)
                continue
            taken |= set(seg_ids)
            index_parts.append(index)
            for t in TABLES:
                parts[t].append(tables[t])
        index = (pd.concat(index_parts[::-1], ignore_index=True) if index_parts
                 else pd.DataFrame(columns=INDEX_COLUMNS))
        frames = {}
        for t in TABLES:
            df = pd.concat(parts[t][::-1], ignore_index=True) if parts[t] else None
            frames[t] = schema.coerce(t, df) if df is not None else schema.frame(t)
        return index.reset_index(drop=True), frames

    def save(self, version: str, index: pd.DataFrame, frames: dict[str, pd.DataFrame],
             compact: bool = True) -> None:
        """Add one segment atomically, then compact (unless `compact` is false: several
        processes writing one cache leave that to the end) and prune older versions."""
        if index.empty:
            return
        folder = self._dir(version)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._write_segment(folder, index, frames)
        except OSError as exc:
            raise CacheError(exc.errno, f"the annotation cache {str(self.root)!r} cannot be "
                             f"written ({type(exc).__name__}: {exc.strerror or exc})") from exc
        try:
            if compact and len(self._segments(version)) > COMPACT_AFTER:
                self.compact(version, min_segments=COMPACT_AFTER + 1)
            self.prune(version)
        except OSError as exc:   # the new segment is in place: compaction can wait
            self._warn(f"could not compact the annotation cache {str(self.root)!r}: {exc}")

    def _write_segment(self, folder: Path, index: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> None:
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        try:
            out = index.reindex(columns=INDEX_COLUMNS)
            out["published"] = out["published"].fillna("").astype(str)   # "" = no date
            out.to_parquet(tmp / "articles.parquet", index=False)
            for t in TABLES:
                df = schema.coerce(t, frames[t]).sort_values("article_id", kind="stable")
                df = df.drop(columns=[c for c in df.columns if c in schema.ASSEMBLED])
                df["article_id"] = df["article_id"].astype("string")   # typed when empty
                df.to_parquet(tmp / f"{t}.parquet", index=False, row_group_size=ROW_GROUP_ROWS)
            name = f"{pd.Timestamp.now(tz='UTC'):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
            os.replace(tmp, folder / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def compact(self, version: str, min_segments: int = 2) -> None:
        """Merge the segments of `version` tier by tier (TIERS): each tier that has at least
        `min_segments` segments becomes one segment; segments of the last tier stay as they are."""
        segments = self._segments(version)
        sizes = {seg: _n_articles(seg) for seg in segments}
        for low, high in TIERS:
            tier = [seg for seg in segments if low <= sizes[seg] < high]
            if len(tier) >= max(2, min_segments):
                self._merge(version, tier)

    def _merge(self, version: str, small: list[Path]) -> None:
        """Write the segments `small` (oldest first) as one, the newest copy of an article winning."""
        index_parts, parts, taken, damaged = [], {t: [] for t in TABLES}, set(), set()
        for seg in reversed(small):                           # newest first: it wins
            try:
                index = pd.read_parquet(seg / "articles.parquet")
                _check(index, INDEX_COLUMNS)
                index = index[~index["id"].isin(taken)]
                ids = sorted(set(index["id"]))
                tables = {t: _read(seg / f"{t}.parquet", ids, t) for t in TABLES} if ids else None
            except Exception:  # noqa: BLE001 - a damaged segment: load() drops and reports it
                damaged.add(seg)
                continue
            if tables is None:
                continue
            taken |= set(ids)
            index_parts.append(index)
            for t in TABLES:
                parts[t].append(tables[t])
        if not index_parts:
            return
        index = pd.concat(index_parts[::-1], ignore_index=True)
        frames = {t: schema.coerce(t, pd.concat(parts[t][::-1], ignore_index=True)) for t in TABLES}
        self._write_segment(self._dir(version), index, frames)
        for seg in small:
            if seg not in damaged:
                shutil.rmtree(seg, ignore_errors=True)

    def prune(self, version: str) -> None:
        """Remove the folders of other versions of the same pipeline (same name before '+')."""
        name = _safe(version).split("+", 1)[0]
        # the half-written segment of a run that was killed: gone after an hour
        for tmp in self._dir(version).glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if time.time() - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                    shutil.rmtree(tmp, ignore_errors=True)
        for folder in self.root.iterdir() if self.root.is_dir() else ():
            if folder.is_dir() and folder.name != _safe(version) and folder.name.split("+", 1)[0] == name:
                shutil.rmtree(folder, ignore_errors=True)


def _n_articles(segment: Path) -> int:
    """How many articles a segment holds (from its index file's metadata; 0 if unreadable)."""
    try:
        return pq.ParquetFile(segment / "articles.parquet").metadata.num_rows
    except Exception:  # noqa: BLE001 - compact leaves it to load() to drop and report
        return 0


def _check(df: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"wrong schema, missing column(s) {', '.join(missing)}")


def _read(path: Path, ids: list[str], table: str) -> pd.DataFrame:
    """The rows of `ids` in one table file of a segment, checked against lib/schema.py."""
    if pq.ParquetFile(path).metadata.num_rows == 0:
        df = pd.read_parquet(path)
    else:
        df = pd.read_parquet(path, filters=[("article_id", "in", ids)],
                             read_dictionary=["sentence"] if "sentence" in schema.COLUMNS[table] else None)
    _check(df, [c for c in schema.COLUMNS[table] if c not in schema.ASSEMBLED])
    return df
