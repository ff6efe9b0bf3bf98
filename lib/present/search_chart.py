"""The search page's chart: the share of articles matching a query per period (attention over
time), from lib.query.search.attention. Like lib/present/charts.py it sets no template, so
`st.plotly_chart(fig, theme="streamlit")` follows the app's theme."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..query.search import PERIOD_NAMES

__all__ = ["attention_figure"]

COLOR = "#0072B2"  # the Okabe–Ito blue of lib/present/charts.py


def attention_figure(series: pd.DataFrame, period: str = "D", query: str = "") -> go.Figure:
    """Bars of the share of articles matching the query per period (in %), the counts in the
    hover text ("3 of 12 articles"); a period in which nothing was published has no bar but a
    grey mark ("no articles published"). Given an empty frame, a figure with a note."""
    fig = go.Figure()
    name = PERIOD_NAMES.get(period, "period")
    if series.empty:
        fig.add_annotation(text="No dated articles", showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return fig
    fmt = {"M": "%Y-%m", "Y": "%Y"}.get(period, "%Y-%m-%d")
    labels = [("week of " if period == "W" else "") + p.strftime(fmt) for p in series["period"]]
    fig.add_bar(
        x=series["period"], y=series["share"] * 100, marker_color=COLOR, name="share",
        customdata=list(zip(labels, series["matching"], series["articles"])),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]} of %{customdata[2]} articles"
                      " (%{y:.1f} %)<extra></extra>")
    empty = series[series["articles"] == 0]
    if len(empty):   # periods with nothing published: a grey mark, not a 0 % that means "no match"
        fig.add_scatter(
            x=empty["period"], y=[0] * len(empty), mode="markers", name="no articles",
            marker=dict(color="#999999", symbol="line-ew-open", size=10),
            customdata=[lab for lab, n in zip(labels, series["articles"]) if n == 0],
            hovertemplate="%{customdata}<br>no articles published<extra></extra>")
    fig.update_layout(
        margin=dict(l=10, r=10, t=30, b=10), height=320, bargap=0.15, showlegend=False,
        title=dict(text=f"Share of articles matching, per {name}", font=dict(size=14)))
    fig.update_yaxes(title_text="% of articles", rangemode="tozero", ticksuffix=" %")
    fig.update_xaxes(title_text=None)
    return fig
