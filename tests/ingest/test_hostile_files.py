"""Issue 14, loader half: odd files, hostile metadata and broken rows never stop a load.

Every case loads what can be loaded and reports the rest, naming the file (and row)."""
from __future__ import annotations

import os
import sys
import types

import pytest

from lib.ingest import filesafety
from lib.ingest.corpus import load_corpus, load_file
from lib.settings import REPO_ROOT
from tests.ingest.samples import ENGLISH, GERMAN


def names(result, folder):
    return sorted(os.path.relpath(a.path.split("#")[0], folder) for a in result.articles)


def report(result, folder):
    return {(os.path.relpath(i.path, folder), i.row): (i.problem, i.action) for i in result.report}


# 1. Special files and the size limit ---------------------------------------------------


@pytest.mark.timeout(60)
def test_named_pipe_is_reported_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    result = load_corpus(tmp_path)
    assert names(result, tmp_path) == ["a.txt"]
    problem, action = report(result, tmp_path)[("pipe.txt", None)]
    assert "named pipe" in problem and action == "skipped"


@pytest.mark.timeout(60)
def test_link_to_dev_zero_named_directly_is_not_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    articles, issues = load_file(link)
    assert articles == []
    assert "character device" in issues[0].problem and issues[0].action == "skipped"
    result = load_corpus(tmp_path)  # inside a folder: a link out of the folder, not followed
    assert result.articles == [] and "outside the corpus" in result.report[0].problem


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    assert filesafety.max_file_bytes() == 20 * 1024 * 1024  # default, room for 5 MB articles
    monkeypatch.setenv("LAGEBILD_MAX_FILE_MB", "0.01")  # 10 KB
    (tmp_path / "small.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "big.txt").write_text(GERMAN * 100, encoding="utf-8")
    result = load_corpus(tmp_path)
    assert names(result, tmp_path) == ["small.txt"]
    problem, action = report(result, tmp_path)[("big.txt", None)]
    assert problem.startswith("too large (") and "LAGEBILD_MAX_FILE_MB" in problem
    assert action == "skipped"

    def no_read(*args):
        raise AssertionError("read past the size check")

    monkeypatch.setattr(filesafety.os, "read", no_read)
    with pytest.raises(filesafety.Unreadable, match="too large"):
        filesafety.read_regular(tmp_path / "big.txt")


def test_bad_size_setting_falls_back_to_default(monkeypatch):
    for value in ("lots", "-3", "0", "nan"):
        monkeypatch.setenv("LAGEBILD_MAX_FILE_MB", value)
        assert filesafety.max_file_bytes() == 20 * 1024 * 1024


# 2./3. Front matter --------------------------------------------------------------------

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("levels", [3, 9])
def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path, levels):
    front = "\n".join(BOMB.split("\n")[:levels]) + f"\ntitle: *{'abcdefghi'[levels - 1]}"
    (tmp_path / "bomb.md").write_text(f"---\n{front}\n---\n{GERMAN}\n", encoding="utf-8")
    result = load_corpus(tmp_path)
    assert [a.text for a in result.articles] == [GERMAN]        # the body still loads
    assert result.articles[0].title.startswith("Die Bundesregierung")
    problem, action = report(result, tmp_path)[("bomb.md", None)]
    assert "alias" in problem or "anchor" in problem
    assert "metadata ignored" in problem and action == "repaired"


def test_deeply_nested_front_matter_is_refused(tmp_path):
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 +
                                      f"\n---\n{GERMAN}\n", encoding="utf-8")
    articles, issues = load_file(tmp_path / "deep.md")
    assert [a.text for a in articles] == [GERMAN]
    assert "nested" in issues[0].problem and issues[0].action == "repaired"


@pytest.mark.parametrize("value", ["2022-02-30", "'2022-02-30'", "2022-02-30 10:00:00"])
def test_impossible_date_in_front_matter_keeps_the_article(tmp_path, value):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Titel\npublished: {value}\n---\n{GERMAN}\n", encoding="utf-8")
    articles, issues = load_file(path)
    assert len(articles) == 1 and articles[0].published is None
    assert articles[0].title == "Titel"
    assert [(i.problem, i.action) for i in issues] == [
        (f"date {value.strip(chr(39))!r} not understood: left empty", "repaired")]


# 4. Folders and links ------------------------------------------------------------------


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ENGLISH, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 does (root is not stopped by the mode bits)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_corpus(tmp_path)
    assert names(result, tmp_path) == ["a.txt"]
    assert report(result, tmp_path) == {
        ("locked", None): ("folder could not be read: permission denied", "skipped")}


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads folders whatever their mode")
def test_chmod_000_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ENGLISH, encoding="utf-8")
    locked.chmod(0)
    try:
        result = load_corpus(tmp_path)
    finally:
        locked.chmod(0o755)
    assert report(result, tmp_path)[("locked", None)][0].startswith("folder could not be read")


def test_links_out_of_the_corpus_are_reported_not_followed(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(ENGLISH, encoding="utf-8")
    (outside / "more.txt").write_text(ENGLISH + " More.", encoding="utf-8")
    (corpus / "a.txt").write_text(GERMAN, encoding="utf-8")
    (corpus / "x.txt").symlink_to(outside / "secret.txt")
    (corpus / "folder").symlink_to(outside)
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "same.txt").symlink_to(corpus / "a.txt")  # inside: followed (and de-duplicated)
    result = load_corpus(corpus)
    assert names(result, corpus) == ["a.txt"]
    rep = report(result, corpus)
    assert rep[("x.txt", None)] == ("link to a file outside the corpus folder: not followed",
                                    "skipped")
    assert rep[("folder", None)][0].startswith("link to a folder: not followed")
    assert rep[("dangling.txt", None)][0].startswith("broken link")
    assert len(rep) == 3
    # Named directly, a link is the user's choice and is read.
    assert [a.text for a in load_corpus(corpus / "x.txt").articles] == [ENGLISH]


