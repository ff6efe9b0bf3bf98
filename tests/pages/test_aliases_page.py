"""The Aliases page: add a correction, see it applied to the actor list, delete it."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.query import aliases as AL
from lib.settings import REPO_ROOT


@pytest.fixture
def alias_file(dashboard_env, tmp_path, monkeypatch):
    path = tmp_path / "aliases.csv"
    monkeypatch.setenv("LAGEBILD_ALIASES", str(path))
    return path


def aliases_page() -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/aliases.py").run()
    assert not at.exception, at.exception
    return at


def test_add_apply_and_delete_a_rule(alias_file):
    at = aliases_page()
    assert at.title[0].value == "Aliases"
    at.selectbox(key="alias_actor").select("Wallace")
    at.radio(key="alias_action").set_value("hide")
    at.button[0].click().run()                      # the form's submit button
    assert not at.exception, at.exception
    assert AL.load(alias_file) == [AL.Rule("hide", "Wallace", "")]
    # the Overview's actor list no longer has the hidden actor
    at.switch_page("app.py").run()
    assert not at.exception, at.exception
    options = at.sidebar.multiselect(key="f_actor").options
    assert not any(o.startswith("Wallace") for o in options)
    at.switch_page("pages/aliases.py").run()
    at.selectbox(key="alias_delete").select_index(0).run()
    at.button(key="alias_delete_button").click().run()
    assert not at.exception, at.exception
    assert AL.load(alias_file) == []
