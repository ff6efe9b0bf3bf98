"""lib/uploads.py: uploads are saved safely into the uploads folder."""
import datetime as dt
import io
import zipfile

import pytest

from lib.ingest import uploads
from lib.ingest.uploads import safe_name, save_uploads

ARTICLE = b"---\npublished: 2022-10-20\nlanguage: de\n---\nOlaf Scholz sprach in Berlin.\n"


def make_zip(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def files_in(folder):
    """The files in `folder`, without the hidden files kept beside uploads (name, date)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lagebild.json"))


def test_saves_supported_files(tmp_path):
    result = save_uploads([("a.md", ARTICLE), ("b.TXT", b"text"), ("c.odt", b"PK")], tmp_path)
    assert files_in(tmp_path) == ["a.md", "b.TXT"]
    assert [s.new for s in result.saved] == [True, True]
    assert [s.name for s in result.skipped] == ["c.odt"]
    assert "not a supported file type" in result.skipped[0].reason


def test_default_folder_is_uploads_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(tmp_path / "u"))
    save_uploads([("a.md", ARTICLE)])
    assert files_in(tmp_path / "u") == ["a.md"]


@pytest.mark.parametrize("name", ["../../evil.md", "/etc/evil.md", "..\\..\\evil.md",
                                  "C:\\temp\\evil.md", "sub/dir/evil.md"])
def test_no_path_traversal_from_names(tmp_path, name):
    folder = tmp_path / "uploads"
    save_uploads([(name, ARTICLE)], folder)
    assert files_in(folder) == ["evil.md"]
    assert files_in(tmp_path) == ["uploads"]


def test_no_path_traversal_from_zip_members(tmp_path):
    folder = tmp_path / "uploads"
    data = make_zip({"../../../escape.md": ARTICLE, "/abs.md": ARTICLE + b"1",
                     "dir/inner.md": ARTICLE + b"2", "__MACOSX/._x.md": b"junk",
                     ".hidden.md": b"x", "notes.odt": b"PK"})
    result = save_uploads([("bundle.zip", data)], folder)
    assert files_in(folder) == ["abs.md", "escape.md", "inner.md"]
    assert files_in(tmp_path) == ["uploads"]
    assert [s.name for s in result.skipped] == ["bundle.zip/notes.odt"]


def test_never_overwrites_a_different_file(tmp_path):
    (tmp_path / "a.md").write_bytes(b"mine")
    first = save_uploads([("a.md", ARTICLE)], tmp_path)
    assert (tmp_path / "a.md").read_bytes() == b"mine"
    assert first.saved[0].path.name == "a-2.md" and first.saved[0].new
    again = save_uploads([("a.md", ARTICLE)], tmp_path)  # same content: already there
    assert again.saved[0].path.name == "a-2.md" and not again.saved[0].new
    assert again.new_paths == []
    assert files_in(tmp_path) == ["a-2.md", "a.md"]


def test_size_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 100)
    result = save_uploads([("big.md", b"x" * 101), ("ok.md", b"x" * 100)], tmp_path)
    assert files_in(tmp_path) == ["ok.md"]
    assert "too large" in result.skipped[0].reason


def test_zip_bomb_member_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 1000)
    data = make_zip({"bomb.txt": b"0" * 100_000})
    assert len(data) < 1000
    result = save_uploads([("bomb.zip", data)], tmp_path)
    assert not list(tmp_path.iterdir())
    assert "too large" in result.skipped[0].reason


def test_bad_zip_and_empty_files_have_clear_messages(tmp_path):
    result = save_uploads([("broken.zip", b"not a zip"), ("empty.md", b"  \n"),
                           ("only.zip", make_zip({"x.exe": b"MZ"}))], tmp_path)
    reasons = {s.name: s.reason for s in result.skipped}
    assert "not a readable zip file" in reasons["broken.zip"]
    assert reasons["empty.md"] == "the file is empty"
    assert "holds no supported files" in reasons["only.zip"]
    assert not list(tmp_path.iterdir())


def test_safe_name():
    assert safe_name("../a b.md") == "a b.md"
    assert safe_name("x/.hidden.md") == "hidden.md"
    assert safe_name("we<i>rd:name?.md") == "we_i_rd_name_.md"
    assert safe_name("..") == ""
    assert len(safe_name("a" * 300 + ".md")) == 120


def test_discard_unread(tmp_path):
    import pandas as pd

    good, bad = tmp_path / "good.md", tmp_path / "bad.json"
    good.write_text("x")
    bad.write_text("{")
    articles = pd.DataFrame({"path": [str(good)]})
    assert uploads.discard_unread([good, bad], articles) == [bad]
    assert good.exists() and not bad.exists()
    rows = pd.DataFrame({"path": [str(tmp_path / "t.csv") + "#row=1"]})
    (tmp_path / "t.csv").write_text("text\nx")
    assert uploads.discard_unread([tmp_path / "t.csv"], rows) == []


# Issue 14: the loader's limits apply to uploads too.


def test_upload_limit_is_the_loaders_limit(tmp_path, monkeypatch):
    from lib.ingest import filesafety
    from lib.ingest.corpus import load_corpus

    assert uploads.MAX_FILE_BYTES == filesafety.max_file_bytes() == 20 * 2**20
    monkeypatch.setenv("LAGEBILD_MAX_FILE_MB", "0.01")  # both read it (uploads at import)
    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", filesafety.max_file_bytes())
    body = b"Olaf Scholz sprach in Berlin. " * (uploads.MAX_FILE_BYTES // 30)
    assert len(body) <= uploads.MAX_FILE_BYTES
    result = save_uploads([("big.txt", body), ("over.txt", body + b"x" * 31)], tmp_path)
    assert [s.path.name for s in result.saved] == ["big.txt"]
    assert result.skipped[0].name == "over.txt" and "too large" in result.skipped[0].reason
    loaded = load_corpus(tmp_path)  # what was saved can be read
    assert len(loaded.articles) == 1 and loaded.report == []


@pytest.mark.timeout(60)
def test_pipe_or_device_in_the_uploads_folder_is_not_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "a.md")
    (tmp_path / "b.md").symlink_to("/dev/zero")
    result = save_uploads([("a.md", ARTICLE), ("b.md", ARTICLE)], tmp_path)
    assert [s.path.name for s in result.saved] == ["a-2.md", "b-2.md"]
    assert all(s.new for s in result.saved)


def test_zip_links_and_special_members_are_skipped(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("passwd.txt")
        link.create_system = 3
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
        fifo = zipfile.ZipInfo("pipe.md")
        fifo.create_system = 3
        fifo.external_attr = (0o010644 << 16)
        zf.writestr(fifo, "x")
        zf.writestr("ok.md", ARTICLE)
    result = save_uploads([("bundle.zip", buf.getvalue())], tmp_path)
    assert files_in(tmp_path) == ["ok.md"]
    assert {s.name: s.reason for s in result.skipped} == {
        "bundle.zip/passwd.txt": "is a symbolic link, not a file: not unpacked",
        "bundle.zip/pipe.md": "is a special file, not a file: not unpacked"}


def test_upload_outcome_quotes_odd_names():
    import pandas as pd

    corpus = type("C", (), {})()
    corpus.articles = pd.DataFrame({"path": pd.Series([], dtype=object)})
    corpus.report = pd.DataFrame({"path": ["/u/a\nb.md"], "row": pd.array([None], dtype="Int64"),
                                  "problem": ["empty file"], "action": ["skipped"]})
    _, messages = uploads.upload_outcome(corpus, ["/u/a\nb.md"])
    assert messages == ["'a\\nb.md': empty file (skipped)"]


# ---------------------------------------------------------------- a date set on upload (issue 12)


def test_a_date_set_on_upload_goes_to_undated_articles_only(tmp_path):
    import datetime as dt
    import json

    from lib.ingest.corpus import load_corpus
    from lib.ingest.dates import upload_date, upload_meta_path

    undated = b"Olaf Scholz sprach gestern in Berlin."
    dated = ARTICLE
    rows = b"text,date\nScholz reiste nach Paris.,\nMacron empfing ihn.,2022-10-01\n"
    bundle = make_zip({"inner/z.txt": b"Die Nato tagte in Br\xc3\xbcssel."})
    day = dt.date(2022, 10, 18)
    result = save_uploads([("u.txt", undated), ("d.md", dated), ("rows.csv", rows),
                           ("b.zip", bundle)], tmp_path, published=day)
    assert not result.skipped
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".u.txt.lagebild.json", ".d.md.lagebild.json",
                                         ".rows.csv.lagebild.json", ".z.txt.lagebild.json",
                                         "u.txt", "d.md", "rows.csv", "z.txt"])
    assert (tmp_path / "u.txt").read_bytes() == undated, "the copy is what was uploaded"
    assert json.loads(upload_meta_path(tmp_path / "u.txt").read_text()) == {"published": "2022-10-18"}
    assert upload_date(tmp_path / "u.txt") == day
    published = {a.text: a.published for a in load_corpus([tmp_path]).articles}
    assert published == {
        "Olaf Scholz sprach gestern in Berlin.": day,
        "Olaf Scholz sprach in Berlin.": dt.date(2022, 10, 20),   # its own date wins
        "Scholz reiste nach Paris.": day,
        "Macron empfing ihn.": dt.date(2022, 10, 1),
        "Die Nato tagte in Brüssel.": day,
    }
    # the same file again with another date: the copy and its date stay as they were
    again = save_uploads([("u.txt", undated)], tmp_path, published=dt.date(2020, 1, 1))
    assert [s.new for s in again.saved] == [False] and upload_date(tmp_path / "u.txt") == day
    # a file the loader could not use goes with its date
    import pandas as pd

    assert uploads.discard_unread([tmp_path / "u.txt"], pd.DataFrame({"path": [str(tmp_path / "d.md")]}))
    assert not upload_meta_path(tmp_path / "u.txt").exists()


def test_a_year_less_dateline_takes_the_year_of_the_upload_date(tmp_path):
    import datetime as dt

    from lib.ingest.corpus import load_corpus

    text = b"LONDON, Oct 18 (Reuters) - Britain said it would send more aid."
    save_uploads([("reuters.txt", text)], tmp_path, published=dt.date(2022, 10, 20))
    result = load_corpus([tmp_path])
    assert result.articles[0].published == dt.date(2022, 10, 18), "the dateline is its own date"
    assert "(the year from the date set on upload)" in result.report[0].problem


def test_a_broken_upload_date_file_is_ignored(tmp_path):
    from lib.ingest.dates import upload_date, upload_meta_path

    (tmp_path / "a.txt").write_text("Text.")
    upload_meta_path(tmp_path / "a.txt").write_text("{not json")
    assert upload_date(tmp_path / "a.txt") is None
    upload_meta_path(tmp_path / "a.txt").write_text('["2022-10-18"]')
    assert upload_date(tmp_path / "a.txt") is None


def test_remove_uploads_deletes_only_copies_in_the_uploads_folder(tmp_path):
    from lib.ingest.dates import upload_meta_path, write_upload_date
    from lib.ingest.uploads import remove_uploads

    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "a.md").write_text("Text", encoding="utf-8")
    write_upload_date(folder / "a.md", dt.date(2022, 10, 18))
    outside = tmp_path / "keep.md"
    outside.write_text("Text", encoding="utf-8")
    (folder / "link.md").symlink_to(outside)
    assert remove_uploads(["a.md", "../keep.md", "link.md", "missing.md"], folder) == ["a.md"]
    assert not (folder / "a.md").exists() and not upload_meta_path(folder / "a.md").exists()
    assert outside.exists() and (folder / "link.md").is_symlink()


# ---------------------------------------------------------------- one message per file, as named


def test_problems_are_one_per_file():
    result = uploads.UploadResult(skipped=[
        uploads.Skipped("a.txt", "the file is empty"), uploads.Skipped("b.zip/x.exe", "not supported"),
        uploads.Skipped("a.txt", "the file is empty"), uploads.Skipped("a.txt", "date not kept")])
    assert result.problems == [uploads.Skipped("a.txt", "the file is empty; date not kept"),
                               uploads.Skipped("b.zip/x.exe", "not supported")]


def test_the_name_as_uploaded_is_kept_beside_the_copy(tmp_path):
    from lib.ingest.dates import upload_date

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sub/dir/a.md", ARTICLE)
    save_uploads([("a.md", b"other text")], tmp_path)
    result = save_uploads([("bundle.zip", buf.getvalue()), ("plain.md", ARTICLE + b"!")], tmp_path,
                          published=dt.date(2022, 1, 2))
    by_name = {s.name: s.path for s in result.saved}
    member = by_name["bundle.zip/sub/dir/a.md"]
    assert member.name == "a-2.md" and files_in(tmp_path) == ["a-2.md", "a.md", "plain.md"]
    assert uploads.uploaded_as(member) == "bundle.zip/sub/dir/a.md"
    assert upload_date(member) == dt.date(2022, 1, 2)        # the date stays beside the name
    assert uploads.uploaded_as(by_name["plain.md"]) == "plain.md"
    assert uploads.uploaded_as(tmp_path / "a.md") == "a.md"
    assert uploads.remove_uploads(["a-2.md"], tmp_path) == ["a-2.md"]
    assert not (tmp_path / ".a-2.md.lagebild.json").exists()


def test_finish_upload_one_message_per_file(tmp_path):
    import pandas as pd

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sub/rows.csv", "title,text\nA,Olaf Scholz sprach.\nB,\nC,\n")
        zf.writestr("sub/bad.json", "{not json")
    saved = {s.name: s.path for s in save_uploads([("bundle.zip", buf.getvalue())], tmp_path).saved}
    rows, bad = saved["bundle.zip/sub/rows.csv"], saved["bundle.zip/sub/bad.json"]
    corpus = type("C", (), {})()
    corpus.articles = pd.DataFrame({"path": [f"{rows}#row=1"]})
    corpus.report = pd.DataFrame({
        "path": [f"{rows}#row=2", f"{rows}#row=3", str(bad), str(bad)],
        "row": pd.array([2, 3, None, None], dtype="Int64"),
        "problem": ["no text", "no text", "not valid JSON", "no articles"],
        "action": ["skipped"] * 4})
    articles, messages = uploads.finish_upload(corpus, [rows, bad])
    assert len(articles) == 1
    assert messages == [
        uploads.Message("bundle.zip/sub/rows.csv", "row 2: no text (skipped); row 3: no text (skipped)",
                        True),
        uploads.Message("bundle.zip/sub/bad.json", "nothing new could be read from it, so it was not "
                        "kept (not valid JSON (skipped); no articles (skipped))", False)]
    assert files_in(tmp_path) == ["rows.csv"]
