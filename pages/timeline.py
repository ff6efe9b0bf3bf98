"""Timeline: events on a time axis, one row per actor or per article."""
import streamlit as st

from lib.present.charts import timeline_figure
from lib.query import event_table, timeline_frame
from pages.ui import page
from pages.ui.components import download, nothing, table

corpus, sel = page("Timeline")

st.title("Timeline")
with st.container(horizontal=True, vertical_alignment="bottom"):
    rows = st.segmented_control("One row per", ["actor", "article"], default="actor",
                                key="timeline_rows", required=True)
    with_publication = st.toggle(
        "Events dated by publication only", value=True, key="timeline_publication",
        help="Events whose sentence has no usable time expression are placed on the article's "
             "publication date (drawn hatched). Switch off to show only events dated by the text.")
frame = timeline_frame(sel, rows=rows or "actor", include_publication_dated=with_publication)
events = event_table(sel, include_publication_dated=with_publication)

if events.empty:
    nothing("events")
else:
    if frame.empty:
        st.info("None of these events has a date that can be drawn.")
    else:
        st.plotly_chart(timeline_figure(frame, row_label=(rows or "actor").capitalize()),
                        theme="streamlit", key="timeline_chart")
        shown, total = frame["row"].nunique(), frame.attrs.get("rows_total", 0)
        st.caption("Bars span the period a time expression refers to: a day, a week, a month, "
                   "a year… Colour shows the granularity; hover for the evidence sentence."
                   + (f" Showing the {shown} {rows}s with most events of {total}; narrow the "
                      "filters to see others." if total > shown else ""))
    st.subheader(f"{len(events)} events")
    table(events, key="timeline_table", filters=sel.filters, hide=("article_id", "value"))
    download(events, "events", key="dl_timeline_events", filters=sel.filters)
