"""lib/uploads.py: uploads are saved safely into the uploads folder."""
import io
import zipfile

import pytest

from lib.ingest import uploads
from lib.ingest.uploads import safe_name, save_uploads

ARTICLE = "---\npublished: 2022-10-20\nlanguage: de\n---\nOlaf Scholz sprach in Berlin.\n".encode()


def make_zip(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_saves_supported_files(tmp_path):
    result = save_uploads([("a.md", ARTICLE), ("b.TXT", b"text"), ("c.pdf", b"%PDF")], tmp_path)
    assert files_in(tmp_path) == ["a.md", "b.TXT"]
    assert [s.new for s in result.saved] == [True, True]
    assert [s.name for s in result.skipped] == ["c.pdf"]
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
                     ".hidden.md": b"x", "notes.pdf": b"%PDF"})
    result = save_uploads([("bundle.zip", data)], folder)
    assert files_in(folder) == ["abs.md", "escape.md", "inner.md"]
    assert files_in(tmp_path) == ["uploads"]
    assert [s.name for s in result.skipped] == ["bundle.zip/notes.pdf"]


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
