"""The stored snapshot of an assembled corpus (lib/snapshot.py): the same frames and texts as
`annotate_corpus`, used only while no file, loader limit or pipeline version changed."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from lib import annotate_corpus
from lib.nlp.pipeline import load_pipeline
from lib.snapshot import FOLDER, cached_corpus, corpus_key
from tests.conftest import DASHBOARD_CORPUS, SAMPLE

FRAMES = ("articles", "mentions", "actors", "events", "quotes", "report")


@pytest.fixture
def corpus_dir(tmp_path, rules_de):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLE, folder)
    for path in DASHBOARD_CORPUS.glob("*.md"):
        shutil.copy(path, folder)
    return folder


def _cell(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    return None if value is None or pd.isna(value) else value


def plain_values(df: pd.DataFrame) -> list[list]:
    """A frame's cells as plain Python values (lists, None for missing): dtypes aside."""
    return [[_cell(v) for v in row] for row in df.astype(object).itertuples(index=False)]


def assert_same_corpus(a, b) -> None:
    for name in FRAMES:
        x, y = getattr(a, name), getattr(b, name)
        assert list(x.columns) == list(y.columns), name
        assert plain_values(x) == plain_values(y), name
    assert a.texts == b.texts


def test_snapshot_holds_what_annotate_corpus_returns(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    fresh = annotate_corpus([corpus_dir], cache_dir=cache)
    first = cached_corpus([corpus_dir], cache_dir=cache)        # assembles and stores
    assert (cache / FOLDER / corpus_key([corpus_dir]) / "meta.json").is_file()
    second = cached_corpus([corpus_dir], cache_dir=cache)       # reads the snapshot
    assert len(fresh.articles) == 3 and len(fresh.mentions) > 20
    assert_same_corpus(fresh, first)
    assert_same_corpus(fresh, second)
    # typed: repeated values as categoricals, other text as Arrow strings
    assert second.mentions["text"].dtype == "str"
    assert second.mentions["sentence"].dtype == second.events["sentence"].dtype   # shared
    assert isinstance(second.mentions["actor"].dtype, pd.CategoricalDtype)
    assert isinstance(second.quotes["article_id"].dtype, pd.CategoricalDtype)
    assert second.events["date_start"].dtype == "datetime64[s]"
    assert second.quotes["speaker_start"].dtype == "Int64"
    assert isinstance(second.events["actors"].iloc[0], list)


def test_a_changed_file_is_read_again(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    cached_corpus([corpus_dir], cache_dir=cache)
    key = corpus_key([corpus_dir])
    (corpus_dir / "neu.md").write_text("---\nlanguage: de\npublished: 2022-11-01\n---\n"
                                       "Olaf Scholz sprach am Dienstag in Paris.\n", encoding="utf-8")
    assert corpus_key([corpus_dir]) != key
    again = cached_corpus([corpus_dir], cache_dir=cache)
    assert len(again.articles) == 4 and "Olaf Scholz" in set(again.mentions["actor"])
    # the upload date kept beside a file is part of the key too
    key = corpus_key([corpus_dir])
    (corpus_dir / ".neu.md.lagebild.json").write_text('{"published": "2022-11-02"}', encoding="utf-8")
    assert corpus_key([corpus_dir]) != key


def test_another_pipeline_version_assembles_again(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    cached_corpus([corpus_dir], cache_dir=cache)
    calls = []

    def other_version(lang):
        calls.append(lang)
        pipe = load_pipeline(lang)
        return SimpleNamespace(nlp=pipe.nlp, name=pipe.name, version=pipe.version + "-other")

    corpus = cached_corpus([corpus_dir], cache_dir=cache, pipelines=other_version)
    assert calls and len(corpus.articles) == 3
    # annotated again under the other version: its own cache folder exists now
    assert any(p.name.endswith("-other") for p in cache.iterdir())


def test_a_damaged_snapshot_is_dropped(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    expected = cached_corpus([corpus_dir], cache_dir=cache)
    folder = cache / FOLDER / corpus_key([corpus_dir])
    (folder / "mentions.arrow").write_bytes(b"not an Arrow file")
    again = cached_corpus([corpus_dir], cache_dir=cache)
    assert_same_corpus(expected, again)
    assert (folder / "meta.json").is_file()      # stored again, whole


def test_failed_articles_are_not_stored(corpus_dir, tmp_path, monkeypatch):
    import lib.annotate_batch as annotate  # the unit of work calls findings

    cache = tmp_path / "cache"

    def broken(doc, published, article_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(annotate, "findings", broken)
    corpus = cached_corpus([corpus_dir], cache_dir=cache)
    assert corpus.articles["pipeline"].eq("").all()
    assert not (cache / FOLDER).exists() or not any((cache / FOLDER).iterdir())


def test_is_current_tells_whether_the_dashboard_has_anything_to_annotate(corpus_dir, tmp_path,
                                                                         monkeypatch):
    from lib.nlp import pipeline as pipeline_mod
    from lib.snapshot import is_current

    cache = tmp_path / "cache"
    assert not is_current([corpus_dir], cache)                  # nothing stored yet
    cached_corpus([corpus_dir], cache_dir=cache)
    assert is_current([corpus_dir], cache)
    real = pipeline_mod.pipeline_version
    monkeypatch.setattr(pipeline_mod, "pipeline_version", lambda lang: real(lang) + "-new")
    assert not is_current([corpus_dir], cache)                  # another model or code
    monkeypatch.setattr(pipeline_mod, "pipeline_version", real)
    (corpus_dir / "neu.md").write_text("Olaf Scholz sprach in Paris.\n", encoding="utf-8")
    assert not is_current([corpus_dir], cache)                  # a new file


def test_a_current_snapshot_is_read_without_loading_a_pipeline(corpus_dir, tmp_path):
    from lib.nlp.pipeline import pipeline_version

    cache = tmp_path / "cache"
    first = cached_corpus([corpus_dir], cache_dir=cache)
    loaded = []

    def pipelines(lang):
        loaded.append(lang)
        return load_pipeline(lang)

    again = cached_corpus([corpus_dir], cache_dir=cache, pipelines=pipelines, versions=pipeline_version)
    assert loaded == [] and len(again.articles) == len(first.articles)
