"""Bytes → text: the binary check and the encoding (BOMs, UTF-8, charset detection)."""
from __future__ import annotations

from .filesafety import Unreadable, read_regular

_SNIFF_BYTES = 8192           # binary check looks at the start of the file


# --------------------------------------------------------------------------------------
# Reading bytes


class _Skip(Exception):
    """A file that cannot be loaded; the message is the reason shown in the report."""


def _read_bytes(path: str) -> bytes:
    """A regular file's bytes, size-limited (see lib/filesafety.py)."""
    try:
        return read_regular(path)
    except Unreadable as exc:
        raise _Skip(str(exc)) from None


def _looks_binary(data: bytes, tolerate_nul: bool = False) -> bool:
    """True for data that is not text. With *tolerate_nul* (row formats: CSV, JSONL) a few
    NUL bytes are allowed — the rows holding them are reported, the others kept."""
    sample = data[:_SNIFF_BYTES]
    nuls = sample.count(b"\x00")
    if nuls and (not tolerate_nul or nuls > max(2, len(sample) // 200)):
        return True
    controls = sum(1 for b in sample if 0 < b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 20)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", None),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def _mess(text: str) -> float:
    """charset-normalizer's "chaos" of a decoded text (0 = reads cleanly)."""
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - internal module moved
        return 0.0
    return mess_ratio(text, 1.0)


def _decode(data: bytes, tolerate_nul: bool = False) -> tuple[str, str | None]:
    """Bytes → text. Returns (text, note); note says how a non-UTF-8 file was read.

    Raises _Skip for empty, binary or undecodable files.
    """
    if not data.strip():
        raise _Skip("empty file")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            return text, (f"not UTF-8: read as {label}" if label else None)
    if _looks_binary(data, tolerate_nul):
        raise _Skip("binary file (not text)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (e.g. a scrape glued from two sources): keep the
    # UTF-8 reading and replace only the broken characters.
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd")
    n_good = sum(1 for ch in replaced if ord(ch) > 127) - n_bad
    if n_good >= 3 * n_bad:
        return replaced, (
            f"not valid UTF-8 in {n_bad} place{'s' if n_bad != 1 else ''}: "
            "unreadable characters replaced with \ufffd"
        )
    del replaced
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # charset-normalizer often names cp1250 or a Mac code page for German Windows text;
    # prefer cp1252 (Windows Western European) whenever it reads the bytes at least as cleanly.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or _mess(western) <= best.chaos + 0.01):
        return western, "not UTF-8: read as cp1252"
    if best is None:
        raise _Skip("not readable as text (unknown encoding or binary file)")
    return str(best), f"not UTF-8: read as {best.encoding}"

