"""The annotation cache: parquet files keyed by article id and pipeline version.

Layout: `<cache>/<pipeline version>/<segment>/{articles,mentions,events,quotes}.parquet`.
Each annotation run that found new articles adds one segment; a segment is written into a
temporary folder and renamed into place, so a reader sees all of it or nothing. Segments of one
version are compacted into one when there are many. Annotations of another pipeline version sit
in another folder and are never mixed in: they are rebuilt, and folders of older versions of the
same pipeline are removed. A segment that cannot be read is dropped and its articles annotated
again.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

import pandas as pd

from . import schema

log = logging.getLogger(__name__)

TABLES = ("mentions", "events", "quotes")
# articles.parquet of a segment: which articles it holds (also those with no findings).
INDEX_COLUMNS = ["id", "pipeline", "n_words"]
COMPACT_AFTER = 16


def _safe(version: str) -> str:
    return re.sub(r"[^A-Za-z0-9._+-]", "_", version)


class Store:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _dir(self, version: str) -> Path:
        return self.root / _safe(version)

    def _segments(self, version: str) -> list[Path]:
        folder = self._dir(version)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))

    def load(self, version: str, ids: set[str] | None = None) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
        """The cached index (id, pipeline, n_words) and the three finding tables for `version`,
        restricted to `ids` when given. An article held by several segments (two processes
        annotated it at once) is taken from the newest one only."""
        index_parts, parts = [], {t: [] for t in TABLES}
        taken: set[str] = set()
        for seg in reversed(self._segments(version)):       # newest first
            try:
                index = pd.read_parquet(seg / "articles.parquet")
                tables = {t: pd.read_parquet(seg / f"{t}.parquet") for t in TABLES}
            except Exception as exc:  # a damaged segment: drop it, its articles get re-annotated
                log.warning("dropping unreadable cache segment %s: %s", seg, exc)
                shutil.rmtree(seg, ignore_errors=True)
                continue
            keep = ~index["id"].isin(taken)
            if ids is not None:
                keep &= index["id"].isin(ids)
            index = index[keep]
            taken |= set(index["id"])
            seg_ids = set(index["id"])
            index_parts.append(index)
            for t in TABLES:
                parts[t].append(tables[t][tables[t]["article_id"].isin(seg_ids)])
        index = (pd.concat(index_parts[::-1], ignore_index=True) if index_parts
                 else pd.DataFrame(columns=INDEX_COLUMNS))
        frames = {}
        for t in TABLES:
            df = pd.concat(parts[t][::-1], ignore_index=True) if parts[t] else None
            frames[t] = schema.coerce(t, df) if df is not None else schema.frame(t)
        return index.reset_index(drop=True), frames

    def save(self, version: str, index: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> None:
        """Add one segment atomically, then compact and prune older versions."""
        if index.empty:
            return
        folder = self._dir(version)
        folder.mkdir(parents=True, exist_ok=True)
        self._write_segment(folder, index, frames)
        if len(self._segments(version)) > COMPACT_AFTER:
            self.compact(version)
        self.prune(version)

    def _write_segment(self, folder: Path, index: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> None:
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder))
        try:
            index[INDEX_COLUMNS].to_parquet(tmp / "articles.parquet", index=False)
            for t in TABLES:
                schema.coerce(t, frames[t]).to_parquet(tmp / f"{t}.parquet", index=False)
            name = f"{pd.Timestamp.now(tz='UTC'):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
            os.replace(tmp, folder / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def compact(self, version: str) -> None:
        """Merge the segments of `version` into one."""
        segments = self._segments(version)
        if len(segments) < 2:
            return
        index, frames = self.load(version)
        self._write_segment(self._dir(version), index, frames)
        for seg in segments:
            shutil.rmtree(seg, ignore_errors=True)

    def prune(self, version: str) -> None:
        """Remove the folders of other versions of the same pipeline (same name before '+')."""
        name = _safe(version).split("+", 1)[0]
        for folder in self.root.iterdir() if self.root.is_dir() else ():
            if folder.is_dir() and folder.name != _safe(version) and folder.name.split("+", 1)[0] == name:
                shutil.rmtree(folder, ignore_errors=True)
