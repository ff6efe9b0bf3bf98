"""Speed and memory of annotation, each figure a ratio against a baseline measured in the same run.

    python -m bench.bench_annotate rules       [--wikinews DIR] [--limit N] [--repeat 2]
    python -m bench.bench_annotate linear      [--wikinews DIR]
    python -m bench.bench_annotate workers     [--wikinews DIR] [--limit N]
    python -m bench.bench_annotate incremental [--wikinews DIR] [--limit N]
    python -m bench.bench_annotate memory      [--wikinews DIR] [--limit N]
    python -m bench.bench_annotate all         [--wikinews DIR]

`--articles N` cycles the corpus to N distinct articles (e.g. the incremental run at 2,000).

With `--wikinews ../shared/corpora/wikinews-de-quotes` the German Wikinews articles (rebuilt from
their tokens into .txt files in a temporary folder, never copied into the project) are the corpus;
without it, generated German text: the bundled sample with a distinct closing sentence per copy.

* rules: `python -m lib annotate --no-cache` (load, the whole Lagebild pipeline, findings,
  frames) against bare `nlp.pipe` of the same spaCy model (spacy.load, no Lagebild component),
  each in a fresh process, alternately, best of `--repeat`; CPU seconds (the machine is shared).
  Target: at most 1.25.
* linear: one article of 200 KB against 200 articles of 1 KB cut from the same text, annotated
  in one process with the pipeline loaded; CPU seconds. Target: within 25%.
* workers: `python -m lib annotate --no-cache --workers 2` against `--workers 1`; wall seconds.
  Target: at least 1.7 times faster (needs two idle cores).
* incremental: `python -m lib annotate --cache C [--cache-only]` three times — all new, nothing
  new, 1% new files; CPU seconds of each process. Targets: below 5% and 7% of the first run.
* memory: peak resident memory of `python -m lib annotate --cache-only` (streamed into the cache)
  at two corpus sizes, N and 4N articles. Target: flat.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib.settings import REPO_ROOT, SAMPLE_DIR

PY = sys.executable
HEADER = "---\nlanguage: de\nsource: Wikinews\n---\n"


# ---- corpora ----------------------------------------------------------------------------
def _texts(wikinews: Path | None, limit: int | None) -> list[str]:
    """Article bodies: Wikinews rebuilt from tokens, else copies of the bundled sample."""
    if wikinews:
        out = []
        for path in sorted((wikinews / "articles").glob("*.json"))[:limit]:
            doc = json.loads(path.read_text(encoding="utf-8"))
            out.append("\n".join(" ".join(s["Tokens"]) for s in doc["Sentences"]))
        return out
    sample = next(p for p in sorted(SAMPLE_DIR.glob("*.md")) if p.stem.lower() != "readme")
    body = sample.read_text(encoding="utf-8").split("---", 2)[-1].replace("Quelle: The Telegraph", "")
    return [body.strip() + f"\nDies ist Fassung {i} des Artikels." for i in range(limit or 100)]


def _write(folder: Path, texts: list[str], prefix: str = "a") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{prefix}{i:06d}.txt").write_text(HEADER + text + "\n", encoding="utf-8")
    return folder


def _n(texts: list[str], n: int) -> list[str]:
    """`n` distinct articles: the texts, cycled, each copy with its own closing sentence."""
    return [texts[i % len(texts)] + (f"\nNachtrag {i // len(texts)}." if i >= len(texts) else "")
            for i in range(n)]


# ---- measuring ----------------------------------------------------------------------------
def _run(args: list[str]) -> dict:
    """Run `python args…` from the repository root; its CPU seconds, wall seconds, peak RSS MB."""
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(REPO_ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen([PY, *args], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode()
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: python {' '.join(args)}\n{out}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "rss": usage.ru_maxrss / 1024, "out": out}


def _bare(corpus: Path) -> dict:
    return _run(["-m", "bench.bench_annotate", "_bare", str(corpus)])


def _lagebild(corpus: Path, *extra: str) -> dict:
    return _run(["-m", "lib", "annotate", str(corpus), *extra])


# ---- benchmarks ----------------------------------------------------------------------------
def bench_rules(texts, tmp: Path, repeat: int) -> None:
    corpus = _write(tmp / "rules", texts)
    bare, full = [], []
    for _ in range(repeat):
        bare.append(_bare(corpus))
        full.append(_lagebild(corpus, "--no-cache"))
    b, f = min(r["cpu"] for r in bare), min(r["cpu"] for r in full)
    print(f"\n### rules vs bare nlp.pipe ({len(texts)} articles, best of {repeat}, fresh processes)\n")
    print("| run | CPU s | wall s |\n|---|---|---|")
    print(f"| bare nlp.pipe (spacy.load + pipe) | {b:.1f} | {min(r['wall'] for r in bare):.1f} |")
    print(f"| python -m lib annotate --no-cache | {f:.1f} | {min(r['wall'] for r in full):.1f} |")
    print(f"\nratio (CPU): **{f / b:.2f}** (target ≤ 1.25); all CPU runs bare {[round(r['cpu'], 1) for r in bare]}, "
          f"Lagebild {[round(r['cpu'], 1) for r in full]}")


def bench_linear(texts, tmp: Path) -> None:
    out = _run(["-m", "bench.bench_annotate", "_linear", str(tmp / "linear"), "--texts",
                str(_write(tmp / "linear_src", texts))])
    print(out["out"])


def _linear_inprocess(folder: Path, src: Path) -> None:
    from lib import annotate_corpus
    from lib.nlp.longtext import chunks
    from lib.nlp.pipeline import load_pipeline

    text = ""
    for path in sorted(src.glob("*.txt")):
        text += path.read_text(encoding="utf-8").split("---\n", 2)[-1] + "\n"
        if len(text) >= 200_000:
            break
    while len(text) < 200_000:
        text += text
    text = text[:200_000]
    text = text[:text.rfind("\n") + 1]
    # every piece made distinct (the corpus loader drops repeated texts: a generated corpus
    # repeats its sample), and the long article is exactly the pieces joined
    pieces = [piece.rstrip("\n") + f" Abschnitt {i}.\n" for i, piece in enumerate(chunks(text, 1_000))]
    text = "".join(pieces)
    one = _write(folder / "one", [text])
    many = _write(folder / "many", pieces)
    load_pipeline("de")
    annotate_corpus([_write(folder / "warm", pieces[:3])], use_cache=False)   # modules warm
    times = {"one": [], "many": []}
    for _ in range(2):
        for name, path in (("one", one), ("many", many)):
            t0 = time.process_time()
            corpus = annotate_corpus([path], use_cache=False)
            times[name].append(time.process_time() - t0)
            assert len(corpus.articles) == (1 if name == "one" else len(pieces)), "pieces not distinct"
    o, m = min(times["one"]), min(times["many"])
    print(f"\n### linear cost: one {len(text):,}-character article vs {len(pieces)} articles of ≤ 1 KB "
          "(same text, pipeline loaded, best of 2)\n")
    print(f"| corpus | CPU s |\n|---|---|\n| one article | {o:.2f} |\n| {len(pieces)} articles | {m:.2f} |")
    print(f"\nratio one/many: **{o / m:.2f}** (target 0.8–1.25)")


def bench_workers(texts, tmp: Path) -> None:
    corpus = _write(tmp / "workers", texts)
    one = _lagebild(corpus, "--no-cache", "--workers", "1")
    two = _lagebild(corpus, "--no-cache", "--workers", "2")
    load = os.getloadavg()[0]
    print(f"\n### two worker processes ({len(texts)} articles; load average {load:.1f} on {os.cpu_count()} cores)\n")
    print("| workers | wall s | CPU s (all processes) |\n|---|---|---|")
    print(f"| 1 | {one['wall']:.1f} | {one['cpu']:.1f} |\n| 2 | {two['wall']:.1f} | {two['cpu']:.1f} |")
    print(f"\nspeed-up: **{one['wall'] / two['wall']:.2f}×** (target ≥ 1.7)")


def bench_incremental(texts, tmp: Path) -> None:
    n_new = max(1, len(texts) // 100)
    print(f"\n### incremental re-annotation ({len(texts)} articles, then {n_new} new files; "
          "fresh processes)\n")
    print("| command | run | CPU s | wall s | share of the first (CPU) |\n|---|---|---|---|---|")
    for label, extra in (("annotate --cache-only (fill the cache)", ["--cache-only"]),
                         ("annotate (fill + build the five frames)", [])):
        corpus = _write(tmp / f"incr{len(extra)}", texts)
        cache = str(tmp / f"incr{len(extra)}_cache")
        first = _lagebild(corpus, "--cache", cache, *extra)
        again = _lagebild(corpus, "--cache", cache, *extra)
        _write(corpus, [t + "\nEin neuer Absatz." for t in texts[:n_new]], prefix="new")
        more = _lagebild(corpus, "--cache", cache, *extra)
        for name, r in (("first (all new)", first), ("unchanged", again), (f"+{n_new} new files", more)):
            print(f"| {label} | {name} | {r['cpu']:.2f} | {r['wall']:.2f} | {r['cpu'] / first['cpu']:.1%} |")
    print("\ntargets: unchanged < 5%, 1% new < 7%")


def bench_memory(texts, tmp: Path, n: int) -> None:
    rows = []
    base = texts[:n]        # the larger corpus repeats these (same longest article, same mix)
    for size in (n, 4 * n):
        corpus = _write(tmp / f"mem{size}", _n(base, size))
        r = _lagebild(corpus, "--cache", str(tmp / f"mem{size}_cache"), "--cache-only")
        rows.append((size, r))
        shutil.rmtree(corpus)
    print("\n### peak memory of streamed annotation (`python -m lib annotate --cache-only`; the larger "
          "corpus is the smaller one four times, each copy a new article)\n")
    print("| articles | peak RSS MB | CPU s |\n|---|---|---|")
    for size, r in rows:
        print(f"| {size} | {r['rss']:.0f} | {r['cpu']:.1f} |")
    print(f"\nratio of peaks (4× the articles): **{rows[1][1]['rss'] / rows[0][1]['rss']:.2f}** (target: flat, ≈ 1)")


def _bare_inprocess(corpus: Path) -> None:
    import spacy

    from lib.ingest.corpus import load_corpus
    from lib.nlp.pipeline import _available, candidates
    texts = [a.text for a in load_corpus([corpus]).articles]
    spec = next(s for k, s in candidates("de") if k != "rules" and _available(s))
    nlp = spacy.load(spec)
    for _ in nlp.pipe(texts, batch_size=16):
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["rules", "linear", "workers", "incremental", "memory", "all",
                                         "_bare", "_linear"])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--texts")
    parser.add_argument("--wikinews", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--articles", type=int,
                        help="this many articles: the corpus cycled, each copy with its own closing sentence")
    args = parser.parse_args(argv)
    if args.what == "_bare":
        _bare_inprocess(Path(args.corpus))
        return 0
    if args.what == "_linear":
        _linear_inprocess(Path(args.corpus), Path(args.texts))
        return 0
    texts = _texts(args.wikinews, args.limit)
    if args.articles:
        texts = _n(texts, args.articles)
    print(f"corpus: {len(texts)} articles ({'German Wikinews' if args.wikinews else 'generated from the sample'}); "
          f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.what in ("rules", "all"):
            bench_rules(texts, tmp, args.repeat)
        if args.what in ("linear", "all"):
            bench_linear(texts, tmp)
        if args.what in ("workers", "all"):
            bench_workers(texts, tmp)
        if args.what in ("incremental", "all"):
            bench_incremental(texts, tmp)
        if args.what in ("memory", "all"):
            bench_memory(texts, tmp, min(len(texts), args.limit or 200))
    return 0


if __name__ == "__main__":
    sys.exit(main())
