"""Saving articles uploaded in the browser into the user's corpus folder.

`save_uploads([(name, data), …])` stores files (and the members of zip files) in
`lib.settings.uploads_dir()`:

* only the supported suffixes (`SUPPORTED_SUFFIXES`: text, markdown, JSON, JSONL, CSV, HTML, PDF, DOCX) are kept;
* a file name is reduced to its last path component and to safe characters, so neither a
  browser-sent name nor a zip member name (`../../x.md`, `/etc/x`, `C:\\x`) can leave the folder;
* an existing file is never overwritten: the same content is reported as already there, other
  content is saved under a new name (`article-2.md`);
* sizes are limited (per file, per zip, number of zip members) and compression bombs are caught
  by reading at most the limit; the per-file limit is the loader's (`LAGEBILD_MAX_FILE_MB`,
  default 20 MB, see lib/filesafety.py), so an upload that is saved can also be read;
* zip members that are links, devices or other special entries are skipped;
* a file already in the folder is only compared when it is a regular file within the limit
  (a pipe or a link to /dev/zero placed there cannot hang or exhaust the upload);
* files are written to a temporary name and renamed into place;
* a publication date given with the upload (`save_uploads(…, published=date)`) is kept next to
  each new copy in a small hidden file, `.<name>.lagebild.json` (lib/ingest/dates.py); the
  loader gives that date to the articles of the file that have none of their own (no date in
  their metadata, no dateline). The copy itself stays byte for byte what was uploaded.
* the name the user gave a file (``bundle.zip/sub/a.txt`` for a zip member, ``a.md`` for a copy
  saved as ``a-2.md``) is kept in the same hidden file (``"name"``) when it differs from the
  stored name: messages and the list of uploads show it (`uploaded_as`).

Messages are one per file: `UploadResult.problems` joins what was found wrong with one file
before saving, `finish_upload` what the loader reported about a saved file after annotation
(and whether it was kept).

Nothing here imports streamlit; every problem becomes a `Skipped(name, reason)` in plain words.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from ..settings import uploads_dir
from .corpus import SUPPORTED_SUFFIXES
from .dates import read_upload_meta, upload_meta_path, write_upload_date, write_upload_meta
from .filesafety import Unreadable, describe_size, max_file_bytes, read_regular, shown

__all__ = ["SUPPORTED_SUFFIXES", "MAX_FILE_BYTES", "MAX_ZIP_BYTES", "MAX_ZIP_MEMBERS",
           "Saved", "Skipped", "UploadResult", "save_uploads", "safe_name", "stored_uploads",
           "upload_outcome", "discard_unread", "remove_uploads", "uploaded_as", "Message",
           "finish_upload"]

MAX_FILE_BYTES = max_file_bytes()          # one article file (also one zip member, unpacked)
MAX_ZIP_BYTES = 100 * 1024 * 1024          # a zip file as uploaded
MAX_ZIP_TOTAL_BYTES = 200 * 1024 * 1024    # all members of one zip, unpacked
MAX_ZIP_MEMBERS = 1000


@dataclass(frozen=True)
class Saved:
    name: str          # as uploaded ("bundle.zip/a/b.md" for zip members)
    path: Path         # where it is stored
    new: bool          # False: the same file was already in the folder


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class UploadResult:
    saved: list[Saved] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def new_paths(self) -> list[Path]:
        return [s.path for s in self.saved if s.new]

    @property
    def problems(self) -> list[Skipped]:
        """One `Skipped` per file (in the order found): the reasons of a file found wrong in
        several ways joined by "; "."""
        reasons: dict[str, list[str]] = {}
        for skipped in self.skipped:
            found = reasons.setdefault(skipped.name, [])
            if skipped.reason not in found:
                found.append(skipped.reason)
        return [Skipped(name, "; ".join(found)) for name, found in reasons.items()]


@dataclass(frozen=True)
class Message:
    """What became of one saved file after annotation, for the user: `name` as uploaded."""
    name: str
    text: str
    kept: bool          # False: nothing could be read from it, it was deleted again


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name: str) -> str:
    """The last component of `name` (any of / or \\ separates) with unsafe characters replaced;
    "" when nothing usable is left."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = unicodedata.normalize("NFC", base).replace("\x00", "")
    base = _UNSAFE.sub("_", base).strip(" .")
    base = base.lstrip(".-")
    if len(base) > 120:
        stem, suffix = os.path.splitext(base)
        base = stem[: 120 - len(suffix)] + suffix
    return base


