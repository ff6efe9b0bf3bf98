"""lib/ingest/corpus.py and readers.py: files and folders → articles plus a load report."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from lib.ingest.corpus import (
    SUPPORTED_SUFFIXES,
    Article,
    LoadIssue,
    LoadResult,
    article_id,
    load_corpus,
    load_file,
)
from lib.settings import REPO_ROOT
from tests.ingest.samples import CP1252_CSV, CP1252_TXT, ENGLISH, FIXTURES, GERMAN, SEED

ROOT = REPO_ROOT


def build_corpus(root: Path) -> Path:
    """The committed fixtures plus the broken/binary/legacy-encoded files, made here."""
    folder = root / "corpus"
    shutil.copytree(FIXTURES, folder)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (folder / "binary.txt").write_bytes(png)
    (folder / "empty.md").write_bytes(b"")
    (folder / "umlaute-cp1252.txt").write_bytes(CP1252_TXT.encode("cp1252"))
    (folder / "semikolon-cp1252.csv").write_bytes(CP1252_CSV.encode("cp1252"))
    (folder / "notes.odt").write_bytes(b"PK not really")
    (folder / ".lagebild").mkdir()
    (folder / ".lagebild" / "cache.txt").write_text("Zwischenergebnis.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Versteckte Datei.", encoding="utf-8")
    (folder / "README.md").write_text("# Über diesen Ordner\n\nNotizen.\n", encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return build_corpus(tmp_path)


@pytest.fixture
def loaded(corpus_dir: Path) -> tuple[Path, LoadResult]:
    return corpus_dir, load_corpus(corpus_dir)


def by_name(result: LoadResult, folder: Path) -> dict[str, Article]:
    return {os.path.relpath(a.path, folder): a for a in result.articles}


def issues_by_name(result: LoadResult, folder: Path) -> dict[tuple[str, int | None], LoadIssue]:
    return {(os.path.relpath(i.path, folder), i.row): i for i in result.report}


# --------------------------------------------------------------------------------------
# A folder with every format, good and broken


def test_folder_loads_the_good_articles(loaded):
    folder, result = loaded
    arts = by_name(result, folder)
    assert sorted(arts) == sorted([
        "bad-yaml.md",
        "comma-utf8.csv#row=1",
        "comma-utf8.csv#row=3",
        "feed.jsonl#row=1",
        "feed.jsonl#row=4",
        "kiew-drohnen.txt",
        "list.json#item=0",
        "list.json#item=3",
        "luftabwehr.md",
        "page.html",
        "semikolon-cp1252.csv#row=1",
        "semikolon-cp1252.csv#row=2",
        "single.json",
        os.path.join("sub", "nato-treffen.md"),
        "umlaute-cp1252.txt",
    ])
    # deterministic, sorted order: top-level files by name, then the sub folder
    assert [os.path.relpath(a.path, folder) for a in result.articles][-1] == os.path.join(
        "sub", "nato-treffen.md")
    for a in result.articles:
        assert a.id == hashlib.sha1(a.text.encode("utf-8")).hexdigest()[:16]
        assert a.text == a.text.strip("\n") and "\r" not in a.text and "\ufeff" not in a.text
        assert 0 < len(a.title)
        assert a.language in {"de", "en"}


def test_txt_with_closing_source_line(loaded):
    folder, result = loaded
    a = by_name(result, folder)["kiew-drohnen.txt"]
    assert a.title == "Erneut Drohnenangriffe auf Kiew"
    assert a.source == "Deutsche Welle"
    assert a.published is None
    assert a.language == "de"
    assert a.text.endswith("teilte das Militär mit.")
    assert "Quelle" not in a.text


def test_markdown_front_matter(loaded):
    folder, result = loaded
    a = by_name(result, folder)["luftabwehr.md"]
    assert a.title == "Neue Luftabwehr für die Ukraine"
    assert a.published == dt.date(2022, 10, 18)  # "18. Oktober 2022"
    assert a.source == "Tagesblatt"
    assert a.url == "https://tagesblatt.example/luftabwehr"
    assert a.language == "de"  # "de-DE"
    assert a.text.startswith("# Luftabwehr: Nato liefert neue Systeme\n\nDie Nato will")
    assert "---" not in a.text and "published" not in a.text


def test_markdown_heading_title_and_image_line(loaded):
    folder, result = loaded
    a = by_name(result, folder)[os.path.join("sub", "nato-treffen.md")]
    assert a.title == "Verteidigungsminister treffen sich im Pentagon"
    assert a.text.startswith("# Verteidigungsminister")
    assert "![" not in a.text
    assert a.language == "de"
    assert a.published is None


def test_json_single_object_with_variant_field_names(loaded):
    folder, result = loaded
    a = by_name(result, folder)["single.json"]
    assert a.title == "Iran to send more drones to Russia"
    assert a.published == dt.date(2022, 10, 18)  # date as written, not converted to UTC
    assert a.source == "Reuters"
    assert a.url == "https://news.example/iran-drones"
    assert a.language == "en"
    assert a.text.startswith("Iran has promised") and "\n" in a.text


def test_json_list(loaded):
    folder, result = loaded
    arts = by_name(result, folder)
    first = arts["list.json#item=0"]
    assert first.title == "Cerberus exercise begins"
    assert first.published == dt.date(2022, 10, 18)  # "October 18, 2022"
    assert first.source == "The Telegraph"
    assert first.language == "en"
    last = arts["list.json#item=3"]
    assert last.published is None  # "nächste Woche"
    assert last.url == "https://news.example/waffen"
    assert last.language == "de"
    assert last.title.startswith("Die Bundesregierung prüft weitere Waffenlieferungen")
    assert len(last.title) <= 90


def test_jsonl_good_lines_around_bad_ones(loaded):
    folder, result = loaded
    arts = by_name(result, folder)
    a = arts["feed.jsonl#row=1"]
    assert (a.title, a.published, a.source, a.language) == (
        "Stoltenberg: Lieferungen beginnen bald", dt.date(2022, 10, 18), "dpa", "de")
    b = arts["feed.jsonl#row=4"]
    assert (b.title, b.published, b.source, b.language) == (
        "Macron and Truss discuss attacks", dt.date(2022, 10, 18), "Downing Street", "en")


def test_csv_comma_utf8(loaded):
    folder, result = loaded
    arts = by_name(result, folder)
    a = arts["comma-utf8.csv#row=1"]
    assert a.title == "Drohnen über Kiew"
    assert a.text == ("Kiew wurde erneut angegriffen, sagte der Bürgermeister.\n"
                      "Mindestens drei Menschen starben.")
    assert a.published == dt.date(2022, 10, 17)
    assert (a.source, a.url, a.language) == ("Tagesblatt", "https://tagesblatt.example/kiew", "de")
    b = arts["comma-utf8.csv#row=3"]
    assert (b.title, b.source, b.language) == ("Air defence for Ukraine", "BBC", "en")


def test_csv_semicolon_cp1252(loaded):
    folder, result = loaded
    arts = by_name(result, folder)
    a = arts["semikolon-cp1252.csv#row=1"]
    assert a.title == "Hilfe für Städte"
    assert a.text == ("Die Städte bekommen mehr Geld, sagte die Ministerin; "
                      "die Länder müssen zustimmen.")
    assert a.published == dt.date(2022, 10, 18)
    assert a.source == "Süddeutsche"
    assert a.language == "de"
    b = arts["semikolon-cp1252.csv#row=2"]
    assert b.text == "Über die Straße fährt wieder die Straßenbahn."
    assert b.published is None
    assert b.language == "de"  # empty lang column → detected
    issues = issues_by_name(result, folder)
    assert issues[("semikolon-cp1252.csv", None)].problem == "not UTF-8: read as cp1252"
    assert issues[("semikolon-cp1252.csv", None)].action == "repaired"


def test_wrong_encoding_txt_is_repaired_with_umlauts(loaded):
    folder, result = loaded
    a = by_name(result, folder)["umlaute-cp1252.txt"]
    assert a.title == "Grüße aus Köln"
    assert "„Wir schließen die Brücke über den Rhein.“" in a.text
    assert "Übung" in a.text and "Ärger" in a.text
    assert a.text == CP1252_TXT.replace("\r\n", "\n").strip()
    issue = issues_by_name(result, folder)[("umlaute-cp1252.txt", None)]
    assert (issue.problem, issue.action) == ("not UTF-8: read as cp1252", "repaired")


def test_html_main_text_and_metadata(loaded):
    folder, result = loaded
    a = by_name(result, folder)["page.html"]
    assert a.title == "Nato-Minister beraten über Luftverteidigung"
    assert a.published == dt.date(2022, 10, 18)
    assert a.source == "Rheinischer Bote"
    assert a.url == "https://rheinischer-bote.example/politik/nato-luftverteidigung"
    assert a.language == "de"
    assert "Generalsekretär Jens Stoltenberg kündigte an" in a.text
    for boilerplate in ("Startseite", "Meistgelesen", "Impressum", "Wetter am Wochenende"):
        assert boilerplate not in a.text


def test_report_names_each_broken_file_and_row(loaded):
    folder, result = loaded
    issues = issues_by_name(result, folder)

    def problem(name, row=None, action="skipped"):
        issue = issues[(name, row)]
        assert issue.action == action, issue
        return issue.problem

    assert problem("binary.txt").startswith("binary file")
    assert problem("empty.md") == "empty file"
    assert problem("malformed.json").startswith("invalid JSON at line 1")
    assert problem("feed.jsonl", 2).startswith("invalid JSON at line 2")
    assert "not an article object" in problem("feed.jsonl", 5)
    assert problem("no-text-column.csv").startswith(
        "no text column (looked for text, body, content")
    assert "no text" in problem("comma-utf8.csv", 2) or "empty" in problem("comma-utf8.csv", 2)
    assert "not an article object" in problem("list.json", 1)
    assert "has no text" in problem("list.json", 2)
    assert problem("list.json", 3, "repaired") == "date 'nächste Woche' not understood: left empty"
    assert problem("no-main-text.html").startswith("no main text")
    assert "front matter is not valid YAML" in problem("bad-yaml.md", action="repaired")
    assert problem("notes.odt") == "unsupported file type (.odt)"
    # hidden files and folders, and a README about the folder, are ignored silently
    for ignored in (".lagebild", ".hidden", "README"):
        assert not any(ignored in i.path for i in result.report)
        assert not any(ignored in a.path for a in result.articles)
    # every issue is phrased for people and has a known action
    for issue in result.report:
        assert issue.action in {"skipped", "repaired"}
        assert issue.problem and "Traceback" not in issue.problem


def test_bad_yaml_front_matter_keeps_the_text(loaded):
    folder, result = loaded
    a = by_name(result, folder)["bad-yaml.md"]
    assert a.text.startswith("Dieser Text hat kaputte Metadaten")
    assert "Nicht geschlossen" not in a.text
    assert a.published is None and a.source == ""


def test_report_frame(loaded):
    _, result = loaded
    df = result.report_frame()
    assert list(df.columns) == ["path", "row", "problem", "action"]
    assert len(df) == len(result.report)
    assert str(df["row"].dtype) == "Int64"
    assert df["row"].isna().any() and (df["row"].dropna() >= 0).all()
    empty = LoadResult([], []).report_frame()
    assert list(empty.columns) == ["path", "row", "problem", "action"] and empty.empty


def test_files_are_not_modified(corpus_dir):
    def snapshot():
        return {
            p: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(corpus_dir.rglob("*")) if p.is_file()
        }

    before = snapshot()
    load_corpus(corpus_dir)
    for path in before:
        load_file(path)
    assert snapshot() == before  # same files, same bytes, same modification times


# --------------------------------------------------------------------------------------
# Cleaning, the seed sample, duplicates, dates, languages


def test_seed_sample():
    assert SEED.exists()
    articles, issues = load_file(SEED)
    assert issues == []
    assert len(articles) == 1
    a = articles[0]
    assert a.published == dt.date(2022, 10, 18)
    assert a.source == "The Telegraph"
    assert a.language == "de"
    assert a.text.startswith("Das Treffen fand")
    assert a.text.endswith("der Übung Cerberus ist.“")
    assert "wp-content" not in a.text and "Quelle: The Telegraph" not in a.text
    assert a.title and len(a.title) <= 90
    assert a.id == article_id(a.text)
    assert a.path == str(SEED)


def test_duplicate_text_is_loaded_once(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN + "\n", encoding="utf-8")
    # same cleaned text: BOM, CRLF, trailing spaces and a leading image line are cleaned away
    (tmp_path / "b.md").write_bytes(
        ("\ufeff![](bild.jpg)\r\n" + GERMAN + "   \r\n\r\n").encode("utf-8"))
    (tmp_path / "c.jsonl").write_text(
        '{"text": "Ein anderer Text über die Ukraine."}\n'
        f'{{"text": "{GERMAN}"}}\n', encoding="utf-8")
    result = load_corpus(tmp_path)
    assert [os.path.basename(a.path) for a in result.articles] == ["a.txt", "c.jsonl#row=1"]
    dups = [(os.path.basename(i.path), i.row, i.problem, i.action) for i in result.report]
    first = str(tmp_path / "a.txt")
    assert dups == [
        ("b.md", None, f"duplicate: same text as {first}", "skipped"),
        ("c.jsonl", 2, f"duplicate: same text as {first}", "skipped"),
    ]


def test_no_date_stays_none_despite_mtime(tmp_path):
    path = tmp_path / "ohne-datum.txt"
    path.write_text(GERMAN, encoding="utf-8")
    old = dt.datetime(2020, 5, 17, 12, 0).timestamp()
    os.utime(path, (old, old))
    result = load_corpus([path])
    assert result.articles[0].published is None
    assert result.report == []


def test_missing_paths_and_list_input(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    missing = tmp_path / "gibt-es-nicht"
    result = load_corpus([str(missing), tmp_path / "a.txt", tmp_path])  # a.txt given twice
    assert len(result.articles) == 1
    assert [(i.path, i.problem, i.action) for i in result.report] == [
        (str(missing), "no such file or folder", "skipped")]
    articles, issues = load_file(missing)
    assert articles == [] and issues[0].problem == "no such file or folder"


def test_load_file_unsupported_and_suffix_case(tmp_path):
    (tmp_path / "GROSS.TXT").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "daten.xlsx").write_bytes(b"PK\x03\x04")
    assert len(load_file(tmp_path / "GROSS.TXT")[0]) == 1
    articles, issues = load_file(tmp_path / "daten.xlsx")
    assert articles == [] and issues[0].problem == "unsupported file type (.xlsx)"
    assert ".txt" in SUPPORTED_SUFFIXES and ".htm" in SUPPORTED_SUFFIXES


def test_json_object_holding_a_list_and_text_paragraph_list(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        '{"articles": [{"TEXT": ["Erster Absatz über Kiew.", "Zweiter Absatz."], '
        '"source": {"id": "x", "name": "Tagesschau"}, "publishedAt": "2022-10-18T07:00:00Z"}]}',
        encoding="utf-8")
    articles, issues = load_file(path)
    assert issues == []
    assert articles[0].text == "Erster Absatz über Kiew.\nZweiter Absatz."
    assert articles[0].source == "Tagesschau"
    assert articles[0].published == dt.date(2022, 10, 18)
    assert articles[0].path == f"{path}#item=0"


def test_csv_latin1_and_tab_delimiter(tmp_path):
    path = tmp_path / "tab.csv"
    path.write_bytes("titel\tbody\tdate\nMüll\tDie Müllabfuhr streikt in München.\t2022-10-18\n"
                     .encode("latin-1"))
    articles, issues = load_file(path)
    assert [a.text for a in articles] == ["Die Müllabfuhr streikt in München."]
    assert articles[0].published == dt.date(2022, 10, 18)
    assert [i.problem for i in issues] == ["not UTF-8: read as cp1252"]


def test_unreadable_files_are_reported(tmp_path, monkeypatch):
    import lib.ingest.filesafety as filesafety

    (tmp_path / "ordner.txt").mkdir()
    articles, issues = load_file(tmp_path / "ordner.txt")
    assert articles == [] and issues[0].problem == "is a folder, not a file"

    locked = tmp_path / "gesperrt.txt"
    locked.write_text(GERMAN, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filesafety, "_open_fd", refuse)
    result = load_corpus(tmp_path)
    assert result.articles == []
    assert [(os.path.basename(i.path), i.problem, i.action) for i in result.report] == [
        ("gesperrt.txt", "could not be read: permission denied", "skipped")]


def test_repo_data_folder_loads_the_seed_not_the_readme():
    result = load_corpus(ROOT / "data")
    paths = [os.path.basename(a.path) for a in result.articles]
    assert SEED.name in paths and "README.md" not in paths
    assert not any("README" in i.path for i in result.report)


def test_fingerprint_changes_with_the_files(tmp_path):
    from lib.ingest.corpus import fingerprint

    (tmp_path / "a.txt").write_text("Erster Artikel über die Nato.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("versteckt", encoding="utf-8")
    first = fingerprint(tmp_path)
    assert [os.path.basename(p) for p, _, _ in first] == ["a.txt"]
    assert fingerprint(tmp_path) == first
    (tmp_path / "b.md").write_text("Zweiter Artikel.", encoding="utf-8")
    second = fingerprint(tmp_path)
    assert len(second) == 2
    (tmp_path / "a.txt").write_text("Erster Artikel über die Nato, ergänzt.", encoding="utf-8")
    assert fingerprint(tmp_path) != second
