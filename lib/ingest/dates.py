"""Publication dates from metadata values: ISO, RFC 2822, German and English date strings."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

import pandas as pd

__all__ = ["parse_date"]


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


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if y < 100:
        y += 2000 if y <= (dt.date.today().year % 100) + 1 else 1900
    if not 1800 <= y <= 2200:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(value: Any) -> dt.date | None:
    """A publication date from a metadata value, or None.

    Accepts ``datetime.date``/``datetime``/pandas ``Timestamp`` and strings: ISO dates and
    datetimes (with or without time zone — the date is the one written, not converted to
    UTC), RFC 2822 (``Tue, 18 Oct 2022 09:30:00 +0200``), German ``18.10.2022`` and
    ``18. Oktober 2022``, English ``October 18, 2022`` and ``18 October 2022``, and
    ``18/10/2022`` when day and month cannot be confused. Anything else → None.
    """
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
