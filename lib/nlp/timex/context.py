"""The reference-time context one text is normalised in: anchor, story time, mode, sentence cues."""
from __future__ import annotations

import datetime as dt
import re

from .periods import GRAN_ORDER, _safe_date
from .resources import _Resources


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
