"""Publication dates: from metadata values (ISO, RFC 2822, German and English date strings),
from a dateline at the start of the text, and from the date a user set on upload."""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

__all__ = ["MIN_YEAR", "MAX_YEAR", "parse_date", "Dateline", "find_dateline", "year_hint", "upload_meta_path",
           "upload_date", "write_upload_date", "read_upload_meta", "write_upload_meta"]


_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3,
    "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12,
    "jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "december": 12, "mar": 3, "oct": 10, "dec": 12,
}
_MONTH = r"(?P<mon>[A-Za-zÄÖÜäöü]{3,9})\.?"
_DATE_PATTERNS = [
    # 2022-10-18, 2022/10/18, 2022.10.18 (also inside "2022-10-18 09:30 CEST")
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 18.10.2022, 18. 10. 2022, 18.10.22
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d.])"),
    # 18. Oktober 2022, 18 October 2022, 18th of October 2022, 18-Oct-2022
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?(?:\s+of)?[\s-]+{_MONTH}[\s,-]+"
        r"(?P<y>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
    # October 18, 2022 · Oct. 18 2022 · October 18th, 2022
    re.compile(
        rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
    ),
]
# 18/10/2022 or 10/18/2022: only when unambiguous (one of the numbers is > 12)
_SLASH_DATE = re.compile(r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)")


# the years a publication date can have: 0001-01-01 and 9999-12-31 are placeholders of
# exporting systems, not dates
MIN_YEAR, MAX_YEAR = 1800, 2200


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if y < 100:
        y += 2000 if y <= (dt.date.today().year % 100) + 1 else 1900
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(value: Any, any_year: bool = False) -> dt.date | None:
    """A publication date from a metadata value, or None (also for a year outside
    MIN_YEAR–MAX_YEAR unless `any_year`).

    Accepts ``datetime.date``/``datetime``/pandas ``Timestamp`` and strings: ISO dates and
    datetimes (with or without time zone — the date is the one written, not converted to
    UTC), RFC 2822 (``Tue, 18 Oct 2022 09:30:00 +0200``), German ``18.10.2022`` and
    ``18. Oktober 2022``, English ``October 18, 2022`` and ``18 October 2022``, and
    ``18/10/2022`` when day and month cannot be confused. Anything else → None.
    """
    date = _parse_date(value)
    if date is not None and not any_year and not MIN_YEAR <= date.year <= MAX_YEAR:
        return None
    return date


def _parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):  # includes pandas Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if not s:
        return None
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            result = parse(iso)
        except ValueError:
            continue
        return result.date() if isinstance(result, dt.datetime) else result
    if re.search(r"[A-Za-z]{3}", s) and re.search(r"\d{1,2}:\d{2}", s):
        try:
            return email.utils.parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            pass
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            parts = m.groupdict()
            if "mon" in parts:
                month = _MONTHS.get(parts["mon"].lower())
                if month is None:
                    continue
            else:
                month = int(parts["m"])
            result = _make_date(int(parts["y"]), month, int(parts["d"]))
            if result is not None:
                return result
    m = _SLASH_DATE.search(s)
    if m:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b:
            return _make_date(y, b, a)
        if b > 12 >= a:
            return _make_date(y, a, b)
    return None


# --------------------------------------------------------------------------------------
# Datelines: "Berlin, 18. Oktober (Reuters) –", "LONDON, Oct 18 (Reuters) -"

_WORD = r"[A-ZÄÖÜ][\wÄÖÜäöüß.'’/-]*"
_LINK = r"(?:am|an\s+der|im|upon|on|de|del|la|le|el|sur|ob|bei)"
_PLACE = rf"(?P<place>{_WORD}(?:[ ]+(?:{_LINK}[ ]+)?{_WORD}){{0,3}})"
_AGENCY = r"\((?P<{name}>[A-Za-z][\w./&+ -]{{0,30}})\)"
_DL_MONTH = r"(?P<mon>[A-Za-zÄÖÜäöü]{3,9})\.?"
_DL_DATES = [
    # 18. Oktober 2022 · 18. Oktober · 18 October 2022 · 18 Oct
    rf"(?P<d>\d{{1,2}})\.?\s+{_DL_MONTH}(?:\s+(?P<y>\d{{4}}))?",
    # Oct 18 · Oct. 18, 2022 · October 18th, 2022
    rf"{_DL_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?",
    # 18.10.2022 · 18.10.22 · 18.10.
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?",
    # 2022-10-18
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})",
]
_DASH = r"\s*[-–—]+\s+\S"
_DATELINES = [
    re.compile(
        rf"^[*_]{{0,2}}{_PLACE}[*_]{{0,2}}(?:\s*{_AGENCY.format(name='a1')}\s*,?|\s*,)\s*{date}"
        rf"\s*,?\s*(?:{_AGENCY.format(name='a2')})?(?:\s*/\s*\w+)?{_DASH}")
    for date in _DL_DATES
]
_DATELINE_LINES = 3    # the dateline opens one of the first lines (after a title)


