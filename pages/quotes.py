"""Quotes: who said what."""
import streamlit as st

from lib.query import quote_table
from pages.ui import page
from pages.ui.components import download, nothing, table
from pages.ui.data import derived

corpus, sel = page("Quotes")

st.title("Quotes")
search = st.text_input("Search in quotes", key="quotes_search", bind="query-params", placeholder="Words in the quote or speaker",
                       icon=":material/search:")
phrases = st.checkbox("Show phrases", key="quotes_phrases", value=False, bind="query-params",
                      help="Scare quotes and titles of three words or fewer that no one is said to say")
quotes = derived(sel, "quote_table", lambda: quote_table(sel, search, phrases=phrases), search,
                 bool(phrases))

if quotes.empty:
    nothing("quotes")
else:
    st.caption(f"{len(quotes)} quotes · {int(quotes['anonymous'].sum())} from anonymous sources, "
               "shown as “anonymous (…)” with the words that introduce them")
    table(quotes, key="quotes_table", filters=sel.filters)
download(quotes, "quotes", key="dl_quotes", filters=sel.filters)
