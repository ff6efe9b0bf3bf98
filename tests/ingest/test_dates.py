"""lib/ingest/dates.py: publication dates from metadata values and from datelines."""
from __future__ import annotations

import datetime as dt

import pytest

from lib.ingest.corpus import (
    load_corpus,
    make_article,
)
from lib.ingest.dates import find_dateline, parse_date, year_hint


@pytest.mark.parametrize("value, expected", [
    ("2022-10-18", dt.date(2022, 10, 18)),
    ("2022-10-18T09:30:00+02:00", dt.date(2022, 10, 18)),
    ("2022-10-18T23:30:00Z", dt.date(2022, 10, 18)),
    ("2022-10-18 09:30:00 CEST", dt.date(2022, 10, 18)),
    ("18.10.2022", dt.date(2022, 10, 18)),
    ("18.10.22", dt.date(2022, 10, 18)),
    ("18. Oktober 2022", dt.date(2022, 10, 18)),
    ("Dienstag, 18. Okt. 2022, 09:30 Uhr", dt.date(2022, 10, 18)),
    ("3. März 2022", dt.date(2022, 3, 3)),
    ("October 18, 2022", dt.date(2022, 10, 18)),
    ("Oct. 18th, 2022", dt.date(2022, 10, 18)),
    ("18 October 2022", dt.date(2022, 10, 18)),
    ("Tue, 18 Oct 2022 09:30:00 +0200", dt.date(2022, 10, 18)),
    ("18/10/2022", dt.date(2022, 10, 18)),
    ("10/11/2022", None),  # ambiguous day/month
    ("2022-10", None),
    ("31.02.2022", None),
    ("gestern", None),
    ("", None),
    (None, None),
    (float("nan"), None),
    (dt.date(2022, 10, 18), dt.date(2022, 10, 18)),
    (dt.datetime(2022, 10, 18, 22, 0), dt.date(2022, 10, 18)),
    ("0001-01-01", None),                  # placeholders of exporting systems, not dates
    ("9999-12-31T23:59:59", None),
    (dt.date(1, 1, 1), None),
    ("1850-03-01", dt.date(1850, 3, 1)),   # an old newspaper is fine
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_pandas():
    pd = pytest.importorskip("pandas")
    assert parse_date(pd.Timestamp("2022-10-18 10:00", tz="Europe/Berlin")) == dt.date(2022, 10, 18)
    assert parse_date(pd.NaT) is None


# ---------------------------------------------------------------- datelines (issue 12)


DATELINES = [
    # German
    ("Berlin, 18. Oktober 2022 (Reuters) – Der Kanzler reist nach Paris.", dt.date(2022, 10, 18)),
    ("BERLIN (dpa), 18.10.2022 – Die Bundesregierung berät.", dt.date(2022, 10, 18)),
    ("BERLIN (dpa) 18. Oktober 2022 – Die Bundesregierung berät.", dt.date(2022, 10, 18)),
    ("Kiew, 18.10.2022 – Die Ukraine meldet Angriffe.", dt.date(2022, 10, 18)),
    ("Frankfurt am Main, 3. März 2021 (dpa/AFP) – Die EZB.", dt.date(2021, 3, 3)),
    ("# Titel\n\n**BERLIN**, 18.10.22 (dpa) – Text.", dt.date(2022, 10, 18)),
    # English
    ("WASHINGTON, October 18, 2022 — The White House said.", dt.date(2022, 10, 18)),
    ("LONDON, 18 October 2022 (Reuters) - Britain said.", dt.date(2022, 10, 18)),
    ("A title line\nNEW YORK, Nov. 2, 2022 (Reuters) - Stocks fell.", dt.date(2022, 11, 2)),
]


@pytest.mark.parametrize("text,expected", DATELINES, ids=[t[:24] for t, _ in DATELINES])
def test_dateline_gives_the_date(text, expected):
    line = find_dateline(text)
    assert line is not None and line.date == expected and line.has_year
    assert line.text in " ".join(text.split()) and line.text[-1] in "-–—"


@pytest.mark.parametrize("text", ["Berlin, 18. Oktober (Reuters) – Der Kanzler reist.",
                                  "LONDON, Oct 18 (Reuters) - Britain said.",
                                  "Kiew, 18.10. – Die Ukraine meldet Angriffe."])
def test_dateline_without_a_year_takes_only_a_given_year(text):
    line = find_dateline(text)
    assert line is not None and line.date is None and not line.has_year
    assert find_dateline(text, year=2022).date == dt.date(2022, 10, 18)


@pytest.mark.parametrize("text", [
    "Berlin ist am 18. Oktober 2022 - so heißt es - eine Reise wert.",
    "Berlin, 18. Oktober 2022 war ein kalter Tag.",              # no dash: a sentence
    "Am 18. Oktober 2022 – so die Regierung – begann es.",       # no place
    "LONDON (Reuters) - Britain said on Tuesday.",                # place and agency, no date
    "Paris, France - a city of light.",
    "Washington said on October 18, 2022 — in a statement.",
    "Text.\nMore text.\nStill more.\nBerlin, 18.10.2022 – too deep in the text.",
    "Berlin, 31. Februar 2022 – no such day.",
])
def test_no_dateline(text):
    line = find_dateline(text, year=2022)
    assert line is None or line.date is None


def test_year_hint_needs_one_year():
    assert year_hint("Oktober 2022", "", "bericht.md") == 2022
    assert year_hint("", "https://example.org/2022/10/18/x", "reuters-2022-10-18.md") == 2022
    assert year_hint("", "https://example.org/2021/x", "bericht-2022.md") is None  # disagree
    assert year_hint("", "", "bericht.md") is None
    assert year_hint("", "", "1230gmt-bericht.md") is None  # not a plausible year


def test_make_article_takes_the_date_from_a_dateline():
    article, issues = make_article("BERLIN (dpa), 18.10.2022 – Olaf Scholz reist nach Paris.",
                                   path="a.txt")
    assert article.published == dt.date(2022, 10, 18)
    assert [(i.action, i.problem) for i in issues] == [(
        "repaired", "no publication date in the metadata: 2022-10-18 taken from the dateline "
                    "'BERLIN (dpa), 18.10.2022 –'")]
    # a date in the metadata wins
    article, issues = make_article("BERLIN (dpa), 18.10.2022 – Olaf Scholz reist nach Paris.",
                                   published="2022-10-19", path="a.txt")
    assert article.published == dt.date(2022, 10, 19) and issues == []


def test_year_less_dateline_needs_a_year_from_elsewhere():
    text = "LONDON, Oct 18 (Reuters) - Britain said on Tuesday it would send more aid."
    article, issues = make_article(text, path="notes/reuters-story.txt")
    assert article.published is None and issues == [], "no year anywhere: unknown, not guessed"
    article, issues = make_article(text, path="notes/reuters-2022.txt")
    assert article.published == dt.date(2022, 10, 18)
    assert "(the year from the metadata or file name)" in issues[0].problem
    article, issues = make_article(text, url="https://www.reuters.com/world/2022/10/18/x",
                                   path="x.csv#row=3")
    assert article.published == dt.date(2022, 10, 18) and issues[0].row == 3
    article, issues = make_article(text, published="Herbst 2022", path="x.txt")
    assert article.published == dt.date(2022, 10, 18)
    assert [i.problem.split(":")[0] for i in issues] == ["date 'Herbst 2022' not understood",
                                                         "no publication date in the metadata"]


def test_text_that_starts_with_a_place_name_keeps_no_date(tmp_path):
    path = tmp_path / "bericht-2022.txt"
    path.write_text("Berlin, die Hauptstadt, erwartet am 18. Oktober Gäste – so der Senat.\n"
                    "London blieb ruhig.", encoding="utf-8")
    result = load_corpus([path])
    assert result.articles[0].published is None and result.report == []


def test_loader_reports_the_dateline(tmp_path):
    path = tmp_path / "bericht.md"
    path.write_text("# Scholz in Paris\n\nParis, 18. Oktober 2022 (AFP) – Bundeskanzler Olaf "
                    "Scholz traf Emmanuel Macron.\n", encoding="utf-8")
    result = load_corpus([path])
    assert result.articles[0].published == dt.date(2022, 10, 18)
    report = result.report_frame()
    assert list(report["action"]) == ["repaired"]
    assert "dateline 'Paris, 18. Oktober 2022 (AFP) –'" in report["problem"][0]


def test_a_placeholder_date_is_reported_and_left_empty(tmp_path):
    path = tmp_path / "alt.md"
    path.write_text("---\npublished: 0001-01-01\n---\nDie Nato tagte in Brüssel.\n", encoding="utf-8")
    result = load_corpus([path])
    assert result.articles[0].published is None
    [problem] = list(result.report_frame()["problem"])
    assert "'0001-01-01' is no publication date (the year 1 is outside 1800–2200" in problem
