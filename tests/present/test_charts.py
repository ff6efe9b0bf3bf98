"""lib/charts.py: figures build from the view frames, follow the app theme, handle empties."""
import pandas as pd

from lib.present import charts
from lib.query import Filters, cooccurrence, cooccurrence_network, mentions_over_time, places, select, timeline_frame


def test_timeline_figure(toy_corpus):
    frame = timeline_frame(select(toy_corpus))
    fig = charts.timeline_figure(frame)
    names = {t.name for t in fig.data}
    assert any("day" in n for n in names) and any("month" in n for n in names)
    hover = fig.data[0].hovertemplate
    assert "customdata[5]" in hover and "customdata[0]" in hover  # sentence, time expression
    # bars are as long as the period they cover
    month = frame[frame["granularity"] == "month"].iloc[0]
    assert (month["end"] - month["start"]).days == 31


def test_empty_figures_say_so():
    fig = charts.timeline_figure(pd.DataFrame(columns=["row", "start", "end"]))
    assert "No events match" in fig.layout.annotations[0].text
    assert "No actors" in charts.frequency_figure(pd.DataFrame()).layout.annotations[0].text
    assert charts.cooccurrence_figure(pd.DataFrame()).layout.annotations
    assert charts.network_figure(pd.DataFrame(), pd.DataFrame()).layout.annotations
    assert charts.places_figure(pd.DataFrame()).layout.annotations
    assert charts.mentions_over_time_figure(pd.DataFrame()).layout.annotations


def test_frequency_figure_colours_by_type(toy_corpus):
    actors = select(toy_corpus).actors
    fig = charts.frequency_figure(actors, by="n_articles")
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours["person"] == charts.ACTOR_TYPE_COLORS["person"]
    assert fig.layout.xaxis.title.text == "Articles"


def test_network_figure(toy_corpus):
    nodes, edges = cooccurrence_network(toy_corpus.mentions, "article")
    fig = charts.network_figure(nodes, edges, "article")
    node_traces = [t for t in fig.data if t.mode == "markers+text"]
    drawn = [name for t in node_traces for name in t.text]
    assert sorted(drawn) == sorted(charts.plain(a) for a in nodes["actor"])
    assert {t.name: t.marker.color for t in node_traces}["person"] == charts.ACTOR_TYPE_COLORS["person"]
    lines = [t for t in fig.data if t.mode == "lines"]
    assert sum(len(t.x) for t in lines) == 3 * len(edges)       # a segment and a gap per pair
    # the same data is laid out the same way
    again = charts.network_figure(nodes, edges, "article")
    assert [list(t.x) for t in again.data] == [list(t.x) for t in fig.data]


def test_other_figures(toy_corpus):
    sel = select(toy_corpus)
    assert charts.mentions_over_time_figure(mentions_over_time(sel)).data
    assert charts.cooccurrence_figure(cooccurrence(sel.mentions)).data
    located = places(sel, {"Berlin": (52.5, 13.4), "Tehran": (35.7, 51.4)}.get)
    assert charts.places_figure(located).data
    sel = select(toy_corpus, Filters(actors=("James Martin",)))
    assert charts.timeline_figure(timeline_frame(sel, rows="article")).data


def test_places_map_is_drawn_from_shipped_country_shapes():
    """Issue 14: no map tiles, style sheet or topojson from a server — the map is plain x/y
    traces over the Natural Earth outlines the project ships, and never a geo or mapbox plot
    (plotly.js fetches their base maps from cdn.plot.ly / a tile server)."""
    df = pd.DataFrame({"actor": ["Berlin", "Ukraine", "<b>X</b>"],
                       "actor_type": ["place", "country", "place"],
                       "lat": [52.5, 49.0, 50.0], "lon": [13.4, 32.0, 20.0],
                       "n_mentions": [1, 4, 2], "n_articles": [1, 2, 1]})
    fig = charts.places_figure(df)
    assert {t.type for t in fig.data} == {"scatter"}
    layout = fig.to_plotly_json()["layout"]
    assert not any(k.startswith(("geo", "mapbox", "map")) for k in layout), list(layout)
    outlines, *points = fig.data
    assert outlines.fill == "toself" and outlines.hoverinfo == "skip"
    assert len(outlines.x) > 500  # Europe's countries, not just a frame
    assert {t.name: t.marker.color for t in points} == {
        "country": charts.ACTOR_TYPE_COLORS["country"], "place": charts.ACTOR_TYPE_COLORS["place"]}
    place = next(t for t in points if t.name == "place")
    assert list(place.text) == ["Berlin", "&lt;b&gt;X&lt;/b&gt;"]
    country = next(t for t in points if t.name == "country")
    assert country.marker.size[0] > min(place.marker.size)  # bigger with more mentions
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 < 13.4 and 32.0 < x1 and y0 < 49.0 and 52.5 < y1  # zoomed to the points


