"""Actors: how often, over time, together with whom, and where."""
import streamlit as st

from lib.present.charts import (
    cooccurrence_figure,
    frequency_figure,
    mentions_over_time_figure,
    network_figure,
    places_figure,
)
from lib.query import cooccurrence, cooccurrence_edges, cooccurrence_network, mention_table, mentions_over_time, places
from pages.ui import page
from pages.ui.components import download, frame, nothing, table
from pages.ui.data import derived, gazetteer

corpus, sel = page("Actors")

st.title("Actors")
if sel.actors.empty:
    nothing("actors")
    st.stop()

st.subheader("Frequency")
by = st.segmented_control("Count", ["mentions", "articles"], default="mentions",
                          key="actors_by", bind="query-params", required=True)
st.plotly_chart(derived(sel, "frequency_figure", lambda: frequency_figure(
    sel.actors, by=f"n_{by or 'mentions'}"), by), theme="streamlit", key="actors_frequency")
download(sel.actors, "actors", key="dl_actors")

st.subheader("Mentions over time", help="By publication date of the articles; the selected "
             "actors, or else the most mentioned ones")
over_time = derived(sel, "mentions_over_time", lambda: mentions_over_time(sel))
if over_time.empty:
    st.info("No dated mentions match these filters")
else:
    st.plotly_chart(derived(sel, "mentions_over_time_figure",
                            lambda: mentions_over_time_figure(over_time)),
                    theme="streamlit", key="actors_time")
if over_time.attrs.get("undated_articles"):
    st.warning(f"{over_time.attrs['undated_mentions']} mention(s) in "
               f"{over_time.attrs['undated_articles']} article(s) with no publication date are "
               "left out of this chart. Set a date on the “Add articles” page or in the file's "
               "metadata.", icon=":material/event_busy:")
download(over_time, "mentions-over-time", key="dl_actors_time")

st.subheader("Who appears with whom")
level = st.segmented_control("Together in the same", ["sentence", "article"], default="sentence",
                             key="actors_level", bind="query-params", required=True) or "sentence"
view = st.segmented_control("Show as", ["network", "matrix"], default="network",
                            key="actors_cooc_view", bind="query-params", required=True) or "network"
if view == "network":
    nodes, edges = derived(sel, "cooccurrence_network", lambda: cooccurrence_network(
        sel.mentions, level=level, actors=sel.filters.actors), level)
    if edges.empty:
        st.info(f"No two actors share a {level} under these filters")
    else:
        st.plotly_chart(derived(sel, "network_figure", lambda: network_figure(nodes, edges, level),
                                level), theme="streamlit", key="actors_network")
        st.caption(f"The {len(nodes)} actors that most often share a {level} with another; "
                   "node size: how often, line width: how often the two share one")
else:
    matrix = derived(sel, "cooccurrence", lambda: cooccurrence(
        sel.mentions, level=level, actors=sel.filters.actors), level)
    if matrix.empty:
        st.info(f"No two actors share a {level} under these filters")
    else:
        st.plotly_chart(cooccurrence_figure(matrix, level), theme="streamlit", key="actors_cooc")
download(derived(sel, "cooccurrence_edges", lambda: cooccurrence_edges(sel.mentions, level), level),
         f"cooccurrence-{level}", key="dl_actors_cooc")

st.subheader("Places")
gaz = gazetteer()
located = derived(sel, "places", lambda: places(sel, gaz.coordinates) if gaz is not None
                  else places(sel, lambda _: None))
if located.empty:
    st.info("No places with known coordinates match these filters")
else:
    with st.container(key="actors_map"):
        st.plotly_chart(derived(sel, "places_figure", lambda: places_figure(located)),
                        theme="streamlit", key="actors_places_map")
    st.caption("Size: mentions. Country outlines: Natural Earth (public domain), drawn here — "
               "no map server is asked")
    frame(located, key="actors_places",
          config={c: st.column_config.NumberColumn(format="%.3f") for c in ("lat", "lon")})
download(located, "places", key="dl_actors_places")

# built only while open (in the URL as `?all_mentions=true`): every mention with its sentence is
# the page's heaviest table (14,000 rows, 4.5 MB on 1,000 articles)
all_mentions = st.expander("All mentions", key="all_mentions",
                           bind="query-params")
if all_mentions.open:
    with all_mentions:
        mentions = derived(sel, "mention_table", lambda: mention_table(sel))
        table(mentions, key="actors_mentions", filters=sel.filters)
        download(mentions, "mentions", key="dl_actors_mentions", filters=sel.filters)
