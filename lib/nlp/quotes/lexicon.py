"""Speech verbs and word lists, read from lib/resources (see the package docstring)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from ...settings import RESOURCES_DIR
from ..words import lemma_lookup

_SENT_END = {".", "!", "?"}
_CLAUSE_PUNCT = {",", ":", ";", "(", ")", "–", "—", "-"}
_HARD_STOP = {".", "!", "?", ";"}
_AUX = {"hat", "hatte", "habe", "haben", "hätten", "hätte", "hatten", "soll", "sollen", "will", "wollte",
        "wollen", "muss", "musste", "kann", "konnte", "wird", "werde", "würde", "has", "had", "have",
        "would", "could", "also", "auch", "bereits", "schon", "noch", "nun", "jedoch", "dazu", "zudem"}
_INSEP = ("be", "er", "ver", "ent", "zer", "emp", "miss", "ge", "hinter", "über", "unter", "wider")


@dataclass(frozen=True)
class _Verb:
    lemma: str
    particle: str | None  # particle that must follow in the clause ("teilte … mit")
    kind: str             # "report" | "frame"
    participle: bool


@dataclass
class _Lex:
    verbs: dict = field(default_factory=dict)  # form → list[_Verb]
    words: dict = field(default_factory=dict)


def _weak_forms(lemma: str) -> tuple[list[str], str]:
    if lemma.endswith(("ern", "eln")):
        stem = lemma[:-1]
        finite = [stem + "e", stem + "t", lemma, stem + "te", stem + "ten"]
        part_core = stem + "t"
    else:
        stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
        e = "e" if re.search(r"(t|d|chn|[bdfgkpstz][mn])$", stem) else ""
        # no 2nd-person forms (sagst, äußerst): news text has none, and "äußerst" is an adverb
        finite = [stem + "e", stem + e + "t", lemma, stem + e + "te", stem + e + "ten", stem + e + "tet", stem + "et"]
        part_core = stem + e + "t"
    if lemma.endswith("ieren") or stem.startswith(_INSEP):
        participle = part_core
    else:
        participle = "ge" + part_core
    return finite, participle


@cache
def _lexicon(lang: str) -> _Lex:
    lang = "en" if lang == "en" else "de"
    lex = _Lex()
    words = json.loads((RESOURCES_DIR / "quotes_lexicon.json").read_text(encoding="utf-8"))[lang]
    lex.words = {k: (v if isinstance(v, dict) else
                     [tuple(x) for x in v] if v and isinstance(v[0], list) else set(v))
                 for k, v in words.items()}

    def add(form: str, verb: _Verb) -> None:
        lst = lex.verbs.setdefault(form.lower(), [])
        if verb not in lst:
            lst.append(verb)

    kind = "report"
    path = RESOURCES_DIR / f"speech_verbs_{lang}.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            kind = line.strip("[]").strip()
            if kind not in ("report", "frame"):
                raise ValueError(f"{path}: unknown section {raw.strip()!r} (use [report] or [frame])")
            continue
        if lang == "en":
            forms = line.split()
            for f in forms:
                part = f != forms[0] and not f.endswith(("s", "ing"))
                add(f, _Verb(forms[0], None, kind, part))
            continue
        head, _, irregular = line.partition(";")
        particle, _, base = head.strip().rpartition("|")
        base = base.strip()
        lemma = particle + base
        if irregular.strip():
            irr = irregular.split()
            stem = base[:-2] if base.endswith("en") else base[:-1]
            finite = [base, stem + "e", stem + "en"] + irr[:-1]
            participle = irr[-1]
        else:
            finite, participle = _weak_forms(base)
        if particle:
            for f in finite:
                add(f, _Verb(lemma, particle, kind, False))
                add(particle + f, _Verb(lemma, None, kind, False))
            add(particle + participle, _Verb(lemma, None, kind, True))
            add(particle + "zu" + base, _Verb(lemma, None, kind, False))
        else:
            for f in finite:
                add(f, _Verb(lemma, None, kind, False))
            add(participle, _Verb(lemma, None, kind, True))
    return lex


@cache
def konjunktiv_forms(lang: str) -> frozenset[str]:
    """Lowercase verb forms that read as Konjunktiv I, third person singular ("bestehe", "gebe"):
    the forms in the lemma lookup table of spacy-lookups-data whose lemma is the form + "n". Empty
    for English or when the table is not installed; quotes_lexicon.json's reported_mood adds to it."""
    if lang != "de":
        return frozenset()
    table = lemma_lookup(lang)
    return frozenset(w for w, lemma in table.items()
                     if len(w) >= 4 and w.endswith("e") and w.islower() and lemma == w + "n")



def is_verb_form(word: str, lang: str = "de") -> bool:
    """A lowercase form the lemma table of spacy-lookups-data maps to a verb (a lemma in -en/-ern/-eln
    other than the form, or "sein"): "zeigte", "befand", "war". German only; False without the table."""
    if lang != "de":
        return False
    lemma = lemma_lookup(lang).get(word)
    return (lemma is not None and lemma != word and lemma.islower()
            and (lemma.endswith(("en", "ern", "eln")) or lemma == "sein"))
