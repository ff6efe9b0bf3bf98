"""One download button per table, labelled with the table's number of rows ("1 row", "2 rows")."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.settings import REPO_ROOT


def rows_label(n: int) -> str:
    return f"Download {n} row{'' if n == 1 else 's'} as CSV"


# (the Actors page also offers the data of its charts, so it has more buttons than tables)
@pytest.mark.parametrize("page", ["app.py", "pages/timeline.py", "pages/quotes.py", "pages/articles.py",
                                  "pages/search.py"])
def test_one_download_per_table_with_its_row_count(dashboard_env, page):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.query_params["q"] = "Ukraine*"
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    tables = list(at.dataframe)
    labels = [b.label for b in at.get("download_button")]
    assert len(labels) == len(tables), (labels, len(tables))
    assert sorted(labels) == sorted(rows_label(len(t.value)) for t in tables)
    assert all(re.fullmatch(r"Download (1 row|\d+ rows) as CSV", label) for label in labels)
