"""lib/export.py: CSV for spreadsheets — BOM, ISO dates, no formula injection."""
import csv
import io

import pandas as pd

from lib.present.export import neutralise, to_csv_bytes
from lib.query import Filters, quote_table, select


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_bom_umlauts_and_header():
    data = to_csv_bytes(pd.DataFrame({"Überschrift": ["Luftüberlegenheit – „Zitat“"]}))
    assert rows(data) == [["Überschrift"], ["Luftüberlegenheit – „Zitat“"]]
    assert data.endswith(b"\r\n")


def test_iso_dates_and_missing_values():
    df = pd.DataFrame({
        "published": pd.to_datetime(["2022-10-18", None]).astype("datetime64[ns]"),
        "stamp": pd.to_datetime(["2022-10-18 09:30", "2022-10-19 00:00"]).astype("datetime64[ns]"),
        "n": [1, 2],
        "nullable": pd.array([3, None], dtype="Int64"),
    })
    assert rows(to_csv_bytes(df))[1:] == [["2022-10-18", "2022-10-18T09:30:00", "1", "3"],
                                         ["", "2022-10-19T00:00:00", "2", ""]]


def test_formula_injection_is_neutralised():
    values = ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx", "fine", "a=b", ""]
    out = [r[0] for r in rows(to_csv_bytes(pd.DataFrame({"v": values})))[1:]]
    assert out == ["'=1+1", "'+49 30", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "fine", "a=b", ""]
    assert neutralise("=cmd") == "'=cmd"
    # header cells too; numbers stay numbers
    data = rows(to_csv_bytes(pd.DataFrame({"=evil": [-5]})))
    assert data == [["'=evil"], ["-5"]]


def test_lists_are_joined_and_neutralised():
    df = pd.DataFrame({"actors": [["James Martin", "Nato"], ["=x"], []]})
    assert [r[0] for r in rows(to_csv_bytes(df))[1:]] == ["James Martin; Nato", "'=x", ""]


def test_quotes_newlines_and_commas_round_trip():
    text = 'Er sagte: "Wir, die Armee,\nkämpfen."'
    assert rows(to_csv_bytes(pd.DataFrame({"quote": [text]})))[1] == [text]


def test_empty_frame_gives_header_only():
    assert rows(to_csv_bytes(pd.DataFrame(columns=["a", "b"]))) == [["a", "b"]]


def test_filtered_quote_extract_has_exactly_the_filtered_rows(toy_corpus):
    df = quote_table(select(toy_corpus, Filters(actors=("Hossein Amirabdollahian",))))
    table = rows(to_csv_bytes(df))
    header, body = table[0], table[1:]
    assert len(body) == 1
    record = dict(zip(header, body[0]))
    assert record["speaker"] == "Hossein Amirabdollahian"
    assert record["quote"] == "'=HYPERLINK(\"http://x\")"
    assert record["date"] == "2022-10-25"
