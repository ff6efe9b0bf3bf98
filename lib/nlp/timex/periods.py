"""Calendar arithmetic: months, ISO weeks, periods of a unit, START/MID/END thirds, duration values."""
from __future__ import annotations

import calendar
import datetime as dt

GRAN_ORDER = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5,
              "decade": 6, "century": 7, "vague": 8}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365, "DE": 3652, "CE": 36524, "Q": 91, "H": 1, "MIN": 1}


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_date(y, m, d):
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _narrow(start: dt.date, end: dt.date, mod: str):
    """START/MID/END -> first/middle/last third of the range (month: days 1-10/11-20/21-end)."""
    if mod not in ("START", "MID", "END") or start is None or end is None:
        return start, end
    total = (end - start).days + 1
    if total < 3:
        return start, end
    third = total // 3 if total != 30 and total != 31 and total not in (28, 29) else 10
    if mod == "START":
        return start, start + dt.timedelta(days=third - 1)
    if mod == "MID":
        return start + dt.timedelta(days=third), start + dt.timedelta(days=2 * third - 1)
    return start + dt.timedelta(days=2 * third), end


def _week_value(d: dt.date) -> tuple[str, dt.date, dt.date]:
    y, w, wd = d.isocalendar()
    monday = d - dt.timedelta(days=wd - 1)
    return f"{y}-W{w:02d}", monday, monday + dt.timedelta(days=6)


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(days=7 * n)
    if unit == "M":
        return _add_months(d, n)
    if unit == "Q":
        return _add_months(d, 3 * n)
    if unit == "Y":
        return _safe_date(d.year + n, d.month, min(d.day, 28 if d.month == 2 else d.day)) or d
    if unit == "DE":
        return _safe_date(d.year + 10 * n, d.month, min(d.day, 28)) or d
    if unit == "CE":
        return _safe_date(d.year + 100 * n, d.month, min(d.day, 28)) or d
    return d


def _period(d: dt.date, unit: str):
    """value, start, end, granularity of the period of `unit` containing d."""
    if unit == "D":
        return d.isoformat(), d, d, "day"
    if unit == "W":
        v, s, e = _week_value(d)
        return v, s, e, "week"
    if unit == "WE":
        v, s, e = _week_value(d)
        return v + "-WE", s + dt.timedelta(days=5), e, "week"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}", d.replace(day=1), _month_end(d.year, d.month), "month"
    if unit == "Q":
        q = (d.month - 1) // 3 + 1
        s = dt.date(d.year, 3 * q - 2, 1)
        return f"{d.year:04d}-Q{q}", s, _month_end(d.year, 3 * q), "quarter"
    if unit == "Y":
        return f"{d.year:04d}", dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year"
    if unit == "DE":
        y0 = d.year - d.year % 10
        return f"{y0 // 10:03d}", dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31), "decade"
    if unit == "CE":
        y0 = d.year - d.year % 100
        return f"{y0 // 100:02d}", dt.date(max(y0, 1), 1, 1), dt.date(y0 + 99, 12, 31), "century"
    return d.isoformat(), d, d, "day"


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _duration_value(n, unit) -> str:
    if unit == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n != "X" else "PXDE"
    if unit == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n != "X" else "PXCE"
    if unit == "Q":
        return f"P{_fmt_num(n * 3)}M" if n != "X" else "PXM"
    if unit == "H":
        return f"PT{_fmt_num(n) if n != 'X' else 'X'}H"
    if unit == "MIN":
        return f"PT{_fmt_num(n) if n != 'X' else 'X'}M"
    if n == "X":
        return f"PX{unit}"
    if not float(n).is_integer():
        frac = n - int(n)
        if unit == "Y" and frac == 0.5:
            return f"P{int(n)}Y6M" if int(n) else "P6M"
        if unit == "D":
            return f"PT{_fmt_num(n * 24)}H"
        return f"P{_fmt_num(n)}{unit}"
    return f"P{int(n)}{unit}"
