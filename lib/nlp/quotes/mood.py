"""German mood that marks a sentence as reported speech by itself, without a speech verb.

* Konjunktiv I as the finite verb of the main clause ("Die Lage sei ernst.", "Man gehe davon aus,
  dass …", "Da das Tief im Norden liege, werde es kalt."): German news uses it for what someone
  said, not for the writer's own statements. A Konjunktiv form only inside a subordinate or
  relative clause ("Er bestritt, dass er dort gewesen sei", "…, die keine Gründe nennen könne")
  marks that clause, not the sentence, and does not count here.
* Reportative "sollen": "soll/sollen" with a perfect infinitive (participle + "haben"/"sein", also
  "worden sein", "gewesen sein") reports a claim by others ("Er soll das Geld unterschlagen haben",
  "Dabei sollen Schüsse gefallen sein"); "soll" with a plain infinitive is mostly an obligation or
  plan ("Die Straße soll erneuert werden") and does not count.

The main clause of a sentence (a unit's tokens up to . ! ? : ;) is the stretch before its first
comma, or, when the sentence opens with a subordinator ("Da", "Weil", "Obwohl" …), the verb right
after the comma that closes that clause (verb-second after a fronted clause).
"""
from __future__ import annotations

from functools import cache

from .lexicon import _lexicon, is_verb_form, konjunktiv_forms

_SEGMENT_END = {".", "!", "?", ":", ";"}
_REPORTATIVE = {"soll", "sollen"}
_PERFECT_AUX = {"haben", "sein"}
_ADJECTIVE_ENDINGS = ("ig", "lich", "isch", "bar", "sam", "los")


@cache
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of `lang` (looked up once: get_lang_class consults the registry's
    entry points on every call)."""
    from spacy.util import get_lang_class
    return frozenset(get_lang_class(lang).Defaults.stop_words)


@cache
def _mood(lang: str) -> frozenset[str]:
    """Words that mark reported speech: the lexicon's reported_mood and the Konjunktiv I forms
    that are not stop words."""
    return frozenset(_lexicon(lang).words.get("reported_mood", ())) | (konjunktiv_forms(lang) - _stop_words(lang))


@cache
def konjunktiv_i(lang: str) -> frozenset[str]:
    """The reported-speech mood words without the Konjunktiv-II forms (quotes_lexicon konjunktiv_ii)."""
    return _mood(lang) - frozenset(_lexicon(lang).words.get("konjunktiv_ii", ()))


def segments(toks):
    """(start, end) token ranges of the sentences and colon/semicolon parts of a unit."""
    out, a = [], 0
    for i, t in enumerate(toks):
        if t.quote < 0 and t.text in _SEGMENT_END:
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(toks):
        out.append((a, len(toks)))
    return out


def main_clause_positions(toks, a, b, subordinators):
    """Token indices in [a, b) that can hold the finite verb of the main clause."""
    while a < b and toks[a].quote < 0 and not toks[a].text[:1].isalnum():
        a += 1  # an opening dash or parenthesis
    if a >= b:
        return range(0)
    comma = next((i for i in range(a, b) if toks[i].quote < 0 and toks[i].text == ","), b)
    if toks[a].lower in subordinators and comma < b:  # "Da X liege, werde …": the verb after the fronted clause
        # (without a comma the word is a preposition: "Während des Überfalls sollen …")
        return range(comma + 1, min(comma + 2, b))
    return range(a, comma)


def main_clause_konjunktiv(toks, forms, subordinators) -> bool:
    """A Konjunktiv-I form (in `forms`, lowercase) as the main clause's verb of a sentence of the unit."""
    for a, b in segments(toks):
        for i in main_clause_positions(toks, a, b, subordinators):
            t = toks[i]
            if t.quote < 0 and t.lower in forms and t.text[:1].islower():
                return True
    return False


def _participle(word: str) -> bool:
    if word in ("worden", "gewesen"):
        return True
    if not word.isalpha() or not word.islower() or word.endswith(_ADJECTIVE_ENDINGS):
        return False
    return word.endswith(("t", "en")) and is_verb_form(word)


def reportative_sollen(toks, subordinators) -> bool:
    """A main clause with "soll/sollen" and a perfect infinitive at the end of that clause
    ("Der Mann soll den Tätern geholfen haben", "Beträchtliche Reichtümer soll er angesammelt haben")."""
    for a, b in segments(toks):
        pos = main_clause_positions(toks, a, b, subordinators)
        k = next((i for i in pos if toks[i].quote < 0 and toks[i].lower in _REPORTATIVE), None)
        if k is None:
            continue
        end = next((i for i in range(k + 1, b) if toks[i].quote >= 0 or toks[i].text in (",", "(", "–")), b)
        for j in range(k + 2, end):
            # "… geholfen haben", "… gefallen sein", "… ausgebildet worden sein", coordinated with "und"
            if toks[j].lower in _PERFECT_AUX and (j + 1 == end or toks[j + 1].lower in ("und", "oder")) \
                    and _participle(toks[j - 1].lower):
                return True
    return False
