"""Plotly figures for the views, built from the frames of lib/query.py.

The figures set no template: `st.plotly_chart(fig, theme="streamlit")` styles them to follow the
app's light or dark theme. Colours come from fixed maps so an actor type or a granularity has the
same colour on every chart. Callers check for empty frames first (the views say "nothing
matches" instead of drawing empty axes); given an empty frame these functions still return a
figure, with a note.
"""
from __future__ import annotations

import html
import json
import math
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ..settings import RESOURCES_DIR

__all__ = ["plain", "wrap", "ACTOR_TYPE_COLORS", "GRANULARITY_COLORS", "timeline_figure", "frequency_figure",
           "mentions_over_time_figure", "period_axis", "MIN_BAR_SHARE", "cooccurrence_figure", "network_figure", "places_figure",
           "country_outlines", "WORLD_FILE"]

# Country shapes for the map, shipped with the project (nothing is fetched from a tile or CDN
# server): Natural Earth 1:110m Admin 0 countries (public domain), as TopoJSON from the npm
# package world-atlas 2.0.2 (ISC), unchanged; see lib/resources/world/README.md.
WORLD_FILE = RESOURCES_DIR / "world" / "countries-110m.json"

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


# The narrowest bar, as a share of the axis: a day on a multi-year axis stays visible.
MIN_BAR_SHARE = 1 / 200


# what a bar's hover shows of its evidence: sentences and titles are cut here (the table below the
# chart has them whole), so a chart of thousands of bars stays light to send to the browser
HOVER_SENTENCE, HOVER_TITLE = 240, 100
_DATED_BY = {"text": "time expression", "publication": "publication date only"}


