"""The actor gazetteer's data: entries, word lists and lookups (no spaCy pipeline code).

See the package docstring (lib/nlp/gazetteer/__init__.py) for the files.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

from ...schema import FORMS  # noqa: F401  (re-exported by lib.nlp.gazetteer)
from ...settings import RESOURCES_DIR
from ..words import DEFINITE, lemma_lookup

# "the Home Office" → "Home Office": a definite article before a name
_LEADING_ARTICLES = tuple(sorted(a + " " for a in DEFINITE))
GAZETTEER_DIR = RESOURCES_DIR / "gazetteer"
ENTRY_FILES = ("countries.jsonl", "cities.jsonl", "regions.jsonl", "organisations.jsonl",
               "persons.jsonl")
SPANS_KEY = "actors"
# German adjective endings generated from a stem (ukrainisch -> ukrainische, ukrainischen, ...)
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# model label -> (base label, None); GermEval's ...deriv / ...part suffixes give the form
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "OTH": "MISC", "MISC": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC", "NORP": "MISC",
}
DROP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# German common-noun endings: a capitalised word with one of them is no name (Bildung, Priorität)
COMMON_NOUN_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "ität", "nis",
                        "nisse", "schaft", "schaften", "ismus", "tion", "tionen")
TYPE_BY_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}

if not Span.has_extension("form"):
    Span.set_extension("form", getter=lambda span: span.id_ or "name")


@dataclass
class Entry:
    id: str
    type: str
    label: str
    names: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def read_wordlist(path: Path) -> list[str]:
    """A one-item-per-line data file; '#' starts a comment line."""
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


class Gazetteer:
    """Canonical actors with their surface forms, types and coordinates."""

    def __init__(self, entries: list[dict], lang: str | None = None,
                 ambiguous: set[str] | None = None, titles: set[str] | None = None,
                 not_actors: set[str] | None = None, not_ents: set[str] | None = None,
                 person_titles: set[str] | None = None, thing_heads: set[str] | None = None,
                 kind_nouns: set[str] | None = None):
        self.lang = lang
        self.kind_nouns = kind_nouns or set()
        self.thing_heads = (thing_heads or set()) | self.kind_nouns
        self.entries: dict[str, Entry] = {}
        self._by_lower: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        for raw in entries:
            known = {k: raw.get(k) for k in Entry.__dataclass_fields__ if raw.get(k) is not None}
            e = Entry(**known)
            if e.id in self.entries:            # a later file adds names to an existing id
                old = self.entries[e.id]
                for attr in ("names", "adjectives", "demonyms", "prefixes"):
                    setattr(old, attr, list(dict.fromkeys(getattr(old, attr) + getattr(e, attr))))
                e = old
            else:
                self.entries[e.id] = e
            for n in [e.id, *e.names]:
                self._exact.setdefault(n, e.id)
                self._by_lower.setdefault(n.lower(), e.id)
        self._adjectives: list[tuple[str, str]] = sorted(
            ((s.lower(), e.id) for e in self.entries.values() for s in e.adjectives),
            key=lambda x: -len(x[0]))
        self._demonyms = {d: e.id for e in self.entries.values() for d in e.demonyms}
        self._prefixes = sorted(((p, e.id) for e in self.entries.values() for p in e.prefixes),
                                key=lambda x: -len(x[0]))
        self._adjective_stems = tuple(stem for stem, _ in self._adjectives)
        self._prefix_forms = tuple(p for p, _ in self._prefixes)
        self._acronym_lower = {n.lower() for n in self._exact if _is_acronym(n)}
        self.ambiguous = {a.lower() for a in (ambiguous or ())}
        self.not_ents = {a.lower() for a in (not_ents or ())}
        self.person_titles = {t.lower().rstrip(".") for t in (person_titles or ())}
        self.titles = {t.lower().rstrip(".") for t in (titles or ())}
        self.not_actors = {t.lower() for t in (not_actors or ())}

    # ---- lookups ---------------------------------------------------------------------------
    def entry(self, name: str) -> Entry | None:
        """The entry for a canonical name or alias; case-insensitive, tolerant of a leading
        article (der Iran, the Pentagon), an English 's and a German genitive -s/-es."""
        if not name:
            return None
        key = " ".join(name.split())
        for cand in self._candidates(key):
            eid = self._exact.get(cand) or self._by_lower.get(cand.lower())
            if eid:
                return self.entries[eid]
        return None

    def _candidates(self, name: str):
        yield name
        low = name.lower()
        for art in _LEADING_ARTICLES:
            if low.startswith(art):
                name = name[len(art):]
                yield name
                break
        for suffix in ("'s", "’s", "'"):
            if name.endswith(suffix):
                yield name[: -len(suffix)]
        if len(name) > 3 and name.endswith("es"):
            yield name[:-2]
        if len(name) > 3 and name.endswith("s"):
            yield name[:-1]

    def canonical(self, name: str) -> str | None:
        e = self.entry(name)
        return e.id if e else None

    def coordinates(self, actor: str) -> tuple[float, float] | None:
        e = self.entry(actor)
        if e is None or e.lat is None or e.lon is None:
            return None
        return (e.lat, e.lon)

    def type_of(self, actor: str) -> str | None:
        e = self.entry(actor)
        return e.type if e else None

    def accepts_surface(self, text: str) -> bool:
        """Whether a (case-insensitive) name hit has an acceptable casing: exactly a listed
        form, or - for non-acronyms - any variant with a capital initial (UKRAINE, Nato)."""
        if text in self._exact:
            return True
        if not text[:1].isupper():
            return False
        return text.lower() not in self._acronym_lower

    def adjective(self, word: str) -> str | None:
        """Country id for a derived form: an inflected German adjective (ukrainischen) or a
        listed demonym (Ukrainer, Ukrainian)."""
        if word in self._demonyms:
            return self._demonyms[word]
        low = word.lower()
        if not low.startswith(self._adjective_stems):    # most words: one C call
            return None
        for stem, eid in self._adjectives:
            if low.startswith(stem) and low[len(stem):] in ADJECTIVE_ENDINGS:
                return eid
        return None

    def prefix(self, word: str) -> tuple[str, str] | None:
        """(id, prefix) when word starts with a country prefix (US-Verteidigungsminister)."""
        if not word.startswith(self._prefix_forms):
            return None
        for p, eid in self._prefixes:
            if word.startswith(p) and len(word) > len(p):
                return eid, p
        return None

    def name_id(self, text: str, allow_ambiguous: bool = False) -> str | None:
        """Id for an exact surface name (no inflection tolerance) if its casing is acceptable."""
        eid = self._exact.get(text) or self._by_lower.get(text.lower())
        if eid is None or not self.accepts_surface(text):
            return None
        if not allow_ambiguous and self.is_ambiguous(text):
            return None
        return eid

    def parts(self, word: str) -> list[tuple[str, str]]:
        """[(id, form)] for the gazetteer names among the hyphen-separated parts of a compound
        (Nato-Konferenz -> Nato/part; US-Amtskollegen -> USA/prefix)."""
        out: list[tuple[str, str]] = []
        hit = self.prefix(word)
        if hit:
            out.append((hit[0], "prefix"))
        if "-" not in word.strip("-"):
            return out
        pieces = [p for p in word.split("-") if p]
        for piece in pieces:
            # plain, capitalised, unambiguous names only (name_id checks case and ambiguity)
            eid = self.name_id(piece) if len(piece) >= 2 else None
            if eid and all(eid != o[0] for o in out):
                out.append((eid, "part"))
        return out

    def is_ambiguous(self, text: str) -> bool:
        """A name that is also a common word or first name: it needs the model's confirmation."""
        return text.lower() in self.ambiguous

    def is_title(self, word: str) -> bool:
        return _inflected_in(word.lower().rstrip("."), self.titles)

    def is_person_title(self, word: str) -> bool:
        """A capitalised title after which a person's name follows (Herr, Generalmajor)."""
        if not word[:1].isupper():
            return False
        low = word.lower().rstrip(".")
        return low in self.person_titles or any(
            low.endswith(suf) and low[: -len(suf)] in self.person_titles
            for suf in ("innen", "in", "s", "n"))

    def is_thing_head(self, word: str) -> bool:
        """A noun that makes the name after it the name of a thing, not of an actor
        (Übung Cerberus, Operation Barbarossa, des Typs Shahed-136), inflected forms too."""
        return word[:1].isupper() and _inflected_in(word.lower(), self.thing_heads)

    def is_kind_noun(self, word: str) -> bool:
        """A thing head that names a kind (Typ, Modell): the name after it is the thing's name
        on its own (des Typs Shahed-136 -> Shahed-136)."""
        return word[:1].isupper() and _inflected_in(word.lower(), self.kind_nouns)

    def is_not_actor_word(self, word: str) -> bool:
        return _inflected_in(word.lower(), self.not_actors) or self.is_title(word)


