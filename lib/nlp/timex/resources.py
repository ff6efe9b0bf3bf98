"""Word lists and rule patterns of ``lib/resources/timex_<lang>.json``, compiled once per language."""
from __future__ import annotations

import json
import re
from functools import cache, cached_property

from ...settings import RESOURCES_DIR
from .scan import RuleScan

SUPPORTED_LANGS = ("de", "en")


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
        since = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in data.get("since_words", []))
        self.since_before = re.compile(r"(?<!\w)(?:" + since + r")(?:\s+(?:dem|den|the))?\s*$", re.I) if since else None
        self.since_start = re.compile(r"(?:" + since + r")\b", re.I) if since else None
        limit = "|".join(re.escape(w) for w in data.get("limit_words", []))
        self.limit_before = re.compile(r"(?<!\w)(?:" + limit + r")(?!\w)[^.,;:!?]{0,25}$", re.I) if limit else None
        self.today_clock_after = re.compile(data["today_clock_after"]) if data.get("today_clock_after") else None
        self.past_cues = {w.lower() for w in data.get("past_cues", [])}
        self.past_word = re.compile(data["past_word"]) if data.get("past_word") else None
        self.past_aux = {w.lower() for w in data.get("past_aux", [])}
        self.past_word_not = set(data.get("past_word_not", []))
        self.generic_today = [re.compile(r"(?<!\w)" + re.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)", re.IGNORECASE)
                              for p in data.get("generic_today", [])]
        cues = sorted(data.get("event_cues", []), key=len, reverse=True)
        self.event_cue = (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
                                     + r")\s*$", re.IGNORECASE) if cues else None)
        self.last_year_cue = self._phrases(data.get("last_year_cues", []))
        self.recurring_cue = self._phrases(data.get("recurring_cues", []))
        # "von Januar bis September 2005": the year of a range's end (or a coordinated date) carries to
        # its start; {MONTH} expands as in the rules
        carry = data.get("range_carry")
        self.range_carry = (re.compile(re.sub(r"\{([A-Z_]+)\}", lambda m: _alternation(lex[m.group(1)].keys(), cs), carry))
                            if carry else None)
        self.pluperfect_aux = {w.lower() for w in data.get("pluperfect_aux", [])}
        self.participle = re.compile(data["participle"]) if data.get("participle") else self.past_word
        self.participle_final = bool(data.get("participle_final"))
        conj = "|".join(re.escape(w) for w in data.get("clause_conjunctions", []))
        self.clause_break = re.compile(r"[,;:()–]" + (r"|\s(?:" + conj + r")\s" if conj else ""))
        self.duration_after = re.compile(data["duration_after"]) if data.get("duration_after") else None
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

    @cached_property
    def scan(self) -> RuleScan:
        """All rules over a text in one pass (lib/nlp/timex/scan.py)."""
        return RuleScan([rx for _p, _rule, rx in self.rules])

    @staticmethod
    def _phrases(words):
        """One case-insensitive regex for a list of phrases, each as whole words."""
        if not words:
            return None
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return re.compile(r"(?<!\w)(?:" + alt + r")(?!\w)", re.IGNORECASE)

    def day_rules(self):
        """Regexes of the rules that name a day with a year (for "11. September 2001")."""
        return [rx for _p, rule, rx in self.rules
                if rule["handler"] == "date" and "(?P<year>" in rule["pattern"]]

    @staticmethod
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.strip()).lower()

    def get(self, table: str, key: str | None, default=None):
        if key is None:
            return default
        return self.lex.get(table, {}).get(self.norm(key), default)


@cache
def _resources(lang: str) -> _Resources | None:
    path = RESOURCES_DIR / f"timex_{lang}.json"
    if not path.exists():
        return None
    return _Resources(json.loads(path.read_text(encoding="utf-8")))