def timeline_figure(df: pd.DataFrame, row_label: str = "Actor",
                    x_range: tuple | None = None) -> go.Figure:
    """Events as bars from their start to their end (a day is one day wide, a month a month),
    one row per actor or article, coloured by granularity; events dated only by publication
    are drawn hatched. Hover: time expression, resolved value, date range, evidence sentence.

    `x_range` (start, end) sets the axis (see `lib.query.timeline_view`); default: all bars.
    Every bar is drawn at least `MIN_BAR_SHARE` of the axis wide (the hover keeps the real
    dates), so a day on a ten-year axis is still a visible mark. Events of one row, granularity
    and dating that would be drawn on top of each other — the same dates, or narrow bars starting
    in the same 1/200 of the axis — are one bar from the first start to the last end, whose hover
    shows the first of them, the whole span and how many more there are. One `go.Bar` trace per
    granularity and dating (plotly express's timeline took seconds for 4,000 bars)."""
    if df.empty:
        return _empty("No events match these filters")
    if x_range is None:
        x_range = (df["start"].min(), df["end"].max())
    x0, x1 = pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    narrowest = (x1 - x0) * MIN_BAR_SHARE
    dated_by = df["date_source"].map(_DATED_BY).fillna(df["date_source"])
    df = df.assign(**{"dated by": dated_by.astype(object)})
    keys = ["row", "start", "end", "granularity", "dated by"]
    same = df.groupby(keys, sort=False, dropna=False)["start"].transform("size")
    first = ~df.duplicated(keys)
    df = df[first].assign(more=same[first].to_numpy() - 1)
    # so are narrow bars (drawn `narrowest` wide) of a row, granularity and dating that start in
    # the same 1/200 of the axis: one bar from the first start to the last end
    df = df.sort_values("start", kind="stable")
    narrow = ((df["end"] - df["start"]) < narrowest).to_numpy()
    slot = np.where(narrow, ((df["start"] - x0) // narrowest).to_numpy(dtype=float),
                    -1.0 - np.arange(len(df)))
    df = df.assign(_slot=slot)
    near = ["row", "granularity", "dated by", "_slot"]
    grouped = df.groupby(near, sort=False, dropna=False)
    events = grouped["more"].transform("sum") + grouped["start"].transform("size")
    last = grouped["end"].transform("max")
    first = ~df.duplicated(near)       # sorted by start: the earliest of each
    df = df[first].assign(more=(events[first] - 1).to_numpy(), end=last[first].to_numpy())
    rows = list(dict.fromkeys(df["row"].map(plain)))       # in the order of their first bar
    order = [g for g in GRANULARITY_COLORS if g in set(df["granularity"])]
    order += sorted(set(df["granularity"]) - set(order))
    fig = go.Figure()
    for granularity in order:
        for dating in ("time expression", "publication date only"):
            part = df[(df["granularity"] == granularity) & (df["dated by"] == dating)]
            if part.empty:
                continue
            end = part["end"].where(part["end"] - part["start"] >= narrowest,
                                    part["start"] + narrowest)
            # per bar only what differs between its events: granularity and dating are the trace's
            custom = pd.DataFrame({
                "what": part["timex"].map(lambda t: plain(t) if t else "(no time expression)"),
                "value": part["value"].map(plain),
                "more": part["more"].map(lambda n: f"<br>and {n} more event{'s' if n > 1 else ''} "
                                         "in these dates (the table lists them)" if n else ""),
                "first day": part["start"].dt.strftime("%Y-%m-%d"),
                # the real last day, not the end of a bar widened for drawing
                "last day": (part["end"] - pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d"),
                "sentence": part["sentence"].map(lambda t: wrap(t, limit=HOVER_SENTENCE)),
                "article": part["article"].map(lambda t: wrap(t, width=100, limit=HOVER_TITLE)),
            })
            starts = part["start"]
            fmt = "%Y-%m-%d" if (starts == starts.dt.normalize()).all() else "%Y-%m-%dT%H:%M:%S"
            fig.add_trace(go.Bar(
                name=granularity if dating == "time expression" else f"{granularity} · {dating}",
                legendgroup=granularity, orientation="h", y=part["row"].map(plain).to_numpy(),
                base=starts.dt.strftime(fmt).to_numpy(),
                x=((end - starts) / pd.Timedelta(milliseconds=1)).to_numpy(),
                customdata=custom.to_numpy(dtype=object),
                marker=dict(color=GRANULARITY_COLORS.get(granularity), line_width=0,
                            pattern_shape="/" if dating != "time expression" else ""),
                opacity=0.85,
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b> → %{{customdata[1]}} ({plain(granularity)})<br>"
                    f"%{{customdata[3]}} – %{{customdata[4]}} · dated by {plain(dating)}<br>"
                    "<i>%{customdata[6]}</i><br>%{customdata[5]}%{customdata[2]}<extra></extra>"),
            ))
    fig.update_yaxes(title=row_label, autorange="reversed", automargin=True,
                     categoryorder="array", categoryarray=rows, type="category")
    fig.update_xaxes(title="Date the event refers to", range=[x0, x1], type="date")
    fig.update_layout(height=_height(len(rows)), legend_title_text="Granularity · dating", legend_tracegroupgap=0,
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


_PERIODS = {  # freq of lib.query.mentions_over_time → (period length, tick format)
    "D": (pd.Timedelta(days=1), "%d %b %Y"),
    "W": (pd.Timedelta(days=7), "%d %b %Y"),
    "MS": (pd.Timedelta(days=31), "%b %Y"),
}
_DAY_MS = 86_400_000


def period_axis(periods: pd.Series, freq: str = "D", min_periods: int = 7,
                max_ticks: int = 12) -> dict:
    """Plotly x-axis settings for counts per period: a range of at least `min_periods`
    periods around the data, ticks on whole periods (days, weeks, months) — never the
    sub-millisecond ticks plotly chooses for one or two points."""
    length, fmt = _PERIODS.get(freq, _PERIODS["D"])
    lo, hi = pd.Timestamp(periods.min()), pd.Timestamp(periods.max())
    n = max(min_periods, int((hi - lo) / length) + 2)
    extra = length * (n - (hi - lo) / length) / 2
    x0, x1 = lo - extra, hi + extra
    step = max(1, math.ceil(n / max_ticks))
    if freq == "MS":
        dtick, tick0 = f"M{step}", lo.to_period("M").start_time
    else:
        dtick, tick0 = step * (7 if freq == "W" else 1) * _DAY_MS, lo.normalize()
    return dict(range=[x0, x1], dtick=dtick, tick0=tick0, tickformat=fmt, type="date")


def mentions_over_time_figure(df: pd.DataFrame) -> go.Figure:
    """Mentions per publication period, one line (with markers) per actor, on an axis ticked
    by period (`df.attrs["freq"]`, see `lib.query.mentions_over_time`)."""
    if df.empty:
        return _empty("No dated mentions match these filters")
    freq = df.attrs.get("freq") or "D"
    df = df.assign(actor=df["actor"].map(plain))
    fig = px.line(df, x="period", y="mentions", color="actor", markers=True,
                  labels={"period": "Published", "mentions": "Mentions", "actor": "Actor"})
    fig.update_traces(marker_size=9)
    fig.update_xaxes(**period_axis(df["period"], freq))
    fig.update_yaxes(rangemode="tozero")
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


# The network's label boxes, in layout units (the connected part spans about -1…1): two
# labels overlap when their anchors are closer than LABEL_W across and LABEL_H up/down.
LABEL_W, LABEL_H = 0.42, 0.13


def _separate(pos: dict, names: list[str], w: float = LABEL_W, h: float = LABEL_H,
              rounds: int = 300) -> None:
    """Push apart (in place) nodes whose label boxes overlap, mostly up/down (labels are wide),
    until no two overlap. Deterministic: ties are broken by the order of `names`."""
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                (xa, ya), (xb, yb) = pos[a], pos[b]
                dx, dy = xb - xa, yb - ya
                if abs(dx) >= w or abs(dy) >= h:
                    continue
                moved = True
                # the cheaper way out: up/down unless they are nearly level and far apart across
                if (h - abs(dy)) <= (w - abs(dx)):
                    push = (h - abs(dy)) / 2 + 1e-3
                    sign = 1.0 if dy > 0 or (dy == 0 and i % 2 == 0) else -1.0
                    pos[a] = (xa, ya - sign * push)
                    pos[b] = (xb, yb + sign * push)
                else:
                    push = (w - abs(dx)) / 2 + 1e-3
                    sign = 1.0 if dx > 0 or (dx == 0 and i % 2 == 0) else -1.0
                    pos[a] = (xa - sign * push, ya)
                    pos[b] = (xb + sign * push, yb)
        if not moved:
            return


def network_layout(names: list[str], edges: pd.DataFrame) -> tuple[dict, list[str]]:
    """Positions {actor: (x, y)} for the network and the isolated actors (no edge among `names`).

    The connected actors: networkx's spring layout (fixed seed, unweighted so that heavy
    pairs do not pull a cluster into a knot; line widths show the counts, spread with `k`), scaled to
    about -1…1, then pushed apart until no two label boxes (LABEL_W × LABEL_H) overlap. The
    isolated actors: in rows below the connected part, as far apart as their labels need."""
    graph = nx.Graph()
    graph.add_nodes_from(names)
    for a, b, n in edges[["actor_a", "actor_b", "count"]].itertuples(index=False):
        if a in graph and b in graph and a != b:
            graph.add_edge(a, b, weight=float(n))
    connected = [a for a in names if graph.degree(a) > 0]
    isolated = [a for a in names if graph.degree(a) == 0]
    pos: dict = {}
    if connected:
        core = graph.subgraph(connected)
        raw = nx.spring_layout(core, weight=None, seed=7, iterations=200,
                               k=2.5 / math.sqrt(max(len(core), 1)))
        xs = [p[0] for p in raw.values()]
        ys = [p[1] for p in raw.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
        pos = {a: ((raw[a][0] - cx) / span, (raw[a][1] - cy) / span) for a in connected}
        _separate(pos, connected)
    if isolated:
        if pos:
            x0 = min(p[0] for p in pos.values())
            x1 = max(p[0] for p in pos.values())
            top = min(p[1] for p in pos.values()) - 3 * LABEL_H
        else:
            x0, x1, top = -1.0, 1.0, 0.0
        step = LABEL_W * 1.15
        per_row = max(1, int((x1 - x0) / step) + 1)
        for i, a in enumerate(isolated):
            row, col = divmod(i, per_row)
            pos[a] = (x0 + col * step, top - row * 2 * LABEL_H)
    return pos, isolated


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, level: str = "sentence") -> go.Figure:
    """Who appears with whom as a network: a node per actor (size: co-occurrences, colour: type),
    a line per pair that shares a sentence (or article), wider the more often. The layout is
    `network_layout` (seeded, so the same data is drawn the same way): actors with no line to
    another shown actor in a row below the rest, labels apart."""
    if nodes.empty or edges.empty:
        return _empty("No two actors appear together under these filters")
    pos, isolated = network_layout(list(nodes["actor"]), edges)
    edges = edges[edges["actor_a"].isin(pos) & edges["actor_b"].isin(pos)]
    fig = go.Figure()
    top = float(edges["count"].max()) if len(edges) else 1.0
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
    if isolated:
        x0 = min(pos[a][0] for a in isolated)
        y0 = min(pos[a][1] for a in isolated)
        fig.add_annotation(x=x0, y=y0 - 1.2 * LABEL_H, xanchor="left", showarrow=False,
                           text=f"These {len(isolated)} share no {level} with another actor shown",
                           font=dict(size=11, color="gray"))
    fig.update_layout(height=_height(len(nodes), per_row=22, minimum=420, maximum=900),
                      margin=dict(l=10, r=10, t=30, b=10), legend_title_text="Type",
                      xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


@lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The outlines of the countries as rings of (lon, lat), decoded from the shipped TopoJSON
    (quantized, delta-encoded arcs; a negative arc index ~i is arc i reversed)."""
    topo = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    rings = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")],
                    "MultiPolygon": geometry.get("arcs")}.get(geometry["type"], [])
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for i in ring:
                    part = arcs[i] if i >= 0 else arcs[~i][::-1]
                    points.extend(part if not points else part[1:])
                rings.extend(_unwrapped(points))
    return tuple(rings)


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[tuple[float, float], ...]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from 180 to -180:
    make its longitudes continuous, and draw it once more 360° to the west so that it shows
    on both edges of the map instead of as a band across it."""
    out = [ring[0]]
    for x, y in ring[1:]:
        last = out[-1][0]
        while x - last > 180:
            x -= 360
        while last - x > 180:
            x += 360
        out.append((x, y))
    if all(a == b for a, b in zip(out, ring)):
        return [tuple(ring)]
    if abs(out[-1][0] - out[0][0]) > 180:  # round the pole (Antarctica): close it along the pole
        pole = -90.0 if sum(y for _, y in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
        shift = -360 * math.floor((min(x for x, _ in out) + 180) / 360)
        return [tuple((x + shift, y) for x, y in out)]
    shift = -360 if max(x for x, _ in out) > 180 else 360
    return [tuple(out), tuple((x + shift, y) for x, y in out)]


def _view(lons: pd.Series, lats: pd.Series) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (lon, lat) ranges that show all points with a margin (at least a region's size)."""
    lo_x, hi_x, lo_y, hi_y = lons.min(), lons.max(), lats.min(), lats.max()
    pad_x = max(8.0, 0.15 * (hi_x - lo_x))
    pad_y = max(5.0, 0.15 * (hi_y - lo_y))
    return ((max(-180.0, lo_x - pad_x), min(180.0, hi_x + pad_x)),
            (max(-85.0, lo_y - pad_y), min(85.0, hi_y + pad_y)))


def places_figure(df: pd.DataFrame) -> go.Figure:
    """Countries and places as points on the country outlines the project ships (no base map
    from a server), sized by mentions, coloured by actor type. Plain x/y axes in degrees,
    stretched for the latitude of the view, zoomed to the points."""
    if df.empty:
        return _empty("No places with known coordinates match these filters")
    df = df.dropna(subset=["lat", "lon"])
    if df.empty:
        return _empty("No places with known coordinates match these filters")
    (x0, x1), (y0, y1) = _view(df["lon"].astype(float), df["lat"].astype(float))
    xs: list = []
    ys: list = []
    for ring in country_outlines():  # only the countries in (or near) the view
        if any(x0 - 30 <= x <= x1 + 30 and y0 - 20 <= y <= y1 + 20 for x, y in ring):
            xs += [x for x, _ in ring] + [None]
            ys += [y for _, y in ring] + [None]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor="rgba(128,128,128,0.15)",
        line=dict(width=0.7, color="rgba(128,128,128,0.6)"), hoverinfo="skip",
        showlegend=False, name="countries"))
    biggest = float(df["n_mentions"].max()) or 1.0
    order = {t: i for i, t in enumerate(ACTOR_TYPE_COLORS)}
    by_type = sorted(df.groupby("actor_type", sort=False), key=lambda g: order.get(g[0], len(order)))
    for actor_type, group in by_type:
        fig.add_trace(go.Scatter(
            x=group["lon"], y=group["lat"], mode="markers", name=actor_type or "other",
            marker=dict(size=[8 + 22 * math.sqrt(n / biggest) for n in group["n_mentions"]],
                        color=ACTOR_TYPE_COLORS.get(actor_type, ACTOR_TYPE_COLORS["other"]),
                        opacity=0.8, line=dict(width=1, color="white")),
            text=[plain(a) for a in group["actor"]],
            customdata=group[["n_mentions", "n_articles"]].to_numpy(),
            hovertemplate="<b>%{text}</b><br>%{customdata[0]} mentions in "
                          "%{customdata[1]} articles<extra></extra>"))
    middle = math.radians(max(-70.0, min(70.0, (y0 + y1) / 2)))
    fig.update_xaxes(range=[x0, x1], visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(range=[y0, y1], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1 / math.cos(middle))
    fig.update_layout(height=460, margin=dict(l=0, r=0, t=30, b=0), legend_title_text="Actor type",
                      plot_bgcolor="rgba(0,0,0,0)", dragmode="pan")
    return fig