def test_country_outlines_come_from_the_shipped_file():
    assert charts.WORLD_FILE.is_file() and charts.WORLD_FILE.stat().st_size < 300_000
    assert (charts.WORLD_FILE.parent / "LICENSE-world-atlas").is_file()
    rings = charts.country_outlines()
    assert len(rings) > 200
    assert all(ring[0] == ring[-1] for ring in rings)  # closed rings
    # no ring jumps across the map at the antimeridian (it would draw a band around the world);
    # Antarctica is closed along the pole
    assert all(abs(b[0] - a[0]) < 180 or abs(a[1]) == abs(b[1]) == 90
               for ring in rings for a, b in zip(ring, ring[1:]))
    lons = [x for ring in rings for x, _ in ring]
    lats = [y for ring in rings for _, y in ring]
    # (a ring across the antimeridian is drawn a second time one turn to the west or east)
    assert -360 < min(lons) and max(lons) < 360 and -90 <= min(lats) and max(lats) <= 90
    # Germany's outline holds Berlin's longitude and latitude range
    assert any(min(x for x, _ in r) < 13.4 < max(x for x, _ in r)
               and min(y for _, y in r) < 52.5 < max(y for _, y in r) for r in rings)


def test_article_text_in_plotly_labels_is_escaped(toy_corpus):
    frame = timeline_frame(select(toy_corpus))
    frame.loc[0, "sentence"] = 'Er sagte <a href="javascript:x">hier</a> & <b>da</b>'
    frame.loc[0, "row"] = "<i>Evil</i>"
    fig = charts.timeline_figure(frame)
    custom = [str(c) for t in fig.data for row in t.customdata for c in row]
    assert any("&lt;a href=\"javascript:x\"&gt;hier&lt;/a&gt; &amp; &lt;b&gt;da&lt;/b&gt;" in c
               for c in custom)
    assert not any("<a " in c or "<b>" in c for c in custom)
    assert "&lt;i&gt;Evil&lt;/i&gt;" in {y for t in fig.data for y in t.y}
    assert any("(no time expression)" in c for c in custom)
    assert charts.wrap("a " * 100, width=20).count("<br>") >= 9


def test_day_bars_have_a_visible_width_on_a_long_axis():
    frame = pd.DataFrame({
        "row": ["a", "b"], "start": pd.to_datetime(["2012-03-04", "2020-01-01"]),
        "end": pd.to_datetime(["2012-03-05", "2021-01-01"]), "granularity": ["day", "year"],
        "timex": ["am 4. März 2012", "2020"], "value": ["2012-03-04", "2020"],
        "sentence": ["s", "t"], "date_source": ["text", "text"], "article": ["x", "y"]})
    x_range = (pd.Timestamp("2010-01-01"), pd.Timestamp("2022-01-01"))
    fig = charts.timeline_figure(frame, x_range=x_range)
    span_ms = (x_range[1] - x_range[0]) / pd.Timedelta(milliseconds=1)
    widths = [w for trace in fig.data for w in trace.x]
    assert min(widths) >= span_ms * charts.MIN_BAR_SHARE * 0.99  # a day: ~1/200 of the axis
    assert max(widths) == 366 * 86_400_000  # the year keeps its length
    day = next(t for t in fig.data if "day" in t.name)
    assert day.customdata[0][3] == day.customdata[0][4] == "2012-03-04", "hover: the real day"
    assert [pd.Timestamp(v) for v in fig.layout.xaxis.range] == list(x_range)


def test_mentions_over_time_axis_ticks_by_period():
    one = pd.DataFrame({"period": pd.to_datetime(["2005-07-07", "2005-07-07"]),
                        "actor": ["Tony Blair", "London"], "mentions": [66, 2]})
    one.attrs["freq"] = "D"
    axis = charts.mentions_over_time_figure(one).layout.xaxis
    lo, hi = (pd.Timestamp(v) for v in axis.range)
    assert hi - lo >= pd.Timedelta(days=7)  # not a sub-millisecond window around one point
    assert axis.dtick == 86_400_000 and axis.tickformat == "%d %b %Y"
    months = charts.period_axis(pd.Series(pd.to_datetime(["2003-01-01", "2007-06-01"])), "MS")
    assert months["dtick"] == "M5" and months["tickformat"] == "%b %Y"
    weeks = charts.period_axis(pd.Series(pd.to_datetime(["2022-10-03"])), "W")
    assert weeks["dtick"] == 7 * 86_400_000


def test_bars_drawn_over_each_other_are_one_bar_that_counts_its_events():
    days = pd.to_datetime(["2015-03-02", "2015-03-04", "2015-03-04", "2015-03-09", "2019-06-01"])
    frame = pd.DataFrame({
        "row": ["a"] * 5 + ["b"], "start": list(days) + [pd.Timestamp("2015-03-02")],
        "end": list(days + pd.Timedelta(days=1)) + [pd.Timestamp("2015-03-03")],
        "granularity": ["day"] * 6, "timex": ["x"] * 6, "value": ["v"] * 6,
        "sentence": ["s1", "s2", "s3", "s4", "s5", "s6"], "date_source": ["text"] * 6,
        "article": ["t"] * 6})
    x_range = (pd.Timestamp("2012-01-01"), pd.Timestamp("2022-01-01"))   # 1/200: about 18 days
    fig = charts.timeline_figure(frame, x_range=x_range)
    [day] = [t for t in fig.data if t.name == "day"]
    bars = sorted(zip(day.y, (tuple(c) for c in day.customdata)), key=lambda b: (b[0], b[1][3]))
    assert [(y, c[3], c[4]) for y, c in bars] == [
        ("a", "2015-03-02", "2015-03-09"),      # four days within 18 days of each other: one bar
        ("a", "2019-06-01", "2019-06-01"), ("b", "2015-03-02", "2015-03-02")]
    assert "and 3 more events" in bars[0][1][2] and bars[1][1][2] == "" == bars[2][1][2]
    assert "s1" in bars[0][1][5], "the hover shows the first event"