def _suffix(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _store(name: str, data: bytes, folder: Path, result: UploadResult) -> None:
    if len(data) > MAX_FILE_BYTES:
        result.skipped.append(Skipped(name, f"too large ({describe_size(len(data))}; at most "
                                            f"{describe_size(MAX_FILE_BYTES)} per file)"))
        return
    if not data.strip():
        result.skipped.append(Skipped(name, "the file is empty"))
        return
    base = safe_name(name)
    stem, suffix = os.path.splitext(base)
    if not stem or suffix.lower() not in SUPPORTED_SUFFIXES:
        result.skipped.append(Skipped(name, "not a supported file name"))
        return
    digest = hashlib.sha256(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        candidate = folder / (base if n == 1 else f"{stem}-{n}{suffix}")
        if candidate.exists():
            try:
                same = hashlib.sha256(
                    read_regular(candidate, MAX_FILE_BYTES)).hexdigest() == digest
            except Unreadable:
                same = False  # a pipe, device, folder or huge file: never the same, never read
            if same:
                result.saved.append(Saved(name, candidate, new=False))
                return
            n += 1
            continue
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            try:
                # link() fails if the name was taken meanwhile: never overwrite.
                os.link(tmp, candidate)
            except FileExistsError:
                n += 1
                continue
            except OSError:
                if candidate.exists():
                    n += 1
                    continue
                os.replace(tmp, candidate)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        result.saved.append(Saved(name, candidate, new=True))
        return


def _unzip(name: str, data: bytes, folder: Path, result: UploadResult) -> None:
    if len(data) > MAX_ZIP_BYTES:
        result.skipped.append(Skipped(name, f"too large ({len(data) / 1e6:.1f} MB; at most "
                                            f"{MAX_ZIP_BYTES // 2**20} MB per zip file)"))
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        result.skipped.append(Skipped(name, f"not a readable zip file ({exc})"))
        return
    files = [m for m in members if not m.is_dir()]
    if len(files) > MAX_ZIP_MEMBERS:
        result.skipped.append(Skipped(name, f"holds {len(files)} files; at most {MAX_ZIP_MEMBERS}"))
        return
    total = 0
    found = False
    for info in files:
        member = f"{name}/{info.filename}"
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts):
            continue  # hidden files, macOS resource forks
        if _suffix(info.filename) not in SUPPORTED_SUFFIXES:
            result.skipped.append(Skipped(member, "not a supported file type (" +
                                          " ".join(SUPPORTED_SUFFIXES) + ")"))
            continue
        found = True
        kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
        if kind and kind != stat.S_IFREG:
            what = "a symbolic link" if kind == stat.S_IFLNK else "a special file"
            result.skipped.append(Skipped(member, f"is {what}, not a file: not unpacked"))
            continue
        if info.flag_bits & 0x1:
            result.skipped.append(Skipped(member, "encrypted zip members are not supported"))
            continue
        if info.file_size > MAX_FILE_BYTES:
            result.skipped.append(Skipped(member, f"too large ({describe_size(info.file_size)} "
                                                  f"unpacked; at most "
                                                  f"{describe_size(MAX_FILE_BYTES)})"))
            continue
        try:
            with archive.open(info) as fh:
                content = fh.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            result.skipped.append(Skipped(member, f"could not be unpacked ({exc})"))
            continue
        if len(content) > MAX_FILE_BYTES:
            result.skipped.append(Skipped(member, "too large when unpacked"))
            continue
        total += len(content)
        if total > MAX_ZIP_TOTAL_BYTES:
            result.skipped.append(Skipped(name, f"unpacks to more than "
                                                f"{MAX_ZIP_TOTAL_BYTES // 2**20} MB; stopped"))
            return
        _store(member, content, folder, result)
    if not found:
        result.skipped.append(Skipped(name, "holds no supported files (" +
                                      " ".join(SUPPORTED_SUFFIXES) + ")"))


def save_uploads(files: Iterable[tuple[str, bytes]], folder: str | os.PathLike | None = None,
                 published: dt.date | None = None) -> UploadResult:
    """Save uploaded (name, bytes) pairs — article files or zips of them — into `folder`
    (default `uploads_dir()`). `published`: the publication date for the articles of the new
    files that have none of their own (kept beside each copy, see the module notes); files
    already in the folder keep what they had."""
    folder = Path(folder) if folder is not None else uploads_dir()
    result = UploadResult()
    try:
        _save_all(files, folder, result)
    finally:
        for saved in result.saved:
            if not saved.new:
                continue
            if published is not None:
                try:
                    write_upload_date(saved.path, published)
                except OSError as exc:
                    result.skipped.append(Skipped(saved.name, "the publication date could "
                                                  f"not be kept ({exc.strerror or exc})"))
            if saved.name != saved.path.name:
                _keep_name(saved.path, saved.name)
    return result


def _keep_name(path: Path, name: str) -> None:
    """Add the name as uploaded to the hidden file beside `path` (its upload date stays)."""
    try:
        write_upload_meta(path, name=name)
    except OSError:
        pass   # only the name shown is lost: the stored name is shown instead


def uploaded_as(path: str | os.PathLike) -> str:
    """The name the user gave the stored upload `path` ("bundle.zip/sub/a.txt"), else its file
    name; quoted when it holds control characters (`filesafety.shown`)."""
    name = read_upload_meta(path).get("name")
    return shown(name if isinstance(name, str) and name else Path(path).name)


def _save_all(files: Iterable[tuple[str, bytes]], folder: Path, result: UploadResult) -> None:
    for name, data in files:
        name = str(name or "upload")
        data = bytes(data or b"")
        try:
            if _suffix(name) == ".zip":
                _unzip(name, data, folder, result)
            elif _suffix(name) in SUPPORTED_SUFFIXES:
                _store(name, data, folder, result)
            else:
                result.skipped.append(Skipped(name, "not a supported file type (" +
                                              " ".join(SUPPORTED_SUFFIXES + (".zip",)) + ")"))
        except OSError as exc:
            result.skipped.append(Skipped(name, f"could not be saved ({exc.strerror or exc})"))


def stored_uploads(folder: str | os.PathLike | None = None) -> list[tuple[str, float]]:
    """(file name, size in KB) of the files in the uploads folder, by name."""
    folder = Path(folder) if folder is not None else uploads_dir()
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return [(p.name, round(p.stat().st_size / 1024, 1)) for p in files]


def remove_uploads(names: Iterable[str], folder: str | os.PathLike | None = None) -> list[str]:
    """Delete the uploaded copies named `names` (file names as `stored_uploads` lists them) and
    their upload-date files from the uploads folder; returns the names removed. Only regular
    files directly in the uploads folder are touched, never a file elsewhere."""
    folder = Path(folder) if folder is not None else uploads_dir()
    removed = []
    for name in names:
        path = folder / Path(str(name)).name
        if path.name.startswith(".") or not path.is_file() or path.is_symlink():
            continue
        try:
            path.unlink()
        except OSError:
            continue
        upload_meta_path(path).unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def _problems(corpus, paths: list[Path]) -> tuple[pd.DataFrame, dict[Path, list[str]]]:
    """The articles read from `paths` and, per path, the load report's lines about it."""
    wanted = {str(p): p for p in paths}
    by_name: dict[str, Path] = {}
    for p in paths:
        by_name.setdefault(p.name, p)

    def ours(value) -> Path | None:
        base = str(value).split("#")[0]
        if base in wanted:
            return wanted[base]
        return None if Path(base).is_absolute() else by_name.get(Path(base).name)

    articles = corpus.articles.loc[corpus.articles["path"].map(
        lambda v: ours(v) is not None).astype(bool)].reset_index(drop=True)
    found: dict[Path, list[str]] = {}
    for path, row, problem, action in zip(corpus.report["path"], corpus.report["row"],
                                          corpus.report["problem"], corpus.report["action"]):
        mine = ours(path)
        if mine is None:
            continue
        where = "" if row is None or pd.isna(row) else f"row {int(row)}: "
        line = f"{where}{problem} ({action})"
        if line not in found.setdefault(mine, []):
            found[mine].append(line)
    return articles, found


def upload_outcome(corpus, paths: Iterable[str | os.PathLike]):
    """The articles a corpus read from `paths` and, in plain words, one message per file with
    what its load report says about it ("bundle.zip/a.csv: row 3: no text (skipped); row 5: …";
    report paths may carry `#row=3`), the file named as uploaded."""
    paths = [Path(p) for p in paths]
    articles, found = _problems(corpus, paths)
    return articles, [f"{uploaded_as(p)}: {'; '.join(found[p])}" for p in paths if p in found]


def finish_upload(corpus, paths: Iterable[str | os.PathLike]) -> tuple[pd.DataFrame, list[Message]]:
    """After annotating: the articles read from the just-saved `paths`, and one `Message` per
    file that had problems or from which nothing could be read (that file is deleted again,
    `discard_unread`)."""
    paths = [Path(p) for p in paths]
    names = {p: uploaded_as(p) for p in paths}      # before a discarded file's sidecar goes
    articles, found = _problems(corpus, paths)
    gone = set(discard_unread(paths, articles))
    messages = []
    for p in paths:
        details = "; ".join(found.get(p, []))
        if p in gone:
            text = "nothing new could be read from it, so it was not kept"
            messages.append(Message(names[p], text + (f" ({details})" if details else ""), False))
        elif details:
            messages.append(Message(names[p], details, True))
    return articles, messages


def discard_unread(paths: Iterable[str | os.PathLike], articles) -> list[Path]:
    """Delete the just-saved files in `paths` from which no article could be read (so a bad file
    does not stay in the corpus folder); returns the deleted paths. `articles` is the articles
    frame of the corpus annotated after saving."""
    read = {str(p).split("#")[0] for p in articles["path"]}
    read |= {Path(p).name for p in read}
    gone = []
    for path in map(Path, paths):
        if str(path) not in read and path.name not in read:
            try:
                path.unlink()
                gone.append(path)
            except OSError:
                pass
            try:
                upload_meta_path(path).unlink(missing_ok=True)
            except OSError:
                pass
    return gone
