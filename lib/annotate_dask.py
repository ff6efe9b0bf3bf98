"""Annotation on a Dask cluster (`dask.distributed`): the corpus's files in parts, each part
annotated on a worker by the same function as on one machine (`annotate_to_cache`,
lib/annotate_stream.py), written into the same cache layout (lib/store.py).

    from dask.distributed import Client
    from lib.annotate_dask import annotate_on_dask
    with Client("tcp://scheduler:8786") as client:
        annotate_on_dask(["/shared/articles"], "/shared/lagebild-cache", client)

The corpus and the cache must be on storage every worker sees under the same path (NFS, a
cluster file system). Each part writes its own segments without compacting (segments are renamed
into place, so writers never see each other's half-written files); the segments are compacted
once at the end. Afterwards `annotate_corpus(paths, cache_dir=…)` on any machine reads the
frames from that cache and annotates nothing. Articles with the same text in two parts are
annotated in both (the cache keeps one).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .annotate_stream import Summary, annotate_to_cache, files_in
from .ingest.article import LoadIssue
from .settings import cache_dir as default_cache_dir
from .store import Store

FILES_PER_PART = 50


def annotate_part(files: list[str], cache_dir: str) -> Summary:
    """What runs on a worker: annotate what the cache lacks of `files` (lib/annotate_stream.py)."""
    return annotate_to_cache(files, cache_dir, compact=False)


def annotate_on_dask(paths, cache_dir: str | os.PathLike | None, client,
                     files_per_part: int = FILES_PER_PART,
                     progress: Callable[[int, int, str], None] | None = None) -> Summary:
    """Annotate the corpus under `paths` on the cluster of `client` (a `distributed.Client`)
    into the cache at `cache_dir`, `files_per_part` files per task. `progress(done, total,
    label)` counts finished parts. Returns the parts' summaries added up."""
    from distributed import as_completed

    cache = str(Path(cache_dir or default_cache_dir()).resolve())
    files = [os.path.abspath(f) for f in files_in(paths)]
    parts = [files[i:i + files_per_part] for i in range(0, len(files), files_per_part)]
    total = Summary()
    if progress:
        progress(0, len(parts), "annotating on Dask")
    futures = client.map(annotate_part, parts, cache_dir=cache, pure=False)
    for done, future in enumerate(as_completed(futures), 1):
        part = future.result()
        total.articles += part.articles
        total.annotated += part.annotated
        total.versions |= part.versions
        total.report += part.report
        if progress:
            progress(done, len(parts), f"part {done} of {len(parts)}")
    store = Store(cache)
    for version in sorted(total.versions):
        try:
            store.compact(version)
        except OSError as exc:
            total.report.append(LoadIssue(cache, None, f"could not compact the cache: {exc}", "warning"))
    return total
