"""Streamed annotation: what the cache lacks, in batches, in this process or in worker processes,
written to the cache every CHECKPOINT articles.

* `annotate_new(articles, store, …)` annotates the articles it is given (the caller has checked
  the cache) and yields a `Checkpoint` (the frames of up to CHECKPOINT articles) as each is
  written, so nothing but the checkpoint in hand is kept: peak memory stays flat however many
  articles stream through. `workers` > 1 runs the batches (lib/annotate_batch.py) in a pool of
  processes, each loading its pipelines once; at most two batches per worker are in flight.
* `annotate_to_cache(paths, cache_dir, …)` is the same for a corpus on disk, never holding it in
  memory: one pass gets the files' ids (reading only files new or changed since the last run,
  lib/file_index.py), and only when some are new does a second pass read the files that hold
  them again and load spaCy.
* `cached_index(store, version)` is what the cache holds for a pipeline version (ids, publication
  date the findings were made with), read from the segments' small index files only.

A pipeline's version comes from its meta.json (`pipeline_version`), so a run over a corpus whose
articles are all cached never loads a spaCy model.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .file_index import iter_corpus_ids
from .ingest.article import Article, LoadIssue
from .ingest.corpus import iter_corpus
from .nlp.pipeline import Pipeline, load_pipeline, versions_of
from .settings import cache_dir as default_cache_dir
from .store import INDEX_COLUMNS, TABLES, CacheError, Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

# Annotations are written to the cache every CHECKPOINT articles (and at the end), so an
# interrupted run resumes where it stopped and memory holds one checkpoint at a time.
CHECKPOINT = 64


@dataclass
class Checkpoint:
    """Up to CHECKPOINT newly annotated articles of one pipeline version, as frames."""
    version: str
    index: pd.DataFrame
    frames: dict[str, pd.DataFrame]
    failed: list[LoadIssue] = field(default_factory=list)


@dataclass
class Summary:
    """What `annotate_to_cache` did."""
    articles: int = 0            # articles in the corpus
    annotated: int = 0           # newly annotated (the rest came from the cache)
    versions: set[str] = field(default_factory=set)
    report: list[LoadIssue] = field(default_factory=list)


class ProgressText:
    """What a progress bar says: `ProgressText()(done, total)` gives (fraction, text) such as
    (0.25, "Annotating 175 of 700 articles · about 1 min 20 s left"), the time left from the
    rate since the first call. The dashboard's start-up load draws it with st.progress."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock, self.started = clock, None

    def __call__(self, done: int, total: int) -> tuple[float, str]:
        now = self.clock()
        if self.started is None or done == 0:
            self.started = now
        text = f"Annotating {done:,} of {total:,} articles"
        elapsed = now - self.started
        if 0 < done < total and elapsed > 0:
            left = round(elapsed / done * (total - done))
            text += " · about " + (f"{left // 60} min {left % 60} s" if left >= 60 else f"{left} s") + " left"
        return (done / total if total else 1.0), text


def cached_index(store: Store, version: str) -> pd.DataFrame:
    """id, pipeline, n_words, published of every article the cache holds for `version` (an
    article in several segments: the newest), read from the segments' index files only."""
    parts, taken = [], set()
    for seg in reversed(store._segments(version)):          # newest first
        try:
            index = pd.read_parquet(seg / "articles.parquet", columns=INDEX_COLUMNS)
        except Exception:  # noqa: BLE001 - Store.load drops and reports a damaged segment
            continue
        index = index[~index["id"].isin(taken)]
        taken |= set(index["id"])
        parts.append(index)
    return (pd.concat(parts, ignore_index=True) if parts
            else pd.DataFrame(columns=INDEX_COLUMNS)).reset_index(drop=True)


def iso(value) -> str:
    """A publication date as the cache keeps it: ISO, or "" when unknown."""
    return value.isoformat() if value is not None else ""


def up_to_date(index: pd.DataFrame, anchors: dict[str, str]) -> pd.Series:
    """Of a cache index, the rows whose findings were made with their article's publication
    date as it is now (`anchors`: id -> `iso(date)`): findings resolve dates against it, so an
    article whose date changed (metadata edited, a date set on upload) is annotated again."""
    return index["published"].fillna("") == index["id"].map(anchors)


def _pool_work(lang: str, articles: list[Article]):
    from . import annotate_batch as work

    pipe = load_pipeline(lang)
    return pipe.version, work.annotate_batch(articles, pipe)


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork shares the parent's loaded modules (and a pipeline it loaded) at no cost; spawn
    # where there is no fork (each worker then loads its pipelines once)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def _batches(articles: Iterable[Article], size: int) -> Iterator[tuple[str, list[Article]]]:
    """(language, up to `size` articles of it), in the order the batches fill up."""
    buffers: dict[str, list[Article]] = {}
    for article in articles:
        buf = buffers.setdefault(article.language, [])
        buf.append(article)
        if len(buf) >= size:
            yield article.language, buffers.pop(article.language)
    yield from buffers.items()


