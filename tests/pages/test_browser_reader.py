"""The reader in a real browser (fixtures of tests/pages/test_browser.py): a highlighted name is
followed by its comma without a visible gap (Streamlit pads background directives; the reader
drops that padding)."""
from __future__ import annotations

import time

import pytest

from tests.pages.test_browser import browser, server, wait_idle  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_reader_no_gap_before_comma(browser, server, dashboard_corpus):  # noqa: F811
    rows = dashboard_corpus.articles[dashboard_corpus.articles["path"].str.contains("seed-telegraph")]
    page = browser.new_page()
    try:
        page.goto(f"{server}/articles?article={rows.iloc[0]['id']}")
        wait_idle(page)
        span = page.locator(".st-key-reader_text span.stMarkdownColoredBackground",
                            has_text="Lloyd Austin").first
        span.wait_for(timeout=30_000)
        # the style block may reach the page a moment after the text, and a rerun may draw the
        # text anew: look again (through the locator) for up to 15 s
        padding = "e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).paddingRight]"
        deadline = time.monotonic() + 15
        style = span.evaluate(padding)
        while style != ["0px", "0px"] and time.monotonic() < deadline:
            time.sleep(0.3)
            style = span.evaluate(padding)
        assert style == ["0px", "0px"]
        # the comma starts where the name's last letter ends (with Streamlit's padding: 4px later)
        gap = span.evaluate("""e => {
            const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); let last = null;
            while (w.nextNode()) last = w.currentNode;
            const name = document.createRange(); name.selectNodeContents(last);
            const comma = document.createRange(); comma.setStart(e.nextSibling, 0);
            comma.setEnd(e.nextSibling, 1);
            return comma.getBoundingClientRect().left - name.getBoundingClientRect().right; }""")
        assert abs(gap) < 1.5, gap
    finally:
        page.close()
