"""Issue 15, annotation half: incremental runs, progress counts, worker processes, streamed
annotation into the cache and the same annotation on Dask."""
import pandas as pd
import pytest

from lib import annotate_corpus
from lib.annotate_stream import annotate_to_cache
from lib.nlp import pipeline as pipeline_mod
from tests.ingest.samples import SEED_BODY


class Progress:
    def __init__(self):
        self.calls = []

    def __call__(self, done, total, label):
        self.calls.append((done, total))


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, para in enumerate([p for p in SEED_BODY.split("\n") if len(p) > 200][:5]):
        (folder / f"a{i}.txt").write_text(f"---\nlanguage: de\npublished: 2022-10-1{i}\n---\n"
                                         f"Meldung {i}\n\n{para}\n", encoding="utf-8")
    return folder


@pytest.fixture
def rules_only(monkeypatch):
    """The rule-only German pipeline for every process and thread (no model: fast)."""
    monkeypatch.setenv("LAGEBILD_MODEL_DE", "rules")
    pipeline_mod.load_pipeline.cache_clear()
    yield
    pipeline_mod.load_pipeline.cache_clear()


def _frames(corpus):
    return {t: getattr(corpus, t) for t in ("articles", "mentions", "actors", "events", "quotes")}


def _assert_same(a, b):
    for t, df in _frames(a).items():
        pd.testing.assert_frame_equal(df, _frames(b)[t], check_like=False, obj=t)


def test_a_rerun_annotates_only_the_new_file_and_loads_no_pipeline_when_nothing_is_new(
        corpus_dir, tmp_path, rules_only):
    cache = tmp_path / "cache"
    first = Progress()
    annotate_corpus([corpus_dir], cache_dir=cache, progress=first)
    assert first.calls[-1] == (5, 5)

    pipeline_mod.load_pipeline.cache_clear()
    again = Progress()
    annotate_corpus([corpus_dir], cache_dir=cache, progress=again)
    assert again.calls == [(0, 0)]
    assert pipeline_mod.load_pipeline.cache_info().currsize == 0, "nothing new: no spaCy pipeline loaded"

    (corpus_dir / "new.txt").write_text("---\nlanguage: de\n---\nOlaf Scholz sprach am Montag in Berlin.\n",
                                        encoding="utf-8")
    more = Progress()
    corpus = annotate_corpus([corpus_dir], cache_dir=cache, progress=more)
    assert more.calls[0] == (0, 1) and more.calls[-1] == (1, 1)
    assert len(corpus.articles) == 6
    fresh = annotate_corpus([corpus_dir], use_cache=False)
    _assert_same(corpus, fresh)


def test_progress_counts_up_to_the_new_articles(corpus_dir, tmp_path, rules_only, monkeypatch):
    import lib.annotate_batch as batch_mod

    monkeypatch.setattr(batch_mod, "BATCH_SIZE", 2)
    progress = Progress()
    annotate_corpus([corpus_dir], cache_dir=tmp_path / "cache", progress=progress)
    done = [d for d, _ in progress.calls]
    assert progress.calls[0] == (0, 5)
    assert {t for _, t in progress.calls} == {5}
    assert done == sorted(done) and done[-1] == 5
    assert len(progress.calls) > 2, "counted batch by batch, not only at the end"


def test_two_worker_processes_give_the_same_frames(corpus_dir, rules_only, monkeypatch):
    import lib.annotate_batch as batch_mod

    monkeypatch.setattr(batch_mod, "BATCH_SIZE", 2)
    one = annotate_corpus([corpus_dir], use_cache=False)
    two = annotate_corpus([corpus_dir], use_cache=False, workers=2)
    _assert_same(one, two)
    assert len(two.mentions) > 0


def test_streamed_annotation_fills_the_cache_the_corpus_is_read_from(corpus_dir, tmp_path, rules_only):
    cache = tmp_path / "cache"
    progress = Progress()
    summary = annotate_to_cache([corpus_dir], cache, progress=progress)
    assert (summary.articles, summary.annotated) == (5, 5)
    assert progress.calls[-1] == (5, 5)
    again = Progress()
    corpus = annotate_corpus([corpus_dir], cache_dir=cache, progress=again)
    assert again.calls == [(0, 0)], "everything came from the cache"
    _assert_same(corpus, annotate_corpus([corpus_dir], use_cache=False))
    assert annotate_to_cache([corpus_dir], cache).annotated == 0


def test_dask_writes_the_cache_layout_the_local_path_reads(corpus_dir, tmp_path, rules_only):
    distributed = pytest.importorskip("distributed")
    from lib.annotate_dask import annotate_on_dask

    cache = tmp_path / "dask_cache"
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        parts = Progress()
        summary = annotate_on_dask([corpus_dir], cache, client, files_per_part=2, progress=parts)
    assert (summary.articles, summary.annotated) == (5, 5)
    assert parts.calls[-1] == (3, 3)                    # 5 files in parts of 2
    again = Progress()
    from_dask = annotate_corpus([corpus_dir], cache_dir=cache, progress=again)
    assert again.calls == [(0, 0)], "the Dask run left nothing to annotate"
    local = annotate_corpus([corpus_dir], cache_dir=tmp_path / "local_cache")
    _assert_same(from_dask, local)
    version_dir = next(p for p in cache.iterdir() if "+" in p.name)    # beside it: files/ (lib/file_index.py)
    segments = [p for p in version_dir.iterdir() if not p.name.startswith(".")]
    assert len(segments) == 1, "compacted once at the end"


def test_new_files_are_read_again_alone_and_one_renamed_meanwhile_is_still_annotated(
        corpus_dir, tmp_path, rules_only, monkeypatch):
    import lib.ingest.corpus as corpus_mod

    cache = tmp_path / "cache"
    annotate_to_cache([corpus_dir], cache)
    (corpus_dir / "new.txt").write_text("---\nlanguage: de\n---\nOlaf Scholz sprach am Montag in Berlin.\n",
                                        encoding="utf-8")
    read = []
    real = corpus_mod._iter_file

    def spy(path):
        read.append(path)
        return real(path)

    monkeypatch.setattr(corpus_mod, "_iter_file", spy)
    assert annotate_to_cache([corpus_dir], cache).annotated == 1
    # the ids of the unchanged files come from the file index (lib/file_index.py)
    assert len(read) == 1 + 1, "the new file for its id, then once more to annotate it"

    # the new file is renamed between the two readings: found in the whole corpus after all
    (corpus_dir / "new2.txt").write_text("---\nlanguage: de\n---\nAnnalena Baerbock reiste nach Kiew.\n",
                                         encoding="utf-8")

    def spy_renaming(path):
        if str(path).endswith("new2.txt") and any(str(p).endswith("new2.txt") for p in read):
            (corpus_dir / "new2.txt").rename(corpus_dir / "new3.txt")
        read.append(path)
        return real(path)

    read.clear()
    monkeypatch.setattr(corpus_mod, "_iter_file", spy_renaming)
    summary = annotate_to_cache([corpus_dir], cache)
    assert summary.annotated == 1
    assert len(read) == 1 + 1 + 7, "the new file for its id, again, then the whole corpus"
    assert annotate_to_cache([corpus_dir], cache).annotated == 0
