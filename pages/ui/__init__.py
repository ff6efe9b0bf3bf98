"""Streamlit glue shared by the pages, split by job: `data` (the cached corpus and selection),
`sidebar` (navigation and the filters, kept in the URL), `components` (tables, downloads,
Markdown), `style` (the page-wide stylesheet). No data wrangling here: that is lib/query.

Streamlit runs in its classic multipage mode: `app.py` is the Overview page, every `.py` file
directly in `pages/` is a page of its own; this subpackage is not a page."""
from __future__ import annotations

import os

import streamlit as st

from lib.query import Selection
from lib.settings import corpus_paths

from .data import current
from .markdown import escape_markdown
from .sidebar import names_language, sidebar
from .style import page_style

# an emoji, not a Material icon: Streamlit fetches those for the tab icon from Google's font servers
PAGE_ICON = "📰"


def page(title: str) -> tuple[object, Selection]:
    """Start a page: its browser title, the sidebar (navigation and filters) and the corpus
    with the selection the filters make."""
    st.set_page_config(page_title=f"{title} · Lagebild", page_icon=PAGE_ICON, layout="wide")
    page_style()
    missing_corpus_notice()
    nav = st.sidebar.container()
    lang = names_language()
    corpus = current(lang=lang)
    st.session_state["_corpus_empty"] = corpus.articles.empty
    filters = sidebar(corpus, title, nav)
    return corpus, current(filters, lang)


def missing_corpus_notice() -> None:
    """An error naming each corpus folder or file that does not exist (LAGEBILD_CORPUS or the
    bundled sample): otherwise an empty dashboard would only say that nothing matches."""
    missing = [p for p in corpus_paths() if not p.exists()]
    if not missing:
        return
    names = ", ".join(f"`{p}`" if "`" not in str(p) else escape_markdown(p) for p in missing)
    st.error(f"The corpus folder {names} does not exist, so its articles are missing. Set "
             "LAGEBILD_CORPUS to a folder of articles (folders separated by "
             f"`{os.pathsep}`) and restart, or add articles on the upload page."
             if len(missing) == 1 else
             f"These corpus folders do not exist, so their articles are missing: {names}. Set "
             "LAGEBILD_CORPUS to folders of articles and restart, or add articles on the upload "
             "page.", icon=":material/folder_off:")
