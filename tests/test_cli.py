"""The command line: annotate with --out, export a filtered table as CSV."""
import csv
import io
import shutil
import subprocess
import sys

import pandas as pd

from lib.settings import REPO_ROOT

ROOT = REPO_ROOT
SAMPLE = ROOT / "data" / "seed-telegraph-2022-10-18.md"


def _run(*args, env_cache):
    return subprocess.run([sys.executable, "-m", "lib", *args, "--cache", str(env_cache)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_annotate_and_export(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus)
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    cache, out = tmp_path / "cache", tmp_path / "out"

    res = _run("annotate", str(corpus), "--out", str(out), env_cache=cache)
    assert res.returncode == 0, res.stderr
    assert "broken.json" in res.stderr                       # the load report names the bad file
    for table in ("articles", "mentions", "actors", "events", "quotes"):
        assert (out / f"{table}.parquet").is_file()
    assert len(pd.read_parquet(out / "articles.parquet")) == 1

    csv_path = tmp_path / "quotes.csv"
    res = _run("export", "quotes", "--corpus", str(corpus), "--actor", "James Martin", "-o", str(csv_path),
               env_cache=cache)
    assert res.returncode == 0, res.stderr
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                    # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) >= 3
    assert {r["speaker_actor"] for r in rows} == {"James Martin"}


def test_export_of_unknown_actor_fails_clearly(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus)
    res = _run("export", "quotes", "--corpus", str(corpus), "--actor", "Nobody Here", "-o",
               str(tmp_path / "x.csv"), env_cache=tmp_path / "cache")
    assert res.returncode == 2
    assert "Nobody Here" in res.stderr
    assert not (tmp_path / "x.csv").exists()
