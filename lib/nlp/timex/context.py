"""The reference-time context one text is normalised in: anchor, story time, mode, sentence cues."""
from __future__ import annotations

import bisect
import datetime as dt
import re

from .periods import GRAN_ORDER, _safe_date
from .resources import _Resources

# a sentence ends at a newline or at . ! ? after a word or a four-digit year ("im Jahr 1871. Heute"),
# not after an ordinal ("am 3. Mai"). Written to start with the whitespace it matches (its first
# character, then what lies before it), so that Python's re skips to whitespace before trying it:
# the same matches as r"\n|(?:(?<=[^\d\s][.!?])|(?<=(?<!\d)\d{4}[.!?]))\s+(?=[A-ZÄÖÜ„\"“])", 3× faster
_SENT_BREAK = re.compile(r"\s(?:(?<=\n)|(?:(?<=[^\d\s][.!?]\s)|(?<=(?<!\d)\d{4}[.!?]\s))\s*(?=[A-ZÄÖÜ„\"“]))")


# context mode, in a report: a year-less date told in the past that would lie ahead of the publication
# takes the year of the last explicitly dated expression when that lies at most this many sentences
# before, else the year before
STORY_WINDOW = 2


class _Layout:
    """Sentence and paragraph starts of a text (computed once per text)."""

    def __init__(self, text: str):
        self.sent_starts = [0] + [m.end() for m in _SENT_BREAK.finditer(text)]
        self.par_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self.par_starts, pos) - 1


