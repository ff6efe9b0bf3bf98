"""AppTests of the page building blocks in pages/ui/components.py, each on its own small app."""
from __future__ import annotations

import csv
import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.present.columns import export_frame
from lib.present.export import to_csv_bytes
from lib.query import Filters
from pages.ui.components import csv_of, with_links


def _download_app():
    import pandas as pd

    from lib.query import Filters
    from pages.ui.components import download

    df = pd.DataFrame({"speaker": ["James Martin", "=cmd"], "article_id": ["a1", "a2"]})
    download(df, "quotes", key="dl", filters=Filters(actors=("James Martin",)))


def test_download_gives_the_rows_with_their_reader_links():
    at = AppTest.from_function(_download_app, default_timeout=30).run()
    assert not at.exception, at.exception
    [button] = at.get("download_button")
    assert "2 rows" in button.label
    assert button.proto.deferred_file_id, "the CSV is written when the button is clicked"
    # what the button serves (csv_of, called on the click): the rows with their links, as
    # lib.present.export writes them
    df = pd.DataFrame({"speaker": ["James Martin", "=cmd"], "article_id": ["a1", "a2"]})
    data = csv_of(df, Filters(actors=("James Martin",)))()
    assert data == to_csv_bytes(export_frame(with_links(df, Filters(actors=("James Martin",)))))
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))
    assert [r["Link"] for r in rows] == ["articles?actor=James+Martin&article=a1",
                                         "articles?actor=James+Martin&article=a2"]
    assert rows[1]["Speaker"].startswith("'"), "formula cells are neutralised"


def _table_app():
    import pandas as pd

    from lib.query import Filters
    from pages.ui.components import table

    df = pd.DataFrame({"title": ["A", "B"], "published": pd.to_datetime(["2022-10-18", None]),
                       "article_id": ["a1", "a2"]})
    table(df, key="t", filters=Filters(), hide=("article_id",))


def test_table_shows_a_reader_link_per_row_and_hides_ids():
    at = AppTest.from_function(_table_app, default_timeout=30).run()
    assert not at.exception, at.exception
    shown = at.dataframe(key="t").value
    assert list(shown["link"]) == ["articles?article=a1", "articles?article=a2"]
    assert list(shown["title"]) == ["A", "B"]


def _nothing_app():
    from pages.ui.components import nothing

    nothing("quotes")


def test_nothing_says_what_does_not_match():
    at = AppTest.from_function(_nothing_app, default_timeout=30).run()
    assert [i.value for i in at.info] == ["No quotes match these filters"]


def _picker_app():
    import pandas as pd

    from lib.query import Filters
    from pages.ui.components import actor_picker

    df = pd.DataFrame({"actor": ["James Martin", "Nato"], "n_mentions": [3, 2]})
    actor_picker(df, key="picker", filters=Filters())


def test_actor_picker_renders_a_fresh_table():
    at = AppTest.from_function(_picker_app, default_timeout=30).run()
    assert not at.exception, at.exception
    assert list(at.dataframe(key="picker_0").value["actor"]) == ["James Martin", "Nato"]
