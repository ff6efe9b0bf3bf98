"""The assembled corpus, stored whole: a second start on unchanged files reads it in one go.

`annotate_corpus` reads every file, takes each article's findings from the annotation cache
(lib/store.py) and assembles the corpus (one name and one type per actor, the actor table). On
100,000 articles that takes minutes; the result only changes when a file, the annotation code or
a pipeline does. `cached_corpus` (what the dashboard calls) stores the assembled frames and texts
once as Arrow IPC files under `<cache>/corpora/<key>/` and reads them back while the key holds:

* the key hashes every file the corpus would read (path, size, modification time, as
  `lib.ingest.corpus.fingerprint`) and the hidden file an upload keeps its date in beside it,
  the loader's limits (`LAGEBILD_MAX_*`) and this module's format;
* the snapshot names the pipeline version of each language; it is used only when today's
  version is the same for each (a new model or changed annotation code assembles the corpus
  again from the annotation cache); that version is read from the models' meta.json
  (`pipeline_version`), so a start on an unchanged corpus loads no spaCy model;
* a corpus with articles that failed to annotate, or a cache with warnings, is not stored
  (those articles are retried next time); a snapshot that cannot be read is removed and the
  corpus assembled again.

Frames come back typed for size and speed: repeated values (article ids, actors, types, kinds,
sentences) as categoricals, other text as pandas' Arrow-backed `str` dtype (no Python object per cell), dates as datetime64[s], nullable offsets as Int64,
list columns as lists. The frames hold the same values
as `annotate_corpus` returns (tests/test_snapshot.py). Written atomically (a temporary folder
renamed into place); only the newest snapshots are kept.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import schema
from .ingest.corpus import fingerprint

log = logging.getLogger(__name__)

FORMAT = 4
FOLDER = "corpora"
KEEP = 3          # snapshots kept (other corpora, older versions of this one)
FRAMES = ("articles", "mentions", "actors", "events", "quotes", "report")


def _sidecar(path: str) -> tuple | None:
    """Size and time of the hidden file an upload keeps its date and name in (uploads.py)."""
    head, name = os.path.split(path)
    try:
        st = os.stat(os.path.join(head, f".{name}.lagebild.json"))
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def corpus_key(paths: Iterable[str | os.PathLike]) -> str:
    """A hash of what the loaded corpus depends on besides the pipelines (see the module doc)."""
    paths = [os.fspath(p) for p in paths]
    digest = hashlib.sha1(f"format {FORMAT}\n".encode())
    for var in ("LAGEBILD_MAX_FILE_MB", "LAGEBILD_MAX_ARTICLE_CHARS"):
        digest.update(f"{var}={os.environ.get(var, '')}\n".encode())
    for p in paths:
        digest.update(f"root {os.path.abspath(p)}\n".encode())
    for path, size, mtime in fingerprint(paths):
        digest.update(f"{path}\0{size}\0{mtime}\0{_sidecar(path)}\n".encode())
    return digest.hexdigest()[:20]


def _folder(cache_dir: str | os.PathLike, key: str) -> Path:
    return Path(cache_dir) / FOLDER / key


def is_current(paths, cache_dir: str | os.PathLike) -> bool:
    """Whether a snapshot of the corpus at `paths` is stored for today's files and pipeline
    versions (read from the models' meta.json, spaCy is not loaded): then nothing is left to
    annotate, and the dashboard skips the walk through the annotation cache."""
    from .nlp.pipeline import pipeline_version

    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    try:
        meta = json.loads((_folder(cache_dir, corpus_key(paths)) / "meta.json").read_text(encoding="utf-8"))
        return _made_with(meta, pipeline_version)
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return False


def _made_with(meta: dict, versions: Callable[[str], str]) -> bool:
    """Whether a snapshot's meta.json is of this format and names, for each language, the
    version `versions(lang)` gives."""
    return meta.get("format") == FORMAT and all(
        versions(lang) == version for lang, version in meta["versions"].items())


def load(cache_dir: str | os.PathLike, key: str, versions: Callable[[str], str]):
    """The stored corpus of `key`, or None (none stored, another pipeline version than
    `versions(lang)` gives, unreadable)."""
    from .annotate import Corpus

    folder = _folder(cache_dir, key)
    meta_path = folder / "meta.json"
    if not meta_path.is_file():
        return None
    try:
        if not _made_with(json.loads(meta_path.read_text(encoding="utf-8")), versions):
            return None
        collecting = gc.isenabled()
        gc.disable()         # millions of new objects: no collection passes while reading
        try:
            shared: dict = {}
            frames = {name: _read(folder / f"{name}.arrow", name, shared) for name in FRAMES}
            # opened (footer checked) now, read when a text is first asked for: the open file
            # stays readable when a newer snapshot replaces or removes this folder
            texts = ArrowTexts(pa.ipc.open_file(pa.OSFile(str(folder / "texts.arrow"), "r")))
        finally:
            if collecting:
                gc.enable()
        # the corpus lives as long as the server: its objects leave the collector's rounds
        gc.freeze()
    except Exception as exc:  # a damaged snapshot: assemble the corpus again
        log.warning("dropping unreadable corpus snapshot %s (%s)", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    try:
        os.utime(meta_path)      # recently used: kept by `_prune`
    except OSError:
        pass
    return Corpus(articles=frames["articles"], mentions=frames["mentions"],
                  actors=frames["actors"], events=frames["events"], quotes=frames["quotes"],
                  report=frames["report"], texts=texts)


# repeated values kept once per distinct value: dictionary-encoded in the file, a pandas
# categorical in memory (categories sorted, so sorting by one sorts as by the text): a sentence
# is shared by every mention and event in it, an actor or article id by thousands of rows.
# Grouping and filtering by them works on integer codes.
SHARED = {
    "mentions": ("article_id", "actor", "actor_type", "label", "form", "sentence"),
    "events": ("article_id", "granularity", "date_source", "sentence"),
    "quotes": ("article_id", "kind", "speaker_actor"),
}


class ArrowTexts(Mapping):
    """The article texts, id -> text, kept as one Arrow column: a text becomes a Python string
    only when it is asked for (the reader, the search), not 100,000 of them at start-up. The
    file (`texts.arrow`, opened at start-up) is read when a text is first asked for: the first
    page of a session shows none (reading the 165 MB of 100,000 texts took about 0.9 s)."""

    def __init__(self, source: pa.Table | pa.ipc.RecordBatchFileReader):
        self._source = source
        self._ids: list[str] | None = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:          # sessions run in threads: one of them reads the file
            if self._ids is not None:
                return
            table = self._source if isinstance(self._source, pa.Table) else self._source.read_all()
            ids = table.column("id").to_pylist()
            self._rows = {aid: i for i, aid in enumerate(ids)}
            self._text = table.column("text")
            self._source = None
            self._ids = ids

    def __getitem__(self, article_id: str) -> str:
        if self._ids is None:
            self._load()
        return self._text[self._rows[article_id]].as_py()

    def __iter__(self):
        if self._ids is None:
            self._load()
        return iter(self._ids)

    def __len__(self) -> int:
        if self._ids is None:
            self._load()
        return len(self._ids)


def _ipc(path: Path) -> pa.Table:
    """An Arrow IPC file, read whole into memory (not memory-mapped: a file truncated while
    mapped would crash the process with SIGBUS instead of raising an error)."""
    with pa.OSFile(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


# one set of categories for the sentences of mentions and events (written so, built once on
# reading: a million distinct sentences take a while to become categories)
ACROSS = ("sentence",)


def _read(path: Path, name: str, shared: dict | None = None) -> pd.DataFrame:
    table = _ipc(path)
    shared = {} if shared is None else shared
    across = {}
    for col in ACROSS:
        if col in table.column_names and pa.types.is_dictionary(table.schema.field(col).type):
            arr = table.column(col).combine_chunks()
            known = shared.get(col)
            if known is None or not known[0].equals(arr.dictionary):
                known = (arr.dictionary, pd.CategoricalDtype(arr.dictionary.to_pandas()))
                shared[col] = known
            codes = arr.indices.to_numpy(zero_copy_only=False)
            across[col] = pd.Categorical.from_codes(codes, dtype=known[1])
    order = table.column_names
    table = table.drop_columns(list(across))
    lists = [c for c in table.column_names if isinstance(table.schema.field(c).type, pa.ListType)]
    df = table.drop_columns(lists).to_pandas(ignore_metadata=True, split_blocks=True)
    for col in lists:            # Python lists, as annotate_corpus gives (not numpy arrays)
        values = np.empty(table.num_rows, dtype=object)
        values[:] = table.column(col).to_pylist()
        df[col] = pd.Series(values, index=df.index, dtype=object)
    for col, values in across.items():
        df[col] = pd.Series(values, index=df.index)
    df = df[order]
    if name in schema.COLUMNS:
        for col in schema._NULLABLE_INT_COLUMNS & set(df.columns):
            df[col] = df[col].astype("Int64")
        for col in schema._DATE_COLUMNS & set(df.columns):
            df[col] = df[col].astype("datetime64[s]")
    if name == "report" and "row" in df.columns:
        df["row"] = df["row"].astype("Int64")
    return df


def save(cache_dir: str | os.PathLike, key: str, corpus, versions: dict[str, str]) -> None:
    """Store `corpus` under `key` (atomically); a cache that cannot be written is skipped."""
    root = Path(cache_dir) / FOLDER
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        try:
            sentences = sorted(set(corpus.mentions["sentence"].astype(object))
                               | set(corpus.events["sentence"].astype(object)))
            for name in FRAMES:
                _write(_table(getattr(corpus, name), name, {"sentence": sentences}),
                       tmp / f"{name}.arrow")
            ids = list(corpus.texts)
            _write(pa.table({"id": pa.array(ids, pa.string()),
                             "text": pa.array([corpus.texts[i] for i in ids], pa.large_string())}),
                   tmp / "texts.arrow")
            (tmp / "meta.json").write_text(json.dumps(
                {"format": FORMAT, "versions": versions, "written": time.time()}), encoding="utf-8")
            target = root / key
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _prune(root)
    except OSError as exc:
        log.warning("could not store the corpus snapshot under %s: %s", root, exc)


def _write(table: pa.Table, path: Path) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _table(df: pd.DataFrame, name: str = "", categories: dict | None = None) -> pa.Table:
    """`df` as an Arrow table: text as strings, dates at second resolution, lists of strings."""
    arrays, names = [], []
    for col in df.columns:
        values = df[col]
        if pd.api.types.is_datetime64_any_dtype(values):
            arr = pa.array(values.astype("datetime64[s]"), pa.timestamp("s"))
        elif str(values.dtype) == "Int64":
            arr = pa.array(values, pa.int64())
        elif pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
            arr = pa.array(values.to_numpy())
        elif col in schema._LIST_COLUMNS:
            arr = pa.array([list(v) for v in values], pa.list_(pa.string()))
        elif col in SHARED.get(name, ()):
            text = values.astype(object).where(values.notna(), "")
            cats = (categories or {}).get(col) or sorted(set(text))
            arr = pa.array(pd.Categorical(text, categories=cats))
        else:
            arr = pa.array(values.astype(object).where(values.notna(), None).tolist(), pa.string())
        arrays.append(arr)
        names.append(str(col))
    return pa.Table.from_arrays(arrays, names=names)


def _prune(root: Path) -> None:
    """Keep the KEEP most recently used snapshots; remove stale temporary folders."""
    entries = []
    for folder in root.iterdir():
        if folder.name.startswith(".tmp-"):
            try:
                if time.time() - folder.stat().st_mtime > 3600:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                pass
            continue
        try:
            entries.append(((folder / "meta.json").stat().st_mtime, folder))
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
    for _, folder in sorted(entries, reverse=True)[KEEP:]:
        shutil.rmtree(folder, ignore_errors=True)


def cached_corpus(paths, cache_dir: str | os.PathLike | None = None, progress=None,
                  pipelines: Callable[[str], object] | None = None,
                  versions: Callable[[str], str] | None = None):
    """`lib.annotate_corpus(paths, …)`, read from the stored snapshot when nothing changed,
    else assembled and stored for the next start. `versions(lang)` is the pipeline version the
    snapshot and the annotation cache must have been made with: by default
    `versions_of(pipelines)` (for the default loader read from the model's meta.json: a start
    that finds the snapshot current loads no spaCy model)."""
    from .annotate import annotate_corpus
    from .nlp.pipeline import load_pipeline, versions_of
    from .settings import cache_dir as default_cache_dir

    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    versions = versions or versions_of(pipelines)
    pipelines = pipelines or load_pipeline
    key = corpus_key(paths)
    corpus = load(cache, key, versions)
    if corpus is not None:
        if progress:
            progress(0, 0, "annotating")
        return corpus
    corpus = annotate_corpus(paths, cache_dir=cache, progress=progress, pipelines=pipelines,
                             versions=versions)
    if corpus_key(paths) != key:        # a file changed while it was read: not stored
        return corpus
    # not stored: articles without findings because annotating them failed (no pipeline named;
    # retried next time), or a cache that warned (unreadable, not writable)
    failed = corpus.articles["pipeline"].eq("").any()
    warned = not corpus.report.empty and corpus.report["path"].eq(str(cache)).any()
    if not failed and not warned:
        langs = sorted(set(corpus.articles["language"]))
        save(cache, key, corpus, {lang: versions(lang) for lang in langs})
        # the typed frames from now on, as every later start gets them (and far smaller)
        return load(cache, key, versions) or corpus
    return corpus
