"""The one-pass rule scan (lib/nlp/timex/scan.py) finds exactly what each rule's own finditer finds."""
from __future__ import annotations

import random
import re

import pytest

from lib.nlp.timex.resources import _resources
from lib.nlp.timex.scan import LEADING, RuleScan, prefixes
from lib.settings import REPO_ROOT


def _own(regexes, text):
    return [[(m.span(), m.groupdict(), m.groups()) for m in rx.finditer(text)] for rx in regexes]


def _scanned(scan, text):
    return [[(m.span(), m.groupdict(), m.groups()) for m in found] for found in scan.finditer(text)]


def _texts(lang: str, n: int, seed: int) -> list[str]:
    """Made-up texts dense in what the rules look for: the resource's own words (and their
    capitalised forms), numbers, dates, clock times, prepositions, glued and hyphenated forms."""
    res = _resources(lang)
    words = sorted({w for table in res.data["lexicon"].values() for w in table})
    words += [w[:1].upper() + w[1:] for w in words]
    words += ["am", "Am", "im", "Im", "in", "In", "der", "den", "die", "des", "dem", "vom", "vor", "nach", "seit",
              "bis", "und", "Uhr", "Jahr", "Jahre", "Jahres", "Jahrhunderts", "Jh.", "er", "the", "on", "of",
              "in the", "at", "ago", "later", "1914", "2005", "1939/40", "1939–1945", "98", "3.", "12.",
              "2005-03-04", "14.30", "1230", "9/11", "v. Chr.", "BC", "80er", "1990s", "-jährige", "2-jährige",
              "Mitte", "Ende", "Anfang", "mehr als", "über", "x", "Haus", "Morgen", "morgen", "0600", "GMT"]
    seps = [" ", " ", " ", "", "-", "\n", ", ", ". ", "  ", "/", "–", "(", ")"]
    rng = random.Random(seed)
    return ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 60)))
            for _ in range(n)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_scan_finds_what_each_rule_finds(lang):
    res = _resources(lang)
    regexes = [rx for _p, _rule, rx in res.rules]
    scan = RuleScan(regexes)
    assert scan.prefixed and not scan.own_pass       # every shipped rule goes through the one pass
    texts = _texts(lang, 400, seed=15)
    texts.append((REPO_ROOT / "tests" / "fixtures" / "seed_article.txt").read_text(encoding="utf-8"))
    found = 0
    for text in texts:
        own = _own(regexes, text)
        assert _scanned(scan, text) == own, text
        found += sum(map(len, own))
    assert found > 2000        # the texts do exercise the rules


def test_tricky_patterns_and_the_ones_it_cannot_read():
    regexes = [re.compile(LEADING + p + r"(?![\w])") for p in (
        r"(?:(?:[Aa]m|[Ii]m)\s+)?(?P<day>\d{1,2})\.\s*(?P<m>Mai|Juni)",   # optional prefix, classes
        r"x{6,9}y",                 # a repeat longer than the prefix
        r"(?:ab)*c",                # a nullable repeat before the first character
        r"[^\s\d]{2}\d",            # negated classes
        r"(?<=\d{4}[/–])\d{2}",     # a lookbehind inside the match
        r"a",                       # shorter than the prefix: at the very end of the text too
        r"(?P<w>ab)(?P=w)",         # a back reference: scanned on its own
        r"(?i:mai)",                # inline flags: scanned on its own
        r".b",                      # any character
        r"[.(]\.?",                # ends on a character a next match may start after
    )]
    scan = RuleScan(regexes)
    assert sorted(scan.own_pass) == [6, 7]
    rng = random.Random(3)
    alphabet = ["a", "b", "c", "x", "y", "1", "9", ".", " ", "\n", "-", "/", "–", "Mai", "Juni", "am ", "Im ", "abab"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert _scanned(scan, text) == _own(regexes, text), repr(text)


def test_prefixes_cover_short_matches():
    from re import _parser

    assert prefixes(_parser.parse(r"a|bcdef").data, 4) == {(r"a",), ("b", "c", "d", "e")}
    assert prefixes(_parser.parse(r"(?:x\s+)?\d").data, 2) == {("x", r"[\s]"), (r"[\d]",)}


def test_without_pythons_regex_parser_every_rule_keeps_its_own_pass(monkeypatch):
    """`re._parser` is private: a Python without it (or with a tree of another shape) must give the
    same matches, each rule scanning on its own."""
    import lib.nlp.timex.scan as scan_module

    res = _resources("de")
    regexes = [rx for _p, _rule, rx in res.rules]
    monkeypatch.setattr(scan_module, "_p", None)
    scan = RuleScan(regexes)
    assert not scan.prefixed and len(scan.own_pass) == len(regexes)
    text = (REPO_ROOT / "tests" / "fixtures" / "seed_article.txt").read_text(encoding="utf-8")
    assert _scanned(scan, text) == _own(regexes, text)
    assert sum(map(len, _own(regexes, text))) > 5


def test_a_parse_tree_of_another_shape_falls_back_to_the_rules_own_pass(monkeypatch):
    import lib.nlp.timex.scan as scan_module

    class Odd:                     # a parser whose tree is not the one this module reads
        @staticmethod
        def parse(pattern):
            return object()

    regexes = [re.compile(LEADING + r"(?P<y>\d{4})(?!\d)")]
    monkeypatch.setattr(scan_module, "_p", Odd)
    scan = RuleScan(regexes)
    assert scan.own_pass == [0]
    assert [m.group("y") for m in scan.finditer("im Jahr 1914 und 2005")[0]] == ["1914", "2005"]
