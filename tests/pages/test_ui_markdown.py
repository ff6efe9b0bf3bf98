"""The reader's Markdown and the reader links (pages/ui: markdown, components), without a server."""
from __future__ import annotations

from lib.query import Filters, article_detail, article_segments
from pages.ui.components import article_link, dashboard_base, with_links
from pages.ui.markdown import escape_markdown, highlighted_markdown


def test_article_link_keeps_the_filters():
    f = Filters(actors=("James Martin",), actor_types=("person",))
    assert article_link("abc", f) == "articles?actor=James+Martin&type=person&article=abc"


def test_with_links_adds_a_reader_link_per_row(toy_corpus):
    import pandas as pd

    df = with_links(pd.DataFrame({"article_id": ["a1", "a2"]}), Filters(actors=("Nato",)))
    assert list(df["link"]) == ["articles?actor=Nato&article=a1", "articles?actor=Nato&article=a2"]


def test_reader_markdown_escapes_html_and_markdown(toy_corpus):
    md = highlighted_markdown(article_detail(toy_corpus, "a1").segments())
    assert "<b>" not in md and "\\<b\\>" in md
    assert ":blue-background[**James Martin**]" in md
    assert escape_markdown("*a* [b](c) $x$ :red[y] <i>") == \
        "\\*a\\* \\[b\\]\\(c\\) \\$x\\$ \\:red\\[y\\] \\<i\\>"
    # lines become paragraphs; a highlight never spans a line break
    assert md.count("\n\n") == toy_corpus.text("a1").count("\n")


def test_highlighted_markdown_plain_segments():
    segs = article_segments("a *b* c", None, None, None)
    assert highlighted_markdown(segs) == "a \\*b\\* c"


def test_csv_links_are_absolute_under_the_dashboards_address():
    assert dashboard_base("http://127.0.0.1:8501/quotes?actor=X") == "http://127.0.0.1:8501/"
    assert dashboard_base("http://127.0.0.1:8501/") == "http://127.0.0.1:8501/"
    assert dashboard_base("https://host/lagebild/quotes") == "https://host/lagebild/"
    assert dashboard_base(None) == ""
    assert article_link("a1", Filters(actors=("Nato",)), "http://h/") == "http://h/articles?actor=Nato&article=a1"
