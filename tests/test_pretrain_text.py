"""training/pretrain_text.py: the seeded raw-text slice for `spacy pretrain` (issue 9)."""
import gzip
import json

import pytest

from training.pretrain_text import build


@pytest.fixture()
def corpora(tmp_path):
    raw = tmp_path / "german-raw-bundestag"
    raw.mkdir()
    with gzip.open(raw / "bt_wp18_speeches.txt.gz", "wt", encoding="utf-8") as fh:
        for i in range(1000):
            fh.write(f"Rede Nummer {i} im Bundestag .\n\n")
    ge = tmp_path / "germeval2014-de"
    ge.mkdir()
    rows = []
    for s, words in enumerate([["Angela", "Merkel", "sprach", "."], ["Kiew", "liegt", "am", "Dnipro", "."]]):
        rows.append(f"# http://example.org/{s}")
        rows += [f"{i + 1}\t{w}\tO\tO" for i, w in enumerate(words)]
        rows.append("")
    (ge / "train.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # dev.tsv must never be read: a sentence there would show up in the slice
    (ge / "dev.tsv").write_text("# x\n1\tGEHEIM\tO\tO\n\n", encoding="utf-8")
    return tmp_path


def read(path):
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_slice_is_seeded_sampled_and_complete(corpora, tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    stats = build(corpora, a, fraction=0.3, seed=0)
    build(corpora, b, fraction=0.3, seed=0)
    build(corpora, c, fraction=0.3, seed=1)
    texts = read(a)
    assert texts == read(b)                      # same seed, same slice in the same order
    assert set(texts) != set(read(c))            # another seed samples other paragraphs
    assert "Angela Merkel sprach ." in texts and "Kiew liegt am Dnipro ." in texts
    assert not any("GEHEIM" in t for t in texts)
    n_bt = sum(t.startswith("Rede") for t in texts)
    assert 220 <= n_bt <= 380                    # ~30% of 1,000 paragraphs
    assert stats["bundestag"]["lines"] == n_bt and stats["germeval-train"]["lines"] == 2
    assert len(set(texts)) == len(texts)         # no paragraph twice
    order = [int(t.split()[2]) for t in texts if t.startswith("Rede")]
    assert order != sorted(order)                # shuffled: pretrain reads the file in order


def test_fraction_zero_keeps_only_germeval(corpora, tmp_path):
    out = tmp_path / "z.jsonl"
    build(corpora, out, fraction=0.0, seed=0)
    assert sorted(read(out)) == ["Angela Merkel sprach .", "Kiew liegt am Dnipro ."]
