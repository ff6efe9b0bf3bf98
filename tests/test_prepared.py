"""The prepared-data cache (lib/prepared.py) and what uses it: the lemma table and the
gazetteer's tokenized names. A stale file (its source changed) is never read, a damaged one is
not trusted: both are built again."""
from __future__ import annotations

import gzip
import json

import pytest

from lib import prepared as prep
from lib.prepared import prepared, source_key


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_PREPARED", str(tmp_path / "prepared"))
    return tmp_path / "prepared"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(folder, tmp_path):
    src = tmp_path / "table.json"
    src.write_text(json.dumps({"Häuser": "Haus"}), encoding="utf-8")
    build, calls = _counting({"Häuser": "Haus", "ging": "gehen"})
    assert prepared("table", [source_key(src)], build) == {"Häuser": "Haus", "ging": "gehen"}
    assert prepared("table", [source_key(src)], build) == {"Häuser": "Haus", "ging": "gehen"}
    assert len(calls) == 1
    assert len(list(folder.glob("table-*.bin"))) == 1


def test_a_changed_source_is_built_again_and_the_stale_file_removed(folder, tmp_path):
    src = tmp_path / "table.json"
    src.write_text("1", encoding="utf-8")
    assert prepared("table", [source_key(src)], lambda: {"v": 1}) == {"v": 1}
    old = list(folder.glob("table-*.bin"))
    src.write_text("2", encoding="utf-8")                  # the source changed
    build, calls = _counting({"v": 2})
    assert prepared("table", [source_key(src)], build) == {"v": 2}
    assert calls == [1]
    now = list(folder.glob("table-*.bin"))
    assert len(now) == 1 and now != old
    # another name's files are left alone
    prepared("other", [source_key(src)], lambda: [1])
    assert len(list(folder.glob("*.bin"))) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_file_is_not_trusted_but_built_again(folder, damage):
    assert prepared("table", ["k"], lambda: {"a": "b" * 100}) == {"a": "b" * 100}
    (path,) = folder.glob("table-*.bin")
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[:-7])
    elif damage == "flip":
        i = len(data) - 20
        path.write_bytes(data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1:])   # "b" -> "B"
    elif damage == "garbage":
        path.write_bytes(b"not a prepared file at all")
    else:
        path.write_bytes(b"")
    build, calls = _counting({"a": "b" * 100})
    assert prepared("table", ["k"], build) == {"a": "b" * 100}
    assert calls == [1]
    # written again, whole: the next read needs no build
    build2, calls2 = _counting({"wrong": "value"})
    assert prepared("table", ["k"], build2) == {"a": "b" * 100}
    assert calls2 == []


def test_an_unwritable_folder_only_costs_the_speed_up(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LAGEBILD_PREPARED", str(blocker / "prepared"))   # under a file
    assert prepared("table", ["k"], lambda: [1, 2]) == [1, 2]
    assert prepared("table", ["k"], lambda: [3]) == [3]


def test_names_with_a_dash_are_refused(folder):
    with pytest.raises(ValueError):
        prepared("lemma-de", ["k"], dict)


def test_the_lemma_table_is_read_back_equal_to_the_parsed_source(folder):
    spacy_lookups_data = pytest.importorskip("spacy_lookups_data")
    from pathlib import Path

    from lib.nlp import words
    src = Path(spacy_lookups_data.__file__).parent / "data" / "de_lemma_lookup.json.gz"
    expected = json.loads(gzip.decompress(src.read_bytes()))
    words.lemma_lookup.cache_clear()
    try:
        assert words.lemma_lookup("de") == expected             # built and written
        assert len(list(folder.glob("lemma_lookup_de-*.bin"))) == 1
        words.lemma_lookup.cache_clear()
        assert words.lemma_lookup("de") == expected             # read back
    finally:
        words.lemma_lookup.cache_clear()


def test_the_gazetteer_matches_the_same_with_its_names_read_back_or_rebuilt(folder, rules_de):
    from lib.nlp.gazetteer.component import GazetteerComponent

    nlp = rules_de.nlp
    text = ("Die Vereinten Nationen und die Bundesregierung trafen sich in Kiew; "
            "ukrainische Soldaten und US-Verteidigungsminister Lloyd Austin in Washington.")

    def hits():
        comp = GazetteerComponent(nlp, lang="de")
        doc = nlp.make_doc(text)
        return [(m[1], m[2]) for m in comp.names(doc)], [(m[1], m[2]) for m in comp.demonyms(doc)]

    first = hits()                                              # tokenized, written
    assert first[0]
    (path,) = folder.glob("gazetteer_names_de-*.bin")
    assert hits() == first                                      # read back
    path.write_bytes(path.read_bytes()[:100])                   # damaged
    assert hits() == first
    assert prep.read_verified(path)                                     # written again, whole
