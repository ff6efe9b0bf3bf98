"""The benchmark corpus builder (bench/build_corpus.py) on the bundled sample: distinct articles
with varied names, dates and sources, and a derived annotation cache that the loader accepts as
is (nothing is annotated again) with offsets that point at the copies' own text."""
from __future__ import annotations

import pytest

from bench.build_corpus import build
from lib import annotate_corpus
from lib.ingest.corpus import load_corpus
from lib.settings import SAMPLE_DIR
from lib.snapshot import FOLDER, corpus_key

SIZE = 12


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import os

    from lib.nlp import pipeline as pipeline_mod

    old = os.environ.get("LAGEBILD_MODEL_DE")
    os.environ["LAGEBILD_MODEL_DE"] = "rules"           # fast: no model
    pipeline_mod.load_pipeline.cache_clear()
    out = tmp_path_factory.mktemp("built")
    try:
        result = build(SIZE, out, [SAMPLE_DIR], out / "base-cache", log=lambda *_: None)
        progress: list[int] = []
        corpus = annotate_corpus([result["corpus"]], cache_dir=result["cache"],
                                 progress=lambda done, total, _: progress.append(total))
        yield result, corpus, progress
    finally:
        if old is None:
            os.environ.pop("LAGEBILD_MODEL_DE", None)
        else:
            os.environ["LAGEBILD_MODEL_DE"] = old
        pipeline_mod.load_pipeline.cache_clear()


def test_distinct_articles_from_the_cache(built):
    result, corpus, progress = built
    assert len(load_corpus([result["corpus"]]).articles) == SIZE
    assert corpus.articles["id"].is_unique and len(corpus.articles) == SIZE
    assert progress and set(progress) == {0}           # every article came from the cache
    assert corpus.report.empty
    assert len(corpus.mentions) > 10 * SIZE and len(corpus.quotes) > 0 and len(corpus.events) > 0
    # the dashboard's snapshot of the corpus was stored too
    assert (result["cache"] / FOLDER / corpus_key([result["corpus"]])).is_dir()


def test_offsets_point_at_the_copies_text(built):
    _, corpus, _ = built
    for df in (corpus.mentions, corpus.quotes):
        for r in df.itertuples():
            assert corpus.text(r.article_id)[r.start:r.end] == r.text
    speakers = corpus.quotes.dropna(subset=["speaker_start"])
    for r in speakers.itertuples():
        assert corpus.text(r.article_id)[int(r.speaker_start):int(r.speaker_end)] == r.speaker


def test_names_dates_and_sources_vary(built):
    _, corpus, _ = built
    articles = corpus.articles
    assert articles["published"].nunique() > 3
    assert articles["source"].nunique() > 3
    base_people = set(corpus.mentions.loc[(corpus.mentions["article_id"] == articles["id"][0])
                                          & (corpus.mentions["actor_type"] == "person"), "actor"])
    people = set(corpus.mentions.loc[corpus.mentions["actor_type"] == "person", "actor"])
    assert len(people) > len(base_people)
    # an event's date moves with its article's: years in the text and the findings agree
    for r in corpus.events.dropna(subset=["date_start"]).itertuples():
        if r.timex and r.value[:4].isdigit():
            assert r.value[:4] == str(r.date_start.year)
