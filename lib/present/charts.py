"""Plotly figures for the views, built from the frames of lib/query.py.

The figures set no template: `st.plotly_chart(fig, theme="streamlit")` styles them to follow the
app's light or dark theme. Colours come from fixed maps so an actor type or a granularity has the
same colour on every chart. Callers check for empty frames first (the views say "nothing
matches" instead of drawing empty axes); given an empty frame these functions still return a
figure, with a note.
"""
from __future__ import annotations

import html
import math

import networkx as nx
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

__all__ = ["plain", "wrap", "ACTOR_TYPE_COLORS", "GRANULARITY_COLORS", "timeline_figure", "frequency_figure",
           "mentions_over_time_figure", "cooccurrence_figure", "network_figure", "places_figure",
           "map_points",
           "map_legend"]

# Colour-blind-safe (Okabe–Ito), readable on light and dark backgrounds.
ACTOR_TYPE_COLORS = {
    "person": "#0072B2",
    "organisation": "#E69F00",
    "country": "#009E73",
    "place": "#CC79A7",
    "other": "#999999",
}
GRANULARITY_COLORS = {
    "day": "#0072B2",
    "week": "#56B4E9",
    "month": "#009E73",
    "quarter": "#F0E442",
    "season": "#E69F00",
    "half": "#E69F00",
    "year": "#D55E00",
    "decade": "#CC79A7",
    "vague": "#999999",
}


def plain(text) -> str:
    """Text for a plotly label: plotly reads a few HTML tags (<b>, <a href>, <br>) in labels and
    hover texts, so article text is escaped and shown literally."""
    return html.escape(str(text), quote=False)


