"""Lagebild — `streamlit run app.py` opens the dashboard on the corpus of lib.settings.

This script is the Overview page, the corpus at a glance; the other views are the scripts in
pages/ (Streamlit's classic multipage mode), each starting with `pages.ui.page`."""
import streamlit as st

from lib.query import article_table, overview
from pages.ui import page
from pages.ui.components import actor_picker, download, env_summary, frame, nothing, table
from pages.ui.data import derived

ACTOR_COLUMNS = ["actor", "actor_type", "n_mentions", "n_articles"]

corpus, sel = page("Overview")
filters = sel.filters
stats = derived(sel, "overview", lambda: overview(sel, corpus.report))

where, where_help = env_summary()
st.title("Overview")
st.caption(where, help=where_help)
with st.container(horizontal=True):
    st.metric("Articles", stats["articles"], border=True)
    st.metric("Sources", stats["sources"], border=True)
    st.metric("Languages", stats["languages"], border=True)
    st.metric("Actors", stats["actors"], border=True)
    st.metric("Events", stats["events"], border=True,
              help=f"{stats['events_from_text']} dated by a time expression, the rest by "
                   "publication date only")
    st.metric("Quotes", stats["quotes"], border=True,
              help=f"{stats['anonymous_quotes']} from anonymous sources"
                   + (f"; besides them {stats['phrases']} short phrases in quotation marks (scare "
                      "quotes, titles), which the Quotes page shows with \"Show phrases\""
                      if stats["phrases"] else ""))
if stats["first_published"]:
    st.markdown(f"Published **{stats['first_published']}** – **{stats['last_published']}**"
                + (f" · {stats['undated_articles']} of unknown date" if stats["undated_articles"] else "")
                + (f" · events refer to **{stats['first_event']}** – **{stats['last_event']}**"
                   if stats["first_event"] else ""))

if not stats["articles"]:
    nothing("articles")
else:
    left, right = st.columns(2)
    with left:
        st.subheader("Top actors", help="Select a row to filter by that actor")
        actor_picker(sel.actors, key="overview_actors", filters=filters, columns=ACTOR_COLUMNS)
        download(sel.actors, "actors", key="dl_overview_actors", columns=ACTOR_COLUMNS)
    with right:
        st.subheader("Sources and languages")
        frame(stats["by_source"], key="overview_sources")
        download(stats["by_source"], "sources", key="dl_overview_sources")
        frame(stats["by_language"], key="overview_languages")
        download(stats["by_language"], "languages", key="dl_overview_languages")
        st.subheader("Pipelines", help="Which spaCy pipeline annotated the articles of each language")
        frame(stats["by_pipeline"], key="overview_pipelines")
        download(stats["by_pipeline"], "pipelines", key="dl_overview_pipelines")

    st.subheader("Articles")
    articles = derived(sel, "article_table", lambda: article_table(sel))
    table(articles, key="overview_articles", filters=filters)
    download(articles, "articles", key="dl_overview_articles", filters=filters)

st.subheader("Load report", help="Files and rows that were skipped or repaired while loading")
if corpus.report.empty:
    st.success("Every file loaded cleanly.", icon=":material/check_circle:")
else:
    frame(corpus.report, key="overview_report")
    download(corpus.report, "load-report", key="dl_overview_report")
