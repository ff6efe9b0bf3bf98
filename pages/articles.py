"""Articles: a reader with actors, time expressions and quotes highlighted (escaped text)."""
import streamlit as st

from lib.query import article_detail, article_table
from pages.ui import page
from pages.ui.components import download, nothing, requested_article, table
from pages.ui.data import derived
from pages.ui.markdown import READER_CSS, READER_KEY, escape_markdown, highlighted_markdown, legend

corpus, sel = page("Articles")

st.title("Articles")
articles = derived(sel, "article_table", lambda: article_table(sel))
requested = requested_article()
detail = article_detail(corpus, requested, sel) if requested else None

if detail is None:
    if requested:
        st.warning("The article in the link is not in the corpus.", icon=":material/link_off:")
    if articles.empty:
        nothing("articles")
    else:
        st.caption("Select a row to read the article.")
        table(articles, key="articles_table", filters=sel.filters, hide=("article_id", "path", "url"))
    download(articles, "articles", key="dl_articles", filters=sel.filters, hide=("article_id", "path", "url"))
    st.stop()

if st.button("All articles", icon=":material/arrow_back:", key="articles_back"):
    del st.query_params["article"]
    st.rerun()
st.header(escape_markdown(detail.title), anchor=False)
st.caption(" · ".join(escape_markdown(p) for p in detail.byline))
if detail.url:
    st.link_button("Original", detail.url, icon=":material/open_in_new:")
if not detail.in_selection:
    st.info("This article is outside the current filters.", icon=":material/filter_alt_off:")

layers = st.pills("Highlight", ["actors", "time expressions", "quotes"], default=["actors",
                  "time expressions", "quotes"], selection_mode="multi", key="articles_layers", bind="query-params")
focused = bool(detail.focus) and "actors" in (layers or ())
st.markdown(legend(focused))
st.html(READER_CSS)
with st.container(border=True, key=READER_KEY):
    st.markdown(highlighted_markdown(detail.segments(layers)))

tab_quotes, tab_events, tab_undated, tab_mentions = st.tabs(
    [f"Quotes ({len(detail.quotes)})", f"Time expressions ({len(detail.events)})",
     f"Undated time expressions ({len(detail.undated)})", f"Actors ({len(detail.mentions)})"])
with tab_quotes:
    st.dataframe(detail.quotes, hide_index=True, key="article_quotes")
    download(detail.quotes, "article-quotes", key="dl_article_quotes")
with tab_events:
    st.dataframe(detail.events, hide_index=True, key="article_events")
    download(detail.events, "article-events", key="dl_article_events")
with tab_undated:
    st.caption("Found in the text but not placed on a date: vague references, dates without "
               "a year or day, durations.")
    st.dataframe(detail.undated, hide_index=True, key="article_undated")
    download(detail.undated, "article-undated-time-expressions", key="dl_article_undated")
with tab_mentions:
    st.dataframe(detail.mentions, hide_index=True, key="article_mentions")
    download(detail.mentions, "article-mentions", key="dl_article_mentions")
