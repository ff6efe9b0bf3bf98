#!/usr/bin/env python
"""Train the floret vectors of the Lagebild German NER model (issue 9) and convert them for spaCy.

    python -m training.vectors CORPORA_DIR [--out training/output/vectors] [--dim 64] [--bucket 50000] ...

CORPORA_DIR is the shared corpora folder (``../shared/corpora``); read from it:
  * ``german-raw-bundestag/bt_wp*_speeches.txt.gz``  Bundestag speeches, public domain (39M words)
  * ``germeval2014-de/train.tsv``                     the tokens of GermEval train (CC BY 4.0)
  * ``wikinews-de-quotes/articles/*.json``            the article tokens only (text CC BY 2.5; the
                                                      non-commercial quote annotations are not read)
GermEval dev.tsv is never read (its held-out half must stay unseen).

Steps (all outputs under --out, gitignored):
  1. ``text.txt``: one paragraph / sentence a line, tokenised (TOKEN_RE below, close to spaCy's
     German tokenizer, whose tokens the model later looks up), case kept;
  2. ``vectors.bin`` / ``vectors.floret``: ``floret`` (PyPI) in mode floret: subword hashing into
     ``bucket`` rows, each word and character n-gram hashed ``hash_count`` times, no word table;
  3. ``spacy/``: ``python -m spacy init vectors de vectors.floret spacy --mode floret``.
The defaults are those of lagebild_ner 0.3.0: cbow, 64 dimensions x 50,000 buckets (12.8 MB of
float32 in the package, which with the smaller hash-embedding tables stays <= 25 MB; 96 x 50k
would not fit), n-grams 4-5, hash count 2, min count 5, 1 epoch, 2 threads (~16 min on the shared
2-core machine under load).
floret has no seed option; its multi-threaded SGD is not bit-reproducible.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path


def iter_lines(corpora: Path):
    """Raw text lines (untokenised) of every source, with the source name."""
    for path in sorted(glob.glob(str(corpora / "german-raw-bundestag" / "bt_wp*_speeches.txt.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    yield "bundestag", line
    words: list[str] = []
    with open(corpora / "germeval2014-de" / "train.tsv", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield "germeval-train", " ".join(words)
                words = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            words.append(cols[1] if len(cols) >= 4 else cols[0])
    if words:
        yield "germeval-train", " ".join(words)
    for path in sorted(glob.glob(str(corpora / "wikinews-de-quotes" / "articles" / "*.json"))):
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        for sent in doc.get("Sentences", []):
            toks = sent.get("Tokens") or []
            if toks:
                yield "wikinews-text", " ".join(toks)


# A regex tokenizer close to spaCy's German one (punctuation split off, hyphenated compounds, numbers,
# "z. B."/"Dr." kept whole). spaCy's own tokenizer would take ~15 min on the 39M words here.
TOKEN_RE = re.compile(
    r"(?:Dr|Prof|Nr|bzw|ca|usw|St|Abs|Art|vgl|ggf|evtl|Mio|Mrd|Jh|Hr|Fr|Str)\."
    r"|(?:[^\W\d_]\.)+(?![^\W\d_])"          # z. B. / U.S.A.
    r"|\d+(?:[.,:]\d+)*\.?(?=\s|$)"            # 2.000 / 23.03.
    r"|\d+(?:[.,:]\d+)*"
    r"|\w+(?:[-\u2019'.&]\w+)*-?"               # Nato-Konferenz, Ab-
    r"|[^\w\s]", re.U)


def build_text(corpora: Path, out: Path) -> dict:
    counts: dict[str, list[int]] = {}
    t0 = time.time()
    with open(out, "w", encoding="utf-8") as fh:
        for src, line in iter_lines(corpora):
            # GermEval / Wikinews come tokenised (tokens joined by spaces): keep their tokens
            words = line.split() if src != "bundestag" else TOKEN_RE.findall(line)
            if words:
                fh.write(" ".join(words) + "\n")
                c = counts.setdefault(src, [0, 0])
                c[0] += 1
                c[1] += len(words)
    print(f"text: {out} {counts} in {time.time() - t0:.0f}s", file=sys.stderr)
    return {src: {"lines": c[0], "tokens": c[1]} for src, c in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, help="the shared corpora folder")
    ap.add_argument("--out", type=Path, default=Path("training/output/vectors"))
    ap.add_argument("--model", default="cbow", choices=["cbow", "skipgram"])
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--bucket", type=int, default=50000)
    ap.add_argument("--minn", type=int, default=4)
    ap.add_argument("--maxn", type=int, default=5)
    ap.add_argument("--hash-count", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--epoch", type=int, default=1)   # 0.3.0: 1 (more was not affordable on the shared CPU)
    ap.add_argument("--ws", type=int, default=5)
    ap.add_argument("--neg", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--thread", type=int, default=2)
    ap.add_argument("--reuse-text", action="store_true", help="keep an existing text.txt")
    args = ap.parse_args()

    import floret

    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "text.txt"
    params = {k: v for k, v in vars(args).items() if k not in ("corpora", "out", "reuse_text")}
    stats = None
    if not (args.reuse_text and text.exists()):
        stats = build_text(args.corpora, text)
    t0 = time.time()
    ft = floret.train_unsupervised(
        str(text), model=args.model, mode="floret", dim=args.dim, bucket=args.bucket,
        minn=args.minn, maxn=args.maxn, hashCount=args.hash_count, minCount=args.min_count,
        epoch=args.epoch, ws=args.ws, neg=args.neg, lr=args.lr, thread=args.thread,
    )
    secs = time.time() - t0
    ft.save_model(str(args.out / "vectors.bin"))
    ft.save_floret_vectors(str(args.out / "vectors.floret"))
    print(f"floret: {secs:.0f}s, {len(ft.words)} words with min count {args.min_count}", file=sys.stderr)
    for w in ["Putin", "Selenskyj", "Kiew", "Bundeswehr", "Pistorius"]:
        print(w, [n for _, n in ft.get_nearest_neighbors(w, k=5)], file=sys.stderr)
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "de",
                    str(args.out / "vectors.floret"), str(args.out / "spacy"), "--mode", "floret"],
                   check=True)
    meta = {"params": params, "train_seconds": round(secs), "words_min_count": len(ft.words),
            "text": stats}
    (args.out / "vectors-meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    print(json.dumps(meta, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
