"""The sidebar on every page: navigation, filters in the URL, notices for values of a link that are dropped. AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import ACTOR, APP, PAGES, app, notices, qp, select_actor, texts


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
    assert ACTOR + " (3)" in options
    counts = [int(o.split(" (", 1)[1].split(")")[0]) for o in options if " quote" not in o]
    assert counts == sorted(counts, reverse=True)  # most mentioned first


def test_filters_load_from_the_url_on_any_page(dashboard_env, dashboard_corpus):
    at = app({"actor": ACTOR, "type": "person", "language": "de"}, page="pages/quotes.py")
    assert at.multiselect(key="f_actor").value == [ACTOR]
    assert at.multiselect(key="f_type").value == ["person"]
    assert at.multiselect(key="f_language").value == ["de"]
    assert set(at.dataframe(key="quotes_table").value["speaker"]) == {ACTOR}
    # switching pages keeps the filters, in the widgets and in the URL
    at.switch_page("app.py").run()
    assert at.multiselect(key="f_actor").value == [ACTOR]
    assert qp(at, "actor") == [ACTOR]
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"


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


def test_date_range_widgets_write_the_url(dashboard_env):
    import datetime as dt

    at = app(page="pages/timeline.py")
    at.date_input(key="f_events").set_value((dt.date(2022, 10, 1), dt.date(2022, 10, 31))).run()
    assert qp(at, "event_from") == ["2022-10-01"] and qp(at, "event_to") == ["2022-10-31"]
    table = at.dataframe(key="timeline_table").value  # dates shown as YYYY-MM-DD, "" unknown
    assert len(table) > 0
    assert (table["date_start"] <= "2022-10-31").all()
    assert (table["date_end"].replace("", None).fillna(table["date_start"]) >= "2022-10-01").all()
    at.date_input(key="f_published").set_value((dt.date(2022, 11, 1), dt.date(2022, 11, 30))).run()
    assert qp(at, "published_from") == ["2022-11-01"]
    assert set(at.dataframe(key="timeline_table").value["published"].str[:7]) == {"2022-11"}


# (query parameters, the parameter and value a notice must name); every one of them crashed
# a page with a traceback (dates the date widgets or pandas cannot hold) or was dropped silently.
BAD_URLS = [
    ({"published_from": "0001-01-01"}, "published_from", "0001-01-01"),
    ({"event_from": "0500-01-01"}, "event_from", "0500-01-01"),
    ({"published_to": "9999-12-31"}, "published_to", "9999-12-31"),
    ({"event_to": "9999-12-31", "event_from": "2022-10-01"}, "event_to", "9999-12-31"),
    ({"published_from": "1500-06-01"}, "published_from", "1500-06-01"),
    ({"event_from": "2400-01-01"}, "event_from", "2400-01-01"),
    ({"event_from": "yesterday"}, "event_from", "yesterday"),
    ({"type": "<script>"}, "type", "<script>"),
]


@pytest.mark.parametrize("query,name,value", BAD_URLS, ids=[f"{n}={v}" for _, n, v in BAD_URLS])
def test_bad_url_values_are_dropped_with_a_notice(dashboard_env, query, name, value):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, val in query.items():
        at.query_params[key] = val
    at.run()
    assert not at.exception, at.exception
    shown = notices(at)
    assert f"{name}={value}" in shown, shown
    assert value not in qp(at, name), "the dropped value leaves the URL"
    assert {m.label: m.value for m in at.metric}["Articles"], "the page is drawn"
    select_actor(at)
    assert f"{name}={value}" not in notices(at), "the notice goes once the filters change"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_out_of_range_url_dates(dashboard_env, page, seed_id):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["published_from"] = "0001-01-01"
    at.query_params["event_from"] = "0500-01-01"
    at.query_params["event_to"] = "9999-12-31"
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title
    shown = notices(at)
    for part in ("published_from=0001-01-01", "event_from=0500-01-01", "event_to=9999-12-31"):
        assert part in shown, shown


def test_edge_dates_in_the_url_still_filter(dashboard_env):
    from lib.query import MAX_DATE, MIN_DATE

    at = app({"published_from": MIN_DATE.isoformat(), "event_to": MAX_DATE.isoformat()})
    assert qp(at, "published_from") == [MIN_DATE.isoformat()]
    assert not notices(at)


@pytest.mark.parametrize("query,shown", [
    ({"published_to": "2022-10-18"}, ("1678-01-01", "2022-10-18")),
    ({"event_from": "2022-10-18"}, ("2022-10-18", "2261-12-31"))])
def test_a_range_with_one_end_in_the_url_stays_open_at_the_other(dashboard_env, query, shown):
    """`?published_to=X` keeps everything published up to X (it used to become the one day X)."""
    at = app(query)
    key = "f_published" if "published_to" in query else "f_events"
    assert tuple(d.isoformat() for d in at.date_input(key=key).value) == shown
    name = next(iter(query))
    other = name.replace("_to", "_from") if name.endswith("_to") else name.replace("_from", "_to")
    assert qp(at, name) == [query[name]] and qp(at, other) == [shown[0] if name.endswith("_to") else shown[1]]
    assert not notices(at)


# (page, view option as it stands in a shared link, the widget it sets and the value it takes)
VIEW_OPTIONS = [
    ("pages/actors.py", {"actors_cooc_view": "matrix"}, "segmented_control", "actors_cooc_view", "matrix"),
    ("pages/actors.py", {"actors_level": "article"}, "segmented_control", "actors_level", "article"),
    ("pages/timeline.py", {"timeline_rows": "article"}, "segmented_control", "timeline_rows", "article"),
    ("pages/timeline.py", {"timeline_publication": "false"}, "toggle", "timeline_publication", False),
    ("pages/quotes.py", {"quotes_search": "Himmel"}, "text_input", "quotes_search", "Himmel"),
]


@pytest.mark.parametrize("page,query,widget,key,value", VIEW_OPTIONS,
                         ids=[f"{p.split('/')[-1]}:{k}" for p, _, _, k, _ in VIEW_OPTIONS])
def test_view_options_live_in_the_url(dashboard_env, page, query, widget, key, value):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.query_params.update(query)   # a shared link with the view option, opened on that page
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert getattr(at, widget)(key=key).value == value



def test_actor_names_in_the_language_chosen(dashboard_env):
    german = app().multiselect(key="f_actor").options
    assert any(o.startswith("Großbritannien") for o in german)
    english = app({"names": "English"}).multiselect(key="f_actor").options
    assert any(o.startswith("United Kingdom") for o in english)
    assert not any(o.startswith("Großbritannien") for o in english)