class _Ctx:
    def __init__(self, text, res: _Resources, anchor, mode, layout: _Layout | None = None):
        self.text = text
        self.res = res
        self.anchor = anchor
        self.mode = mode
        self.layout = layout
        self.ref = anchor            # running reference date (story time)
        self.ref_gran = "day" if anchor else None
        self.ref_year_explicit = anchor.year if anchor else None
        self.explicit_at: int | None = None   # offset of the last expression with an explicit year
        self.report = False          # context mode: the text has words pointing at the publication time
        self.bc_year: int | None = None  # the story's year when it is told before Christ ("480 v. Chr.")
        self.start = 0
        self.end = 0
        self.last_groups: dict = {}

    def narrating(self) -> bool:
        """Is the expression at hand told in the story time rather than the publication's?

        news: never; narrative: always; context: in a text told as history (not a report, see
        find_timexes), when there is an explicitly dated expression before and the sentence has a
        past-tense cue or no future cue. Reports resolve year-less dates in `year_for`."""
        if self.mode != "context":
            return self.mode == "narrative"
        if self.report or self.explicit_at is None or self.ref_year_explicit is None:
            return False
        return not (self.future(clause=True) and not self.past())

    def aside(self, prev_end: int | None) -> bool:
        """The expression stands in parentheses as another rendering of the date just before ("am 7.
        November (25. Oktober nach julianischem Kalender)", `prev_end` is where the expression before
        ends) or as a span of years after a name ("Paulus (1890–1957)"), and in a report always. In
        a history a date in parentheses after anything else ("Schlacht von Gettysburg (1.–3. Juli
        1863)") is the story's."""
        before = self.text[max(0, self.start - 80): self.start]
        i = before.rfind("(")
        if i < 0 or ")" in before[i:] or "\n" in before[i:]:
            return False
        close = self.text.find(")", self.end, self.end + 80)
        if close < 0 or "\n" in self.text[self.end:close] or "(" in self.text[self.end:close]:
            return False
        paren = self.start - len(before) + i                 # offset of "("
        # right after the expression before, or one word after it ("liegt 15 Jahre zurück (1992)")
        if self.report or (prev_end is not None and len(self.text[prev_end:paren].split()) <= 1
                           and paren - prev_end <= 12):
            return True                 # in a report any ("liegt 15 Jahre zurück (1992)")
        return bool(re.fullmatch(r"\(\s*\d{3,4}\s*[–-]\s*\d{2,4}\s*\)", self.text[paren:close + 1]))

    def bc_story(self) -> int | None:
        """The story's year when the history is told before Christ (year-less dates then get "BC0479")."""
        return self.bc_year if self.bc_year is not None and self.narrating() else None

    def story_nearby(self, window: int = STORY_WINDOW) -> bool:
        """The last explicitly dated expression lies in the same sentence or at most `window`
        sentences before the expression at hand."""
        lay = self.layout
        if self.explicit_at is None or self.ref_year_explicit is None:
            return False
        if lay is None:
            return True
        return lay.sentence_index(self.start) - lay.sentence_index(self.explicit_at) <= window

    def limit(self) -> bool:
        """The date is a limit ("bis zum 15. März", "ab 1. Oktober", ``limit_words``): often ahead."""
        rx = self.res.limit_before
        head = re.match(r"\D*", self.text[self.start:self.end]).group(0)
        return bool(rx and rx.search(self.text[max(0, self.start - 30): self.start] + head))

    # sentence around the match, for tense cues
    def sentence(self) -> str:
        t = self.text
        starts = self.layout.sent_starts if self.layout else [0] + [m.end() for m in _SENT_BREAK.finditer(t)]
        left = starts[bisect.bisect_right(starts, self.start) - 1]
        m = _SENT_BREAK.search(t, self.end)
        right = m.start() if m else len(t)
        return t[left:right]

    def _sentence_words(self, clause: bool = False, lower: bool = True) -> set[str]:
        """Words of the sentence (or only the clause) around the match, the match's own words left
        out; lower-cased unless `lower` is false."""
        return {w.lower() if lower else w for w in self._word_list(clause)}

    def _word_list(self, clause: bool = False) -> list[str]:
        """The words of `_sentence_words` in text order (the match's own words left out)."""
        sent = self.sentence()
        i = sent.find(self.text[self.start:self.end])
        if i >= 0:
            left, right = sent[:i], sent[i + self.end - self.start:]
            if clause:
                # a clause ends at punctuation or a coordinating conjunction ("Sie kam gestern zurück
                # und wird am Samstag fliegen", ``clause_conjunctions``)
                rx = self.res.clause_break
                left = rx.split(left)[-1]
                right = rx.split(right)[0]
            sent = left + " " + right
        return re.findall(r"\w+", sent)

    def future(self, clause: bool = False) -> bool:
        return bool(self._sentence_words(clause) & self.res.future_cues)

    def past(self, clause: bool = False) -> bool:
        """A past-tense cue: a word of ``past_cues``, or a word shaped as ``past_word`` (a participle
        "angekündigt", "announced") with, where the language needs one, a ``past_aux`` ("hat", "ist")."""
        words = self._sentence_words(clause)
        if words & self.res.past_cues:
            return True
        rx = self.res.past_word
        raw = self._sentence_words(clause, lower=False) - self.res.past_word_not
        if rx is None or not any(rx.fullmatch(w) for w in raw):
            return False
        return not self.res.past_aux or bool(words & self.res.past_aux)

    def ongoing(self) -> bool:
        """The expression at hand starts an ongoing state ("seit 1949", ``since_words``) or, in a
        report, sits in a clause with a future cue and no past-tense cue."""
        res = self.res
        if res.since_before and (res.since_before.search(self.text[max(0, self.start - 20): self.start])
                                 or res.since_start.match(self.text[self.start:self.end])):
            return True
        return self.report and self.future(clause=True) and not self.past(clause=True)

    def looks_back(self, year: int, rule_name: str) -> bool:
        """In a history, an explicit year before the story's is a look back that leaves the story
        where it is: told in the pluperfect ("im Juli 1917 hatte er … gespielt", ``pluperfect_aux``
        with a participle) or a bare year inside a sentence ("fußte auf ab 1941 ausgearbeiteten
        Plänen"); a bare year opening a sentence or a heading ("1941 begann …") moves it back."""
        if self.report or self.explicit_at is None or self.ref_year_explicit is None or year >= self.ref_year_explicit:
            return False
        if rule_name == "year":
            return self.inside_sentence()
        return self.pluperfect()

    def inside_sentence(self) -> bool:
        """The expression stands after the first two words of its sentence, not in a heading."""
        lay = self.layout
        sent_start = lay.sent_starts[lay.sentence_index(self.start)] if lay else 0
        head = re.match(r"\D*", self.text[sent_start:self.end]).group(0)   # up to the first digit
        return len(head.split()) > 2 and not self.heading()

    def heading(self) -> bool:
        """The expression stands in a short line without closing punctuation ("Westfront 1939")."""
        line_start = self.text.rfind("\n", 0, self.start) + 1
        line_end = self.text.find("\n", self.end)
        line = self.text[line_start: len(self.text) if line_end < 0 else line_end].strip()
        return len(line) <= 80 and not line.endswith((".", "!", "?", ":", '"', "“"))

    def year_limit(self, gran: str) -> bool:
        """A year-long limit ("bis Ende 1941", "ab 1941"): where the story goes, not where it is."""
        return gran == "year" and self.limit() and self.inside_sentence()

    def pluperfect(self) -> bool:
        """The clause is in the pluperfect: an auxiliary ("hatte", "had") and a participle."""
        aux, rx = self.res.pluperfect_aux, self.res.participle
        if not aux or rx is None:
            return False
        words = self._word_list(clause=True)
        low = [w.lower() for w in words]
        if not set(low) & aux:
            return False

        def participle(w: str) -> bool:
            return w not in self.res.past_word_not and bool(rx.fullmatch(w))

        if self.res.participle_final:
            # German puts the participle at the end of the clause ("hatte … gespielt", "… gespielt hatte")
            return bool(words) and (participle(words[-1]) or (len(words) > 1 and low[-1] in aux
                                                                and participle(words[-2])))
        # English puts it right after the auxiliary ("had (already) helped")
        return any(a in aux and any(participle(w) for w in words[i + 1:i + 3]) for i, a in enumerate(low))

    def event_named(self) -> bool:
        """A date right after a word naming a well-known event ("Anschläge vom", ``event_cues``)."""
        rx = self.res.event_cue
        head = re.match(r"\D*", self.text[self.start:self.end]).group(0)     # "am " of "am 24. Februar"
        before = self.text[max(0, self.start - 40): self.start]
        return bool(rx and (rx.search(before) or rx.search(before + head)))

    def recurring(self) -> bool:
        """The sentence says the date comes round every year ("jedes Jahr am 3. Oktober", "immer am 19.
        Januar", "every year on", ``recurring_cues``): a year-less date then has no year."""
        rx = self.res.recurring_cue
        return bool(rx and rx.search(self.sentence()))

    def points_at_last_year(self) -> bool:
        """The sentence places what it tells in the year before the publication ("im vergangenen Jahr",
        "vor einem Jahr", "last year", ``last_year_cues``)."""
        rx = self.res.last_year_cue
        return bool(rx and rx.search(self.sentence()))

    def carried_year(self, month: int, day: int | None = None) -> int | None:
        """The year of the end of a range or of a coordinated date that follows the match ("von Januar
        bis September 2005", "Juni und Juli 1944", "vom 28. Oktober bis 10. November 1917"): a start
        after the end in the calendar lies in the year before ("von Dezember bis März 2005")."""
        rx = self.res.range_carry
        m = rx.match(self.text, self.end) if rx else None
        if m is None:
            return None
        year = int(m.group("year"))
        mtxt = m.group("month")
        if mtxt is None:                 # "July 1 to 3, 1863": the end in the same month
            end_month = month
        else:
            end_month = int(mtxt) if mtxt.isdigit() else self.res.get("MONTH", mtxt)
        if end_month is None:
            return None
        dtxt = m.groupdict().get("day") or m.groupdict().get("day2") or m.groupdict().get("day3")
        end_day = int(dtxt) if dtxt else 31
        return year - 1 if (month, day or 1) > (end_month, end_day) else year

    def deictic_narrating(self) -> bool:
        """Words that point at the publication time in a report ("letzte Woche", "im Vorjahr") keep
        the publication date even next to a story date; elsewhere they follow `narrating`."""
        return self.narrating() and not (self.mode == "context" and self.report)

    def generic_today(self) -> bool:
        """"heute" meaning nowadays: always in narrative mode; in context mode inside a phrase such
        as "bis heute" (``generic_today`` in the JSON), or in narration in a text with no word
        pointing at the publication time, told in a year other than the publication's, in a clause
        with no past-tense cue."""
        if self.mode != "context":
            return self.mode == "narrative"
        clock = self.res.today_clock_after
        if clock is not None and clock.match(self.text, self.end):
            return False                    # "bis heute 20 Uhr": the publication day
        window = self.text[max(0, self.start - 25): self.end + 25]
        lo = self.start - max(0, self.start - 25)
        hi = lo + self.end - self.start
        for rx in self.res.generic_today:
            for m in rx.finditer(window):
                if m.start() <= lo and m.end() >= hi:
                    return True
        moved = self.anchor is None or self.ref_year_explicit != self.anchor.year or self.bc_year is not None
        return not self.report and moved and self.narrating() and not self.past(clause=True)

    def prev_word(self) -> str:
        m = re.search(r"(\S+)\s*$", self.text[max(0, self.start - 40): self.start])
        return m.group(1) if m else ""

    def year_for(self, month: int, day: int | None = None) -> int | None:
        """Year for a year-less month/day."""
        if self.ref_year_explicit is not None and self.narrating():
            y, r = self.ref_year_explicit, self.ref
            # "Am 13. Dezember 1919 eroberten sie Kiew, und bis Anfang Januar …": the story goes on
            # into the next year (a look back would be told in the pluperfect)
            if (r is not None and r.year == y and self.ref_gran in ("day", "month") and r.month >= 11
                    and month <= 2 and self.story_nearby(1) and not self.pluperfect()):
                return y + 1
            return y
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
        y = best[1] if best else a.year
        if self.mode == "context" and self.report:
            # told in the past, a date does not lie ahead of the publication: the year of the story
            # told nearby, else the year before ("Am 24. Februar 2022 marschierte Russland ein. Am
            # 30. März zog es sich zurück", published in January 2023)
            first = _safe_date(y, month, day or 1)
            if (first is not None and first > a and self.past(clause=True) and not self.future(clause=True)
                    and not self.limit()):
                story = self.ref_year_explicit if self.story_nearby() else None
                if story is not None and story < y and (_safe_date(story, month, day or 1) or a) <= a:
                    return story
                return y - 1
        return y

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
            base = (ctx.ref or ctx.anchor) if ctx.deictic_narrating() else ctx.anchor
        if base is None or off is None:
            return None, False
        return base.year + int(off), False
    if g.get("_same_year"):
        base = ctx.ref or ctx.anchor
        return (base.year if base else None), False
    return None, False


def _mk(t, value, s, e, gran, mod=""):
    return (t, value, s, e, gran, mod)
