"""Writing a file atomically: `write_atomic(path, write)` calls `write(tmp)` on a temporary file
beside `path`, then renames it into place, so a reader (or a full disk) never sees a truncated
file. Used by the command line's exports and by the prepared-data cache (lib/prepared.py)."""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: str | os.PathLike, write: Callable[[str], object]) -> None:
    """`write(tmp)` to a temporary file beside `path`, then rename it into place; the temporary
    file is removed if writing fails."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
