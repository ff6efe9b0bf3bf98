"""Timeline: events on a time axis, one row per actor or per article."""
import streamlit as st

from lib.present.charts import timeline_figure
from lib.query import event_table, timeline_frame, timeline_view, undated_events
from pages.ui import page
from pages.ui.components import download, nothing, table
from pages.ui.data import derived

corpus, sel = page("Timeline")

st.title("Timeline")
with st.container(horizontal=True, vertical_alignment="bottom"):
    rows = st.segmented_control("One row per", ["actor", "article"], default="actor",
                                key="timeline_rows", bind="query-params", required=True)
    with_publication = st.toggle(
        "Include sentences dated only by the article's publication date", value=True,
        key="timeline_publication", bind="query-params",
        help="A sentence with actors but no usable time expression is placed on its article's "
             "publication date (drawn hatched). Switch off to show only events dated by the text.")
    frame = derived(sel, "timeline_frame", lambda: timeline_frame(
        sel, rows=rows or "actor", include_publication_dated=with_publication), rows, with_publication)
    n_outliers = timeline_view(frame, sel.filters.event_from, sel.filters.event_to).hidden
    showing = bool(st.session_state.get("timeline_outliers"))
    show_outliers = st.toggle(
        f"Show outliers ({n_outliers}{'' if showing else ' hidden'})" if n_outliers
        else "Show outliers (none)",
        value=False, key="timeline_outliers", bind="query-params", disabled=not n_outliers,
        help="Decades, centuries, vague ranges of more than a year and events far from the "
             "bulk of the others. Off: the axis zooms to the bulk (2nd–98th percentile of the "
             "dates, at most three times the spread of the middle half away from it, padded).")
events = derived(sel, "event_table", lambda: event_table(
    sel, include_publication_dated=with_publication), with_publication)
view = timeline_view(frame, sel.filters.event_from, sel.filters.event_to,
                     show_outliers=show_outliers)

if events.empty:
    nothing("events")
else:
    if frame.empty:
        st.info("None of these events has a date that can be drawn.")
    elif view.frame.empty:
        st.info(f"All {view.hidden} events with a date are outliers: switch on "
                "“Show outliers” to draw them.")
    else:
        figure = derived(sel, "timeline_figure", lambda: timeline_figure(
            view.frame, row_label=(rows or "actor").capitalize(), x_range=view.x_range),
            rows, with_publication, show_outliers)
        st.plotly_chart(figure, theme="streamlit", key="timeline_chart")
        shown, total = view.frame["row"].nunique(), frame.attrs.get("rows_total", 0)
        st.caption("Bars span the period a time expression refers to: a day, a week, a month, "
                   "a year… (a day is drawn at least a sliver wide). Colour shows the "
                   "granularity; hover for the evidence sentence."
                   + (f" Showing the {shown} {rows}s with most events of {total}; narrow the "
                      "filters to see others." if total > shown else ""))
    n_undated, n_lost = undated_events(sel)
    if n_undated:
        lost = (f"{n_lost} of their events could not be placed in time and are not drawn"
                if n_lost else "only their events with a date in the text are drawn")
        st.warning(f"{n_undated} article(s) have no publication date: {lost}. Set a date on the "
                   "“Add articles” page or in the file's metadata.", icon=":material/event_busy:")
    st.subheader(f"{len(events)} events")
    table(events, key="timeline_table", filters=sel.filters)
    download(events, "events", key="dl_timeline_events", filters=sel.filters)
