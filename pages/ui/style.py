"""The dashboard's own page-wide style: a static stylesheet, no data in it.

One download button per table: every table has our "Download N rows as CSV" button below it
(exactly the rows, columns and headers on screen, with absolute reader links). Streamlit's
table toolbar has a second CSV download of its own, with other headers and no links. The only
switch Streamlit offers (`client.disableDataExport`) also stops copying cells out of read-only
tables, which analysts do all the time, so this stylesheet hides just that toolbar button; the
toolbar's search, column and fullscreen buttons stay. Its aria-label is "Download as CSV",
followed by ": <table>" when the table has a label.
"""
from __future__ import annotations

import streamlit as st

TOOLBAR_DOWNLOAD = 'button[aria-label^="Download as CSV"]'
PAGE_CSS = ("<style>"
            f'[data-testid="stElementToolbarButton"]:has({TOOLBAR_DOWNLOAD}){{display:none;}}'
            "</style>")


def page_style() -> None:
    """Add the stylesheet to the page (a style-only st.html takes no room on the page)."""
    st.html(PAGE_CSS)
