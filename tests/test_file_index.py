"""The corpus file index (lib/file_index.py): the same ids, dates and load issues as reading every
file, with only new or changed files read; a damaged index is not trusted."""
from __future__ import annotations

import os

import pytest

import lib.ingest.corpus as corpus_mod
from lib.annotate_stream import iso
from lib.file_index import iter_corpus_ids
from lib.ingest.article import LoadIssue
from lib.ingest.corpus import iter_corpus_files
from lib.ingest.dates import write_upload_date


def _text(body: str, published: str = "2022-10-18") -> str:
    return f"---\nlanguage: de\npublished: {published}\n---\n{body}\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(_text("Olaf Scholz sprach in Berlin."), encoding="utf-8")
    (folder / "b.md").write_text(_text("Annalena Baerbock reiste nach Kiew.", "2022-10-19"), encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(_text("Olaf Scholz sprach in Berlin."), encoding="utf-8")  # duplicate
    (folder / "d.jsonl").write_text('{"text": "Erste Meldung aus Paris."}\n{"text": "Zweite Meldung aus Rom."}\n',
                                    encoding="utf-8")
    (folder / "e.xyz").write_text("unsupported", encoding="utf-8")
    (folder / "f.txt").write_text("", encoding="utf-8")                                     # empty
    return folder


def _expected(paths):
    out = []
    for file, item in iter_corpus_files(paths):
        if isinstance(item, LoadIssue):
            out.append((file, item))
        else:
            out.append((file, (item.id, item.language, iso(item.published), item.path)))
    return out


def _got(paths, folder):
    return [(file, item if isinstance(item, LoadIssue) else tuple(item))
            for file, item in iter_corpus_ids(paths, folder)]


@pytest.fixture
def reads(monkeypatch):
    read = []
    real = corpus_mod._iter_file

    def spy(path):
        read.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(corpus_mod, "_iter_file", spy)
    return read


def test_the_same_as_reading_every_file_and_unchanged_files_are_not_read_again(corpus, tmp_path, reads):
    index = tmp_path / "index"
    expected = _expected([corpus])
    assert any("duplicate" in str(i) for _f, i in expected)
    reads.clear()
    assert _got([corpus], index) == expected              # no index yet: every file read
    assert sorted(reads) == ["a.txt", "b.md", "c.txt", "d.jsonl", "e.xyz", "f.txt"]
    reads.clear()
    assert _got([corpus], index) == expected              # from the index
    assert reads == []


def test_a_changed_new_or_removed_file_is_seen(corpus, tmp_path, reads):
    index = tmp_path / "index"
    _got([corpus], index)
    # the same size, another text and time: read again
    a = corpus / "a.txt"
    old = a.read_text(encoding="utf-8")
    a.write_text(old.replace("Berlin", "Bremen"), encoding="utf-8")
    st = os.stat(a)
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    (corpus / "g.txt").write_text(_text("Neu: Emmanuel Macron in Madrid."), encoding="utf-8")
    (corpus / "d.jsonl").unlink()
    reads.clear()
    got = _got([corpus], index)
    assert sorted(reads) == ["a.txt", "g.txt"]
    assert got == _expected([corpus])
    # the duplicate: c.txt now holds the first copy of its text
    assert not any("duplicate" in str(i) for _f, i in _got([corpus], index))


def test_an_upload_date_set_beside_a_file_is_seen(tmp_path, reads):
    folder = tmp_path / "uploads"
    folder.mkdir()
    f = folder / "x.txt"
    f.write_text("---\nlanguage: de\n---\nOlaf Scholz sprach am Montag in Berlin.\n", encoding="utf-8")
    index = tmp_path / "index"
    assert [tuple(i)[2] for _f, i in iter_corpus_ids([folder], index)] == [""]
    import datetime as dt
    write_upload_date(f, dt.date(2022, 10, 17))
    reads.clear()
    assert [tuple(i)[2] for _f, i in iter_corpus_ids([folder], index)] == ["2022-10-17"]
    assert reads == ["x.txt"]


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_a_damaged_index_is_not_trusted(corpus, tmp_path, reads, damage):
    index = tmp_path / "index"
    _got([corpus], index)
    (path,) = index.glob("files-*.bin")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"LGBPREP1" + b"\0" * 64)
    reads.clear()
    got = _got([corpus], index)
    assert len(reads) == 6, "every file read again"
    assert got == _expected([corpus])
    reads.clear()
    got = _got([corpus], index)                           # the index written again
    assert reads == []
    assert got == _expected([corpus])


def test_another_corpus_or_file_size_limit_has_its_own_index(corpus, tmp_path, reads, monkeypatch):
    index = tmp_path / "index"
    _got([corpus], index)
    _got([corpus / "a.txt"], index)
    assert len(list(index.glob("files-*.bin"))) == 2
    monkeypatch.setenv("LAGEBILD_MAX_FILE_MB", "0.00001")      # a.txt is now too large
    reads.clear()
    got = _got([corpus], index)
    assert len(reads) == 6
    assert got == _expected([corpus])
    assert len(list(index.glob("files-*.bin"))) == 2, "the corpus's index under the old limit removed"