def annotate_new(articles: Iterable[Article], store: Store | None, total: int,
                 progress: Progress | None = None,
                 pipelines: Callable[[str], Pipeline] = load_pipeline,
                 workers: int = 1, compact: bool = True) -> Iterator[Checkpoint]:
    """Annotate `articles` (what the cache lacks) and yield their frames a checkpoint at a time,
    each written to `store` first (when given and writable: a cache that cannot be written is
    reported in `store.warnings` and the run goes on without it). `total` is what progress
    counts to. `pipelines(lang)` gives the pipeline in this process (the dashboard passes its
    cached loader); worker processes use `load_pipeline`. `compact=False`: segments stay as
    written (several writers on one cache, lib/annotate_dask.py)."""
    from . import annotate_batch as work  # spaCy: only once there is something to annotate

    writing = store is not None and (total == 0 or store.writable())   # said at once if not
    if progress:
        progress(0, total, "annotating")
    if total == 0:
        return
    pending: dict[str, work.Batch] = {}     # per version: annotated, not yet written
    done = 0

    def flush(version: str) -> Checkpoint:
        nonlocal writing
        batch = pending.pop(version)
        index = pd.DataFrame(batch.index, columns=INDEX_COLUMNS)
        frames = {t: schema.frame(t, batch.records[t]) for t in TABLES}
        if writing:
            try:
                store.save(version, index, frames, compact=compact)
            except CacheError as exc:   # a full disk: say so now, go on without the cache
                log.warning("%s; annotating without it", exc.strerror)
                store.warnings.append(f"{exc.strerror}; annotating without it")
                writing = False
        return Checkpoint(version, index, frames, batch.failed)

    def results() -> Iterator[tuple[str, list[Article], tuple[str, work.Batch]]]:  # noqa: F821
        jobs = _batches(articles, work.BATCH_SIZE)
        if workers <= 1:
            for lang, group in jobs:
                pipe = pipelines(lang)
                yield lang, group, (pipe.version, work.annotate_batch(group, pipe))
            return
        with _pool(workers) as pool:
            queue: deque = deque()
            for lang, group in jobs:
                queue.append((lang, group, pool.submit(_pool_work, lang, group)))
                if len(queue) >= 2 * workers:
                    lang0, group0, future = queue.popleft()
                    yield lang0, group0, future.result()
            while queue:
                lang0, group0, future = queue.popleft()
                yield lang0, group0, future.result()

    for _lang, group, (version, batch) in results():
        pending.setdefault(version, work.Batch()).extend(batch)
        done += len(group)
        if progress:
            progress(done, total, group[-1].title)
        if len(pending[version]) >= CHECKPOINT:
            yield flush(version)
    for version in list(pending):
        yield flush(version)


def annotate_to_cache(paths, cache_dir: str | os.PathLike | None = None,
                      progress: Progress | None = None, workers: int = 1,
                      pipelines: Callable[[str], Pipeline] = load_pipeline,
                      compact: bool = True) -> Summary:
    """Annotate what the cache lacks of the corpus under `paths`, streaming: the corpus is never
    held in memory and each checkpoint is dropped once written. Returns a `Summary`; the frames
    are read from the cache afterwards (lib.annotate.annotate_corpus). `compact=False` leaves
    segments as written (several writers on one cache: lib/annotate_dask.py compacts at the end)."""
    store = Store(cache_dir or default_cache_dir())
    summary = Summary()
    langs: dict[str, str] = {}          # id -> language
    anchors: dict[str, str] = {}        # id -> publication date (ISO or "")
    files: dict[str, str] = {}          # id -> the file it is read from
    # ids, languages and dates of the files unchanged since the last run come from the file
    # index in the cache (lib/file_index.py): only new or changed files are read here
    for file, item in iter_corpus_ids(paths, store.root / "files"):
        if isinstance(item, LoadIssue):
            summary.report.append(item)
        else:
            langs[item.id], anchors[item.id], files[item.id] = item.language, item.published, file
    summary.articles = len(langs)
    todo: set[str] = set()
    version_of = versions_of(pipelines)
    for lang in set(langs.values()):
        version = version_of(lang)
        summary.versions.add(version)
        index = cached_index(store, version)
        current = set(index.loc[up_to_date(index, anchors), "id"])
        todo |= {i for i, lg in langs.items() if lg == lang and i not in current}
    if todo:
        fresh = _read_again(paths, todo, files)
        for checkpoint in annotate_new(fresh, store, len(todo), progress, pipelines, workers, compact):
            summary.annotated += len(checkpoint.index)
            summary.versions.add(checkpoint.version)
            summary.report += checkpoint.failed
    elif progress:
        progress(0, 0, "annotating")
    summary.report += [LoadIssue(str(store.root), None, w, "warning") for w in store.warnings]
    return summary


def _read_again(paths, todo: set[str], files: dict[str, str]) -> Iterator[Article]:
    """The articles `todo` of the corpus, in its order: only the files that hold them are read
    again (1% new files: 1% of the corpus, not all of it), then, should one not be found there
    (a file changed since), the whole corpus once more."""
    wanted = {files[i] for i in todo}
    found: set[str] = set()
    for article in iter_corpus([f for f in dict.fromkeys(files.values()) if f in wanted]):
        if isinstance(article, Article) and article.id in todo and article.id not in found:
            found.add(article.id)
            yield article
    if len(found) < len(todo):
        yield from (a for a in iter_corpus(paths)
                    if isinstance(a, Article) and a.id in todo and a.id not in found)


def files_in(paths) -> list[Path]:
    """The files `iter_corpus(paths)` reads, in its order (for splitting a corpus into parts)."""
    from .ingest.corpus import _iter_paths
    return [Path(p) for p, problem in _iter_paths(paths) if not problem]
