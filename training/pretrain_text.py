#!/usr/bin/env python
"""Write the raw-text slice for ``spacy pretrain`` of the NER model's tok2vec (issue 9).

    python -m training.pretrain_text CORPORA_DIR OUT.jsonl [--bundestag-fraction 0.1] [--seed 0]

One JSON line ``{"text": ...}`` per paragraph / sentence, from the same sources as the floret
vectors (``training.vectors.iter_lines``; GermEval dev.tsv is never read):
  * every sentence of GermEval ``train.tsv`` and of the Wikinews article text (tokens joined by
    spaces);
  * a fixed, seeded random sample of the Bundestag speech paragraphs: each kept with probability
    ``--bundestag-fraction`` (``random.Random(seed)``, in file order), so the slice is the same on
    every run and its size is set by one number.
The lines are then shuffled with the same seed (``spacy pretrain`` reads the file in order) and
written out; the counts go to stderr. The output belongs under ``training/corpus`` or
``training/output`` (gitignored): never commit the text.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from training.vectors import iter_lines


def build(corpora: Path, out: Path, fraction: float, seed: int) -> dict:
    rng = random.Random(seed)
    lines: list[str] = []
    counts: dict[str, list[int]] = {}
    for src, line in iter_lines(corpora):
        if src == "bundestag" and rng.random() >= fraction:
            continue
        lines.append(line)
        c = counts.setdefault(src, [0, 0])
        c[0] += 1
        c[1] += len(line.split())
    random.Random(seed).shuffle(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
    return {src: {"lines": c[0], "words": c[1]} for src, c in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, help="the shared corpora folder")
    ap.add_argument("out", type=Path, help="the JSONL file to write")
    ap.add_argument("--bundestag-fraction", type=float, default=0.1,
                    help="share of the Bundestag paragraphs kept (seeded)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    stats = build(args.corpora, args.out, args.bundestag_fraction, args.seed)
    print(json.dumps({"out": str(args.out), "fraction": args.bundestag_fraction, "seed": args.seed,
                      "sources": stats}, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
