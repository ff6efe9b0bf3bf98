"""Prepared data: what a process would otherwise derive from the same files on every start (the
lemma table parsed from its gzipped JSON, the gazetteer's names tokenized for its matcher), kept
in the cache folder in a format that reads fast.

    table = prepared("lemma_lookup_de", [source_key(path)], build=lambda: parse(path))

`prepared(name, keys, build)` returns `build()`'s value, from `<prepared_dir()>/<name>-<hash>.bin`
when that file was written for the same `keys` (the hash covers the name, the keys and the
Python version), else built and written. The keys name everything the value is derived from:
a source file's content hash (`source_key`), a model's name and version, spaCy's version. A
changed source gives another file name, so a stale file is never read; it is removed when the new
one is written. The file holds a digest of its payload: a damaged or truncated file (or one that
does not read back) is not trusted but rebuilt and written again. Files are written atomically
(lib/atomic.py). A cache folder that cannot be written only costs the speed-up.

Values are plain Python data (dicts, lists, tuples, strings, numbers) stored with `marshal`,
which reads a dict of 355,000 strings in about a third of the time `json` needs.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .atomic import write_atomic
from .settings import prepared_dir

log = logging.getLogger(__name__)

T = TypeVar("T")

MAGIC = b"LGBPREP1"
_DIGEST = 32


def source_key(path: str | os.PathLike) -> str:
    """A key for a source file: its name and a hash of its content ("" if it cannot be read)."""
    path = Path(path)
    try:
        return f"{path.name}:{hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()}"
    except OSError:
        return f"{path.name}:unreadable"


def _file(name: str, keys: Iterable[str]) -> Path:
    digest = hashlib.blake2b(digest_size=10)
    for part in (name, sys.version, *keys):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return prepared_dir() / f"{name}-{digest.hexdigest()}.bin"


def read_verified(path: str | os.PathLike):
    """The value `write_verified` stored in `path`; raises if the file is missing, damaged
    (its payload does not match its digest) or does not read back."""
    data = Path(path).read_bytes()
    head, digest, payload = data[:len(MAGIC)], data[len(MAGIC):len(MAGIC) + _DIGEST], \
        data[len(MAGIC) + _DIGEST:]
    if head != MAGIC or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        raise ValueError("damaged (its content does not match its digest)")
    return marshal.loads(payload)


def write_verified(path: str | os.PathLike, value) -> None:
    """Store `value` (plain Python data) in `path` with a digest of it, atomically."""
    path = Path(path)
    payload = marshal.dumps(value)
    digest = hashlib.blake2b(payload, digest_size=_DIGEST).digest()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, lambda tmp: Path(tmp).write_bytes(MAGIC + digest + payload))


def _write(path: Path, value) -> None:
    write_verified(path, value)
    for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.bin"):
        if old != path:          # the same data for other keys: stale
            try:
                old.unlink()
            except OSError:
                pass


def prepared(name: str, keys: Iterable[str], build: Callable[[], T]) -> T:
    """`build()`, read from the prepared-data cache when it was written for the same `name` and
    `keys`, else built and written there (see the module docstring). `name`
    is letters, digits and "_" (e.g. "lemma_lookup_de")."""
    if not re.fullmatch(r"\w+", name):
        raise ValueError(f"a prepared-data name is letters, digits and _: {name!r}")
    path = _file(name, list(keys))
    if path.is_file():
        try:
            return read_verified(path)
        except Exception as exc:  # noqa: BLE001 - damaged: not trusted, rebuilt below
            log.warning("prepared data %s is damaged (%s); building it again", path, exc)
    value = build()
    try:
        _write(path, value)
    except (OSError, ValueError) as exc:   # ValueError: marshal cannot store the value
        log.info("could not keep prepared data in %s: %s", path.parent, exc)
    return value
