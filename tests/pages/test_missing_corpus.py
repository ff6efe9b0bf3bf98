"""A corpus folder that does not exist is named on every page and in the terminal."""
from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from lib.ingest.corpus import load_corpus
from lib.settings import REPO_ROOT

PAGES = ["app.py", "pages/timeline.py", "pages/actors.py", "pages/quotes.py",
         "pages/articles.py", "pages/search.py", "pages/upload.py"]


@pytest.fixture
def missing_env(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-corpus"
    monkeypatch.setenv("LAGEBILD_CORPUS", str(missing))
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(tmp_path / "uploads"))
    return missing


@pytest.mark.parametrize("page", PAGES)
def test_every_page_names_the_missing_folder(missing_env, page):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.query_params["q"] = "Nato"
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and str(missing_env) in errors[0] and "does not exist" in errors[0]
    infos = " ".join(i.value for i in at.info)
    assert "match these filters" not in infos


def test_overview_says_the_corpus_is_empty(missing_env):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert any("The corpus has no articles" in i.value for i in at.info)
    [report] = [d.value for d in at.dataframe if "problem" in d.value.columns]
    assert list(report["problem"]) == ["no such file or folder"]


def test_the_terminal_is_told(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="lib.ingest.corpus"):
        result = load_corpus(tmp_path / "gone")
    assert result.articles == [] and [i.problem for i in result.report] == ["no such file or folder"]
    assert any("corpus folder or file not found" in r.getMessage() and "gone" in r.getMessage()
               for r in caplog.records)
