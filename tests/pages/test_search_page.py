"""AppTests of the Search page (pages/search.py) on the dashboard's test corpus."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.settings import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/search.py"


def search_page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def qp(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_query_from_the_url_shows_results_in_context(dashboard_env):
    at = search_page({"q": "scholz"})
    assert at.text_input(key="search_q").value == "scholz"
    rows = at.dataframe(key="search_table").value
    assert len(rows) == 1 and rows.iloc[0]["source"] == "Tagesspiegel"
    assert rows.iloc[0]["match"] == "Scholz"
    assert "Bundeskanzler Olaf :orange-background[**Scholz**]" in markdown(at)            # the hit, highlighted in its context
    assert at.get("plotly_chart"), "attention over time is drawn"
    [button] = at.get("download_button")
    assert button.label == "Download 1 row as CSV"


def test_download_has_exactly_the_rows_shown(dashboard_env):
    at = search_page({"q": "Ukraine OR Ukraine*"})
    rows = at.dataframe(key="search_table").value
    assert len(rows) >= 2
    [button] = at.get("download_button")
    assert button.label == f"Download {len(rows)} rows as CSV"


def test_typing_a_query_puts_it_in_the_url_and_no_match_says_so(dashboard_env):
    at = search_page()
    assert not at.get("plotly_chart")
    at.text_input(key="search_q").input('"kein solcher Satz"').run()
    assert not at.exception
    assert qp(at, "q") == ['"kein solcher Satz"']
    assert any("No articles match this search" in i.value for i in at.info)
    assert not at.get("download_button")


def test_search_combines_with_the_actor_filter(dashboard_env):
    everywhere = search_page({"q": "Ukraine*"}).dataframe(key="search_table").value
    at = search_page({"q": "Ukraine*", "actor": "Olaf Scholz"})
    rows = at.dataframe(key="search_table").value
    assert len(everywhere) > 1 and list(rows["source"]) == ["Tagesspiegel"]
    assert "within the filters" in "\n".join(str(c.value) for c in at.caption)
