#!/usr/bin/env python
"""Words per second of the German NER pipeline on one CPU core, next to spaCy's plain tokenizer.

    python -m bench.bench_ner                       # data/*.md (the repo's sample) repeated
    python -m bench.bench_ner /path/to/germeval2014-de/dev.tsv
    python -m bench.bench_ner /path/to/folder/of/texts --with-gazetteer

The input is a folder of .txt/.md files, a GermEval TSV file (its tokens are joined with spaces
into one text per sentence), or a folder holding such TSV files. Texts are split into paragraphs;
the corpus is repeated until it has at least --min-words words. "words" are the tokens of
spacy.blank("de"), for every row of the table.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")   # one CPU core

import argparse  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "de_lagebild_ner"


def read_texts(path: Path) -> list[str]:
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.suffix in (".txt", ".md", ".tsv") and p.is_file() and p.name != "README.md")
    texts: list[str] = []
    for f in files:
        if f.suffix == ".tsv":
            words: list[str] = []
            for line in f.read_text(encoding="utf-8").splitlines() + [""]:
                cols = line.split("\t")
                if not line.strip():
                    if words:
                        texts.append(" ".join(words))
                    words = []
                elif cols[0] != "#":
                    words.append(cols[1] if len(cols) >= 4 else cols[0])
        else:
            texts += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts


def bench(name, process, texts, n_words):
    process(texts[:50])                       # warm-up
    t0 = time.perf_counter()
    process(texts)
    dt = time.perf_counter() - t0
    return name, n_words, dt, n_words / dt


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "data"))
    ap.add_argument("--model", default=str(DEFAULT_MODEL))
    ap.add_argument("--min-words", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--with-gazetteer", action="store_true", help="also time lib.pipeline.load_pipeline('de')")
    args = ap.parse_args(argv)

    import spacy
    texts = read_texts(Path(args.corpus))
    if not texts:
        sys.exit(f"no text found in {args.corpus}")
    blank = spacy.blank("de")
    n = sum(len(blank(t)) for t in texts)
    reps = max(1, -(-args.min_words // n))
    texts = texts * reps
    n_words = n * reps

    rows = [bench('spacy.blank("de") tokenizer', lambda ts: [blank(t) for t in ts], texts, n_words)]
    nlp = spacy.load(args.model)
    label = f"{nlp.meta['name']}-{nlp.meta['version']} {nlp.pipe_names}"
    rows.append(bench(label, lambda ts: list(nlp.pipe(ts, batch_size=args.batch_size)), texts, n_words))
    if args.with_gazetteer:
        os.environ["LAGEBILD_MODEL_DE"] = str(Path(args.model).resolve())
        from lib.nlp.pipeline import load_pipeline
        p = load_pipeline("de")
        rows.append(bench(f"{p.name} {p.nlp.pipe_names}",
                          lambda ts: list(p.nlp.pipe(ts, batch_size=args.batch_size)), texts, n_words))

    print(f"corpus: {args.corpus} ({len(texts)} texts, {n_words:,} words after x{reps} repetition); "
          f"spaCy {spacy.__version__}, Python {platform.python_version()}, {platform.machine()}, 1 thread")
    print(f"| {'pipeline':<60} | {'words':>9} | {'seconds':>8} | {'words/s':>9} |")
    print(f"|{'-'*62}|{'-'*11}|{'-'*10}|{'-'*11}|")
    for name, w, dt, wps in rows:
        print(f"| {name:<60} | {w:>9,} | {dt:>8.2f} | {wps:>9,.0f} |")


if __name__ == "__main__":
    main()