class Dateline(NamedTuple):
    text: str                    # the dateline as written ("Berlin, 18. Oktober (Reuters) –")
    date: dt.date | None         # None: no year in it and none given
    has_year: bool


def find_dateline(text: str, year: int | None = None) -> Dateline | None:
    """The dateline that opens an article, or None.

    A dateline is a place (one to four capitalised words, "Frankfurt am Main", "NEW YORK"),
    optionally a news agency in brackets, a date and a dash: German *Berlin, 18. Oktober
    (Reuters) –*, *BERLIN (dpa), 18.10.2022 –*, *Kiew, 18.10.2022 –*; English *LONDON, Oct 18
    (Reuters) -*, *WASHINGTON, October 18, 2022 —*. It must open one of the first lines of the
    text (markdown headings are skipped). A date without a year takes `year` when given; else
    its `date` is None — unknown rather than guessed. A place without a date, or a date not
    followed by a dash, is no dateline."""
    lines = [line.strip() for line in str(text)[:2000].split("\n")
             if line.strip() and not line.lstrip().startswith("#")][:_DATELINE_LINES]
    for line in lines:
        for pattern in _DATELINES:
            m = pattern.match(line[:200])
            if not m:
                continue
            parts = m.groupdict()
            if parts.get("mon"):
                month = _MONTHS.get(parts["mon"].lower())
                if month is None:
                    continue
            else:
                month = int(parts["m"])
            shown = " ".join(line[: m.end() - 1].split()).rstrip()
            if parts.get("y"):
                return Dateline(shown, _make_date(int(parts["y"]), month, int(parts["d"])), True)
            date = _make_date(year, month, int(parts["d"])) if year else None
            return Dateline(shown, date, False)
    return None


_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def year_hint(*values: Any) -> int | None:
    """The one year that the given metadata values (an unparsed date string, a URL, a file
    name) agree on, or None when they name none or disagree."""
    years = {int(y) for v in values if v for y in _YEAR.findall(str(v))}
    return years.pop() if len(years) == 1 else None


# --------------------------------------------------------------------------------------
# The date a user set on upload: a small hidden file next to the uploaded copy

_UPLOAD_META_MAX = 4096


def upload_meta_path(file: str | os.PathLike) -> Path:
    """Where the upload date of `file` is kept: `.<name>.lagebild.json` in the same folder
    (hidden, so the corpus walk does not read it as an article)."""
    path = Path(file)
    return path.with_name(f".{path.name}.lagebild.json")


def read_upload_meta(file: str | os.PathLike) -> dict:
    """What the app keeps beside the uploaded copy `file` (its upload date, the name it was
    uploaded under); {} when there is nothing readable (too large, not JSON, not an object)."""
    meta = upload_meta_path(file)
    try:
        if not meta.is_file() or meta.stat().st_size > _UPLOAD_META_MAX:
            return {}
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_upload_meta(file: str | os.PathLike, **fields) -> Path:
    """Add `fields` to what is kept beside the uploaded copy `file` (the rest stays)."""
    meta = upload_meta_path(file)
    data = {**read_upload_meta(file), **fields}
    meta.write_text(json.dumps(data) + "\n", encoding="utf-8")
    return meta


def write_upload_date(file: str | os.PathLike, published: dt.date) -> Path:
    """Record `published` as the publication date of the articles in `file` that have none."""
    return write_upload_meta(file, published=published.isoformat())


def upload_date(file: str | os.PathLike) -> dt.date | None:
    """The publication date a user set when uploading `file`, or None."""
    return parse_date(read_upload_meta(file).get("published"))
