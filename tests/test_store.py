"""The annotation cache: round trip, atomic segments, versions never mixed, damage repaired."""
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