def _inflected_in(low: str, words: set[str]) -> bool:
    if low in words:
        return True
    for suffix in ("innen", "in", "en", "es", "n", "s", "e"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3 and low[: -len(suffix)] in words:
            return True
    return False


@lru_cache(maxsize=8)
def load_gazetteer(lang: str | None = None) -> Gazetteer:
    """The gazetteer (cached per language). `lang` selects the ambiguity, title and
    not-actor lists; None uses the union of all languages."""
    entries: list[dict] = []
    for fname in ENTRY_FILES:
        entries.extend(_read_jsonl(GAZETTEER_DIR / fname))
    langs = [lang] if lang else sorted(
        {p.stem.rsplit("_", 1)[-1] for p in RESOURCES_DIR.glob("titles_*.txt")})
    ambiguous, titles, not_actors, not_ents, person_titles = set(), set(), set(), set(), set()
    thing_heads: set[str] = set()
    kind_nouns: set[str] = set()
    for lg in langs:
        for path in sorted(GAZETTEER_DIR.glob(f"ambiguous_{lg}*.txt")):
            ambiguous.update(read_wordlist(path))
        not_ents.update(read_wordlist(GAZETTEER_DIR / f"not_ents_{lg}.txt"))
        titles.update(read_wordlist(RESOURCES_DIR / f"titles_{lg}.txt"))
        person_titles.update(read_wordlist(RESOURCES_DIR / f"titles_person_{lg}.txt"))
        not_actors.update(read_wordlist(RESOURCES_DIR / f"actors_not_{lg}.txt"))
        thing_heads.update(w.lower() for w in read_wordlist(RESOURCES_DIR / f"actors_thing_heads_{lg}.txt"))
        kind_nouns.update(w.lower() for w in read_wordlist(RESOURCES_DIR / f"actors_kind_nouns_{lg}.txt"))
    titles |= person_titles
    return Gazetteer(entries, lang, ambiguous, titles, not_actors, not_ents, person_titles,
                     thing_heads, kind_nouns)


@lru_cache(maxsize=4)
def _lemma_table(lang: str) -> dict:
    """spaCy's lookup lemma table (spacy-lookups-data), form -> lemma, or {} when it is not
    installed (lib/nlp/words.py; spacy.lookups keyed it by string hashes, so no form was found)."""
    return lemma_lookup(lang)


