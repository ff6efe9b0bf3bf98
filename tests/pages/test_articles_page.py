"""The Articles page: the list and the reader. AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

import pytest

from tests.pages.apptest import ACTOR, app, qp, select_actor, texts


@pytest.fixture
def seed_id(dashboard_corpus):
    rows = dashboard_corpus.articles[dashboard_corpus.articles["path"].str.contains("seed-telegraph")]
    return rows.iloc[0]["id"]


def test_articles_page_lists_filtered_articles(dashboard_env, dashboard_corpus, seed_id):
    at = app(page="pages/articles.py")
    assert len(at.dataframe(key="articles_table").value) == len(dashboard_corpus.articles)
    select_actor(at)
    table = at.dataframe(key="articles_table").value
    assert list(table["article_id"]) == [seed_id]


def test_reader_highlights_without_html(dashboard_env, dashboard_corpus, seed_id):
    at = app({"article": seed_id, "actor": ACTOR}, page="pages/articles.py")
    body = [m for m in at.markdown if "background[" in m.value]
    assert body, "the article text is rendered with highlights"
    text = max((m.value for m in body), key=len)
    assert ":blue-background[**" in text and ":orange-background[*" in text
    assert "Luftraum" in text
    for m in at.markdown:
        assert not m.proto.allow_html, "article text is never rendered as HTML"
    assert at.multiselect(key="f_actor").value == [ACTOR]
    assert qp(at, "article") == [seed_id]


def test_unknown_article_link(dashboard_env):
    at = app({"article": "nope"}, page="pages/articles.py")
    assert "not in the corpus" in texts(at)


def test_reader_escapes_markup_in_article_text(dashboard_env, dashboard_corpus):
    article = dashboard_corpus.articles[dashboard_corpus.articles["source"] == "Reuters"].iloc[0]
    at = app({"article": article["id"]}, page="pages/articles.py")
    body = max((m.value for m in at.markdown), key=len)
    assert "<b>" not in body and "\\<b\\>No drones\\</b\\>" in body
    assert "[link](javascript" not in body and "\\[link\\]\\(javascript" in body
    assert "\\*ever\\*" in body
    for m in at.markdown:
        assert not m.proto.allow_html