def wrap(text, width: int = 80, limit: int = 400) -> str:
    """Escaped text broken into lines of about `width` characters for a hover label."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(plain(part) for part in lines)


def _empty(note: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=note, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _height(n_rows: int, per_row: int = 28, minimum: int = 260, maximum: int = 1400) -> int:
    return max(minimum, min(maximum, 120 + per_row * n_rows))


def timeline_figure(df: pd.DataFrame, row_label: str = "Actor") -> go.Figure:
    """Events as bars from their start to their end (a day is one day wide, a month a month),
    one row per actor or article, coloured by granularity; events dated only by publication
    are drawn hatched. Hover: time expression, resolved value, date range, evidence sentence."""
    if df.empty:
        return _empty("No events match these filters")
    df = df.copy()
    df["row"] = df["row"].map(plain)
    df["what"] = df["timex"].map(lambda t: plain(t) if t else "(no time expression)")
    df["value"] = df["value"].map(plain)
    df["sentence"] = df["sentence"].map(wrap)
    df["article"] = df["article"].map(lambda t: wrap(t, width=100))
    df["last day"] = (df["end"] - pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    df["first day"] = df["start"].dt.strftime("%Y-%m-%d")
    df["dated by"] = df["date_source"].map({"text": "time expression",
                                            "publication": "publication date only"}).fillna(df["date_source"])
    order = [g for g in GRANULARITY_COLORS if g in set(df["granularity"])]
    order += sorted(set(df["granularity"]) - set(order))
    fig = px.timeline(
        df, x_start="start", x_end="end", y="row", color="granularity",
        pattern_shape="dated by",
        pattern_shape_map={"time expression": "", "publication date only": "/"},
        category_orders={"granularity": order},
        color_discrete_map=GRANULARITY_COLORS,
        custom_data=["what", "value", "granularity", "first day", "last day", "sentence",
                     "article", "dated by"],
    )
    fig.update_traces(
        hovertemplate=(
            "<b>%{customdata[0]}</b> → %{customdata[1]} (%{customdata[2]})<br>"
            "%{customdata[3]} – %{customdata[4]} · dated by %{customdata[7]}<br>"
            "<i>%{customdata[6]}</i><br>%{customdata[5]}<extra></extra>"
        ),
        marker_line_width=0,
        opacity=0.85,
    )
    n_rows = df["row"].nunique()
    fig.update_yaxes(title=row_label, autorange="reversed", automargin=True)
    fig.update_xaxes(title="Date the event refers to")
    fig.update_layout(height=_height(n_rows), legend_title_text="Granularity · dating",
                      barmode="overlay", margin=dict(l=10, r=10, t=30, b=10))
    return fig


def frequency_figure(actors: pd.DataFrame, by: str = "n_mentions", top: int = 20) -> go.Figure:
    """Horizontal bars of the `top` actors by mentions (`by="n_mentions"`) or by articles,
    coloured by actor type."""
    if actors.empty:
        return _empty("No actors match these filters")
    label = {"n_mentions": "Mentions", "n_articles": "Articles"}.get(by, by)
    df = actors.sort_values([by, "actor"], ascending=[False, True]).head(top).copy()
    df["actor"] = df["actor"].map(plain)
    fig = px.bar(
        df, x=by, y="actor", color="actor_type", orientation="h",
        color_discrete_map=ACTOR_TYPE_COLORS,
        category_orders={"actor": list(df["actor"]),
                         "actor_type": [t for t in ACTOR_TYPE_COLORS if t in set(df["actor_type"])]},
        labels={by: label, "actor": "Actor", "actor_type": "Actor type"},
        hover_data={"n_mentions": True, "n_articles": True},
    )
    fig.update_layout(height=_height(len(df), per_row=24), margin=dict(l=10, r=10, t=30, b=10),
                      yaxis_title=None)
    return fig


def mentions_over_time_figure(df: pd.DataFrame) -> go.Figure:
    """Mentions per publication period, one line (with markers) per actor."""
    if df.empty:
        return _empty("No dated mentions match these filters")
    df = df.assign(actor=df["actor"].map(plain))
    fig = px.line(df, x="period", y="mentions", color="actor", markers=True,
                  labels={"period": "Published", "mentions": "Mentions", "actor": "Actor"})
    if df["period"].nunique() <= 2:
        fig = px.bar(df, x="period", y="mentions", color="actor", barmode="group",
                     labels={"period": "Published", "mentions": "Mentions", "actor": "Actor"})
    fig.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10))
    return fig


def cooccurrence_figure(matrix: pd.DataFrame, level: str = "sentence") -> go.Figure:
    """A heatmap of how often two actors appear in the same sentence (or article)."""
    if matrix.empty:
        return _empty("No two actors appear together under these filters")
    matrix = matrix.rename(index=plain, columns=plain)
    fig = px.imshow(matrix, color_continuous_scale="Blues", aspect="auto", text_auto=True,
                    labels={"x": "Actor", "y": "Actor", "color": f"Shared {level}s"})
    fig.update_traces(hovertemplate="%{y} + %{x}: %{z} " + level + "s<extra></extra>")
    fig.update_layout(height=_height(len(matrix), per_row=30, minimum=320),
                      margin=dict(l=10, r=10, t=30, b=10))
    fig.update_xaxes(tickangle=-45)
    return fig


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, level: str = "sentence") -> go.Figure:
    """Who appears with whom as a network: a node per actor (size: co-occurrences, colour: type),
    a line per pair that shares a sentence (or article), wider the more often. The layout is
    networkx's spring layout with a fixed seed, so the same data is drawn the same way."""
    if nodes.empty or edges.empty:
        return _empty("No two actors appear together under these filters")
    graph = nx.Graph()
    graph.add_nodes_from(nodes["actor"])
    for a, b, n in edges[["actor_a", "actor_b", "count"]].itertuples(index=False):
        graph.add_edge(a, b, weight=float(n))
    pos = nx.spring_layout(graph, weight="weight", seed=7, k=1.6 / math.sqrt(max(len(graph), 1)))
    fig = go.Figure()
    top = float(edges["count"].max())
    # one trace per line width (plotly draws a trace's lines in one width)
    widths = edges.assign(width=(1 + 5 * edges["count"] / top).round())
    for width, group in widths.groupby("width"):
        xs, ys = [], []
        for a, b in group[["actor_a", "actor_b"]].itertuples(index=False):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=float(width), color="rgba(128,128,128,0.45)")))
    # the pairs' counts, hoverable at the middle of each line
    fig.add_trace(go.Scatter(
        x=[(pos[a][0] + pos[b][0]) / 2 for a, b in edges[["actor_a", "actor_b"]].itertuples(index=False)],
        y=[(pos[a][1] + pos[b][1]) / 2 for a, b in edges[["actor_a", "actor_b"]].itertuples(index=False)],
        mode="markers", marker=dict(size=6, opacity=0), showlegend=False,
        text=[f"{plain(a)} + {plain(b)}: {n} {level}s"
              for a, b, n in edges[["actor_a", "actor_b", "count"]].itertuples(index=False)],
        hovertemplate="%{text}<extra></extra>"))
    biggest = float(nodes["together"].max()) or 1.0
    order = {t: i for i, t in enumerate(ACTOR_TYPE_COLORS)}
    by_type = sorted(nodes.groupby("actor_type", sort=False), key=lambda g: order.get(g[0], len(order)))
    for actor_type, group in by_type:
        fig.add_trace(go.Scatter(
            x=[pos[a][0] for a in group["actor"]], y=[pos[a][1] for a in group["actor"]],
            mode="markers+text", name=actor_type or "other",
            marker=dict(size=[12 + 28 * math.sqrt(t / biggest) for t in group["together"]],
                        color=ACTOR_TYPE_COLORS.get(actor_type, ACTOR_TYPE_COLORS["other"]),
                        line=dict(width=1, color="white")),
            text=[plain(a) for a in group["actor"]], textposition="top center",
            customdata=group[["together", "n_mentions"]].to_numpy(),
            hovertemplate="%{text}: together with others in %{customdata[0]} " + level
                          + "s, %{customdata[1]} mentions<extra></extra>"))
    fig.update_layout(height=_height(len(nodes), per_row=22, minimum=420, maximum=900),
                      margin=dict(l=10, r=10, t=30, b=10), legend_title_text="Type",
                      xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def places_figure(df: pd.DataFrame) -> go.Figure:
    """Countries and places as points sized by mentions, coloured by actor type."""
    if df.empty:
        return _empty("No places with known coordinates match these filters")
    df = df.assign(actor=df["actor"].map(plain))
    fig = px.scatter_geo(
        df, lat="lat", lon="lon", size="n_mentions", color="actor_type", hover_name="actor",
        hover_data={"n_mentions": True, "n_articles": True, "lat": False, "lon": False,
                    "actor_type": False},
        color_discrete_map=ACTOR_TYPE_COLORS, projection="natural earth", size_max=30,
        labels={"actor_type": "Actor type", "n_mentions": "Mentions", "n_articles": "Articles"},
    )
    fig.update_geos(showcountries=True, showland=True, landcolor="rgba(128,128,128,0.15)",
                    countrycolor="rgba(128,128,128,0.5)", showocean=False, bgcolor="rgba(0,0,0,0)",
                    fitbounds="locations" if len(df) > 1 else False)
    fig.update_layout(height=460, margin=dict(l=0, r=0, t=30, b=0))
    return fig


def map_points(df: pd.DataFrame) -> pd.DataFrame:
    """The places frame with a `color` (by actor type) and a `size` (radius in metres, growing
    with the square root of the mentions) for `st.map`, which draws its points even when the
    base map tiles cannot be fetched."""
    out = df.copy()
    out["color"] = out["actor_type"].map(ACTOR_TYPE_COLORS).fillna(ACTOR_TYPE_COLORS["other"])
    out["size"] = 25_000 + 40_000 * out["n_mentions"].astype(float) ** 0.5
    return out


# The nearest of Streamlit's named Markdown colours, for legends outside plotly.
_NAMED = {"person": "blue", "organisation": "orange", "country": "green", "place": "violet",
          "other": "gray"}


def map_legend(types) -> str:
    """Markdown legend for `map_points`: ":blue[●] person · :green[●] country …"."""
    present = set(types)
    return " · ".join(f":{_NAMED[t]}[●] {t}" for t in ACTOR_TYPE_COLORS if t in present)
