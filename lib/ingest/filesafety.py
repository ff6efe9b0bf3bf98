"""Finding and reading corpus files without being led astray by the file system.

* Only regular files are read. Named pipes, devices and sockets are reported, never opened for
  long: a file is opened non-blocking and checked with ``fstat`` before a byte is read, so a
  FIFO cannot hang the loader and ``/dev/zero`` cannot fill the memory.
* Every file has a size limit, checked before reading (and enforced while reading, in case the
  file grows): ``LAGEBILD_MAX_FILE_MB`` megabytes, default 20. Larger files are skipped and
  reported. The same limit applies to uploaded files and to the members of uploaded zips.
* Symbolic links inside a corpus folder are followed only when they lead to a file inside the
  same folder. Links to folders and links that lead out of the folder (``x.txt ->
  /etc/passwd``) are not followed and are reported. A file or folder named directly (on the
  command line, in ``LAGEBILD_CORPUS``) is read even when it is a link: the user chose it.
* A folder that cannot be listed is reported, the rest of the corpus still loads.
* ``shown(path)`` is how a path appears in a report line: control characters (a newline in a
  file name) are escaped, so a name cannot forge lines of the report.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator

from ..settings import DEFAULT_MAX_FILE_MB, max_file_bytes

__all__ = ["DEFAULT_MAX_FILE_MB", "max_file_bytes", "Unreadable", "read_regular", "walk",
           "shown", "describe_size"]

_CHUNK = 1024 * 1024




def describe_size(n: int) -> str:
    """1.5 MB, 20 MB, 300 bytes …"""
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


class Unreadable(Exception):
    """A file that is not read; the message is the reason shown in the report."""


def shown(path: object) -> str:
    """A path as it appears in a report line: as is when every character is printable, else
    quoted repr-style (``'a\\nb.txt'``) so control characters cannot forge report lines."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    return text if text.isprintable() else repr(text)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _open_fd(path: str) -> int:
    """Open for reading without blocking (a FIFO without a writer returns at once)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    return os.open(path, flags)


def _too_large(size: int, limit: int) -> Unreadable:
    return Unreadable(
        f"too large ({describe_size(size)}; at most {describe_size(limit)} per file, "
        "set by LAGEBILD_MAX_FILE_MB): not read"
    )


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most *limit* bytes (default `max_file_bytes()`).

    Raises `Unreadable` (with the reason in plain words) for folders, pipes, devices, sockets,
    files over the limit and files that cannot be opened.
    """
    limit = max_file_bytes() if limit is None else limit
    try:
        fd = _open_fd(os.fspath(path))
    except PermissionError:
        raise Unreadable("could not be read: permission denied") from None
    except IsADirectoryError:
        raise Unreadable("is a folder, not a file") from None
    except FileNotFoundError:
        raise Unreadable("no such file or folder") from None
    except OSError as exc:
        raise Unreadable(f"could not be read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(f"is {_kind(st.st_mode)}, not a regular file: not read")
        if st.st_size > limit:
            raise _too_large(st.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew after fstat
                raise _too_large(total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(f"could not be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk(root: str, ignore: Callable[[str, bool], bool]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for every file to load under folder *root*, in sorted order, and
    (path, problem) for what is not loaded but must be reported. ``ignore(name, is_dir)``
    names entries that are skipped silently (hidden files, notes about the folder)."""
    root_real = os.path.realpath(root)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            yield folder, "folder could not be read: permission denied"
            continue
        except OSError as exc:
            yield folder, f"folder could not be read: {exc.strerror or exc}"
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_symlink():
                    if ignore(entry.name, False):
                        continue
                    problem = _link_problem(entry.path, root_real)
                    yield entry.path, problem
                elif entry.is_dir(follow_symlinks=False):
                    if not ignore(entry.name, True):
                        subfolders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    if not ignore(entry.name, False):
                        yield entry.path, None
                else:
                    if ignore(entry.name, False):
                        continue
                    mode = entry.stat(follow_symlinks=False).st_mode
                    yield entry.path, f"is {_kind(mode)}, not a regular file: not read"
            except OSError as exc:
                yield entry.path, f"could not be read: {exc.strerror or exc}"
        stack.extend(reversed(subfolders))


def _link_problem(path: str, root_real: str) -> str | None:
    """None when the link at *path* leads to a regular file inside the corpus folder."""
    target = os.path.realpath(path)
    if not os.path.lexists(target) or not os.path.exists(path):
        return "broken link (its target does not exist): not followed"
    if os.path.isdir(target):
        return "link to a folder: not followed (links to folders are never followed)"
    if not _inside(target, root_real):
        return "link to a file outside the corpus folder: not followed"
    return None
