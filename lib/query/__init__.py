"""Queries over an annotated corpus, pure functions over its frames (no Streamlit).

filters   the sidebar's filters, their URL form, and `select`, the one query every view runs
counts    the actor table of a selection (`actor_counts`)
options   the choices the sidebar offers
tables    the tables the views show and download, and the Overview's numbers
series    chart data: timeline bars, mentions over time, places
network   who appears with whom
reader    one article for the reader, split into highlighted segments
search    full-text search with keyword-in-context snippets, attention over time
search    full-text search: the query language, hits in context, matching articles over time
"""
from .filters import (
    ANONYMOUS,
    MAX_DATE,
    MIN_DATE,
    PARAMS,
    Filters,
    Selection,
    actor_counts,
    filter_articles,
    filter_events,
    filter_mentions,
    filter_quotes,
    parse_params,
    select,
    table_for_export,
)
from .network import cooccurrence, cooccurrence_edges, cooccurrence_network
from .options import actor_aliases, actor_options, choices, date_span
from .reader import ArticleDetail, article_detail, article_segments, safe_url
from .search import Query, attention, parse_query
from .search import search as search_articles
from .series import (
    COARSE_GRANULARITIES,
    TimelineView,
    mentions_over_time,
    places,
    timeline_frame,
    timeline_view,
    undated_events,
)
from .tables import article_table, event_table, mention_table, overview, quote_table, speaker_label

__all__ = [
    "ANONYMOUS", "COARSE_GRANULARITIES", "MAX_DATE", "MIN_DATE", "PARAMS", "ArticleDetail", "Filters", "Query",
    "Selection", "TimelineView", "actor_aliases", "actor_counts", "actor_options", "article_detail",
    "article_segments", "article_table", "attention", "choices", "cooccurrence", "cooccurrence_edges",
    "cooccurrence_network", "date_span", "event_table", "filter_articles", "filter_events", "filter_mentions",
    "filter_quotes", "mention_table", "mentions_over_time", "overview", "parse_params", "parse_query", "places",
    "quote_table", "safe_url", "search_articles", "select", "speaker_label", "table_for_export", "timeline_frame",
    "timeline_view", "undated_events",
]
