"""Streamlit glue shared by the pages, split by job: `data` (the cached corpus and selection),
`sidebar` (navigation and the filters, kept in the URL), `components` (tables, downloads,
Markdown). No data wrangling here: that is lib/query.

Streamlit runs in its classic multipage mode: `app.py` is the Overview page, every `.py` file
directly in `pages/` is a page of its own; this subpackage is not a page."""
from __future__ import annotations

import streamlit as st

from lib.query import Selection

from .data import current
from .sidebar import sidebar

# an emoji, not a Material icon: Streamlit fetches those for the tab icon from Google's font servers
PAGE_ICON = "📰"


def page(title: str) -> tuple[object, Selection]:
    """Start a page: its browser title, the sidebar (navigation and filters) and the corpus
    with the selection the filters make."""
    st.set_page_config(page_title=f"{title} · Lagebild", page_icon=PAGE_ICON, layout="wide")
    corpus = current()
    filters = sidebar(corpus, title)
    return corpus, current(filters)
