"""The dashboard in a real browser: Debian's chromium driven by Playwright against
`streamlit run app.py` on the bundled sample plus tests/fixtures/dashboard_corpus.

Selects James Martin in the sidebar, checks the quote table and its CSV download, opens the copied
URL in a new page. With LAGEBILD_SCREENSHOTS=DIR it also writes
DIR/{overview,timeline,actors,quotes,articles}.png — the README's screenshots come from
`LAGEBILD_SCREENSHOTS=docs/screenshots python -m pytest tests/test_browser.py`.
Deselect with `-m "not browser"`.
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.query import Filters, quote_table, select
from lib.settings import REPO_ROOT

pytestmark = pytest.mark.browser

REPO = REPO_ROOT
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ACTOR = "James Martin"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env: dict[str, str], timeout: float = 120, script: str = "app.py",
                     cwd: str | os.PathLike = REPO):
    """`streamlit run app.py` (or `script` in `cwd`) on a free loopback port; yields its base
    URL."""
    port = free_port()
    log = open(env["LAGEBILD_CACHE"] + f"-streamlit-{port}.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read()}")
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("streamlit did not start")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.seek(0)
        output = log.read()
        log.close()
        assert "Traceback" not in output, output


def wait_idle(page, timeout: float = 60) -> None:
    """Wait until the app has finished running (no "running" indicator for a moment)."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0 or \
            page.locator('[data-testid="stSkeleton"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.8:
            return
        time.sleep(0.1)
    raise TimeoutError("the app kept running")


def grid(page, key: str) -> list[dict[str, str]]:
    """The rows of an st.dataframe (its accessible grid), as dicts by column header."""
    frame = page.locator(f".st-key-{key} [data-testid='stDataFrame']")
    frame.wait_for(timeout=30_000)
    rows = frame.locator('[role="row"]')
    deadline = time.monotonic() + 20
    while rows.count() < 2 and time.monotonic() < deadline:  # the grid fills in after layout
        time.sleep(0.2)
    header = [c.inner_text().strip() for c in rows.nth(0).locator('[role="columnheader"]').all()]
    out = []
    for i in range(1, rows.count()):
        cells = [c.inner_text().strip() for c in rows.nth(i).locator('[role="gridcell"]').all()]
        if cells:
            out.append(dict(zip(header[-len(cells):], cells)))
    return out


def select_actor(page, actor: str) -> None:
    box = page.locator('input[aria-label="Actors"]')
    box.click()
    box.fill(actor)
    page.get_by_role("option", name=f"{actor} (").first.click()
    page.keyboard.press("Escape")


def selected_actors(page) -> list[str]:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.locator('input[aria-label="Actors"]'))
    tags = box.locator('[aria-label="Selected values"] [data-tag]')
    return [(t.get_attribute("aria-label") or "").split(" (")[0].strip() for t in tags.all()]


def shoot(page, name: str) -> None:
    target = os.environ.get("LAGEBILD_SCREENSHOTS")
    if not target:
        return
    folder = Path(target) if Path(target).is_absolute() else REPO / target
    folder.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)
    time.sleep(0.5)
    page.screenshot(path=str(folder / f"{name}.png"))


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(dashboard_environ):
    with streamlit_server(dashboard_environ) as base:
        yield base


def test_actor_filter_quotes_csv_and_shared_url(browser, server, dashboard_corpus, tmp_path):
    expected = quote_table(select(dashboard_corpus, Filters(actors=(ACTOR,))))
    assert len(expected) > 0

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/quotes")
    wait_idle(page)
    assert len(grid(page, "quotes_table")) > 0

    select_actor(page, ACTOR)
    page.wait_for_url("**actor=James+Martin**", timeout=30_000)
    wait_idle(page)
    rows = grid(page, "quotes_table")
    assert rows and {r["Speaker"] for r in rows} == {ACTOR}
    assert [r["Quote"] for r in rows] == list(expected["quote"])

    # the CSV has exactly these rows
    button = page.get_by_role("button", name=f"Download {len(expected)} rows as CSV")
    with page.expect_download() as info:
        button.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert len(records) == len(expected)
    assert {r["Speaker"] for r in records} == {ACTOR}
    assert [r["Quote"] for r in records] == list(expected["quote"])
    assert {r["Date"] for r in records} == {"2022-10-18"}
    # each row links to its article in this dashboard, usable outside it
    assert all(r["Link"].startswith(server + "/articles?") and "actor=James+Martin" in r["Link"]
               for r in records)
    info.value.save_as(tmp_path / "quotes.csv")

    # the copied URL opens the same view in a new page, and keeps it on other pages
    url = page.url
    assert parse_qs(urlsplit(url).query)["actor"] == [ACTOR]
    other = context.new_page()
    other.goto(url)
    wait_idle(other)
    assert selected_actors(other) == [ACTOR]
    assert {r["Speaker"] for r in grid(other, "quotes_table")} == {ACTOR}
    other.get_by_role("link", name="Overview").click()
    other.wait_for_url("**actor=James+Martin**", timeout=30_000)
    wait_idle(other)
    assert selected_actors(other) == [ACTOR]
    assert other.get_by_test_id("stMetricValue").first.inner_text().strip() == "1"

    # a row of the quote table opens its article in the reader, filters kept
    table = page.locator(".st-key-quotes_table [data-testid='stDataFrame']")
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_function("location.pathname.endsWith('/articles') && "
                           "location.search.includes('article=') && "
                           "location.search.includes('actor=James+Martin')", timeout=30_000)
    wait_idle(page)
    assert selected_actors(page) == [ACTOR]
    assert page.get_by_role("button", name="All articles").count() == 1
    context.close()


