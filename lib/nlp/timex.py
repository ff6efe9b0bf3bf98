"""Time expressions -> TIMEX3 values and date ranges (rule-based, in the spirit of HeidelTime).

``find_timexes(text, anchor, lang)`` finds date, time, duration and set expressions in a
text and normalises them to TIMEX3-style values, with an inclusive date range for DATE and
TIME expressions. The rules live in ``lib/resources/timex_<lang>.json``: word lists (month
and weekday names, number words, units, relative words, modifiers, prepositions…) and rule
patterns written with ``{PLACEHOLDER}`` slots that expand to those word lists. Python only
holds the normalisation handlers the rules name. German (``de``) and English (``en``) are
covered; any other language gives ``[]``.

Conventions
-----------
* Spans include a leading temporal preposition where it belongs to the expression
  ("am Dienstag", "im Jahr 1914", "in den kommenden Tagen", "innerhalb einer Woche",
  "seit über einem Jahrzehnt"), unlike TIMEX2/TIMEX3 guidelines, which leave it out.
* ``anchor`` is the publication date (document creation time). A bare weekday is the
  closest such day around the anchor: the anchor itself when it falls on that day,
  otherwise the next one if the sentence has a future cue (``future_cues`` in the JSON:
  wird, werden, soll, kommenden, nächsten…) and the most recent one before the anchor
  if not. Year-less dates ("18. Oktober") take the year that puts them closest to the
  anchor (news mode) or the year of the last expression with an explicit year before
  them (``mode="narrative"``, for historical texts such as Wikipedia). Expressions relative to the story time ("am
  selben Tag", "zwei Tage später", "am folgenden Tag") use the last day-level date in the
  text, falling back to the anchor.
* Without an anchor, relative expressions get unanchored values ("XXXX-WXX-2",
  "PAST_REF", "FUTURE_REF", "PRESENT_REF", "XXXX-10-18") and no date range.
* Vague references get a range from the JSON (``VAGUE``: bald = next 30 days, kürzlich =
  last 30 days; ``vague_range_days``: "in den kommenden Tagen" = the next 7 days, Wochen
  = 28 days, Monaten = 183 days, Jahren = 5 years), granularity "vague". PRESENT_REF
  ("derzeit") gets the anchor day as range.
* Seasons ("im Herbst 2022" -> "2022-FA", Sep–Nov) use granularity "quarter"; parts of
  the day ("am Dienstagabend" -> TIME "2022-10-18TEV") and clock times use "time" with
  the day as range. Decades are "199" (1990–1999), centuries "19" (1900–1999). Years
  before Christ are "BC0490" with no date range. Durations: Jahrzehnt = P10Y,
  Jahrhundert = P100Y, vague amounts "PXD"/"PXY", "jahrzehntelang" = "PXDE".
* ``mod`` START/MID/END narrows the range to the first/middle/last third of the period
  (days 1–10/11–20/21–end of a month).

Measured on WikiWarsDE (German Wikipedia war articles, the 11 files of keyinline/, 1180
TIMEX2 in the text bodies; anchor = the document creation time 2011-02-16; command
``python scripts/eval_timex.py /work/shared/corpora/wikiwarsde``):

* extent, relaxed (overlap):  P 0.982  R 0.955  F 0.968
* extent, strict after dropping leading prepositions/articles on both sides:
  P 0.963  R 0.937  F 0.950
* extent, strict (raw spans):  P 0.416  R 0.404  F 0.410 – low because our spans keep
  "am", "im", "in den"… and TIMEX2 spans do not
* value accuracy on relaxed matches: 0.896 (1009/1126) with ``mode="narrative"``;
  0.491 (553/1126) in the default news mode, where year-less dates in these history
  articles are resolved towards 2011; 0.883 (994/1126) with ``mode="auto"``
  (``choose_mode`` picks narrative for 9 of the 11 files; the Iraq war article dates events
  up to 2011 and the Greco-Persian wars have no four-digit years).

(Before the recall iteration – year ranges "1939/40", day-only "am 8. und 9. Mai",
"am Abend", "in der Nacht vom 16.", "nach zwei Tagen", "-monatigen" – relaxed recall was
0.923 and narrative value accuracy 0.895 on 1088 matches.) Not covered: bare "jetzt",
"nun", "später" (too ambiguous in news; "jetzt" must stay untagged in the seed), named
days ("D-Day"), event-anchored expressions ("Fünf Tage nach der Landung"), half-years.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from ..settings import RESOURCES_DIR

SUPPORTED_LANGS = ("de", "en")

GRAN_ORDER = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5,
              "decade": 6, "century": 7, "vague": 8}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365, "DE": 3652, "CE": 36524, "Q": 91, "H": 1, "MIN": 1}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str               # "DATE", "TIME", "DURATION", "SET"
    value: str              # TIMEX3 value
    date_start: dt.date | None
    date_end: dt.date | None
    granularity: str        # day, week, month, quarter, year, decade, century, vague, time; "" for DURATION/SET
    mod: str = ""           # "", MORE_THAN, LESS_THAN, APPROX, START, MID, END


# --------------------------------------------------------------------------- resources

def _alternation(words, case_sensitive=()) -> str:
    forms = set()
    for w in words:
        forms.add(w)
        if w and w[0].islower() and w not in case_sensitive:
            forms.add(w[0].upper() + w[1:])
    parts = sorted(forms, key=lambda s: (-len(s), s))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


class _Resources:
    def __init__(self, data: dict):
        self.data = data
        self.lang = data["lang"]
        cs = set(data.get("case_sensitive", []))
        lex = data["lexicon"]
        # case-insensitive lookup tables (keys normalised: lower-case, single spaces)
        self.lex = {name: {self.norm(k): v for k, v in table.items()} for name, table in lex.items()}
        self.future_cues = {w.lower() for w in data.get("future_cues", [])}
        # words that point at the publication time ("gestern", "am Dienstag"): a text that
        # has one is a report, never told in narrative mode (see choose_mode). "heute" and
        # "dieses Jahr" are not among them: Wikipedia uses them for "nowadays" and the story year
        cues = sorted(data.get("deictic_cues", []), key=len, reverse=True)
        self.deictic = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)",
                                   re.IGNORECASE) if cues else None)
        self.ambiguous_months = set(data.get("ambiguous_months", []))
        self.ambiguous_seasons = set(data.get("ambiguous_seasons", []))
        self.month_context = set(data.get("month_context", []))
        self.vague_range_days = data.get("vague_range_days", {})
        self.quantity_words = {w.lower() for w in data.get("quantity_words", [])}
        self.quantity_nouns = [re.escape(w) for w in data.get("quantity_nouns", [])]
        self.determiners = {w.lower() for w in data.get("determiners", [])}
        self.quantity_preps = {w.lower() for w in data.get("quantity_prepositions", [])}
        self.rules = []
        for prio, rule in enumerate(data["rules"]):
            pat = re.sub(r"\{([A-Z_]+)\}", lambda m: _alternation(lex[m.group(1)].keys(), cs), rule["pattern"])
            rx = re.compile(r"(?<![\w-])" + pat + r"(?![\w])(?!-\w)")
            self.rules.append((prio, rule, rx))

    @staticmethod
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.strip()).lower()

    def get(self, table: str, key: str | None, default=None):
        if key is None:
            return default
        return self.lex.get(table, {}).get(self.norm(key), default)


@lru_cache(maxsize=None)
def _resources(lang: str) -> _Resources | None:
    path = RESOURCES_DIR / f"timex_{lang}.json"
    if not path.exists():
        return None
    return _Resources(json.loads(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- date helpers

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


# --------------------------------------------------------------------------- context

class _Ctx:
    def __init__(self, text, res: _Resources, anchor, mode):
        self.text = text
        self.res = res
        self.anchor = anchor
        self.mode = mode
        self.ref = anchor            # running reference date (story time)
        self.ref_gran = "day" if anchor else None
        self.ref_year_explicit = anchor.year if anchor else None
        self.start = 0
        self.end = 0
        self.last_groups: dict = {}

    # sentence around the match, for tense cues
    def sentence(self) -> str:
        t = self.text
        left = 0
        for m in re.finditer(r"\n|(?<=[^\d\s][.!?])\s+(?=[A-ZÄÖÜ„\"“])", t[: self.start]):
            left = m.end()
        m = re.search(r"\n|(?<=[^\d\s][.!?])\s+(?=[A-ZÄÖÜ„\"“])", t[self.end:])
        right = self.end + m.start() if m else len(t)
        return t[left:right]

    def future(self) -> bool:
        words = {w.lower() for w in re.findall(r"\w+", self.sentence())}
        return bool(words & self.res.future_cues)

    def prev_word(self) -> str:
        m = re.search(r"(\S+)\s*$", self.text[max(0, self.start - 40): self.start])
        return m.group(1) if m else ""

    def year_for(self, month: int, day: int | None = None) -> int | None:
        """Year for a year-less month/day."""
        if self.mode == "narrative" and self.ref_year_explicit is not None:
            return self.ref_year_explicit
        if self.anchor is None:
            return None
        a = self.anchor
        best = None
        for y in (a.year - 1, a.year, a.year + 1):
            d = _safe_date(y, month, day or 15)
            if d is None:
                continue
            dist = abs((d - a).days)
            if best is None or dist < best[0]:
                best = (dist, y)
        return best[1] if best else a.year

    def story_ref(self, unit: str) -> dt.date | None:
        """Reference date for expressions relative to the story time."""
        if self.ref is not None and GRAN_ORDER.get(self.ref_gran or "vague", 9) <= GRAN_ORDER.get(_UNIT_GRAN.get(unit, "day"), 1):
            return self.ref
        return self.anchor


NARRATIVE_REF_GRANS = ("time", "day", "week", "month", "quarter", "year")
_UNIT_GRAN = {"D": "day", "W": "week", "WE": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}


def _num(res: _Resources, s: str | None):
    if s is None:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    v = res.get("NUM", s)
    return float(v) if v is not None else None


def _resolve_year(g, ctx: _Ctx, res: _Resources):
    """Year from groups year / year2 / relyear; returns (year, explicit?)."""
    y = g.get("year") or g.get("year2")
    if y:
        return int(y), True
    rel = g.get("relyear")
    if rel is not None:
        off = res.get("YEARREF", rel)
        base = None
        if off is not None:
            base = ctx.ref if ctx.ref is not None else ctx.anchor
        else:
            off = res.get("DIR", rel)
            base = ctx.anchor if ctx.mode == "news" else (ctx.ref or ctx.anchor)
        if base is None or off is None:
            return None, False
        return base.year + int(off), False
    if g.get("_same_year"):
        base = ctx.ref or ctx.anchor
        return (base.year if base else None), False
    return None, False


def _mk(t, value, s, e, gran, mod=""):
    return (t, value, s, e, gran, mod)


# --------------------------------------------------------------------------- handlers
# Each handler gets the match groups and the context and returns
# (type, value, date_start, date_end, granularity, mod) or None to reject the match.

def _h_date(g, ctx: _Ctx, res: _Resources):
    day = int(g["day"])
    mtxt = g["month"]
    month = int(mtxt) if mtxt.isdigit() else res.get("MONTH", mtxt)
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    dp = res.get("DAYPART_NOUN", g.get("dpn"))
    if g.get("bc"):
        y = int(g["year_bc"])
        return _mk("DATE", f"BC{y:04d}-{month:02d}-{day:02d}", None, None, "day")
    ytxt = g.get("year")
    if ytxt:
        y = int(ytxt)
        if len(ytxt) == 2:
            pivot = (ctx.anchor.year % 100 if ctx.anchor else 30) + 10
            y += 2000 if y <= pivot else 1900
    else:
        y = ctx.year_for(month, day)
    if y is None:
        value = f"XXXX-{month:02d}-{day:02d}"
        return _mk("TIME" if dp else "DATE", value + (f"T{dp}" if dp else ""), None, None, "time" if dp else "day")
    d = _safe_date(y, month, day)
    if d is None:
        return None
    ctx.ref, ctx.ref_gran = d, "day"
    return _day(d, dp)


def _day(d: dt.date, dp: str | None):
    """A day, or a part of it ("TEV") when the expression names one."""
    if dp:
        return _mk("TIME", f"{d.isoformat()}T{dp}", d, d, "time")
    return _mk("DATE", d.isoformat(), d, d, "day")


def _h_month(g, ctx: _Ctx, res: _Resources):
    month = res.get("MONTH", g["month"])
    if month is None:
        return None
    mod = res.get("POSMOD", g.get("posmod"), "") or ""
    has_year_part = bool(g.get("year") or g.get("year2") or g.get("relyear")) or "Jahres" in (g.get("_text") or "")
    if not has_year_part and not mod:
        # bare month: ambiguous names (August, Mai) need a temporal context word before
        word = g["month"]
        if word in res.ambiguous_months and not re.match(r"[Ii]m\b|[Ii]n\b", g["_text"]):
            if ctx.prev_word() not in res.month_context:
                return None
    if "desselben" in (g.get("_text") or "") or (has_year_part and not (g.get("year") or g.get("year2") or g.get("relyear"))):
        g["_same_year"] = True
    y, explicit = _resolve_year(g, ctx, res)
    if y is None and not has_year_part:
        y = ctx.year_for(month)
    if y is None:
        return _mk("DATE", f"XXXX-{month:02d}", None, None, "month", mod)
    s, e = dt.date(y, month, 1), _month_end(y, month)
    if ctx.ref_gran != "day" or explicit or (ctx.ref and (ctx.ref.year, ctx.ref.month) != (y, month)):
        ctx.ref, ctx.ref_gran = s, "month"
    s, e = _narrow(s, e, mod)
    return _mk("DATE", f"{y:04d}-{month:02d}", s, e, "month", mod)


def _h_year(g, ctx: _Ctx, res: _Resources):
    mod = res.get("POSMOD", g.get("posmod"), "") or ""
    if g.get("yearpos"):
        mod = res.get("YEARPOS", g["yearpos"], "") or ""
    ytxt = g.get("year")
    if g.get("bc"):
        return _mk("DATE", f"BC{int(ytxt):04d}", None, None, "year", mod or ("APPROX" if re.match(r"(?i)(um|etwa|gegen)\b", g["_text"]) else ""))
    if ytxt is None:
        base = ctx.ref if ctx.mode == "narrative" and ctx.ref else ctx.anchor
        if base is None:
            return _mk("DATE", "XXXX", None, None, "year", mod)
        y = base.year
    else:
        y = int(ytxt)
        if g.get("_rule") == "year" and not _plain_year_ok(g, ctx, res, y):
            return None
    s, e = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if ytxt is not None and not (ctx.ref and ctx.ref.year == y):
        ctx.ref, ctx.ref_gran = s, "year"
    s, e = _narrow(s, e, mod)
    return _mk("DATE", f"{y:04d}", s, e, "year", mod)


def _plain_year_ok(g, ctx: _Ctx, res: _Resources, y: int) -> bool:
    """A bare four-digit number is a year unless it looks like a quantity."""
    hi = (ctx.anchor.year if ctx.anchor else dt.date.today().year) + 30
    if not 1000 <= y <= hi:
        return False
    text, s, e = ctx.text, ctx.start, ctx.end
    before = text[max(0, s - 30): s]
    after = text[e: e + 40]
    if re.search(r"[\d,/]\s*$", before) or re.search(r"\d\.$", before):
        return False
    if re.match(r"\s*(?:[.,]\d|%|‰|€|\$|£)", after):
        return False
    if re.match(r"\s+(?:" + "|".join(res.quantity_nouns) + r")\b", after):
        return False
    pw = ctx.prev_word()
    if res.norm(pw) in res.lex.get("QMOD", {}) or pw.lower() in res.quantity_words:
        return False
    m = re.match(r"\s+([A-ZÄÖÜ][\wäöüß]+)", after)
    if m and res.get("MONTH", m.group(1)) is None:
        if pw.lower() in res.determiners or pw.lower() in res.quantity_preps:
            return False
        # "34 französische Schiffe und 1370 Landungsboote": a list of quantities
        if pw.lower() in ("und", "oder", "and", "or") and re.search(r"(?<![\d.])\d{1,3}(?![\d.])\s+\w", before):
            return False
    return True


def _h_decade(g, ctx: _Ctx, res: _Resources):
    mod = res.get("POSMOD", g.get("posmod"), "") or ""
    if g.get("decade") or g.get("decade2"):
        d = g.get("decade") or g["decade2"]
        if len(d) == 4:
            if not d.endswith("0"):
                return None
            y0 = int(d)
        else:
            if not d.endswith("0"):
                return None
            n = int(d)
            y0 = (2000 + n) if ctx.anchor and 2000 + n + 9 < ctx.anchor.year and n < 30 else 1900 + n
    else:
        n = res.get("DECADE_WORD", g.get("decword"))
        if n is None:
            return None
        y0 = 1900 + 10 * n
    s, e = _narrow(dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31), mod)
    return _mk("DATE", f"{y0 // 10:03d}", s, e, "decade", mod)


def _h_century(g, ctx: _Ctx, res: _Resources):
    mod = res.get("POSMOD", g.get("posmod"), "") or ""
    n = int(g["cent"])
    if not 1 <= n <= 21:
        return None
    if g.get("bc"):
        return _mk("DATE", f"BC{n - 1:02d}", None, None, "century", mod)
    y0 = (n - 1) * 100
    s, e = _narrow(dt.date(max(y0, 1), 1, 1), dt.date(y0 + 99, 12, 31), mod)
    return _mk("DATE", f"{n - 1:02d}", s, e, "century", mod)


def _h_season(g, ctx: _Ctx, res: _Resources):
    sv = res.get("SEASON", g["season"])
    if sv is None:
        return None
    code, _, smod = sv.partition(":")
    mod = smod or res.get("POSMOD", g.get("posmod"), "") or ""
    if g.get("sp"):
        mod = "START" if g["sp"].lower().startswith("früh") else "END"
    if g.get("dir") is not None:
        off = res.get("DIR", g["dir"])
        if off is None or ctx.anchor is None:
            return _mk("DATE", f"XXXX-{code}", None, None, "quarter", mod)
        y = ctx.anchor.year + int(off)
        explicit = False
    else:
        has_year = bool(g.get("year") or g.get("year2") or g.get("relyear"))
        if not has_year and "Jahres" in g["_text"]:
            g["_same_year"] = True
            has_year = True
        if not has_year and not mod and g["season"] in res.ambiguous_seasons:
            if not re.match(r"(?i)(im|in|des|during|in the|this|last|next)\b", g["_text"]) and ctx.prev_word() not in res.month_context:
                return None
        y, explicit = _resolve_year(g, ctx, res)
        if y is None:
            base = ctx.ref if ctx.mode == "narrative" and ctx.ref else ctx.anchor
            y = base.year if base else None
    if y is None:
        return _mk("DATE", f"XXXX-{code}", None, None, "quarter", mod)
    m0, m1 = SEASON_MONTHS[code]
    s = dt.date(y, m0, 1)
    e = _month_end(y + (1 if code == "WI" else 0), m1)
    s, e = _narrow(s, e, mod)
    return _mk("DATE", f"{y:04d}-{code}", s, e, "quarter", mod)


def _h_holiday(g, ctx: _Ctx, res: _Resources):
    md = res.get("HOLIDAY", g["holiday"])
    m, d = (int(x) for x in md.split("-"))
    if g.get("year"):
        y = int(g["year"])
    else:
        y = ctx.year_for(m, d)
    if y is None:
        return _mk("DATE", f"XXXX-{m:02d}-{d:02d}", None, None, "day")
    day = dt.date(y, m, d)
    return _mk("DATE", day.isoformat(), day, day, "day")


def _h_relday(g, ctx: _Ctx, res: _Resources):
    off = res.get("RELDAY", g["relday"])
    if off is None:
        return None
    dp = res.get("DAYPART_NOUN", g.get("dpn"))
    if ctx.mode == "narrative" and off == 0:
        return _mk("DATE", "PRESENT_REF", None, None, "vague")
    if ctx.anchor is None:
        v = {0: "PRESENT_REF"}.get(off, "PAST_REF" if off < 0 else "FUTURE_REF")
        return _mk("DATE", v, None, None, "vague")
    d = ctx.anchor + dt.timedelta(days=off)
    return _day(d, dp)


def _h_weekday(g, ctx: _Ctx, res: _Resources):
    wd = res.get("WEEKDAY", g["weekday"])
    if wd is None:
        return None
    dp = res.get("DAYPART_SUFFIX", g.get("dps")) or res.get("DAYPART_NOUN", g.get("dpn"))
    off = res.get("DIR", g.get("dir")) if g.get("dir") else None
    suffix = f"T{dp}" if dp else ""
    typ = "TIME" if dp else "DATE"
    gran = "time" if dp else "day"
    if ctx.anchor is None:
        return _mk(typ, f"XXXX-WXX-{wd}{suffix}", None, None, gran)
    a = ctx.anchor
    delta = wd - a.isoweekday()
    if off is None:
        if delta == 0:
            d = a
        elif ctx.future():
            d = a + dt.timedelta(days=delta % 7)
        else:
            d = a - dt.timedelta(days=(-delta) % 7)
    elif off < 0:
        d = a - dt.timedelta(days=((-delta) % 7) or 7)
    elif off > 0:
        d = a + dt.timedelta(days=(delta % 7) or 7)
    else:  # "diesen Dienstag": that day of the anchor's week
        d = a + dt.timedelta(days=delta)
    return _mk(typ, d.isoformat() + suffix, d, d, gran)


def _h_set(g, ctx: _Ctx, res: _Resources):
    if g.get("weekday"):
        return _mk("SET", f"XXXX-WXX-{res.get('WEEKDAY', g['weekday'])}", None, None, "")
    if g.get("weekday_adv"):
        return _mk("SET", f"XXXX-WXX-{res.get('WEEKDAY_ADV', g['weekday_adv'])}", None, None, "")
    if g.get("setadv"):
        return _mk("SET", res.get("SET", g["setadv"]), None, None, "")
    unit = res.get("UNIT", g.get("unit"))
    n = _num(res, g.get("num")) or 1
    return _mk("SET", _duration_value(n, unit), None, None, "")


def _h_relunit(g, ctx: _Ctx, res: _Resources):
    unit = res.get("RELUNIT", g["unit"])
    if unit is None:
        return None
    if g.get("dir") is not None:
        off = res.get("DIR", g["dir"])
        if unit == "D" and off != 1 and off != 0:
            return None          # "am letzten Tag (des Krieges)" is not "yesterday"
        if unit == "D" and off == 0:
            return None          # "diesen Tag" handled as reference below would be odd
        base = ctx.story_ref(unit) if unit == "D" or ctx.mode == "narrative" else ctx.anchor
    else:
        rd = res.norm(g["refdir"])
        off = res.get("REFDIR", rd)
        if off is None:
            off = 0              # desselben / dieses / des gleichen
        base = ctx.story_ref(unit)
    if base is None:
        v = {0: "PRESENT_REF"}.get(off, "PAST_REF" if off < 0 else "FUTURE_REF")
        return _mk("DATE", v, None, None, "vague")
    d = _shift(base, unit, off)
    value, s, e, gran = _period(d, unit)
    if unit == "D":
        ctx.ref, ctx.ref_gran = d, "day"
    return _mk("DATE", value, s, e, gran)


def _h_relcompound(g, ctx: _Ctx, res: _Resources):
    unit, off, base_kind = res.get("RELCOMPOUND", g["comp"])
    base = ctx.story_ref(unit) if base_kind == "ref" else ctx.anchor
    if ctx.mode == "narrative":
        base = ctx.story_ref(unit)
    if base is None:
        return _mk("DATE", "PAST_REF" if off < 0 else "FUTURE_REF", None, None, "vague")
    value, s, e, gran = _period(_shift(base, unit, off), unit)
    return _mk("DATE", value, s, e, gran)


def _qmod(res, g):
    return res.get("QMOD", g.get("qmod"), "") or ""


def _vague_span(ctx, res, unit, direction, n=None):
    days = int(n * UNIT_DAYS.get(unit, 1)) if n else int(res.vague_range_days.get(unit, 7))
    a = ctx.anchor
    if direction > 0:
        return a + dt.timedelta(days=1), a + dt.timedelta(days=days)
    return a - dt.timedelta(days=days), a - dt.timedelta(days=1)


def _h_ago(g, ctx: _Ctx, res: _Resources):
    unit = res.get("UNIT", g.get("unit")) or res.get("UNIT_PLURAL", g.get("unitp"))
    if unit is None or unit in ("H", "MIN"):
        return None
    mod = _qmod(res, g)
    n = _num(res, g.get("num"))
    if ctx.anchor is None:
        return _mk("DATE", "PAST_REF", None, None, "vague", mod)
    if n is None:               # vor wenigen Tagen, vor Jahren
        s, e = _vague_span(ctx, res, unit, -1)
        return _mk("DATE", "PAST_REF", s, e, "vague", mod)
    if not float(n).is_integer():
        return None
    d = _shift(ctx.anchor, unit, -int(n))
    value, s, e, gran = _period(d, "Y" if unit in ("DE", "CE") else unit)
    return _mk("DATE", value, s, e, gran, mod)


def _h_infuture(g, ctx: _Ctx, res: _Resources):
    unit = res.get("UNIT", g.get("unit"))
    n = _num(res, g.get("num"))
    if unit is None or unit in ("H", "MIN") or n is None or not float(n).is_integer():
        return None
    mod = _qmod(res, g)
    if ctx.anchor is None:
        return _mk("DATE", "FUTURE_REF", None, None, "vague", mod)
    d = _shift(ctx.anchor, unit, int(n))
    value, s, e, gran = _period(d, "Y" if unit in ("DE", "CE") else unit)
    return _mk("DATE", value, s, e, gran, mod)


def _h_later(g, ctx: _Ctx, res: _Resources):
    unit = res.get("UNIT", g.get("unit"))
    if unit is None or unit in ("H", "MIN"):
        return None
    rel = g["rel"].lower()
    sign = 1 if rel in ("später", "danach", "darauf", "nach", "later", "after") else -1
    mod = _qmod(res, g)
    n = _num(res, g.get("num"))
    base = ctx.story_ref(unit)
    if n is None or base is None or not float(n).is_integer():
        return _mk("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, None, "vague", mod)
    d = _shift(base, unit, sign * int(n))
    value, s, e, gran = _period(d, "Y" if unit in ("DE", "CE") else unit)
    if gran == "day":
        ctx.ref, ctx.ref_gran = d, "day"
    return _mk("DATE", value, s, e, gran, mod)


def _h_vaguerange(g, ctx: _Ctx, res: _Resources):
    unit = res.get("UNIT_PLURAL", g["unitp"])
    off = res.get("DIR", g["dir"])
    if unit is None or off is None:
        return None
    n = _num(res, g.get("num"))
    if off == 0:
        if ctx.anchor is None:
            return _mk("DATE", "PRESENT_REF", None, None, "vague")
        return _mk("DATE", "PRESENT_REF", ctx.anchor, ctx.anchor, "vague")
    value = "FUTURE_REF" if off > 0 else "PAST_REF"
    if ctx.anchor is None:
        return _mk("DATE", value, None, None, "vague")
    s, e = _vague_span(ctx, res, unit, off, n)
    return _mk("DATE", value, s, e, "vague")


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


def _h_duration(g, ctx: _Ctx, res: _Resources):
    if g.get("duradv"):
        return _mk("DURATION", res.get("DURADV", g["duradv"]), None, None, "")
    if g.get("long"):
        return _mk("DURATION", "PXY", None, None, "")
    if g.get("adjunit"):
        n = _num(res, g["num"])
        if n is None or n <= 0:
            return None
        return _mk("DURATION", _duration_value(n, res.get("ADJ_DUR", g["adjunit"])), None, None, "")
    if g.get("unitp"):
        return _mk("DURATION", _duration_value("X", res.get("UNIT_PLURAL", g["unitp"])), None, None, "")
    unit = res.get("UNIT", g["unit"])
    if unit is None:
        return None
    mod = _qmod(res, g)
    if g.get("vnum"):
        return _mk("DURATION", _duration_value("X", unit), None, None, "", mod)
    n = _num(res, g.get("num"))
    if n is None or n <= 0:
        return None
    if n > 1000 and unit not in ("D", "H", "MIN"):
        return None
    return _mk("DURATION", _duration_value(n, unit), None, None, "", mod)


def _h_time(g, ctx: _Ctx, res: _Resources):
    h = int(g["hour"])
    mi = int(g.get("minute") or g.get("minute2") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    if ampm == "am" and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    base = ctx.story_ref("D")
    hm = f"T{h:02d}:{mi:02d}"
    if base is None:
        return _mk("TIME", "XXXX-XX-XX" + hm, None, None, "time")
    return _mk("TIME", base.isoformat() + hm, base, base, "time")


def _h_vague(g, ctx: _Ctx, res: _Resources):
    spec = res.get("VAGUE", g["vague"])
    if spec is None:
        return None
    value, lo, hi = spec
    if ctx.anchor is None or lo is None:
        return _mk("DATE", value, None, None, "vague")
    a = ctx.anchor
    return _mk("DATE", value, a + dt.timedelta(days=lo), a + dt.timedelta(days=hi), "vague")


def _h_yeartail(g, ctx: _Ctx, res: _Resources):
    """"1939/40", "1930–34": the second year of a range."""
    head = ctx.text[max(0, ctx.start - 5): ctx.start - 1]
    if not head.isdigit():
        return None
    first, tail = int(head), g["tail"]
    y = int(tail) if len(tail) == 4 else first - first % 100 + int(tail)
    if len(tail) == 2 and y < first:
        y += 100
    if not first < y <= first + 30:
        return None
    return _mk("DATE", f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _h_daypart(g, ctx: _Ctx, res: _Resources):
    """"am Abend", "in der Nacht", "am selben Abend": a part of the story day."""
    if g.get("day"):  # "in der Nacht vom 16. auf den 17. April"
        return _h_date({"day": g["day"], "month": g.get("month") or g.get("month2"),
                        "year": g.get("year") or g.get("year2"), "dpn": g["dpn"]}, ctx, res)
    dp = res.get("DAYPART_NOUN", g["dpn"])
    off = res.get("REFDIR", g.get("refdir"), 0) or 0
    base = ctx.story_ref("D")
    if base is None:
        return _mk("TIME", f"XXXX-XX-XXT{dp}", None, None, "time")
    d = base + dt.timedelta(days=off)
    return _mk("TIME", f"{d.isoformat()}T{dp}", d, d, "time")


HANDLERS = {
    "yeartail": _h_yeartail, "daypart": _h_daypart,
    "date": _h_date, "month": _h_month, "year": _h_year, "decade": _h_decade, "century": _h_century,
    "season": _h_season, "holiday": _h_holiday, "relday": _h_relday, "weekday": _h_weekday, "set": _h_set,
    "relunit": _h_relunit, "relcompound": _h_relcompound, "ago": _h_ago, "infuture": _h_infuture,
    "later": _h_later, "vaguerange": _h_vaguerange, "duration": _h_duration, "time": _h_time, "vague": _h_vague,
}


# --------------------------------------------------------------------------- main entry

def _run(rule, m, ctx: _Ctx, res: _Resources):
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    g["_text"] = m.group(0)
    g["_rule"] = rule["name"]
    ctx.start, ctx.end = m.start(), m.end()
    ctx.last_groups = g
    try:
        return HANDLERS[rule["handler"]](g, ctx, res)
    except OverflowError:
        # date arithmetic left the calendar (an anchor such as 0001-01-01 or a story date near
        # 9999): give the expression the value it has without an anchor
        if ctx.anchor is None and ctx.ref is None:
            return None
        saved = ctx.anchor, ctx.ref
        ctx.anchor = ctx.ref = None
        try:
            return HANDLERS[rule["handler"]](g, ctx, res)
        except OverflowError:
            return None
        finally:
            ctx.anchor, ctx.ref = saved


_EXPLICIT_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
# auto mode: a text is told as history when at least this many of its dates carry an explicit
# year and none of those years lies within a year of the anchor
AUTO_MIN_DATED = 3


def choose_mode(timexes: list[Timex], anchor: dt.date | None, text: str = "",
                lang: str = "de") -> str:
    """"narrative" for a text told in the past, else "news". `timexes` is what news mode found.

    Narrative: at least AUTO_MIN_DATED dates with an explicit year and none of those years
    within a year of the publication date (a Wikipedia article on a war), or no publication
    date but explicit years to resolve against. A report that also dates something around its
    publication (an obituary, an anniversary piece), or that has a word pointing at the
    publication time (``deictic_cues``: "gestern", "letzte Woche", "am Dienstag"), stays in
    news mode, where those words mean the publication's."""
    res = _resources((lang or "").lower()[:2])
    if anchor is not None and res is not None and res.deictic is not None and res.deictic.search(text):
        return "news"
    years = [t.date_start.year for t in timexes
             if t.type == "DATE" and t.date_start is not None and _EXPLICIT_YEAR.search(t.text)]
    if len(years) < AUTO_MIN_DATED:
        return "news" if anchor is not None or not years else "narrative"
    if anchor is None:
        return "narrative"
    if any(abs(y - anchor.year) <= 1 for y in years):
        return "news"            # the text dates something around its publication: a report
    return "narrative"


