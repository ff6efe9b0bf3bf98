"""AppTests of the dashboard on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (conftest)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.query import Filters, quote_table, select

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/overview.py", "pages/timeline.py", "pages/actors.py", "pages/quotes.py",
         "pages/articles.py", "pages/upload.py"]
ACTOR = "James Martin"


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Run app.py as a server does once its `st.navigation` has run.

    Streamlit decides per process whether an app with a `pages/` folder uses the old multipage
    mode; a server switches it off for good at the first `st.navigation` call, but AppTest
    resets it before every run, so each run would start in the old mode (see
    pages/_shared.ensure_entrypoint). Keep it off, as in a running server."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def app(query: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def qp(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def select_actor(at: AppTest, actor: str = ACTOR) -> AppTest:
    at.multiselect(key="f_actor").select(actor).run()
    assert not at.exception, at.exception
    return at


def download_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def plain(markdown: str) -> str:
    """Markdown with its backslash escapes removed (file names are escaped when shown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return plain("\n".join(str(p) for p in parts))


@pytest.fixture
def seed_id(dashboard_corpus):
    rows = dashboard_corpus.articles[dashboard_corpus.articles["path"].str.contains("seed-telegraph")]
    return rows.iloc[0]["id"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(dashboard_env, page):
    at = app(page=page)
    assert at.title, "every page has a title"
    assert len(at.sidebar.multiselect) == 4, "the sidebar filters are on every page"


def test_actor_options_show_counts(dashboard_env):
    options = app().multiselect(key="f_actor").options
    assert any(o.startswith(ACTOR + " · person · ") for o in options)
    counts = [int(o.rsplit(" · ", 1)[1]) for o in options if o.rsplit(" · ", 1)[1].isdigit()]
    assert counts == sorted(counts, reverse=True)  # most mentioned first


def test_overview_changes_with_actor(dashboard_env, dashboard_corpus):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == str(len(dashboard_corpus.articles))
    select_actor(at)
    filtered = {m.label: m.value for m in at.metric}
    assert filtered["Articles"] == "1"
    assert filtered["Quotes"] != metrics["Quotes"]
    assert qp(at, "actor") == [ACTOR]


def test_timeline_changes_with_actor(dashboard_env):
    at = app(page="pages/timeline.py")
    before = download_labels(at)
    assert at.get("plotly_chart"), "the timeline is drawn"
    select_actor(at)
    after = download_labels(at)
    assert after != before
    events = at.dataframe(key="timeline_table").value if at.get("plotly_chart") else None
    if events is not None:
        assert all(ACTOR in names for names in events["actors"])
    else:
        assert "No events match these filters" in texts(at)


def test_timeline_hides_publication_dated_events(dashboard_env):
    at = app(page="pages/timeline.py")
    table = at.dataframe(key="timeline_table").value
    assert set(table["date_source"]) == {"text", "publication"}
    at.toggle(key="timeline_publication").set_value(False).run()
    assert set(at.dataframe(key="timeline_table").value["date_source"]) == {"text"}
    at.segmented_control(key="timeline_rows").set_value("article").run()
    assert not at.exception and at.get("plotly_chart")


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


def test_filters_load_from_the_url_on_any_page(dashboard_env, dashboard_corpus):
    at = app({"actor": ACTOR, "type": "person", "language": "de"}, page="pages/quotes.py")
    assert at.multiselect(key="f_actor").value == [ACTOR]
    assert at.multiselect(key="f_type").value == ["person"]
    assert at.multiselect(key="f_language").value == ["de"]
    assert set(at.dataframe(key="quotes_table").value["speaker"]) == {ACTOR}
    # switching pages keeps the filters, in the widgets and in the URL
    at.switch_page("pages/overview.py").run()
    assert at.multiselect(key="f_actor").value == [ACTOR]
    assert qp(at, "actor") == [ACTOR]
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"


def test_publication_dates_from_the_url(dashboard_env):
    at = app({"published_from": "2022-10-25", "published_to": "2022-10-25"})
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    assert qp(at, "published_from") == ["2022-10-25"]


def test_bad_url_values_are_ignored(dashboard_env, dashboard_corpus):
    at = app({"type": "<script>", "event_from": "yesterday", "actor": "Nobody at all"})
    assert at.multiselect(key="f_type").value == []
    # an unknown actor stays selected (marked) and simply matches nothing
    assert {m.label: m.value for m in at.metric}["Articles"] == "0"
    assert "No articles match these filters" in texts(at)


def test_clear_filters(dashboard_env, dashboard_corpus):
    at = app({"actor": ACTOR})
    at.button(key="clear_filters").click().run()
    assert at.multiselect(key="f_actor").value == []
    assert "actor" not in at.query_params
    assert {m.label: m.value for m in at.metric}["Articles"] == str(len(dashboard_corpus.articles))


# ---------------------------------------------------------------- uploads


@pytest.fixture
def own_uploads(dashboard_env, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(folder))
    return folder


def test_upload_article_and_zip(own_uploads):
    article = ("---\ntitle: Scholz in Paris\npublished: 2022-11-10\nsource: Test\nlanguage: de\n"
               "---\nBundeskanzler Olaf Scholz traf am Donnerstag in Paris Emmanuel Macron.\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../evil/../zipped.md", article.replace("Paris", "Rom"))
        zf.writestr("notes.exe", b"MZ")
    at = app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    uploader.upload("scholz.md", article.encode())
    uploader.upload("bundle.zip", buf.getvalue())
    uploader.upload("empty.txt", b"")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert sorted(p.name for p in own_uploads.iterdir()) == ["scholz.md", "zipped.md"]
    messages = plain("\n".join(e.value for e in at.error))
    assert "bundle.zip/notes.exe" in messages and "empty.txt" in messages
    assert any("Added 2 article" in s.value for s in at.success)
    # the new articles are part of the corpus on every page now
    at.switch_page("pages/overview.py").run()
    titles = set(at.dataframe(key="overview_articles").value["title"])
    assert "Scholz in Paris" in titles
    # … and still after a restart (a new session reading the same uploads folder)
    again = app()
    assert "Scholz in Paris" in set(again.dataframe(key="overview_articles").value["title"])
    # uploading the same file again adds nothing
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_files").upload("scholz.md", article.encode())
    at.form_submit_button[0].click().run()
    assert any("already in the corpus" in i.value for i in at.info)
    assert sorted(p.name for p in own_uploads.iterdir()) == ["scholz.md", "zipped.md"]


def test_upload_bad_files_never_give_a_traceback(own_uploads):
    at = app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    uploader.upload("broken.json", b"{not json")
    uploader.upload("broken.zip", b"PK\x03\x04 not really")
    at.form_submit_button[0].click().run()
    assert not at.exception
    shown = plain("\n".join([e.value for e in at.error] + [w.value for w in at.warning]))
    assert "broken.zip" in shown and "broken.json" in shown
    assert "not kept" in shown
    assert not own_uploads.exists() or not list(own_uploads.iterdir()), "bad files are not kept"


def test_reader_escapes_markup_in_article_text(dashboard_env, dashboard_corpus):
    article = dashboard_corpus.articles[dashboard_corpus.articles["source"] == "Reuters"].iloc[0]
    at = app({"article": article["id"]}, page="pages/articles.py")
    body = max((m.value for m in at.markdown), key=len)
    assert "<b>" not in body and "\\<b\\>No drones\\</b\\>" in body
    assert "[link](javascript" not in body and "\\[link\\]\\(javascript" in body
    assert "\\*ever\\*" in body
    for m in at.markdown:
        assert not m.proto.allow_html


def test_date_range_widgets_write_the_url(dashboard_env):
    import datetime as dt

    at = app(page="pages/timeline.py")
    at.date_input(key="f_events").set_value((dt.date(2022, 10, 1), dt.date(2022, 10, 31))).run()
    assert qp(at, "event_from") == ["2022-10-01"] and qp(at, "event_to") == ["2022-10-31"]
    table = at.dataframe(key="timeline_table").value
    assert len(table) > 0
    assert (table["date_start"] <= "2022-10-31 23:59").all()
    assert (table["date_end"].fillna(table["date_start"]) >= "2022-10-01").all()
    at.date_input(key="f_published").set_value((dt.date(2022, 11, 1), dt.date(2022, 11, 30))).run()
    assert qp(at, "published_from") == ["2022-11-01"]
    assert set(at.dataframe(key="timeline_table").value["published"].dt.month) == {11}