def own_host_only(context, base: str) -> list[str]:
    """Abort and record every request to another host than the dashboard's own: nothing the
    dashboard shows may come from (or tell) a third party — no map tiles, fonts or icons."""
    own = urlsplit(base).netloc
    outside: list[str] = []

    def check(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.netloc == own:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", check)
    return outside


def test_every_page_stays_on_this_machine(browser, server, dashboard_corpus):
    """Every page (the Actors map included) loads nothing from another host, and is drawn."""
    seed = dashboard_corpus.articles[
        dashboard_corpus.articles["path"].str.contains("seed-telegraph")].iloc[0]["id"]
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    outside = own_host_only(context, server)
    page = context.new_page()
    for name, path in [("overview", "/"), ("timeline", "/timeline"), ("actors", "/actors"),
                       ("quotes", "/quotes?actor=James+Martin"),
                       ("articles", f"/articles?article={seed}"), ("search", "/search?q=Ukraine*"),
                       ("aliases", "/aliases"), ("upload", "/upload")]:
        page.goto(server + path)
        wait_idle(page)
        if name in ("timeline", "actors", "search"):
            page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        if name == "actors":  # the map of places, drawn from the country shapes we ship
            page.locator(".st-key-actors_map .js-plotly-plot, .st-key-actors_map canvas").first.wait_for(timeout=30_000)
            page.locator(".st-key-actors_map").scroll_into_view_if_needed()
            wait_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, name
        if name not in ("upload", "aliases"):
            shoot(page, name)
    # the reader shows the article text escaped, never as HTML
    page.goto(server + f"/articles?article={seed}")
    wait_idle(page)
    assert page.locator('[data-testid="stMarkdownContainer"] mark, '
                        '[data-testid="stMarkdownContainer"] span').count() > 0
    time.sleep(1)  # late requests (favicon, fonts) of the last page
    context.close()
    assert outside == [], f"requests to other hosts: {sorted(set(outside))}"


@pytest.mark.parametrize("query,shown", [
    ("/?published_from=0001-01-01&event_from=0500-01-01&event_to=9999-12-31",
     "published_from=0001-01-01"),
    ("/actors?published_to=9999-12-31&type=%3Cscript%3E", "published_to=9999-12-31"),
])
def test_hostile_url_dates_give_a_notice_not_a_traceback(browser, server, query, shown):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = own_host_only(context, server)
    page = context.new_page()
    page.goto(server + query)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator('[data-testid="stAppViewContainer"]').inner_text()
    assert "Traceback" not in body and 'File "' not in body, body[:2000]
    alert = page.locator('[data-testid="stAlert"]').filter(has_text=shown)
    assert alert.count() == 1, body[:2000]
    assert shown.split("=")[0] not in urlsplit(page.url).query, "the dropped value leaves the URL"
    context.close()
    assert outside == [], f"requests to other hosts: {sorted(set(outside))}"


def test_search_page_and_actor_search(browser, server):
    """The query in the link is searched (results, chart, one CSV button); the actor list finds
    an actor by another name and not by scattered letters."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server + "/search?q=Scholz")
    wait_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Table").click()
    rows = grid(page, "search_table")
    assert [r["Source"] for r in rows] == ["Tagesspiegel"] and rows[0]["Match"] == "Scholz"
    assert page.get_by_role("button", name="Download 1 row as CSV").count() == 1
    box = page.locator('input[aria-label="Actors"]')
    box.click()
    box.fill("Tehran")
    options = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    assert options == ["Teheran (3) · Tehran"], options
    page.keyboard.press("Escape")
    context.close()


def test_one_download_button_per_table_and_cells_still_copy(browser, server):
    """Streamlit's toolbar keeps its search and fullscreen buttons but not its own CSV download
    (ours is the one below the table); a cell can still be copied to the clipboard."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/quotes")
    wait_idle(page)
    rows = grid(page, "quotes_table")
    assert rows
    table = page.locator(".st-key-quotes_table [data-testid='stDataFrame']")
    table.hover()
    toolbar = page.locator(".st-key-quotes_table [data-testid='stElementToolbar']")
    search = toolbar.locator('button[aria-label^="Search"]')
    search.wait_for(state="visible", timeout=10_000)
    download = toolbar.locator('button[aria-label^="Download as CSV"]')
    assert download.count() == 1 and not download.is_visible()   # there, and hidden
    ours = page.get_by_role("button", name=re.compile(r"^Download \d+ rows? as CSV$"))
    assert ours.count() == 1
    # copy the first row's first cell (the grid is drawn on a canvas: click by position, past
    # the row-selection column, at the first row's height, as in the test above)
    box = table.bounding_box()
    page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)
    page.keyboard.press("Control+c")
    deadline = time.monotonic() + 10
    copied = ""
    while time.monotonic() < deadline and not copied:
        copied = page.evaluate("navigator.clipboard.readText()")
        time.sleep(0.2)
    assert copied.strip() and copied.strip() in rows[0].values(), (copied, rows[0])
    context.close()


