"""AppTests of issue 12's timeline items: the Timeline's axis, outliers, toggles, the notice about
undated articles (also under the Actors page's Mentions over time), and dates for undated
uploads (a dateline, a date set on the upload page); the Timeline with the sidebar filters.
Real data layer (tests/conftest.py)."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import ACTOR, app, download_labels, select_actor, texts

# Two articles in a fresh uploads folder: one dated, telling of 1949 and the 19th century (the
# outliers), one without any date (its "gestern" cannot be placed).
CHRONICLE = ("---\ntitle: Nato-Chronik\npublished: 2022-10-20\nlanguage: de\n---\n"
             "Die Nato wurde im April 1949 in Washington gegründet.\n"
             "Im 19. Jahrhundert gab es kein solches Bündnis.\n"
             "Generalmajor James Martin sagte am Montag, die Nato stehe zusammen.\n")
UNDATED = ("---\ntitle: Ohne Datum\nlanguage: de\n---\n"
           "Generalmajor James Martin sagte gestern in London, die Nato werde der Ukraine helfen.\n"
           "James Martin sprach danach mit Jens Stoltenberg.\n")


TIMELINE = "pages/timeline.py"


def x_range(at: AppTest, key: str = "timeline_chart") -> tuple[pd.Timestamp, pd.Timestamp]:
    chart = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    lo, hi = json.loads(chart.proto.spec)["layout"]["xaxis"]["range"]
    return pd.Timestamp(lo), pd.Timestamp(hi)


def shown(at: AppTest) -> str:
    parts = [c.value for c in at.caption] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts).replace("\\", "")


@pytest.fixture
def extra_articles(dashboard_env, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "chronik.md").write_text(CHRONICLE, encoding="utf-8")
    (folder / "ohne-datum.md").write_text(UNDATED, encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(folder))
    return folder


def test_timeline_toggles_say_what_they_do(dashboard_env):
    at = app(page=TIMELINE)
    labels = {t.key: t.label for t in at.toggle}
    assert labels["timeline_publication"] == ("Include sentences dated only by the article's "
                                              "publication date")
    assert labels["timeline_outliers"] == "Show outliers (none)"  # the fixtures have none
    assert at.toggle(key="timeline_outliers").disabled
    assert at.toggle(key="timeline_outliers").value is False, "outliers are off by default"


def test_timeline_axis_zooms_to_the_event_date_filter(dashboard_env):
    lo, hi = x_range(app(page=TIMELINE))
    assert pd.Timestamp("2022-07-01") < lo and hi < pd.Timestamp("2023-03-01"), (lo, hi)
    lo, hi = x_range(app({"event_from": "2022-10-15", "event_to": "2022-10-31"}, page=TIMELINE))
    assert pd.Timestamp("2022-10-15") <= lo and hi <= pd.Timestamp("2022-11-01"), (lo, hi)


def test_outliers_behind_a_toggle_and_undated_articles_counted(extra_articles):
    at = app(page=TIMELINE)
    lo, hi = x_range(at)
    assert lo > pd.Timestamp("2022-01-01"), "1949 and the 19th century are not on the axis"
    label = at.toggle(key="timeline_outliers").label  # "Show outliers (3 hidden)"
    hidden = int(label.split("(")[1].split()[0])
    assert label == f"Show outliers ({hidden} hidden)" and hidden >= 2, label
    assert "1 article(s) have no publication date" in shown(at)
    at.toggle(key="timeline_outliers").set_value(True).run()
    assert not at.exception
    lo, _ = x_range(at)
    assert lo < pd.Timestamp("1900-01-01"), "with the outliers the axis reaches back"
    assert at.toggle(key="timeline_outliers").label == f"Show outliers ({hidden})"
    assert at.toggle(key="timeline_outliers").value is True


def test_mentions_over_time_counts_undated_articles_and_ticks_by_period(extra_articles):
    at = app({"actor": "James Martin"}, page="pages/actors.py")
    assert "mention(s) in 1 article(s) with no publication date are left out" in shown(at)
    chart = next(c for c in at.get("plotly_chart") if "actors_time" in c.proto.id)
    axis = json.loads(chart.proto.spec)["layout"]["xaxis"]
    lo, hi = (pd.Timestamp(v) for v in axis["range"])
    assert hi - lo >= pd.Timedelta(days=7) and axis["dtick"] in (86_400_000, 7 * 86_400_000, "M1")


def test_upload_with_a_date_and_with_a_dateline(dashboard_env, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(folder))
    at = app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    uploader.upload("ohne.txt", b"Olaf Scholz traf gestern in Paris Emmanuel Macron.")
    uploader.upload("agentur.txt", "PARIS, 18. Oktober 2022 (AFP) – Olaf Scholz traf Emmanuel "
                                   "Macron im Élysée-Palast.".encode())
    at.date_input(key="upload_published").set_value(dt.date(2022, 11, 3))
    at.form_submit_button[0].click().run()
    assert not at.exception, at.exception
    added = next(d.value for d in at.dataframe if "published" in d.value.columns)
    added = added.set_index("title")["published"]
    assert pd.Timestamp(added["Olaf Scholz traf gestern in Paris Emmanuel Macron."]) == pd.Timestamp("2022-11-03")
    assert pd.Timestamp(added[added.index.str.startswith("PARIS")].iloc[0]) == pd.Timestamp("2022-10-18")
    notes = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert "taken from the dateline 'PARIS, 18. Oktober 2022 (AFP) –'" in notes
    assert (folder / "ohne.txt").read_text() == "Olaf Scholz traf gestern in Paris Emmanuel Macron."
    assert (folder / ".ohne.txt.lagebild.json").is_file()


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
