"""The Add articles page. AppTests on the real data layer: the bundled sample plus
tests/fixtures/dashboard_corpus, with a temporary cache and uploads folder (tests/conftest.py)."""
from __future__ import annotations

import io
import zipfile

import pytest

from tests.pages.apptest import app, plain


@pytest.fixture
def own_uploads(dashboard_env, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setenv("LAGEBILD_UPLOADS", str(folder))
    return folder


def test_upload_article_and_zip(own_uploads):
    article = ("---\ntitle: Scholz in Paris\npublished: 2022-11-10\nsource: Test\nlanguage: de\n"
               "---\nBundeskanzler Olaf Scholz traf am Donnerstag in Paris Emmanuel Macron.\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../evil/../zipped.md", article.replace("Paris", "Rom"))
        zf.writestr("notes.exe", b"MZ")
    at = app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    uploader.upload("scholz.md", article.encode())
    uploader.upload("bundle.zip", buf.getvalue())
    uploader.upload("empty.txt", b"")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert sorted(p.name for p in own_uploads.iterdir() if not p.name.startswith(".")) == [
        "scholz.md", "zipped.md"]
    messages = plain("\n".join(e.value for e in at.error))
    assert "bundle.zip/notes.exe" in messages and "empty.txt" in messages
    assert any("Added 2 article" in s.value for s in at.success)
    # the new articles are part of the corpus on every page now
    at.switch_page("app.py").run()
    titles = set(at.dataframe(key="overview_articles").value["title"])
    assert "Scholz in Paris" in titles
    # … and still after a restart (a new session reading the same uploads folder)
    again = app()
    assert "Scholz in Paris" in set(again.dataframe(key="overview_articles").value["title"])
    # uploading the same file again adds nothing
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_files").upload("scholz.md", article.encode())
    at.form_submit_button[0].click().run()
    assert any("already in the corpus" in i.value for i in at.info)
    assert sorted(p.name for p in own_uploads.iterdir() if not p.name.startswith(".")) == [
        "scholz.md", "zipped.md"]


def test_upload_bad_files_never_give_a_traceback(own_uploads):
    at = app(page="pages/upload.py")
    uploader = at.file_uploader(key="upload_files")
    uploader.upload("broken.json", b"{not json")
    uploader.upload("broken.zip", b"PK\x03\x04 not really")
    at.form_submit_button[0].click().run()
    assert not at.exception
    shown = plain("\n".join([e.value for e in at.error] + [w.value for w in at.warning]))
    assert "broken.zip" in shown and "broken.json" in shown
    assert "not kept" in shown
    assert not own_uploads.exists() or not list(own_uploads.iterdir()), "bad files are not kept"


def test_an_upload_can_be_removed(own_uploads):
    article = ("---\ntitle: Scholz in Rom\npublished: 2022-11-10\nlanguage: de\n---\n"
               "Bundeskanzler Olaf Scholz traf am Donnerstag in Rom Giorgia Meloni.\n")
    at = app(page="pages/upload.py")
    at.file_uploader(key="upload_files").upload("rom.md", article.encode())
    at.form_submit_button[0].click().run()
    assert sorted(p.name for p in own_uploads.iterdir()) == ["rom.md"]
    at.multiselect(key="upload_remove").select("rom.md")
    at.form_submit_button[1].click().run()
    assert not at.exception, at.exception
    assert [p.name for p in own_uploads.iterdir() if not p.name.startswith(".")] == []
    assert any("rom.md" in plain(s.value) for s in at.success)
    at.switch_page("app.py").run()
    assert "Scholz in Rom" not in set(at.dataframe(key="overview_articles").value["title"])


def test_one_message_per_bad_file_named_as_uploaded(own_uploads):
    """A zip member keeps its path for display (messages after annotation, the list of
    uploads); a file the loader has several problems with gives one message."""
    article = ("---\ntitle: Scholz in Prag\npublished: 2022-11-10\nlanguage: de\n---\n"
               "Bundeskanzler Olaf Scholz traf am Donnerstag in Prag Petr Fiala.\n")
    rows = "title,text\nLeer,\nAuch leer,\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sub/dir/prag.md", article)
        zf.writestr("sub/dir/broken.json", "{not json")
        zf.writestr("sub/rows.csv", rows)
    at = app(page="pages/upload.py")
    at.file_uploader(key="upload_files").upload("bundle.zip", buf.getvalue())
    at.form_submit_button[0].click().run()
    assert not at.exception, at.exception
    messages = [plain(m.value) for m in list(at.error) + list(at.warning)]
    broken = [m for m in messages if "broken.json" in m]
    assert len(broken) == 1 and "bundle.zip/sub/dir/broken.json" in broken[0], messages
    csv = [m for m in messages if "rows.csv" in m]
    assert len(csv) == 1 and "bundle.zip/sub/rows.csv" in csv[0], messages
    assert any("Added 1 article" in s.value for s in at.success)
    listed = at.dataframe[-1].value     # "Your uploaded files"
    assert list(listed["file"]) == ["bundle.zip/sub/dir/prag.md"]
    assert list(listed["stored as"]) == ["prag.md"]
