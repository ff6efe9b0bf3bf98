"""The annotation cache: round trip, atomic segments, versions never mixed, damage repaired."""
from pathlib import Path

import pandas as pd

from lib import schema
from lib.store import COMPACT_AFTER, Store


def _segment(ids, pipeline="de_x-1"):
    index = pd.DataFrame({"id": ids, "pipeline": pipeline, "n_words": [10] * len(ids)})
    frames = {
        "mentions": schema.frame("mentions", [
            {"article_id": i, "start": 0, "end": 4, "text": "Nato", "label": "ORG", "actor": "Nato",
             "actor_type": "organisation", "sentence": "Nato.", "sent_index": 0, "form": "name"} for i in ids]),
        "events": schema.frame("events", [
            {"article_id": i, "sentence": "Am Dienstag.", "start": 0, "end": 11, "timex": "Am Dienstag",
             "value": "2022-10-18", "date_start": "2022-10-18", "date_end": "2022-10-18",
             "granularity": "day", "actors": ["Nato", "Iran"], "date_source": "text", "sent_index": 0}
            for i in ids]),
        "quotes": schema.frame("quotes", [
            {"article_id": i, "start": 1, "end": 5, "text": "Wir", "kind": "direct", "speaker": "eine Quelle",
             "speaker_start": None, "speaker_end": None, "cue": "sagte", "speaker_actor": ""} for i in ids]),
    }
    return index, frames


def test_round_trip_keeps_columns_and_types(tmp_path):
    store = Store(tmp_path)
    store.save("de_x-1+aaa", *_segment(["a", "b"]))
    index, frames = store.load("de_x-1+aaa")
    assert sorted(index["id"]) == ["a", "b"]
    ev = frames["events"]
    assert list(ev.columns) == schema.EVENT_COLUMNS
    assert ev.loc[0, "actors"] == ["Nato", "Iran"]
    assert ev["date_start"].dtype == "datetime64[s]"
    assert frames["quotes"]["speaker_start"].isna().all()


def test_load_restricted_to_ids(tmp_path):
    store = Store(tmp_path)
    store.save("v+1", *_segment(["a", "b"]))
    store.save("v+1", *_segment(["c"]))
    index, frames = store.load("v+1", {"a", "c"})
    assert sorted(index["id"]) == ["a", "c"]
    assert sorted(frames["mentions"]["article_id"]) == ["a", "c"]


def test_other_version_is_not_mixed_and_old_versions_are_pruned(tmp_path):
    store = Store(tmp_path)
    store.save("de_x-1+old", *_segment(["a"]))
    index, _ = store.load("de_x-1+new")
    assert index.empty                      # a new code/data version sees nothing of the old one
    store.save("de_x-1+new", *_segment(["a"]))
    assert not (tmp_path / "de_x-1+old").exists()
    store.save("en_y-2+new", *_segment(["e"]))
    assert (tmp_path / "de_x-1+new").exists()   # other pipelines are kept


def test_damaged_segment_is_dropped(tmp_path):
    store = Store(tmp_path)
    store.save("v+1", *_segment(["a"]))
    store.save("v+1", *_segment(["b"]))
    seg = sorted((tmp_path / "v+1").iterdir())[0]
    (seg / "mentions.parquet").write_bytes(b"not parquet")
    index, _ = store.load("v+1")
    assert list(index["id"]) == ["b"]
    assert not seg.exists()


def test_no_temporary_folders_left_and_compaction(tmp_path):
    store = Store(tmp_path)
    for i in range(COMPACT_AFTER + 1):
        store.save("v+1", *_segment([f"id{i}"]))
    folder = tmp_path / "v+1"
    entries = list(folder.iterdir())
    assert len(entries) == 1 and not entries[0].name.startswith(".tmp")
    index, frames = store.load("v+1")
    assert len(index) == COMPACT_AFTER + 1 and len(frames["events"]) == COMPACT_AFTER + 1


def test_an_article_in_two_segments_is_taken_once(tmp_path):
    store = Store(tmp_path)
    store.save("v+1", *_segment(["a", "b"]))
    store.save("v+1", *_segment(["a"]))          # annotated again by a second process
    index, frames = store.load("v+1")
    assert sorted(index["id"]) == ["a", "b"]
    for table in ("mentions", "events", "quotes"):
        assert sorted(frames[table]["article_id"]) == ["a", "b"], table
    store.compact("v+1")
    index, frames = store.load("v+1")
    assert sorted(frames["mentions"]["article_id"]) == ["a", "b"]


