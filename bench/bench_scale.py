"""The dashboard's data path at scale: from the annotation cache to the first page, and a filter.

    python -m bench.bench_scale --corpus DIR --cache DIR [--actor NAME] [--repeat N]

Build the corpus and its cache first (`python -m bench.build_corpus --size 100000 --out DIR`).
Measured on the functions the pages call, in this order, in one fresh process:

1. **data ready** — what the first page of a session runs before it draws: the corpus
   fingerprint (pages/ui/data.py `corpus_signature`), `annotate_corpus` with every article
   cached, the analyst's view of it (`as_analysts_see_it`), the sidebar's choices
   (`actor_options`, `date_span`, `choices`), `select` without filters and the Overview's
   `overview` and `article_table`;
2. **actor filter** — `select` with one actor (the most mentioned, or `--actor`), then the
   Overview's tables of the selection; the median of `--repeat` runs;
3. the other pages' query functions without and with the filter (timeline, quotes, actors);
4. peak resident memory of the process (`ru_maxrss`).

Each time is wall time, with the process's CPU time beside it: on a machine shared with other
jobs the wall time includes waiting for a core.

With `--baseline`, the same steps run again in a child process on the path before issue 15 (the
corpus assembled from the annotation cache by `annotate_corpus` into object frames, as every
start did) and the ratios are printed.

Targets (issue 15, at 100k articles): data ready < 3 s, actor filter < 300 ms, peak < 3 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int = 1, cpu: list | None = None):
    """fn's result and the median wall time of `repeat` runs (their median CPU time of this
    process appended to `cpu` when given: on a shared machine wall time includes waiting)."""
    times, cpus, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return result, statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--actor", default="")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", action="store_true",
                        help="also run the path before issue 15 in a child process (the corpus "
                        "assembled from the annotation cache by annotate_corpus, object frames) "
                        "and print the ratios")
    parser.add_argument("--skip-pages", action="store_true",
                        help="leave out step 3, the other pages' query functions (minutes at 100k)")
    parser.add_argument("--assembled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ["LAGEBILD_CORPUS"] = str(args.corpus)
    os.environ["LAGEBILD_CACHE"] = str(args.cache)
    os.environ.setdefault("LAGEBILD_ALIASES", str(args.cache / "no-aliases.csv"))

    from lib.ingest.corpus import fingerprint
    from lib.query import (
        Filters,
        actor_options,
        article_table,
        choices,
        cooccurrence_network,
        date_span,
        event_table,
        mention_table,
        mentions_over_time,
        overview,
        quote_table,
        select,
        timeline_frame,
    )
    from lib.query.labels import as_analysts_see_it
    from lib.snapshot import cached_corpus, corpus_key

    steps: list[tuple[str, float, float]] = []
    t_all = time.perf_counter()

    def step(name, fn):
        cpu: list[float] = []
        result, t = timed(fn, cpu=cpu)
        steps.append((name, t, cpu[0]))
        return result

    from lib.nlp.pipeline import load_pipeline

    # once per server process (st.cache_resource): only its version is used when all is cached
    _, t_pipe = timed(lambda: load_pipeline("de"))
    t_all, c_all = time.perf_counter(), time.process_time()
    step("fingerprint", lambda: fingerprint([args.corpus]))
    snap = (args.cache / "corpora" / corpus_key([args.corpus])).is_dir()
    if args.assembled:
        from lib import annotate_corpus

        raw = step("annotate_corpus (assembled from the annotation cache)",
                   lambda: annotate_corpus([args.corpus], cache_dir=args.cache,
                                           pipelines=load_pipeline))
    else:
        raw = step("cached_corpus (snapshot)" if snap else
                   "cached_corpus (assembled from the annotation cache, snapshot stored)",
                   lambda: cached_corpus([args.corpus], cache_dir=args.cache,
                                         pipelines=load_pipeline))
    corpus = step("as_analysts_see_it", lambda: as_analysts_see_it(raw))
    step("sidebar choices", lambda: (
        actor_options(corpus.actors, [], corpus.quotes),
        date_span(corpus.events["date_start"]), date_span(corpus.events["date_end"]),
        date_span(corpus.articles["published"]), choices(corpus.articles, "source"),
        choices(corpus.articles, "language")))
    sel = step("select (no filters)", lambda: select(corpus))
    step("overview + article_table", lambda: (overview(sel, corpus.report), article_table(sel)))
    ready, ready_cpu = time.perf_counter() - t_all, time.process_time() - c_all
    print(f"corpus {args.corpus}: {len(corpus.articles):,} articles, {len(corpus.mentions):,} "
          f"mentions, {len(corpus.events):,} events, {len(corpus.quotes):,} quotes, "
          f"{len(corpus.actors):,} actors")
    print("\n| step | seconds | CPU seconds |\n|---|---|---|")
    for name, t, c in steps:
        print(f"| {name} | {t:.3f} | {c:.3f} |")
    print(f"| **data ready for the first page** | **{ready:.3f}** | {ready_cpu:.3f} |")
    print(f"(before it, once per server process: loading the German spaCy pipeline {t_pipe:.1f} s)")

    # the most mentioned actor (the largest selection) and the 100th (a typical one)
    names = [args.actor] if args.actor else [str(a) for a in corpus.actors["actor"].iloc[[0, 99]]
                                             ] if len(corpus.actors) > 99 else \
        [str(corpus.actors["actor"].iloc[0])]
    print(f"\nactor filter (median of {args.repeat}, ms)\n| actor | articles kept | select | "
          "overview + article_table | **actor filter (Overview)** | CPU |\n|---|---|---|---|---|---|")
    result = {"ready": ready, "ready_cpu": ready_cpu, "filters": {}}
    for name in names:
        flt = Filters(actors=(name,))
        cpu: list[float] = []
        fsel, t_select = timed(lambda flt=flt: select(corpus, flt), args.repeat, cpu)
        _, t_over = timed(lambda fsel=fsel: (overview(fsel, corpus.report), article_table(fsel)),
                          args.repeat, cpu)
        result["filters"][name] = t_select + t_over
        print(f"| {name} | {len(fsel.articles):,} | {t_select * 1000:.0f} | {t_over * 1000:.0f} "
              f"| **{(t_select + t_over) * 1000:.0f}** | {sum(cpu) * 1000:.0f} |")
    if args.assembled:
        result["peak"] = peak_mb()
        print("RESULT " + json.dumps(result))
        return 0
    fsel = select(corpus, Filters(actors=(names[0],)))
    if args.skip_pages:
        print(f"\npeak resident memory {peak_mb():,.0f} MB")
        if args.baseline:
            _baseline(args, result, peak_mb())
        return 0

    print(f"\nother pages' query functions (median of {args.repeat}, ms)\n"
          "| function | no filter | actor filter |\n|---|---|---|")
    for name, fn in [
        ("timeline_frame + event_table", lambda s: (timeline_frame(s), event_table(s))),
        ("quote_table", lambda s: quote_table(s)),
        ("mentions_over_time", lambda s: mentions_over_time(s)),
        ("cooccurrence_network", lambda s: cooccurrence_network(s.mentions, actors=s.filters.actors)),
        ("mention_table", lambda s: mention_table(s)),
    ]:
        _, t0 = timed(lambda fn=fn: fn(sel), max(1, args.repeat // 2))
        _, t1 = timed(lambda fn=fn: fn(fsel), args.repeat)
        print(f"| {name} | {t0 * 1000:.0f} | {t1 * 1000:.0f} |")
    print(f"\npeak resident memory {peak_mb():,.0f} MB")
    if args.baseline:
        _baseline(args, result, peak_mb())
    return 0


def _baseline(args, after: dict, after_peak: float) -> None:
    """The same steps on the path before issue 15, in a child process (its own peak memory)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_scale", "--corpus", str(args.corpus), "--cache",
         str(args.cache), "--repeat", str(args.repeat), "--assembled"]
        + (["--actor", args.actor] if args.actor else []),
        capture_output=True, text=True, check=True).stdout
    before = json.loads(out.rsplit("RESULT ", 1)[1])
    print("\nbaseline in the same run: the corpus assembled by annotate_corpus (object frames, "
          "as before issue 15; today's query code)\n| measure | before | after | after/before |"
          "\n|---|---|---|---|")
    print(f"| data ready (s) | {before['ready']:.2f} | {after['ready']:.2f} | "
          f"{after['ready'] / before['ready']:.2f} |")
    for name, t in after["filters"].items():
        b = before["filters"].get(name)
        if b:
            print(f"| actor filter {name} (ms) | {b * 1000:.0f} | {t * 1000:.0f} | {t / b:.2f} |")
    print(f"| peak memory (MB) | {before['peak']:,.0f} | {after_peak:,.0f} | "
          f"{after_peak / before['peak']:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
