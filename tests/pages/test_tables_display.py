"""AppTests of issue 13's table items: human column names on screen and the same headers in the
CSVs (exactly the shown columns, then the ids), unknown dates and values shown the same way on
every page (an empty cell, the column's help says so), no character offsets, tables sized to their
rows with long text wide. Real data layer (tests/conftest.py)."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit

import pages.ui.components as components
from lib.present.columns import IDS, OFFSETS, UNKNOWN_HELP, label
from lib.query import aliases as AL
from tests.pages.apptest import app

# the pages with tables, opened so that every table has rows (the search needs a query)
TABLE_PAGES = ["app.py", "pages/timeline.py", "pages/actors.py", "pages/quotes.py",
               "pages/search.py"]
RAW = {"actor_type", "n_mentions", "n_articles", "n_words", "pipeline", "date_start", "date_end",
       "date_source", "speaker_actor", "article_id", "speaker_id", "actor_id", "actor_ids",
       "timex", "link", "url"}
ID_LABELS = {label(c) for c in IDS}

UNDATED = ("---\ntitle: Ohne Datum\nlanguage: de\n---\n"
           "Generalmajor James Martin sagte gestern in London: „Die Nato wird der Ukraine "
           "helfen.“\nJames Martin sprach danach mit Jens Stoltenberg über die Ukraine.\n")


@pytest.fixture
def recorded(dashboard_env, monkeypatch):
    """What the pages hand to st.dataframe (key, height) and to the CSV writer (the frames)."""
    tables, csvs = [], []
    shown = streamlit.dataframe

    def dataframe(data=None, *args, **kwargs):
        tables.append(kwargs)
        return shown(data, *args, **kwargs)

    writer = components.to_csv_bytes

    def to_csv_bytes(df):
        csvs.append(df)
        return writer(df)

    button = streamlit.download_button

    def download_button(label, data=None, *args, **kwargs):
        if callable(data):      # written on a click (pages.ui.components.csv_of): write it now
            data = data()
        return button(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "dataframe", dataframe)
    monkeypatch.setattr(streamlit, "download_button", download_button)
    monkeypatch.setattr(components, "to_csv_bytes", to_csv_bytes)
    return tables, csvs


@pytest.fixture
def undated_article(dashboard_env, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "ohne-datum.md").write_text(UNDATED, encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(folder))
    return folder


def shown_labels(table) -> list[str]:
    config = json.loads(table.proto.columns or "{}")
    return [config[c]["label"] for c in table.value.columns
            if c in config and config[c].get("hidden") is not True and "label" in config[c]]


def page_with_query(page: str):
    # the Actors page builds its table of all mentions only with its expander open
    return app({"q": "Ukraine*", "all_mentions": "true"}, page)


@pytest.mark.parametrize("page", TABLE_PAGES)
def test_tables_show_human_column_names_and_download_exactly_them(recorded, page):
    _, csvs = recorded
    at = page_with_query(page)
    assert len(at.dataframe), page
    headers = [list(df.columns) for df in csvs]
    for table in at.dataframe:
        config = json.loads(table.proto.columns)
        labels = shown_labels(table)
        assert labels, table.key
        assert not RAW & set(labels), (table.key, labels)
        assert all(c[:1].isupper() for c in labels), (table.key, labels)
        for column in table.value.columns:   # every column has a human name or is hidden
            assert column in config, (table.key, column)
        # the CSV of this table: exactly these headers, in this order, then (only) ids
        assert any(h[:len(labels)] == labels and set(h[len(labels):]) <= ID_LABELS
                   for h in headers), (table.key, labels, headers)
    names = {lab for t in at.dataframe for lab in shown_labels(t)}
    expected = {"app.py": {"Type", "Mentions", "Articles", "Words", "Annotated by", "Link"},
                "pages/timeline.py": {"From", "To", "Dated by", "Time expression", "Link"},
                "pages/quotes.py": {"Speaker", "Quote", "Date", "Link"}}.get(page, set())
    assert expected <= names, (expected - names)


def test_quote_and_mention_tables_have_no_character_offsets(recorded):
    tables, csvs = recorded
    for page, key in (("pages/quotes.py", "quotes_table"), ("pages/actors.py", "actors_mentions")):
        csvs.clear()
        at = page_with_query(page)
        table = at.dataframe(key=key)
        shown = shown_labels(table)
        assert not {"Start", "End", "start", "end", "Speaker start", "Speaker end"} & set(shown)
        config = json.loads(table.proto.columns)
        assert not set(OFFSETS) & {c for c in table.value.columns if c in config
                                   and config[c].get("hidden") is not True}
        assert all(not set(OFFSETS) & set(df.columns) and "Start" not in df.columns
                   for df in csvs)


def test_unknown_dates_and_values_are_empty_cells_everywhere(recorded, undated_article):
    for page in TABLE_PAGES:
        at = page_with_query(page)
        for table in at.dataframe:
            values = table.value
            for column in values.columns:
                cells = values[column]
                assert not cells.isna().any(), (page, table.key, column)
                if cells.dtype == object:
                    assert not cells.astype(str).isin(["None", "NaT", "nan"]).any(), \
                        (page, table.key, column)
            config = json.loads(table.proto.columns)
            for column, cfg in config.items():
                if column in ("published", "date", "date_start", "date_end"):
                    assert UNKNOWN_HELP in cfg.get("help", ""), (page, table.key, column)
        if page == "app.py":   # the undated article: an empty Published cell
            articles = at.dataframe(key="overview_articles").value
            row = articles[articles["title"] == "Ohne Datum"]
            assert list(row["published"]) == [""]
            assert (articles["published"] != "").sum() >= 1


def test_alias_rules_show_empty_cells_not_none(recorded, dashboard_env, tmp_path, monkeypatch):
    path = tmp_path / "aliases.csv"
    AL.save([AL.Rule("hide", "Nato", "")], path)
    monkeypatch.setenv("LAGEBILD_ALIASES", str(path))
    at = app(page="pages/aliases.py")
    table = at.dataframe[0]   # (a table without selection has no key in the test tree)
    assert shown_labels(table) == ["Correction", "Actor", "Becomes"]
    assert list(table.value.iloc[0]) == ["hide", "Nato", ""]


@pytest.mark.parametrize("page", TABLE_PAGES)
def test_tables_are_sized_to_their_rows_and_titles_wide(recorded, page):
    tables, _ = recorded
    at = page_with_query(page)
    calls = tables[-len(at.dataframe):]   # the calls of the last run, in the page's order
    for table, kwargs in zip(at.dataframe, calls):
        assert not table.proto.id or table.proto.id.endswith(kwargs["key"])
        n = len(table.value)
        assert kwargs.get("height") == min(35 * (n + 1) + 3, 600), (table.key, n, kwargs.get("height"))
        config = json.loads(table.proto.columns)
        for column in ("title", "article", "quote", "sentence"):
            if column in config:
                assert config[column].get("width") == "large", (table.key, column)
    if page == "app.py":   # the article table is no 10-row box: 3 articles, 4 rows high
        n = len(at.dataframe(key="overview_articles").value)
        height = next(k["height"] for k in calls if k.get("key") == "overview_articles")
        assert height == 35 * (n + 1) + 3 < 400


def test_table_height_caps_and_scrolls():
    assert components.table_height(0) == 73
    assert components.table_height(3) == 143
    assert components.table_height(1000) == 600


def test_csv_of_a_table_has_link_and_ids_after_the_shown_columns():
    from lib.present.columns import export_frame
    df = pd.DataFrame({"speaker": ["A"], "quote": ["q"], "start": [3], "end": [9],
                       "anonymous": [False], "speaker_id": ["Q1"], "article_id": ["x"],
                       "link": ["http://h/articles?article=x"]})
    out = export_frame(df)
    assert list(out.columns) == ["Link", "Speaker", "Quote", "Article ID", "Speaker ID"]
