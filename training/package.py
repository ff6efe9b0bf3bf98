#!/usr/bin/env python
"""Write a trained spaCy pipeline (e.g. training/output/final/model-last) to models/ with the
project's meta data: name lagebild_ner, lang de, licence CC BY 4.0 and the GermEval 2014 source.

    python -m training.package training/output/final/model-last models/de_lagebild_ner
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

META = {
    "name": "lagebild_ner",
    "version": "0.3.0",
    "description": "German named-entity recogniser for Lagebild (CNN tok2vec + transition-based NER, "
                   "CPU), trained on GermEval 2014 (outer level: PER, LOC, ORG, OTH and their "
                   "-deriv/-part variants), with floret static vectors trained on Bundestag "
                   "speeches and GermEval/Wikinews text.",
    "author": "Lagebild contributors",
    "url": "",
    "license": "CC BY 4.0",
    "sources": [{
        "name": "GermEval 2014 NER (NoSta-D)",
        "url": "https://sites.google.com/site/germeval2014ner/",
        "license": "CC BY 4.0",
        "author": "D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity Annotation for German: "
                  "Guidelines and Dataset, LREC 2014",
    }],
}
# Further sources, added with --add-source KEY (project.yml's package step: "vectors"; the extra
# gold sets by the names of their DocBins).
SOURCES = {
    "vectors": [
        {"name": "German Bundestag plenary protocols, speeches WP18-WP20 (2013-2025), raw text for the "
                 "floret vectors, via github.com/mathias-goebel/plenarsitzungsprotokolle and "
                 "github.com/Datenschule/offenesparlament-data",
         "url": "https://www.bundestag.de/services/opendata",
         "license": "public domain (amtliche Werke, section 5 UrhG)"},
        {"name": "German Wikinews articles 2004-2010, article text only (floret vectors)",
         "url": "https://de.wikinews.org", "license": "CC BY 2.5"},
    ],
    "smartdata": [
        {"name": "DFKI SmartData Corpus v1", "url": "https://github.com/DFKI-NLP/smartdata-corpus",
         "license": "CC BY 4.0",
         "author": "M. Schiersch, V. Mironova, M. Schmitt, P. Thomas, A. Gabryszak, L. Hennig: A German "
                   "Corpus for Fine-Grained Named Entity Recognition and Relation Extraction of Traffic "
                   "and Industry Events, LREC 2018"}],
    "mobie": [
        {"name": "DFKI MobIE Corpus", "url": "https://github.com/DFKI-NLP/MobIE", "license": "CC BY 4.0",
         "author": "L. Hennig, P. T. Truong, A. Gabryszak: MobIE: A German Dataset for Named Entity "
                   "Recognition, Entity Linking and Relation Extraction in the Mobility Domain, KONVENS 2021"}],
}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("--version", default=META["version"])
    ap.add_argument("--add-source", dest="add_source", action="append", default=[], choices=sorted(SOURCES),
                    help="add these sources to the meta (repeatable)")
    args = ap.parse_args(argv)
    nlp = spacy.load(args.source)
    meta = dict(nlp.meta)
    meta.update(META, version=args.version)
    meta["sources"] = META["sources"] + [src for key in args.add_source for src in SOURCES[key]]
    meta.pop("performance", None)   # spaCy's training-time dev scores; see scores.json instead
    nlp.meta.clear()
    nlp.meta.update(meta)
    target = Path(args.target)
    keep = {p.name: p.read_bytes() for p in target.glob("*") if p.is_file() and p.suffix in (".md", ".json")
            and p.name != "meta.json"} if target.exists() else {}
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    for name, data in keep.items():          # keep the model card and score files
        (target / name).write_bytes(data)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"wrote {target} ({size / 1e6:.1f} MB), labels: {nlp.get_pipe('ner').labels}")


if __name__ == "__main__":
    main()
