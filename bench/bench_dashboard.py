"""How fast the dashboard renders: pages, filter changes and the query functions.

    .venv/bin/python -m bench.bench_dashboard [--corpus PATH …] [--actor NAME] [--repeat N]

Uses a temporary annotation cache and uploads folder (nothing is written to your home). Steps:

1. annotate the corpus once (cold) and load it again from the cache (warm);
2. with annotations cached, render every page in a fresh `AppTest` session (the first session
   pays for the corpus load into `st.cache_resource`; the figures are the median of the later
   sessions);
3. change a filter (select an actor) on every page and time the rerun;
4. time the pure query functions of lib/query.py on the corpus.

Targets (issue 3): a page under 2 s, a filter change under 0.5 s. AppTest runs the app
in-process without a browser: add the browser's own rendering on top.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lib.settings import REPO_ROOT

REPO = REPO_ROOT

PAGES = ["app.py", "pages/timeline.py", "pages/actors.py", "pages/quotes.py",
         "pages/articles.py"]


def timed(fn, repeat: int = 1):
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return result, statistics.median(times)


def synthetic_corpus(folder: Path, n: int) -> Path:
    """n article files made from the bundled sample and tests/fixtures/dashboard_corpus."""
    import datetime as dt
    import re

    sources = [REPO / "data" / "seed-telegraph-2022-10-18.md",
               *sorted((REPO / "tests" / "fixtures" / "dashboard_corpus").glob("*.md"))]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = texts[i % len(texts)]
        day = dt.date(2022, 1, 1) + dt.timedelta(days=(i * 7) % 700)
        text = re.sub(r"published: .*", f"published: {day.isoformat()}", text, count=1)
        (folder / f"article-{i:05d}.md").write_text(text + f"\n\n(Variante {i})\n",
                                                   encoding="utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="+", default=[str(REPO / "data")])
    parser.add_argument("--actor", default="James Martin")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="also add N variants of the bundled and test articles (each with a "
                             "different closing line and publication date) to see how it scales")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    if args.synthetic:
        args.corpus = args.corpus + [str(synthetic_corpus(tmp / "synthetic", args.synthetic))]
    os.environ["LAGEBILD_CORPUS"] = os.pathsep.join(args.corpus)
    os.environ["LAGEBILD_CACHE"] = str(tmp / "cache")
    os.environ["LAGEBILD_UPLOADS"] = str(tmp / "uploads")

    from lib import annotate_corpus
    from lib.query import (
        Filters,
        article_table,
        cooccurrence,
        event_table,
        mentions_over_time,
        quote_table,
        select,
        timeline_frame,
    )

    corpus, cold = timed(lambda: annotate_corpus(args.corpus, cache_dir=tmp / "cache"))
    _, warm = timed(lambda: annotate_corpus(args.corpus, cache_dir=tmp / "cache"), args.repeat)
    print(f"corpus: {', '.join(args.corpus)} — {len(corpus.articles)} articles, "
          f"{len(corpus.mentions)} mentions, {len(corpus.events)} events, {len(corpus.quotes)} quotes")
    print(f"annotate (cold, incl. loading spaCy)   {cold:7.3f} s")
    print(f"load from the annotation cache (warm)  {warm:7.3f} s")

    actor = args.actor
    if actor not in set(corpus.actors["actor"]) | set(corpus.quotes["speaker_actor"]):
        actor = corpus.actors["actor"].iloc[0] if len(corpus.actors) else ""
    filters = Filters(actors=(actor,)) if actor else Filters()

    print("\nquery functions (median of", args.repeat, "runs)")
    for name, fn in [
        ("select, no filters", lambda: select(corpus)),
        (f"select, actor={actor}", lambda: select(corpus, filters)),
        ("quote_table", lambda: quote_table(select(corpus, filters))),
        ("event_table + timeline_frame", lambda: (event_table(select(corpus)),
                                                  timeline_frame(select(corpus)))),
        ("article_table", lambda: article_table(select(corpus))),
        ("mentions_over_time + cooccurrence", lambda: (mentions_over_time(select(corpus)),
                                                       cooccurrence(corpus.mentions))),
    ]:
        _, t = timed(fn, args.repeat)
        print(f"  {name:38s} {t * 1000:8.1f} ms")

    from streamlit.testing.v1 import AppTest

    app = str(REPO / "app.py")

    def session(page: str):
        at = AppTest.from_file(app, default_timeout=300).run()
        if page != PAGES[0]:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    _, first = timed(lambda: session(PAGES[0]))
    print(f"\nfirst session (loads the cached corpus into st.cache_resource) {first:6.3f} s")
    print(f"{'page':22s} {'render':>10s} {'filter change':>15s}   (AppTest, median of {args.repeat})")
    worst_page = worst_filter = 0.0
    for page in PAGES:
        renders, changes = [], []
        for _ in range(args.repeat):
            at = AppTest.from_file(app, default_timeout=300).run()
            t = time.perf_counter()
            if page != PAGES[0]:
                at.switch_page(page).run()
            else:
                at.run()
            renders.append(time.perf_counter() - t)
            if actor:
                t = time.perf_counter()
                at.multiselect(key="f_actor").select(actor).run()
                changes.append(time.perf_counter() - t)
            assert not at.exception, at.exception
        render = statistics.median(renders)
        change = statistics.median(changes) if changes else float("nan")
        worst_page, worst_filter = max(worst_page, render), max(worst_filter, change)
        print(f"{Path(page).stem:22s} {render:9.3f}s {change:14.3f}s")
    print(f"\nslowest page {worst_page:.3f} s (target < 2 s) · slowest filter change "
          f"{worst_filter:.3f} s (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