def test_view_options_are_written_to_the_url_and_restored(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server + "/actors")
    wait_idle(page)
    page.locator(".st-key-actors_cooc_view").get_by_text("matrix", exact=True).click()
    page.wait_for_url("**actors_cooc_view=matrix**", timeout=30_000)
    wait_idle(page)
    url = page.url
    other = context.new_page()
    other.goto(url)            # the copied link opens the same view
    wait_idle(other)
    other.locator(".st-key-actors_cooc").wait_for(timeout=30_000)   # the matrix, not the network
    assert other.locator(".st-key-actors_network").count() == 0
    context.close()


def test_pdf_upload(browser, server, dashboard_dirs):
    """A PDF uploaded on the Add articles page is annotated and counted on the Overview, and
    found by the search; nothing is requested from another host. The upload is removed again
    (the uploads folder is shared with the other tests)."""
    from tests.ingest.test_pdf_docx import make_pdf

    folder = dashboard_dirs["uploads"]
    before_files = set(folder.iterdir())
    title = "Quellbrunner Abkommen unterzeichnet"
    pdf = make_pdf([["Die Gemeinde Quellbrunn unterzeichnete am Montag ein Abkommen.",
                     "Bundeskanzler Olaf Scholz begrüßte die Einigung in Berlin."],
                    ["Die Quellbrunner Vertreter sprachen von einem guten Tag."]], title=title)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = own_host_only(context, server)
    page = context.new_page()
    try:
        page.goto(server + "/")
        wait_idle(page)
        articles = page.get_by_test_id("stMetricValue").first
        count = int(articles.inner_text().strip())

        page.goto(server + "/upload")
        wait_idle(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            files=[{"name": "quellbrunn.pdf", "mimeType": "application/pdf", "buffer": pdf}])
        page.locator('[data-testid="stFileUploader"]').get_by_text("quellbrunn.pdf").first.wait_for(
            timeout=30_000)
        time.sleep(1)   # the file is sent to the server as soon as it is chosen
        page.get_by_role("button", name="Add to corpus").click()
        page.locator('[data-testid="stAlert"]').filter(has_text="Added 1 article").wait_for(
            timeout=180_000)
        wait_idle(page, timeout=120)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert (folder / "quellbrunn.pdf").is_file()

        page.goto(server + "/")
        wait_idle(page)
        assert int(page.get_by_test_id("stMetricValue").first.inner_text().strip()) == count + 1
        page.goto(server + "/search?q=Quellbrunn*")
        wait_idle(page)
        page.get_by_role("tab", name="Table").click()
        assert len(grid(page, "search_table")) == 1

        # removed again through the page's Remove form
        page.goto(server + "/upload")
        wait_idle(page)
        box = page.locator('input[aria-label="Remove from the corpus"]')
        box.click()
        page.get_by_role("option", name="quellbrunn.pdf").first.click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Remove", exact=True).click()
        page.locator('[data-testid="stAlert"]').filter(has_text="Removed 1 file").wait_for(
            timeout=30_000)
        wait_idle(page)
        assert not (folder / "quellbrunn.pdf").exists()
        time.sleep(1)  # late requests of the last page
    finally:
        context.close()
        for path in set(folder.iterdir()) - before_files:   # whatever the test left behind
            path.unlink()
    assert outside == [], f"requests to other hosts: {sorted(set(outside))}"
