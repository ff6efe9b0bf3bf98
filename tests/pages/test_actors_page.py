"""The Actors page. AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

from tests.pages.apptest import app, download_labels, select_actor


def test_actors_page_changes_with_actor(dashboard_env):
    at = app(page="pages/actors.py")
    before = download_labels(at)
    charts_before = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(charts_before) >= 3  # frequency, over time, co-occurrence (+ map)
    select_actor(at)
    assert [c.proto.spec for c in at.get("plotly_chart")] != charts_before
    assert download_labels(at) != before
    at.segmented_control(key="actors_level").set_value("article").run()
    assert not at.exception


def test_actors_page_shows_a_network_or_a_matrix(dashboard_env):
    at = app(page="pages/actors.py")
    ids = [c.proto.id for c in at.get("plotly_chart")]
    assert any("actors_network" in i for i in ids), ids
    at.segmented_control(key="actors_cooc_view").set_value("matrix").run()
    assert not at.exception
    ids = [c.proto.id for c in at.get("plotly_chart")]
    assert any("actors_cooc" in i for i in ids) and not any("actors_network" in i for i in ids)


def test_all_mentions_are_built_only_with_their_expander_open(dashboard_env):
    closed = app(page="pages/actors.py")
    assert not [d for d in closed.dataframe if d.key == "actors_mentions"]
    assert not [b for b in closed.get("download_button") if "mentions" in str(b.proto.id)]
    opened = app({"all_mentions": "true"}, page="pages/actors.py")
    rows = opened.dataframe(key="actors_mentions").value
    assert len(rows) > 0
    assert f"Download {len(rows)} rows as CSV" in download_labels(opened)
