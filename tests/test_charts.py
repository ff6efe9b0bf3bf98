"""lib/charts.py: figures build from the view frames, follow the app theme, handle empties."""
import pandas as pd

from lib.present import charts
from lib.query import (Filters, cooccurrence, cooccurrence_network, mentions_over_time, places, select,
                       timeline_frame)


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


def test_map_points_and_legend():
    df = pd.DataFrame({"actor": ["Berlin", "Ukraine"], "actor_type": ["place", "country"],
                       "lat": [52.5, 49.0], "lon": [13.4, 32.0], "n_mentions": [1, 4],
                       "n_articles": [1, 2]})
    points = charts.map_points(df)
    assert list(points["color"]) == [charts.ACTOR_TYPE_COLORS["place"],
                                     charts.ACTOR_TYPE_COLORS["country"]]
    assert points["size"].iloc[1] > points["size"].iloc[0]
    assert charts.map_legend(df["actor_type"]) == ":green[●] country · :violet[●] place"


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
