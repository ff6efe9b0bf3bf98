"""The search page's attention chart (lib/present/search_chart.py)."""
from __future__ import annotations

import math

import pandas as pd

from lib.present.search_chart import attention_figure
from lib.query.search import attention


def test_a_period_without_articles_is_marked_not_drawn_as_zero_percent():
    articles = pd.DataFrame({"id": ["a", "b", "c"],
                             "published": pd.to_datetime(["2022-10-03", "2022-10-05", "2022-10-06"])})
    series = attention(articles, ["a"], "D")        # 10-04: nothing published; 10-05/06: no match
    fig = attention_figure(series, "D")
    bars = fig.data[0]
    shares = list(bars.y)
    assert shares[0] == 100 and shares[2] == 0 and shares[3] == 0
    assert math.isnan(shares[1])                    # no bar on the empty day
    [marks] = [t for t in fig.data if t.name == "no articles"]
    assert [pd.Timestamp(x).strftime("%m-%d") for x in marks.x] == ["10-04"]
    assert "no articles published" in marks.hovertemplate


def test_no_marks_when_every_period_has_articles():
    articles = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2022-10-03", "2022-10-04"])})
    fig = attention_figure(attention(articles, ["b"], "D"), "D")
    assert [t.name for t in fig.data] == ["share"]