# ---- issue 14: wrong schema, selective reads ---------------------------------------------
def test_a_segment_with_the_wrong_schema_is_dropped_with_a_warning(tmp_path):
    store = Store(tmp_path)
    store.save("v+1", *_segment(["a"]))
    store.save("v+1", *_segment(["b"]))
    store.save("v+1", *_segment(["c"]))
    segs = sorted((tmp_path / "v+1").iterdir())
    # valid parquet, wrong columns: an index without "id", a mentions table without "actor"
    pd.DataFrame({"ident": ["a"], "pipeline": ["p"], "n_words": [1]}).to_parquet(segs[0] / "articles.parquet")
    pd.read_parquet(segs[1] / "mentions.parquet").drop(columns="actor").to_parquet(
        segs[1] / "mentions.parquet")
    index, frames = store.load("v+1")
    assert list(index["id"]) == ["c"]
    assert not segs[0].exists() and not segs[1].exists()
    assert len(store.warnings) == 2 and all("schema" in w for w in store.warnings)
    assert list(frames["mentions"]["actor"]) == ["Nato"]


def test_only_segments_and_rows_of_the_asked_articles_are_read(tmp_path, monkeypatch):
    import lib.store as store_mod

    store = Store(tmp_path)
    store.save("v+1", *_segment(["huge"]))
    store.save("v+1", *_segment(["small"]))
    huge_seg = sorted((tmp_path / "v+1").iterdir())[0]
    read = []
    real = store_mod.pd.read_parquet

    def spy(path, *args, **kwargs):
        read.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(store_mod.pd, "read_parquet", spy)
    index, frames = store.load("v+1", {"small"})
    assert list(index["id"]) == ["small"]
    assert [p.name for p in read if p.parent == huge_seg] == ["articles.parquet"]
    # in one compacted segment, only the rows asked for come back
    monkeypatch.setattr(store_mod.pd, "read_parquet", real)
    store.compact("v+1")
    index, frames = store.load("v+1", {"small"})
    assert set(frames["mentions"]["article_id"]) == {"small"}


def test_sentences_read_back_are_one_string_per_sentence(tmp_path):
    store = Store(tmp_path)
    index, frames = _segment(["a"])
    long = "Nato " * 10_000
    frames["mentions"] = schema.frame("mentions", [
        {"article_id": "a", "start": 5 * i, "end": 5 * i + 4, "text": "Nato", "sentence": long}
        for i in range(50)])
    store.save("v+1", index, frames)
    _, back = store.load("v+1", {"a"})
    assert len({id(s) for s in back["mentions"]["sentence"]}) == 1
    parquet = next((tmp_path / "v+1").iterdir()) / "mentions.parquet"
    assert parquet.stat().st_size < 10 * len(long)        # dictionary-encoded: stored once


def test_an_unwritable_cache_raises_cache_error_and_says_so(tmp_path):
    import pytest

    from lib.store import CacheError

    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    store = Store(blocker)
    assert not store.writable()
    assert "cannot be written" in store.warnings[0]
    with pytest.raises(CacheError):
        store.save("v+1", *_segment(["a"]))
    index, _ = store.load("v+1")
    assert index.empty


def test_a_half_written_segment_of_a_killed_run_is_removed_later(tmp_path, monkeypatch):
    import os

    import lib.store as store_mod

    store = Store(tmp_path)
    store.save("v+1", *_segment(["a"]))
    stale = tmp_path / "v+1" / ".tmp-killed"
    stale.mkdir()
    (stale / "mentions.parquet").write_bytes(b"half")
    old = stale.stat().st_mtime - store_mod.STALE_TMP_SECONDS - 10
    os.utime(stale, (old, old))
    store.save("v+1", *_segment(["b"]))
    assert not stale.exists()
    assert sorted(store.load("v+1")[0]["id"]) == ["a", "b"]


def test_compaction_merges_segments_of_one_size_tier(tmp_path, monkeypatch):
    """Issue 15: a compaction reads a bounded amount however large the cache is, so streamed
    annotation keeps flat memory; a segment of a higher tier stays as it is and nothing is lost."""
    import lib.store as store_mod

    monkeypatch.setattr(store_mod, "TIERS", ((0, 3), (3, 10)))
    store = Store(tmp_path)
    store.save("v+1", *_segment(["a", "b", "c", "d"]), compact=False)      # second tier
    big = list((tmp_path / "v+1").iterdir())
    for i in range(COMPACT_AFTER + 1):
        store.save("v+1", *_segment([f"id{i}"]))
    segments = list((tmp_path / "v+1").iterdir())
    # the 17 one-article segments were merged into one (of the last tier: never merged again)
    assert len(segments) == 2 and big[0] in segments
    index, frames = store.load("v+1")
    assert len(index) == COMPACT_AFTER + 5 and len(frames["events"]) == COMPACT_AFTER + 5
    store.save("v+1", *_segment(["e"]), compact=False)
    store.save("v+1", *_segment(["f"]), compact=False)
    store.compact("v+1")                      # explicitly: every tier of two or more segments
    assert len(list((tmp_path / "v+1").iterdir())) == 3 and big[0].exists()
    assert len(store.load("v+1")[0]) == COMPACT_AFTER + 7
