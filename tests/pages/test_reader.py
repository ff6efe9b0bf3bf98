"""The reader (pages/articles.py): no gap before punctuation, the filtered actor emphasised,
the undated time expressions listed. AppTests on the real data layer (tests/conftest.py)."""
from __future__ import annotations

import pytest

from pages.ui.markdown import READER_CSS, STYLE
from tests.pages.apptest import ACTOR, app


@pytest.fixture
def seed_id(dashboard_corpus):
    rows = dashboard_corpus.articles[dashboard_corpus.articles["path"].str.contains("seed-telegraph")]
    return rows.iloc[0]["id"]


def _body(at) -> str:
    return max((m.value for m in at.markdown if "background[" in m.value), key=len)


def test_reader_no_gap_before_punctuation(dashboard_env, seed_id):
    at = app({"article": seed_id}, page="pages/articles.py")
    assert ":blue-background[**Lloyd Austin**], der" in _body(at)
    # the directive's horizontal padding (the visible "gap") is dropped in the reader's box
    assert any(h.proto.body == READER_CSS for h in at.get("html"))
    for m in at.markdown:
        assert not m.proto.allow_html


def test_reader_emphasises_the_filtered_actor(dashboard_env, seed_id):
    at = app({"article": seed_id, "actor": ACTOR}, page="pages/articles.py")
    body = _body(at)
    assert ":violet-background[**" in body and "Martin" in body.split(":violet-background[**", 1)[1][:40]
    assert ":blue-background[**Lloyd Austin**]" in body  # other actors keep the actor style
    legend = [m.value for m in at.markdown if "filtered actor" in m.value]
    assert legend and STYLE["focus"].format("filtered actor") in legend[0]
    # without an actor filter: no emphasis, no legend entry
    at = app({"article": seed_id}, page="pages/articles.py")
    assert ":violet-background[" not in _body(at)
    assert not [m for m in at.markdown if "filtered actor" in m.value]


def test_reader_lists_undated_time_expressions(dashboard_env, seed_id):
    at = app({"article": seed_id}, page="pages/articles.py")
    tabs = [t for t in at.tabs if t.label.startswith("Undated time expressions (")]
    assert len(tabs) == 1
    df = tabs[0].dataframe[0].value
    assert len(df) and tabs[0].label == f"Undated time expressions ({len(df)})"
    assert "in den kommenden Tagen" in set(df["expression"])
    assert set(df["why"]) <= {"vague past", "vague future", "vague present", "incomplete date",
                              "duration", "recurring", "no date range"}
