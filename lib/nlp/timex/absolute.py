"""Handlers for expressions that name their date: dates, months, years, decades, centuries,
seasons, holidays, clock times, year-range tails.

Each handler gets the match groups and the context and returns
(type, value, date_start, date_end, granularity, mod) or None to reject the match."""
from __future__ import annotations

import datetime as dt
import re

from .context import _Ctx, _mk, _resolve_year
from .periods import SEASON_MONTHS, _month_end, _narrow, _safe_date
from .resources import _Resources


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
    elif g.get("relyear") or g.get("sameyear"):
        g["_same_year"] = bool(g.get("sameyear"))
        y, _explicit = _resolve_year(g, ctx, res)       # "am 27. Juni dieses Jahres", "desselben Jahres"
    elif (y := ctx.carried_year(month, day)) is not None:
        g["_carried"] = True                            # "vom 28. Oktober bis 10. November 1917"
    elif g.get("event") or ctx.event_named():
        y = _event_year(ctx, res, month, day)
    elif ctx.recurring():
        y = None                                        # "jedes Jahr am 3. Oktober"
    elif (bc := ctx.bc_story()) is not None:
        return _mk("TIME" if dp else "DATE", f"BC{bc:04d}-{month:02d}-{day:02d}" + (f"T{dp}" if dp else ""),
                   None, None, "time" if dp else "day")
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


def _event_year(ctx: _Ctx, res: _Resources, month: int, day: int) -> int | None:
    """Year of a well-known event named by its date ("Anschläge vom 11. September", "9/11"): the
    year the text gives that day elsewhere ("11. September 2001"), or in a history the story
    year ("das Attentat vom 14. April" in an account of 1865); otherwise the year before the publication date only
    when that is the one past reading and the sentence says so (the day still lies ahead in the
    publication year and the sentence points at last year: "vor einem Jahr", ``last_year_cues``).
    Else none: "Anschläge vom 11. September" in August 2006 is not 2005 (a wrong date is worse
    than an unresolved one)."""
    for rx in res.day_rules():
        for m in rx.finditer(ctx.text):
            gd = m.groupdict()
            if not gd.get("year") or not gd.get("day") or not gd.get("month"):
                continue
            mm = int(gd["month"]) if gd["month"].isdigit() else res.get("MONTH", gd["month"])
            if (mm, int(gd["day"])) == (month, day) and len(gd["year"]) == 4:
                return int(gd["year"])
    if ctx.narrating() and ctx.ref_year_explicit is not None:
        return ctx.ref_year_explicit
    a = ctx.anchor
    if a is None:
        return None
    this_year = _safe_date(a.year, month, day)
    if this_year is not None and this_year > a and ctx.points_at_last_year():
        return a.year - 1
    return None


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
    if y is None and not has_year_part and (bc := ctx.bc_story()) is not None:
        return _mk("DATE", f"BC{bc:04d}-{month:02d}", None, None, "month", mod)
    if y is None and not has_year_part and not ctx.recurring():      # "jedes Jahr im Mai": no year
        y = ctx.carried_year(month)                                 # "von Januar bis September 2005"
        if y is None:
            y = ctx.year_for(month)
        else:
            g["_carried"] = explicit = True
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
    if ytxt is None and (bc := ctx.bc_story()) is not None:
        return _mk("DATE", f"BC{bc:04d}", None, None, "year", mod)      # "Mitte des Jahres", told BC
    if ytxt is not None and len(ytxt) <= 3 and ctx.bc_story() is not None:
        return _mk("DATE", f"BC{int(ytxt):04d}", None, None, "year", mod)   # "im Jahr 478", told BC
    if ytxt is None:
        base = ctx.ref if ctx.ref and ctx.narrating() else ctx.anchor
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
    if g.get("bc"):
        return _mk("DATE", f"BC{int(g['year_bc']):04d}-{code}", None, None, "quarter", mod)
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
        if y is None and (bc := ctx.bc_story()) is not None:
            return _mk("DATE", f"BC{bc:04d}-{code}", None, None, "quarter", mod)
        if y is None:
            base = ctx.ref if ctx.ref and ctx.narrating() else ctx.anchor
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
    elif ctx.recurring():
        y = None                                        # "jedes Jahr an Weihnachten"
    else:
        y = ctx.year_for(m, d)
    if y is None:
        return _mk("DATE", f"XXXX-{m:02d}-{d:02d}", None, None, "day")
    day = dt.date(y, m, d)
    return _mk("DATE", day.isoformat(), day, day, "day")


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
