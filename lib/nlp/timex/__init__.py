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
  if not. "am Freitag vor einer Woche" / "a week ago Friday" is that weekday on or before
  the day a week before the anchor.
* Reference time per expression (the default, ``mode="context"``, in the spirit of
  HeidelTime's news and narrative modes but decided sentence by sentence). A text is told
  as history when it has no word pointing at the publication time (``deictic_cues``:
  gestern, letzte Woche, am Dienstag…) and at least AUTO_MIN_DATED explicit years, none
  within a year of the anchor (what ``choose_mode`` calls narrative); any other text is a
  report. In a history, a year-less date ("am 30. Juli") takes the year of the last
  expression with an explicit year unless its sentence has a future cue and no past-tense
  cue (``future_cues``, ``past_cues``, ``past_word``). In a report it takes the year that
  puts it closest to the anchor, except that a date told in the past (a past-tense cue and
  no future cue in its clause, not a limit such as "bis zum 15. März", ``limit_words``)
  does not lie ahead of the publication: it takes the year of the last explicit year at
  most STORY_WINDOW sentences before, else the year before ("Am 24. Februar 2022
  marschierte Russland ein. Am 30. März zog es sich zurück", published in January 2023).
  A year the story only starts from ("seit 1949", ``since_words``) or given in a report's
  clause in the present or future does not count; a deictic expression in a report ends
  the story. Deictic expressions keep the anchor: "gestern" always, "letzte Woche" and
  "im Vorjahr" in a report, "dieses Jahr" in any text; expressions relative to the story
  time ("am selben Tag", "zwei Tage später", "am folgenden Tag") use the last day-level
  date in the text, falling back to the anchor. In narration a year counted forward from the
  story's ("im folgenden Jahr", "des neuen Jahres") moves the story year on ("im neuen Jahr"
  in a report is the coming year, the anchor's in January and February); one counted back
  ("im vorangegangenen Jahr", "im letzten Jahr des Krieges") does not. A year carried from a
  range end ("July 1 to 3, 1863") moves it like an explicit one. A date or year in
  parentheses right after another expression ("am 7. November (25. Oktober nach
  julianischem Kalender)"), a span of years ("Paulus (1890–1957)") or any in a report moves
  nothing ("Schlacht von Gettysburg (1.–3. Juli 1863)" in a history does); a history's year-less date stays in the story year unless its own clause has a
  future cue ("eine von außen kommende Einheit" elsewhere in the sentence is not one). An
  explicit year before the story's is a look back that leaves the story where it is when told
  in the pluperfect ("hatte im Juli 1917 … gespielt", ``pluperfect_aux`` and a ``participle``
  at the clause end in German, ``participle_final``, right after "had" in English) or as a
  bare year after the first two words of a sentence ("auf ab 1941 ausgearbeiteten Plänen"),
  not in a heading ("Westfront 1939"); nor does a year that is only a limit there ("bis Ende
  1941"; "Ab 1862 setzte …" opening a sentence does).
  Right after a story date in November or December, a year-less January or February is in the
  next year ("Am 13. Dezember 1919 … bis Anfang Januar"), unless told in the pluperfect.
* "nach zwei Tagen" / "after two days" is the day two days after the story's day; a duration
  (P2D) when approximate ("nach mehr als drei Tagen"), when a noun says what lasted ("Nach 77
  Tagen Belagerung", ``duration_after``) or when the story has no day (only a month, or in a
  report only the publication day). "Ein halbes Jahr später" is six months later. ``mode="news"`` always resolves year-less
  dates closest to the anchor, ``mode="narrative"`` always in the year of the last explicit
  year (for historical texts), ``mode="auto"`` picks one of the two per text.
* "heute" meaning nowadays gets PRESENT_REF with no range: inside ``generic_today``
  phrases ("bis heute", "noch heute", "even today") unless a clock time follows, and in a
  history told in a year other than the anchor's, in a clause with no past-tense cue
  ("Heute ist die Stadt ein Museum").
* A well-known event named by its date ("Anschläge vom 11. September", ``event_cues``;
  "9/11") takes the year the text gives that day elsewhere ("11. September 2001") or, in a
  history, the story's year; in a report the year before the
  anchor only when the day is still ahead in the anchor's year and the sentence points at last
  year ("vor einem Jahr", ``last_year_cues``); else no year ("XXXX-09-11", no range): the
  attacks of 11 September in a 2006 report are not 2005's.
* A year-less date in a sentence that says it recurs ("jedes Jahr am 3. Oktober", "immer am
  19. Januar", ``recurring_cues``) has no year ("XXXX-10-03"). A year-less date or month
  before the end of a range or a coordinated date takes that one's year ("von Januar bis
  September 2005", "Juni und Juli 1944", ``range_carry``; a year earlier when it lies after
  the end in the calendar). "am 27. Juni dieses Jahres" / "June 27 last year" is one date.
* A bare weekday is the next such day when its clause (ended by punctuation or a coordinating
  conjunction, ``clause_conjunctions``: "kam gestern zurück und wird am Samstag fliegen") has a
  future cue and no past-tense cue (or the sentence has one and neither has a past-tense
  cue); in a report "gestern", "vorgestern" set the day later clock times fall on.
* Clock times with a zone or "Uhr" ("1230 GMT", "14.30 Uhr", "0600 hours") are TIME on the
  story day, never years.
* Without an anchor, relative expressions get unanchored values ("XXXX-WXX-2",
  "PAST_REF", "FUTURE_REF", "PRESENT_REF", "XXXX-10-18") and no date range.
* Vague references get a range from the JSON (``VAGUE``: bald = next 30 days, kürzlich =
  last 30 days; ``vague_range_days``: "in den kommenden Tagen" = the next 7 days, Wochen
  = 28 days, Monaten = 183 days, Jahren = 5 years), granularity "vague". PRESENT_REF
  ("derzeit") gets the anchor day as range.
* A history told before Christ (its last explicit year "479 v. Chr.") gives its year-less
  dates, months, seasons, "Mitte des Jahres" and years of up to three digits ("im Jahr 478")
  the story's year before Christ ("BC0479-SP", "BC0478"), with no date range; such years
  count as far from the publication when telling a history from a report.
* Seasons ("im Herbst 2022" -> "2022-FA", Sep–Nov) use granularity "quarter"; parts of
  the day ("am Dienstagabend" -> TIME "2022-10-18TEV") and clock times use "time" with
  the day as range. Decades are "199" (1990–1999), centuries "19" (1900–1999). Years
  before Christ are "BC0490" with no date range. Durations: Jahrzehnt = P10Y,
  Jahrhundert = P100Y, vague amounts "PXD"/"PXY", "jahrzehntelang" = "PXDE".
* ``mod`` START/MID/END narrows the range to the first/middle/last third of the period
  (days 1–10/11–20/21–end of a month).

Not covered: bare "jetzt",
"nun", "später" (too ambiguous in news; "jetzt" must stay untagged in the seed), named
days ("D-Day"), event-anchored expressions ("Fünf Tage nach der Landung"), half-years.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import absolute as _abs
from . import relative as _rel
from .context import NARRATIVE_REF_GRANS, _Ctx, _Layout
from .resources import SUPPORTED_LANGS, _Resources, _resources

__all__ = ["Timex", "find_timexes", "choose_mode", "SUPPORTED_LANGS"]


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


HANDLERS = {
    "yeartail": _abs._h_yeartail, "daypart": _rel._h_daypart,
    "date": _abs._h_date, "month": _abs._h_month, "year": _abs._h_year, "decade": _abs._h_decade,
    "century": _abs._h_century, "season": _abs._h_season, "holiday": _abs._h_holiday,
    "relday": _rel._h_relday, "weekday": _rel._h_weekday, "set": _rel._h_set, "relunit": _rel._h_relunit,
    "relcompound": _rel._h_relcompound, "ago": _rel._h_ago, "infuture": _rel._h_infuture, "later": _rel._h_later,
    "vaguerange": _rel._h_vaguerange, "duration": _rel._h_duration, "time": _abs._h_time, "vague": _rel._h_vague,
}


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


_BC_YEAR = re.compile(r"BC(\d{4})")
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
# auto mode: a text is told as history when at least this many of its dates carry an explicit
# year and none of those years lies within a year of the anchor
AUTO_MIN_DATED = 3
_DATED_HANDLERS = ("date", "month", "year", "season", "holiday", "daypart")


def choose_mode(timexes: list[Timex], anchor: dt.date | None, text: str = "",
                lang: str = "de") -> str:
    """"narrative" for a text told in the past, else "news". `timexes` is what news mode found.

    Narrative: at least AUTO_MIN_DATED dates with an explicit year and none of those years
    within a year of the publication date (a Wikipedia article on a war), or no publication
    date but explicit years to resolve against. A report that also dates something around its
    publication (an obituary, an anniversary piece), or that has a word pointing at the
    publication time (``deictic_cues``: "gestern", "letzte Woche", "am Dienstag"), stays in
    news mode, where those words mean the publication's."""
    years = [t.date_start.year for t in timexes
             if t.type == "DATE" and t.date_start is not None and _EXPLICIT_YEAR.search(t.text)]
    return _mode_from_years(years, anchor, text, _resources((lang or "").lower()[:2]))


def _deictic_outside_quotes(text: str, res: _Resources) -> bool:
    """Whether the text itself points at its publication time ("gestern", "am Dienstag"): a cue
    inside a direct quote is the speaker's time (a history quoting "Gestern war alles verloren"
    stays a history)."""
    from ..quotes.marks import quote_regions

    regions = None
    for m in res.deictic.finditer(text):
        if regions is None:
            regions = quote_regions(text, res.lang)
        if not any(a <= m.start() < b for a, b in regions):
            return True
    return False


def _mode_from_years(years: list[int], anchor: dt.date | None, text: str, res: _Resources | None) -> str:
    if anchor is not None and res is not None and res.deictic is not None \
            and _deictic_outside_quotes(text, res):
        return "news"
    if len(years) < AUTO_MIN_DATED:
        return "news" if anchor is not None or not years else "narrative"
    if anchor is None:
        return "narrative"
    if any(abs(y - anchor.year) <= 1 for y in years):
        return "news"            # the text dates something around its publication: a report
    return "narrative"


def _story_relative(rule, m, res: _Resources, ctx: _Ctx) -> bool:
    """A year counted from the story's ("im folgenden Jahr", "des neuen Jahres", "im Folgejahr", in
    narration "im nächsten Jahr")."""
    g = m.groupdict()
    # only forward: "im vorangegangenen Jahr", "im letzten Jahr des Krieges" look back or name a part
    # of the story; they do not move it
    if rule["handler"] == "relunit":
        if g.get("refdir"):
            return (res.get("REFDIR", g["refdir"]) or 0) > 0
        return bool(g.get("dir")) and (res.get("DIR", g["dir"]) or 0) > 0 and ctx.deictic_narrating()
    if rule["handler"] == "relcompound":
        comp = res.get("RELCOMPOUND", g.get("comp"))
        return bool(comp) and comp[2] == "ref" and comp[1] > 0
    return False


def find_timexes(text: str, anchor: dt.date | None, lang: str = "de", *, mode: str = "context") -> list[Timex]:
    """Find time expressions in `text`; `anchor` is the publication date (or None).

    `mode="context"` (default, what the data layer uses) picks the reference time of each
    expression from its context (module docstring); for experts, `mode="news"` resolves
    year-less dates closest to the anchor, `mode="narrative"` in the year of the last date the
    text mentioned, `mode="auto"` picks news or narrative per text with `choose_mode`.
    """
    if mode == "auto":
        found = find_timexes(text, anchor, lang, mode="news")
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        if choose_mode(found, anchor, text, lang) == "news":
            return found
        return find_timexes(text, anchor, lang, mode="narrative")
    if mode not in ("context", "news", "narrative"):
        raise ValueError(f"mode must be 'context', 'auto', 'news' or 'narrative', not {mode!r}")
    res = _resources((lang or "").lower()[:2])
    if res is None or not text:
        return []
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    layout = _Layout(text)
    # 1. candidates from all rules, validated with a scratch context
    cands = []
    for (prio, rule, _rx), matches in zip(res.rules, res.scan.finditer(text)):
        for m in matches:          # what _rx.finditer(text) gives, all rules in one pass
            if m.end() == m.start():
                continue
            scratch = _Ctx(text, res, anchor, mode, layout)
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
    ctx = _Ctx(text, res, anchor, mode, layout)
    # context mode: a text is a report unless it is told as history (as choose_mode decides, from
    # the explicit years the rules found)
    years = [int(y) for *_x, rule, m in chosen if rule["handler"] in _DATED_HANDLERS and not m.groupdict().get("bc")
             for y in [m.groupdict().get("year") or m.groupdict().get("year2")] if y and len(y) == 4]
    # years before Christ count as years far from any publication date
    years += [-int(y) for *_x, rule, m in chosen if rule["handler"] in _DATED_HANDLERS and m.groupdict().get("bc")
              for y in [m.groupdict().get("year") or m.groupdict().get("year_bc")] if y]
    ctx.report = _mode_from_years(years, anchor, text, res) == "news"
    out = []
    for s, e, _prio, rule, m in chosen:
        story = (ctx.ref, ctx.ref_gran, ctx.ref_year_explicit, ctx.explicit_at)
        r = _run(rule, m, ctx, res)
        if r is None:
            continue
        typ, value, ds, de, gran, mod = r
        if mode == "context" and ctx.aside(out[-1].end if out else None):
            # "am 7. November (25. Oktober nach julianischem Kalender)", "Hitler (1889–1945)": a date
            # in parentheses does not move the story
            ctx.ref, ctx.ref_gran, ctx.ref_year_explicit, ctx.explicit_at = story
            out.append(Timex(s, e, text[s:e], typ, value, ds, de, gran, mod))
            continue
        # a year the expression names, or carries from the end of its range ("July 1 to 3, 1863")
        explicit_year = bool(ctx.last_groups.get("year") or ctx.last_groups.get("year2")
                             or ctx.last_groups.get("_carried"))
        bc = _BC_YEAR.match(value)
        if mode != "news" and bc and (explicit_year or ctx.last_groups.get("year_bc")):
            ctx.bc_year, ctx.explicit_at = int(bc.group(1)), s      # "480 v. Chr.": the story is told BC
            out.append(Timex(s, e, text[s:e], typ, value, ds, de, gran, mod))
            continue
        # the year of the last explicitly dated expression (not relative ones such as "im Vorjahr",
        # nor "1939/40" tails) resolves later year-less dates; in context mode not one the story
        # only starts from ("seit 1939", in a report a sentence in the present or future)
        if (mode == "context" and ds is not None and explicit_year
                and (ctx.looks_back(ds.year, rule["name"]) or ctx.year_limit(gran))):
            # a look back ("hatte im Juli 1917 … gespielt") or a limit ("bis Ende 1941") leaves the
            # story where it was, its day and month too
            ctx.ref, ctx.ref_gran, ctx.ref_year_explicit, ctx.explicit_at = story
        elif (mode != "news" and ds is not None and gran in NARRATIVE_REF_GRANS and explicit_year
                and (mode == "narrative" or not ctx.ongoing())):
            ctx.ref_year_explicit = ds.year
            ctx.explicit_at = s
            ctx.bc_year = None
            if gran in ("day", "time"):
                ctx.ref, ctx.ref_gran = ds, "day"
        elif (mode != "news" and ds is not None and gran == "year" and _story_relative(rule, m, res, ctx)
                and ctx.narrating()):
            ctx.ref_year_explicit = ds.year     # "des neuen Jahres", "im folgenden Jahr": the story moves on
            ctx.explicit_at = s
        elif mode == "context" and res.deictic is not None and res.deictic.search(text[s:e]):
            ctx.explicit_at = None          # "gestern", "am Dienstag": back to the publication time
        out.append(Timex(s, e, text[s:e], typ, value, ds, de, gran, mod))
    return out
