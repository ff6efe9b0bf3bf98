"""The Overview page (app.py). AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

from tests.pages.apptest import ACTOR, app, qp, select_actor


def test_overview_changes_with_actor(dashboard_env, dashboard_corpus):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == str(len(dashboard_corpus.articles))
    select_actor(at)
    filtered = {m.label: m.value for m in at.metric}
    assert filtered["Articles"] == "1"
    assert filtered["Quotes"] != metrics["Quotes"]
    assert qp(at, "actor") == [ACTOR]


def test_publication_dates_from_the_url(dashboard_env):
    at = app({"published_from": "2022-10-25", "published_to": "2022-10-25"})
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    assert qp(at, "published_from") == ["2022-10-25"]
