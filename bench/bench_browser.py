"""The dashboard in a real browser: every page of a fresh session, and an actor filter change.

    python -m bench.bench_browser --corpus DIR --cache DIR [--actor NAME] [--repeat N]

Build the corpus first (`python -m bench.build_corpus --size 1000 --out DIR`: DIR/corpus and
DIR/cache). Starts `streamlit run app.py` on a free loopback port and drives Debian's chromium
(/usr/bin/chromium) through Playwright, as tests/pages/test_browser.py does:

1. the first session loads the corpus into the server (its data ready time is printed);
2. each page is opened in a fresh browser context (a new session) `--repeat` times: the time
   from the request to the page drawn (its main element shown, the app no longer running and
   no element stale), median;
3. on each page an actor is chosen in the sidebar: the time from the click on the option to
   the page drawn again, median;
4. the floor: a Streamlit page that only writes a title (`st.title("hello")`, its own server),
   opened the same way before and after the pages; each page is also given less that floor;
   and the same page with a 40-bar plotly chart (a fresh session loads plotly.js for its first
   figure: the floor of the pages with charts).

Also printed: the bytes the server sent to the browser over the websocket for each page and
filter change (median), which is what a page's tables and figures weigh.

`--warm`: each session is a new tab in one browser context that has opened the dashboard before
(its HTTP cache holds Streamlit's and plotly's JavaScript), as for a user who comes back; still a
new Streamlit session per tab. Without it every session is a fresh context with an empty cache.

Targets (issue 15, 1k articles): a page < 1.5 s after the data is ready, a filter change
< 0.5 s. Times are read every 50 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# page path → a CSS selector of what the page draws last-ish (its table or chart)
PAGES = {
    "overview": ("/", ".st-key-overview_articles [data-testid='stDataFrame']"),
    "timeline": ("/timeline", ".js-plotly-plot"),
    "actors": ("/actors", ".st-key-actors_map .js-plotly-plot"),
    "quotes": ("/quotes", ".st-key-quotes_table [data-testid='stDataFrame']"),
    "articles": ("/articles", ".st-key-articles_table [data-testid='stDataFrame']"),
    "search": ("/search?q=Regierung", ".js-plotly-plot"),
    "aliases": ("/aliases", "h1"),
    "upload": ("/upload", "[data-testid='stFileUploader']"),
}
VIEWPORT = {"width": 1400, "height": 1000}
BUSY = ('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], '
        '[data-stale="true"]')


def drawn(page, selector: str, timeout: float = 120, quiet: float = 0.6) -> float:
    """Wait until `selector` is shown and the app has been idle for `quiet` seconds; returns
    the moment (perf_counter) it became idle."""
    page.locator(selector).first.wait_for(timeout=timeout * 1000)
    deadline = time.perf_counter() + timeout
    since = None
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        if page.locator(BUSY).count():
            since = None
        elif since is None:
            since = now
        elif now - since >= quiet:
            return since
        time.sleep(0.05)
    raise TimeoutError(f"{selector} still busy")


def received(page) -> list[int]:
    """A one-element list that counts the bytes of the websocket frames `page` receives."""
    count = [0]

    def on_socket(ws):
        ws.on("framereceived", lambda payload: count.__setitem__(
            0, count[0] + len(payload if isinstance(payload, (bytes, str)) else b"")))

    page.on("websocket", on_socket)
    return count


HELLO = 'import streamlit as st\n\nst.title("hello")\n'
# the same with a small plotly chart: what a page's first plotly figure costs in a fresh session
HELLO_PLOTLY = HELLO + ('import plotly.graph_objects as go\n\n'
                        'st.plotly_chart(go.Figure(go.Bar(x=list(range(40)), y=list(range(40)))))\n')


class Sessions:
    """New sessions: a fresh browser context each (empty HTTP cache), or with `warm` a new tab
    in one shared context (the cache of the earlier tabs)."""

    def __init__(self, browser, warm: bool = False):
        self.browser, self.warm, self.shared = browser, warm, None

    def new_page(self):
        if not self.warm:
            return self.browser.new_context(viewport=VIEWPORT).new_page()
        if self.shared is None:
            self.shared = self.browser.new_context(viewport=VIEWPORT)
        return self.shared.new_page()

    def close(self, page) -> None:
        if self.warm:
            page.close()
        else:
            page.context.close()

    def end(self) -> None:
        if self.shared is not None:
            self.shared.close()
            self.shared = None


def hello_floor(browser, repeat: int, script: str = HELLO, selector: str = "h1",
                warm: bool = False) -> float:
    """The median time a new session takes to draw a page that only writes a title (or
    `script`, drawn when `selector` shows)."""
    from tests.pages.test_browser import streamlit_server

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "hello.py").write_text(script)
        with streamlit_server({"LAGEBILD_CACHE": str(Path(tmp) / "cache")}, script="hello.py",
                              cwd=tmp) as base:
            times = []
            sessions = Sessions(browser, warm)
            for i in range(repeat + 1):       # the first opens the server's script: not counted
                page = sessions.new_page()
                t = time.perf_counter()
                page.goto(base + "/")
                took = drawn(page, selector) - t
                sessions.close(page)
                if i:
                    times.append(took)
            sessions.end()
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--actor", default="")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES),
                        help="only these pages (default: all)")
    parser.add_argument("--warm", action="store_true",
                        help="sessions as new tabs of one browser context (warm HTTP cache)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from lib.query.labels import as_analysts_see_it
    from lib.snapshot import cached_corpus
    from tests.pages.test_browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    actor = args.actor
    if not actor:
        corpus = as_analysts_see_it(cached_corpus([args.corpus], cache_dir=args.cache))
        actor = str(corpus.actors["actor"].iloc[0])
        print(f"corpus: {len(corpus.articles):,} articles, {len(corpus.mentions):,} mentions")
    env = {"LAGEBILD_CORPUS": str(args.corpus), "LAGEBILD_CACHE": str(args.cache),
           "LAGEBILD_UPLOADS": str(args.cache / "no-uploads"),
           "LAGEBILD_ALIASES": str(args.cache / "no-aliases.csv")}
    with streamlit_server(env, timeout=300) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        floor = hello_floor(browser, args.repeat, warm=args.warm)
        sessions = Sessions(browser, args.warm)
        page = sessions.new_page()
        t = time.perf_counter()
        page.goto(base + "/")
        ready = drawn(page, PAGES["overview"][1], timeout=600) - t
        sessions.close(page)
        print(f"first session (the server loads the corpus and the pipeline): {ready:.2f} s")
        kind = "new tabs of one browser context" if args.warm else "fresh browser contexts"
        print(f"\nactor filter: {actor}; median of {args.repeat} new sessions ({kind})\n"
              "| page | page drawn (s) | less the hello floor (s) | actor filter change (s) | "
              "sent: page / filter change (KB) |\n|---|---|---|---|---|")
        worst_page = worst_filter = 0.0
        for name in args.pages:
            path, selector = PAGES[name]
            loads, changes, sent, sent_change = [], [], [], []
            for _ in range(args.repeat):
                page = sessions.new_page()
                count = received(page)
                t = time.perf_counter()
                page.goto(base + path)
                loads.append(drawn(page, selector) - t)
                sent.append(count[0])
                box = page.locator('input[aria-label="Actors"]')
                box.click()
                box.fill(actor)
                option = page.get_by_role("option", name=f"{actor} (").first
                option.wait_for(timeout=30_000)
                t = time.perf_counter()
                option.click()
                page.wait_for_function("location.search.includes('actor=')", timeout=60_000)
                changes.append(drawn(page, "h1") - t)
                sent_change.append(count[0] - sent[-1])
                sessions.close(page)
            load, change = statistics.median(loads), statistics.median(changes)
            worst_page, worst_filter = max(worst_page, load), max(worst_filter, change)
            print(f"| {name} | {load:.2f} | {load - floor:+.2f} | {change:.2f} | "
                  f"{statistics.median(sent) / 1024:,.0f} / "
                  f"{statistics.median(sent_change) / 1024:,.0f} |")
        sessions.end()
        floor_after = hello_floor(browser, args.repeat, warm=args.warm)
        plotly_floor = hello_floor(browser, args.repeat, HELLO_PLOTLY, ".js-plotly-plot",
                                   warm=args.warm)
        browser.close()
    print(f"\nhello floor (a page that only writes a title, new session): {floor:.2f} s before "
          f"the pages, {floor_after:.2f} s after; the same with a 40-bar plotly chart: "
          f"{plotly_floor:.2f} s")
    print(f"slowest page {worst_page:.2f} s (target < 1.5 s), slowest filter change "
          f"{worst_filter:.2f} s (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
