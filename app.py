"""Lagebild — `streamlit run app.py` opens the dashboard on the corpus of lib.settings.

Routing only: the sidebar filters (pages/_shared.py) run here for every page, then the page."""
import streamlit as st

from pages._shared import corpus, sidebar_filters

st.set_page_config(page_title="Lagebild", page_icon="📰", layout="wide")
sidebar_filters(corpus())

page = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True,
            help="The corpus at a glance: articles, sources, languages, dates, top actors, "
                 "events, quotes, pipelines and the load report."),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:",
            help="Events on a time axis by actor or article, with their evidence sentences."),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:",
            help="Who is mentioned how often, over time, together with whom, and where."),
    st.Page("pages/quotes.py", title="Quotes", icon=":material/format_quote:",
            help="Who said what: direct and indirect quotes, searchable."),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:",
            help="Read one article with its actors, time expressions and quotes highlighted."),
    st.Page("pages/upload.py", title="Add articles", icon=":material/upload_file:",
            help="Upload article files or a zip of them into your corpus folder."),
])
page.run()
