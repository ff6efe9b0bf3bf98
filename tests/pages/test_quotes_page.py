"""The Quotes page. AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

from lib.query import Filters, quote_table, select
from tests.pages.apptest import ACTOR, app, download_labels, select_actor, texts


def test_quotes_page_shows_only_the_actors_quotes(dashboard_env, dashboard_corpus):
    at = app(page="pages/quotes.py")
    everyone = at.dataframe(key="quotes_table").value
    assert len(everyone) == (dashboard_corpus.quotes["kind"] != "phrase").sum()  # phrases hidden by default
    assert everyone["speaker"].str.startswith("anonymous").any(), "anonymous sources shown"
    select_actor(at)
    mine = at.dataframe(key="quotes_table").value
    expected = quote_table(select(dashboard_corpus, Filters(actors=(ACTOR,))))
    assert len(mine) == len(expected) > 0
    assert set(mine["speaker"]) == {ACTOR}
    assert list(mine["quote"]) == list(expected["quote"])
    assert download_labels(at) == [f"Download {len(expected)} rows as CSV"]


def test_quote_search(dashboard_env):
    at = app(page="pages/quotes.py")
    at.text_input(key="quotes_search").set_value("Himmel").run()
    table = at.dataframe(key="quotes_table").value
    assert len(table) >= 1 and table["quote"].str.contains("Himmel", case=False).all()
    at.text_input(key="quotes_search").set_value("zzzz-nothing").run()
    assert "No quotes match these filters" in texts(at)
