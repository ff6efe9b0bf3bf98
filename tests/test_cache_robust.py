"""Issue 14, cache half: checkpoints, resume after an interruption, a cache that cannot be
written, atomic --out files."""
import errno
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest

import lib.annotate_batch as batch_mod
import lib.annotate_stream as stream_mod
from lib import annotate_corpus
from lib.store import Store
from tests.ingest.samples import SEED_BODY


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, para in enumerate([p for p in SEED_BODY.split("\n") if len(p) > 200][:6]):
        (folder / f"a{i}.txt").write_text(f"Meldung {i}\n\n{para}\n", encoding="utf-8")
    return folder


class Progress:
    def __init__(self, stop_at=None):
        self.calls, self.stop_at = [], stop_at

    def __call__(self, done, total, label):
        self.calls.append((done, total))
        if done == self.stop_at:
            raise KeyboardInterrupt("killed")

    @property
    def total(self):
        return self.calls[-1][1]


def test_an_interrupted_run_resumes_from_the_last_checkpoint(corpus_dir, tmp_path, rules_de,
                                                             monkeypatch):
    monkeypatch.setattr(batch_mod, "BATCH_SIZE", 1)
    monkeypatch.setattr(stream_mod, "CHECKPOINT", 1)
    n = len(list(corpus_dir.iterdir()))
    assert n >= 4
    cache = tmp_path / "cache"
    with pytest.raises(KeyboardInterrupt):         # like kill -9 after the third article
        annotate_corpus([corpus_dir], cache_dir=cache, progress=Progress(stop_at=3),
                        pipelines=lambda lang: rules_de)
    again = Progress()
    corpus = annotate_corpus([corpus_dir], cache_dir=cache, progress=again,
                             pipelines=lambda lang: rules_de)
    assert again.total == n - 2                    # the first two were checkpointed
    fresh = annotate_corpus([corpus_dir], use_cache=False, pipelines=lambda lang: rules_de)
    assert corpus.mentions.equals(fresh.mentions)


@pytest.mark.parametrize("kind", ["file", "read-only", "permission denied"])
def test_an_unwritable_cache_is_reported_at_once_and_the_run_goes_on(corpus_dir, tmp_path, rules_de,
                                                                     caplog, monkeypatch, kind):
    cache = tmp_path / "cache"
    if kind == "file":
        cache.write_text("not a folder")
    elif kind == "permission denied":       # what a read-only folder does for a non-root user
        import lib.store as store_mod

        def denied(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(store_mod.tempfile, "mkstemp", denied)
        monkeypatch.setattr(store_mod.tempfile, "mkdtemp", denied)
    else:
        cache.mkdir()
        cache.chmod(0o500)
        probe = cache / "probe"
        try:
            probe.write_text("x")      # root ignores permissions: nothing to test then
            pytest.skip("running as root: a read-only folder is writable")
        except OSError:
            pass
    warned_before = []

    def progress(done, total, label):
        warned_before.append(any("cannot be written" in r.getMessage() for r in caplog.records))

    with caplog.at_level(logging.WARNING):
        corpus = annotate_corpus([corpus_dir], cache_dir=cache, progress=progress,
                                 pipelines=lambda lang: rules_de)
    assert warned_before and all(warned_before)         # said before the first article
    assert len(corpus.mentions) > 10
    rows = corpus.report[corpus.report["path"] == str(cache)]
    assert len(rows) == 1 and "cannot be written" in rows["problem"].item()


def test_a_full_disk_mid_run_stops_the_cache_not_the_run(corpus_dir, tmp_path, rules_de, monkeypatch):
    monkeypatch.setattr(batch_mod, "BATCH_SIZE", 1)
    monkeypatch.setattr(stream_mod, "CHECKPOINT", 2)
    attempts = []

    def full(self, folder, index, frames):
        attempts.append(len(index))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "_write_segment", full)
    corpus = annotate_corpus([corpus_dir], cache_dir=tmp_path / "cache",
                             pipelines=lambda lang: rules_de)
    assert attempts == [2]                      # tried once, then no more
    assert len(corpus.articles) == len(list(corpus_dir.iterdir()))
    assert corpus.report["problem"].str.contains("No space left").sum() == 1
    assert corpus.mentions["article_id"].nunique() == len(corpus.articles)


# ---- the command line --------------------------------------------------------------------
def test_cli_writes_out_although_the_cache_is_a_file(corpus_dir, tmp_path, rules_de, capsys):
    from lib.__main__ import main

    cache, out = tmp_path / "cache", tmp_path / "out"
    cache.write_text("not a folder")
    assert main(["annotate", str(corpus_dir), "--out", str(out), "--cache", str(cache)]) == 0
    err = capsys.readouterr().err
    assert "cannot be written" in err
    assert len(pd.read_parquet(out / "articles.parquet")) == len(list(corpus_dir.iterdir()))


def test_cli_out_files_are_written_atomically(corpus_dir, tmp_path, rules_de, capsys, monkeypatch):
    from lib.__main__ import main

    out = tmp_path / "out"
    args = ["annotate", str(corpus_dir), "--out", str(out), "--no-cache"]
    assert main(args) == 0
    before = (out / "mentions.parquet").read_bytes()
    real = pd.DataFrame.to_parquet

    def full_disk(self, path, *a, **kw):
        if "mentions" in str(path):
            Path(path).write_bytes(before[:100])          # a partial write, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *a, **kw)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full_disk)
    assert main(args) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert (out / "mentions.parquet").read_bytes() == before       # the old file, whole
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    shutil.rmtree(out)