# 5. CSV rows ---------------------------------------------------------------------------


def test_csv_row_with_a_nul_byte_is_reported_the_others_kept(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(("title,text\nEins," + GERMAN + "\nZwei,kaputt\x00 hier\nDrei,\"" + ENGLISH
                      + "\"\n").encode())
    result = load_corpus(tmp_path)
    assert [a.title for a in result.articles] == ["Eins", "Drei"]
    assert report(result, tmp_path) == {
        ("a.csv", 2): ("row 2 contains a NUL byte (binary data): skipped", "skipped")}


def test_csv_ragged_and_unterminated_rows_are_reported(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "title,text,source\n"
        f"Eins,\"{GERMAN}\",DLF\n"
        f"Zwei,{ENGLISH},BBC,extra\n"                      # one field too many
        f"Drei,\"{GERMAN} Nachtrag.\"\n"                   # one too few: loaded, reported
        f"Vier,\"{ENGLISH} Unfinished,BBC\n",              # quote never closed
        encoding="utf-8")
    result = load_corpus(tmp_path)
    assert [a.title for a in result.articles] == ["Eins", "Drei"]
    rep = report(result, tmp_path)
    assert rep[("a.csv", 2)][1] == "skipped" and "5 fields, the header has 3" in rep[("a.csv", 2)][0]
    assert rep[("a.csv", 3)] == ("row 3 has 2 fields, the header has 3: missing fields left "
                                 "empty", "repaired")
    assert rep[("a.csv", 4)][1] == "skipped" and "never closed" in rep[("a.csv", 4)][0]
    assert len(rep) == 3


def test_csv_trailing_empty_field_and_closed_quote_at_end_are_fine(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f"title,text\nEins,\"{GERMAN}\",\nZwei,\"{ENGLISH}\"", encoding="utf-8")
    result = load_corpus(tmp_path)
    assert [a.title for a in result.articles] == ["Eins", "Zwei"] and result.report == []


def test_jsonl_line_with_a_nul_byte_is_reported_the_others_kept(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "%s"}\n{"text": "x\x00y"}\n{"text": "%s"}\n'
                     % (GERMAN.encode(), ENGLISH.encode()))
    result = load_corpus(tmp_path)
    assert len(result.articles) == 2
    assert [(i.row, i.action) for i in result.report] == [(2, "skipped")]


# 6. Names in report lines --------------------------------------------------------------


def test_file_names_with_newlines_cannot_forge_report_lines(tmp_path, capsys):
    from lib.__main__ import _print_report

    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b\nskipped: forged.txt").write_text("", encoding="utf-8")
    (tmp_path / "c\rd.txt").write_text(GERMAN, encoding="utf-8")  # a duplicate of a.txt
    result = load_corpus(tmp_path)
    assert len(result.report) == 2
    _print_report(types.SimpleNamespace(report=result.report_frame()))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert "'" + str(tmp_path / "b\\nskipped: forged.txt") + "'" in lines[0]
    assert "\\r" in lines[1] and "\r" not in lines[1]
    assert filesafety.shown("plain name.txt") == "plain name.txt"
    assert filesafety.shown("a\x1b[2Jb.txt") == "'a\\x1b[2Jb.txt'"


def test_control_characters_in_problems_are_escaped(tmp_path):
    (tmp_path / "a.csv").write_text('"ti\ntle",other\nx,y\n', encoding="utf-8")
    _, issues = load_file(tmp_path / "a.csv")
    assert issues and all(i.problem.isprintable() for i in issues)


# 7. A reader whose library is missing --------------------------------------------------


def test_missing_reader_library_fails_its_files_not_the_corpus(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{ENGLISH}</p></body></html>",
                                     encoding="utf-8")
    (tmp_path / "c.htm").write_text(f"<html><body><p>{ENGLISH} Two.</p></body></html>",
                                    encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails like lxml_html_clean
    result = load_corpus(tmp_path)
    assert names(result, tmp_path) == ["a.txt"]
    rep = report(result, tmp_path)
    assert sorted(rep) == [("b.html", None), ("c.htm", None)]
    problem, action = rep[("b.html", None)]
    assert "reader cannot run" in problem and "'trafilatura' is not installed" in problem
    assert action == "skipped"


def test_requirements_name_lxml_html_clean_directly():
    lines = (REPO_ROOT / "requirements.txt").read_text().splitlines()
    assert any(line.split(">")[0].split("=")[0].strip().lower().replace("-", "_") ==
               "lxml_html_clean" for line in lines)


def test_lxml_html_clean_import_error_is_reported_per_file(tmp_path, monkeypatch):
    import lib.ingest.readers as readers

    def reader(path, data):  # what lxml >= 5.2 raises when lxml_html_clean is missing
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\n"
                          "Install lxml[html_clean] or lxml_html_clean directly.")
        yield  # pragma: no cover

    monkeypatch.setattr(readers, "_load_html", reader)
    (tmp_path / "a.html").write_text(f"<p>{ENGLISH}</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GERMAN, encoding="utf-8")
    result = load_corpus(tmp_path)
    assert names(result, tmp_path) == ["b.txt"]
    assert report(result, tmp_path) == {("a.html", None): (
        "the HTML reader cannot run: lxml.html.clean module is now a separate project "
        "lxml_html_clean (install the requirements: pip install -r requirements.txt)", "skipped")}
