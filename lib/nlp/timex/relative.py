"""Handlers for expressions relative to the publication date or the story time: relative days,
weekdays, relative units, "vor zwei Wochen", "zwei Tage später", vague references, parts of the
day, durations and sets.

Each handler gets the match groups and the context and returns
(type, value, date_start, date_end, granularity, mod) or None to reject the match."""
from __future__ import annotations

import datetime as dt

from .absolute import _day, _h_date
from .context import _Ctx, _mk, _num
from .periods import UNIT_DAYS, _duration_value, _narrow, _period, _shift
from .resources import _Resources


def _h_relday(g, ctx: _Ctx, res: _Resources):
    off = res.get("RELDAY", g["relday"])
    if off is None:
        return None
    dp = res.get("DAYPART_NOUN", g.get("dpn"))
    if off == 0 and ctx.generic_today():
        return _mk("DATE", "PRESENT_REF", None, None, "vague")
    if ctx.anchor is None:
        v = {0: "PRESENT_REF"}.get(off, "PAST_REF" if off < 0 else "FUTURE_REF")
        return _mk("DATE", v, None, None, "vague")
    d = ctx.anchor + dt.timedelta(days=off)
    if not ctx.narrating():                 # (in a history "gestern" stands in a quote)
        ctx.ref, ctx.ref_gran = d, "day"    # "vorgestern Nachmittag um 14.30 Uhr": the clock time's day
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
    if g.get("agonum"):
        # "am Freitag vor einer Woche", "a week ago Friday": that weekday on or before the day
        # the given number of weeks before the publication date
        n = _num(res, g["agonum"])
        if n is None or not float(n).is_integer():
            return None
        base = a - dt.timedelta(days=7 * int(n))
        d = base - dt.timedelta(days=(base.isoweekday() - wd) % 7)
        return _mk(typ, d.isoformat() + suffix, d, d, gran)
    delta = wd - a.isoweekday()
    if off is None:
        if delta == 0:
            d = a
        elif ctx.future(clause=True) and not ctx.past(clause=True) or (
                ctx.future() and not ctx.past() and not ctx.past(clause=True)):
            # "wird am Freitag": the next such day; "…, wie der Verband am Montag bekannt gab" in a
            # sentence with "wird": the clause is told in the past
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
        # "dieses Jahr" is the publication's in context mode (Wikipedia also uses it for the story year)
        story = ctx.deictic_narrating() and not (off == 0 and ctx.mode == "context")
        base = ctx.story_ref(unit) if unit == "D" or story else ctx.anchor
    else:
        rd = res.norm(g["refdir"])
        off = res.get("REFDIR", rd)
        if off is None:
            off = 0              # desselben / dieses / des gleichen
        base = ctx.story_ref(unit)
        if rd == "neuen" and not ctx.narrating():
            # "im neuen Jahr" in a report: the coming year, or the one just begun in January or February
            base = ctx.anchor
            off = 0 if base is not None and base.month <= 2 else off
    if base is None:
        v = {0: "PRESENT_REF"}.get(off, "PAST_REF" if off < 0 else "FUTURE_REF")
        return _mk("DATE", v, None, None, "vague")
    d = _shift(base, unit, off)
    value, s, e, gran = _period(d, unit)
    if unit == "D":
        ctx.ref, ctx.ref_gran = d, "day"
    mod = res.get("POSMOD", g.get("posmod"), "") or ""      # "Anfang nächsten Monats"
    s, e = _narrow(s, e, mod)
    return _mk("DATE", value, s, e, gran, mod)


def _h_relcompound(g, ctx: _Ctx, res: _Resources):
    unit, off, base_kind = res.get("RELCOMPOUND", g["comp"])
    base = ctx.story_ref(unit) if base_kind == "ref" else ctx.anchor
    if ctx.deictic_narrating():
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
    if rel in ("nach", "after") and n is not None and _after_is_duration(ctx, res, mod, unit):
        # "nach mehr als drei Tagen", "Nach 77 Tagen Belagerung", "nach einer Woche" after a month:
        # how long it took, not a day
        return _mk("DURATION", _duration_value(n, unit), None, None, "", mod)
    base = ctx.story_ref(unit)
    if n is not None and unit == "Y" and not float(n).is_integer() and float(n * 12).is_integer():
        unit, n = "M", n * 12                       # "ein halbes Jahr später": six months
    if n is None or base is None or not float(n).is_integer():
        return _mk("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, None, "vague", mod)
    d = _shift(base, unit, sign * int(n))
    value, s, e, gran = _period(d, "Y" if unit in ("DE", "CE") else unit)
    if gran == "day":
        ctx.ref, ctx.ref_gran = d, "day"
    return _mk("DATE", value, s, e, gran, mod)


def _after_is_duration(ctx: _Ctx, res: _Resources, mod: str, unit: str) -> bool:
    """"nach zwei Tagen" is a day counted from the story's day ("Ein am 26. August begonnener Angriff
    wurde nach zwei Tagen angehalten") unless the amount is approximate ("nach mehr als drei
    Tagen"), a noun says what lasted ("Nach 77 Tagen Belagerung", ``duration_after``), it is
    counted in years ("trat nach 20 Jahren im Amt zurück"), or no day of the story is known (only
    a month, or in a report only the publication day)."""
    if mod or unit in ("Y", "DE", "CE"):
        return True
    rx = res.duration_after
    if rx is not None and rx.match(ctx.text, ctx.end):
        return True
    if ctx.ref_gran != "day" or ctx.ref is None:
        return True
    return ctx.report and ctx.ref == ctx.anchor


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


def _h_vague(g, ctx: _Ctx, res: _Resources):
    spec = res.get("VAGUE", g["vague"])
    if spec is None:
        return None
    value, lo, hi = spec
    if ctx.anchor is None or lo is None:
        return _mk("DATE", value, None, None, "vague")
    a = ctx.anchor
    return _mk("DATE", value, a + dt.timedelta(days=lo), a + dt.timedelta(days=hi), "vague")


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
