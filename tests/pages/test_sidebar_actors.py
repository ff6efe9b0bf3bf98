"""The sidebar's actor list: Streamlit filters it in the browser by "contains" on the labels
(not fuzzy), and the labels are short, with the other names of an actor."""
from __future__ import annotations

from streamlit.proto.SelectWidgetFilterMode_pb2 import SelectWidgetFilterMode
from streamlit.testing.v1 import AppTest

from lib.settings import REPO_ROOT


def test_actor_list_is_searched_by_contains_on_short_labels(dashboard_env):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    actors = at.multiselect(key="f_actor")
    assert actors.proto.filter_mode == SelectWidgetFilterMode.FILTER_MODE_CONTAINS
    assert "Teheran (3) · Tehran" in actors.options
    assert [o for o in actors.options if "tehran" in o.casefold()] == ["Teheran (3) · Tehran"]
    actors.select("Teheran").run()
    assert not at.exception and at.query_params.get("actor") in ("Teheran", ["Teheran"])
