"""CSV articles: a text column plus optional metadata columns, one article per row.

The delimiter is detected (the one whose header has a text column, else the sniffed one);
row numbers are 1-based data rows (row 1 is the first record under the header). Rows that
cannot be trusted are reported with their number and skipped — a NUL byte (binary data), more
fields than the header, a quote that is never closed — and the other rows still load; a row
with fewer fields loads with the missing fields left empty, and is reported.
"""
from __future__ import annotations

import csv
import io

from .article import _TEXT_NAMES_SHOWN, LoadIssue, _from_record, _map_fields

__all__ = ["load_csv"]


_CSV_DELIMITERS = ",;\t|"


def _csv_header(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return []


def _detect_delimiter(text: str) -> str:
    """The delimiter whose header has a text column; else the sniffed or most frequent one."""
    sample = text[:65536]
    candidates = list(_CSV_DELIMITERS)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
        candidates.remove(sniffed)
        candidates.insert(0, sniffed)
    except csv.Error:
        sniffed = None
    for delimiter in candidates:
        header = _csv_header(sample, delimiter)
        if len(header) > 1 and "text" in _map_fields(header):
            return delimiter
    if sniffed:
        return sniffed
    first_line = sample.split("\n", 1)[0]
    return max(_CSV_DELIMITERS, key=lambda d: (first_line.count(d), d == ","))


def _raise_csv_limit() -> None:
    limit = 256 * 1024 * 1024
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def load_csv(path: str, text: str):
    """Results for a CSV file (see lib/corpus.py: ("article", …) / ("issue", …))."""
    _raise_csv_limit()
    text = text.lstrip("\ufeff")
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield ("issue", LoadIssue(path, None, "empty file", "skipped"))
        return
    except csv.Error as exc:
        yield ("issue", LoadIssue(path, None, f"CSV header could not be read: {exc}",
                                  "skipped"))
        return
    header = [h.strip() for h in header]
    mapping = _map_fields(header)
    if "text" not in mapping:
        shown = ", ".join(repr(h) for h in header[:8]) or "none"
        yield ("issue", LoadIssue(
            path, None,
            f"no text column (looked for {_TEXT_NAMES_SHOWN}…; found {shown})", "skipped",
        ))
        return
    n_rows = 0
    row = 0
    pending = None  # the row read last, yielded once we know whether it ends the file
    while True:
        start_line = reader.line_num
        error = None
        try:
            values = next(reader)
        except StopIteration:
            values = None
        except csv.Error as exc:
            values, error = None, exc
        if pending is not None:
            unterminated = values is None and error is None and _unterminated(
                text, pending[2], delimiter)
            yield from _csv_row(path, header, pending[0], pending[1], unterminated)
            pending = None
        if error is not None:
            yield ("issue", LoadIssue(
                path, row + 1,
                f"CSV could not be read from row {row + 1} on ({error}): rest of file skipped",
                "skipped",
            ))
        if values is None:
            break
        row += 1
        if not any(v.strip() for v in values):
            continue  # blank line
        n_rows += 1
        pending = (row, values, start_line)
    if n_rows == 0:
        yield ("issue", LoadIssue(path, None, "no rows below the header", "skipped"))


def _unterminated(text: str, start_line: int, delimiter: str) -> bool:
    """Whether the CSV record starting at line *start_line* (0-based) opens a quote that is
    never closed (the lenient reader then reads to the end of the file)."""
    lines = io.StringIO(text, newline="")
    for _ in range(start_line):
        if not lines.readline():
            return False
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _csv_row(path: str, header: list[str], row: int, values: list[str], unterminated: bool):
    """Results for one CSV data row; malformed rows are reported with their row number."""
    width = len(header)
    if unterminated:
        yield ("issue", LoadIssue(
            path, row, f"row {row} opens a quote (\") that is never closed, so it runs to "
            "the end of the file: skipped", "skipped"))
        return
    if any("\x00" in v for v in values):
        yield ("issue", LoadIssue(
            path, row, f"row {row} contains a NUL byte (binary data): skipped", "skipped"))
        return
    if len(values) > width and any(v.strip() for v in values[width:]):
        yield ("issue", LoadIssue(
            path, row, f"row {row} has {len(values)} fields, the header has {width} "
            "(a delimiter inside an unquoted value?): skipped", "skipped"))
        return
    if len(values) < width:
        yield ("issue", LoadIssue(
            path, row, f"row {row} has {len(values)} fields, the header has {width}: "
            "missing fields left empty", "repaired"))
    record = {h: (values[i] if i < len(values) else None) for i, h in enumerate(header)}
    yield from _from_record(record, f"{path}#row={row}", path, row, f"row {row}")