def find_timexes(text: str, anchor: dt.date | None, lang: str = "de", *, mode: str = "news") -> list[Timex]:
    """Find time expressions in `text`; `anchor` is the publication date (or None).

    `mode="news"` (default, what the data layer uses) resolves year-less dates closest to
    the anchor; `mode="narrative"` resolves them in the year of the last date the text
    mentioned; `mode="auto"` picks one per text with `choose_mode`. Auto is not the default:
    on 700 Wikinews reports it moved 19 to narrative mode and got about a dozen of their
    dates wrong ("heute" unanchored, "dieses Jahr" in a year the text mentioned), while on
    WikiWarsDE it reaches 0.883 value accuracy (news 0.491, narrative 0.896).
    """
    if mode == "auto":
        found = find_timexes(text, anchor, lang, mode="news")
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        if choose_mode(found, anchor, text, lang) == "news":
            return found
        return find_timexes(text, anchor, lang, mode="narrative")
    if mode not in ("news", "narrative"):
        raise ValueError(f"mode must be 'auto', 'news' or 'narrative', not {mode!r}")
    res = _resources((lang or "").lower()[:2])
    if res is None or not text:
        return []
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    # 1. candidates from all rules, validated with a scratch context
    cands = []
    for prio, rule, rx in res.rules:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            scratch = _Ctx(text, res, anchor, mode)
            if _run(rule, m, scratch, res) is None:
                continue
            cands.append((m.start(), m.end(), prio, rule, m))
    # 2. longest match wins, then rule order
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    # 3. normalise in text order with the running reference time
    ctx = _Ctx(text, res, anchor, mode)
    out = []
    for s, e, _prio, rule, m in chosen:
        r = _run(rule, m, ctx, res)
        if r is None:
            continue
        typ, value, ds, de, gran, mod = r
        explicit_year = bool(ctx.last_groups.get("year") or ctx.last_groups.get("year2"))
        if mode == "narrative" and ds is not None and gran in NARRATIVE_REF_GRANS and explicit_year:
            # the year of the last explicitly dated expression (not relative ones such as
            # "im Vorjahr", nor "1939/40" tails) resolves later year-less dates
            ctx.ref_year_explicit = ds.year
            if gran in ("day", "time"):
                ctx.ref, ctx.ref_gran = ds, "day"
        out.append(Timex(s, e, text[s:e], typ, value, ds, de, gran, mod))
    return out
