#!/usr/bin/env python
"""Sanity check on the seed article: which of the expected actors does the model find?

    python -m training.sanity_seed models/de_lagebild_ner /work/shared/seed/article.txt [--with-gazetteer]
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

EXPECTED = {
    "PER": ["Lloyd Austin", "Wallace", "Patrick Ryder", "Jens Stoltenberg", "Liz Truss",
            "Emmanuel Macron", "James Martin"],
    "ORG": ["Pentagon", "Reuters", "The Telegraph"],
    "LOC": ["Ukraine", "Russland", "Iran", "Kiew", "Teheran", "Brüssel", "Sennelager",
            "Deutschland", "Europa"],
}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("article")
    ap.add_argument("--with-gazetteer", action="store_true")
    args = ap.parse_args(argv)
    if args.with_gazetteer:
        os.environ["LAGEBILD_MODEL_DE"] = str(Path(args.model).resolve())
        from lib.nlp.pipeline import load_pipeline
        nlp = load_pipeline("de").nlp
    else:
        import spacy
        nlp = spacy.load(args.model)
    lines = [l for l in Path(args.article).read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("![")]
    found = {}
    for doc in nlp.pipe(lines):
        for e in doc.ents:
            found.setdefault(e.label_, set()).add(e.text)
    hits = total = 0
    for label, names in EXPECTED.items():
        for name in names:
            total += 1
            ok = any(name == t or name in t.split() or name in t for t in found.get(label, ()))
            hits += ok
            if not ok:
                other = [f"{t}/{l}" for l, ts in found.items() for t in ts if name in t]
                print(f"MISSED {label:<4} {name}  {'(found as ' + ', '.join(other) + ')' if other else ''}")
    print(f"found {hits}/{total} expected actors")
    for label in sorted(found):
        print(f"{label:<9} {sorted(found[label])}")


if __name__ == "__main__":
    main()
