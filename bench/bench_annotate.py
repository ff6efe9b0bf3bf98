"""Speed and memory of corpus annotation: cold (everything annotated) and warm (all from cache).

    python -m bench.bench_annotate [--wikinews DIR] [--limit N] [--copies N]

With `--wikinews ../shared/corpora/wikinews-de-quotes` the German Wikinews articles (rebuilt
from their tokens into .txt files in a temporary folder; they are never copied into the project)
are the corpus; without it, the bundled sample is written `--copies` times with a distinct
closing sentence each, so that every copy is a new article. Prints one markdown table row per
phase: articles, words, seconds, articles/s, words/s, peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from lib import annotate_corpus
from lib.settings import REPO_ROOT, SAMPLE_DIR

ROOT = REPO_ROOT


def _wikinews(src: Path, dest: Path, limit: int | None) -> int:
    files = sorted((src / "articles").glob("*.json"))[:limit]
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        sentences = [" ".join(s["Tokens"]) for s in doc["Sentences"]]
        (dest / f"{path.stem}.txt").write_text(
            "---\nlanguage: de\nsource: Wikinews\n---\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    return len(files)


def _copies(dest: Path, n: int) -> int:
    sample = next(p for p in sorted(SAMPLE_DIR.glob("*.md"))
                  if p.stem.lower() != "readme").read_text(encoding="utf-8")
    for i in range(n):
        (dest / f"copy{i:04d}.md").write_text(sample.replace(
            "Quelle: The Telegraph", f"Dies ist Fassung {i} des Artikels.\nQuelle: The Telegraph"), encoding="utf-8")
    return n


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wikinews", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus_dir, cache = tmp / "corpus", tmp / "cache"
        corpus_dir.mkdir()
        n = _wikinews(args.wikinews, corpus_dir, args.limit) if args.wikinews else _copies(corpus_dir, args.copies)
        print(f"corpus: {n} files ({'Wikinews' if args.wikinews else 'copies of the sample'})")
        print("| phase | articles | words | seconds | articles/s | words/s | peak RSS MB |")
        print("|---|---|---|---|---|---|---|")
        for phase in ("cold (annotate all)", "warm (from cache)"):
            t0 = time.perf_counter()
            corpus = annotate_corpus([corpus_dir], cache_dir=cache)
            secs = time.perf_counter() - t0
            words = int(corpus.articles["n_words"].sum())
            arts = len(corpus.articles)
            print(f"| {phase} | {arts} | {words} | {secs:.1f} | {arts / secs:.1f} | {words / secs:,.0f} | {_peak_mb():.0f} |")
        pipes = corpus.articles["pipeline"].value_counts().to_dict()
        print(f"pipelines: {pipes}; mentions {len(corpus.mentions)}, events {len(corpus.events)}, quotes {len(corpus.quotes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
