"""Search: full text of the selection's articles, keyword in context, and attention over time.

The query lives in the URL (`?q=…`) next to the filters; the language is lib.query.search's."""
import pandas as pd
import streamlit as st

from lib.present.search_chart import attention_figure
from lib.query import Filters
from lib.query.search import PERIOD_NAMES, attention, parse_query, period_for, search
from pages.ui import page
from pages.ui.components import article_link, count_label, download, table
from pages.ui.data import corpus_signature, current
from pages.ui.markdown import escape_markdown

SYNTAX = (
    "Words match whole words, case-insensitively, umlauts as typed; `Drohne*` matches any "
    "ending. `\"…\"` finds a phrase. Words are joined by AND; `OR` between two words makes "
    "them alternatives (`Nato Ukraine OR Kiew` = Nato AND (Ukraine OR Kiew)); `NOT word` or "
    "`-word` leaves out articles with that word. The search runs over the articles the "
    "sidebar's filters keep.")
SNIPPETS_SHOWN = 50


@st.cache_data(show_spinner="Searching…", max_entries=16)
def _search(signature: tuple, params: tuple, q: str):
    corpus = current()
    sel = current(Filters.from_params(dict(params)))
    return search(sel.articles, corpus.text, parse_query(q))


corpus, sel = page("Search")
state = st.session_state
if "search_q" not in state:  # a new session, a shared link or a return to the page
    state["search_q"] = st.query_params.get("q", state.get("_search_q", ""))

st.title("Search")
q = st.text_input("Search the articles", key="search_q", icon=":material/search:",
                  placeholder='e.g. Nato "Lloyd Austin" -Biden', help=SYNTAX).strip()
state["_search_q"] = q
if q:
    if st.query_params.get("q") != q:
        st.query_params["q"] = q
elif "q" in st.query_params:
    del st.query_params["q"]

query = parse_query(q)
if query.empty:
    st.caption(SYNTAX)
    st.stop()
for note in query.notes:
    st.caption(f"Note: {note}.")

params = tuple((k, tuple(v)) for k, v in sorted(sel.filters.to_params().items()))
results = _search(corpus_signature(), params, q)
n_all = len(sel.articles)
st.caption(f"{count_label(len(results), 'article')} of {n_all} match "
           f"`{query.describe().replace('`', '')}`"
           + (" within the filters" if sel.filters.active else ""))

if results.empty:
    st.info("No articles match this search" + (" and these filters" if sel.filters.active else ""),
            icon=":material/search_off:")
    st.stop()

# attention over time: matching articles as a share of all the selection's articles per period
auto = period_for(sel.articles["published"])
period = st.segmented_control(
    "Per", list(PERIOD_NAMES), format_func=PERIOD_NAMES.get, default=auto, key="search_period",
    help="Share of the articles published in each period that match the search") or auto
series = attention(sel.articles, results["article_id"], period)
st.plotly_chart(attention_figure(series, period), theme="streamlit", key="search_chart")
undated = int(sel.articles["published"].isna().sum())
if undated:
    st.caption(f"{count_label(undated, 'article')} of unknown date not in the chart.")

tab_context, tab_table = st.tabs(["In context", "Table"])
with tab_context:
    shown = results.head(SNIPPETS_SHOWN)
    if len(results) > SNIPPETS_SHOWN:
        st.caption(f"The first {SNIPPETS_SHOWN} articles; the table has all {len(results)}.")
    for row in shown.itertuples(index=False):
        date = "date unknown" if pd.isna(row.published) else row.published.date().isoformat()
        head = (f"**[{escape_markdown(row.title)}]({article_link(row.article_id, sel.filters)})** · "
                f"{date} · {escape_markdown(row.source or 'source unknown')} · "
                f"{count_label(row.hits, 'hit')}")
        context = (escape_markdown(row.before) + ":orange-background[**" + escape_markdown(row.match)
                   + "**]" + escape_markdown(row.after))
        st.markdown(head + "  \n" + context)
with tab_table:
    table(results, key="search_table", filters=sel.filters,
          column_config={"before": st.column_config.TextColumn(width="medium"),
                         "match": st.column_config.TextColumn(width="small"),
                         "after": st.column_config.TextColumn(width="medium")})
download(results, "search", key="dl_search", filters=sel.filters)
