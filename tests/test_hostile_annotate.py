"""Issue 14, annotation half: long and odd texts annotate in linear time, a text over spaCy's
max_length is annotated in chunks, one over the article limit is skipped and reported."""
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import annotate_corpus, annotate_text
from lib.nlp import longtext
from lib.nlp import pipeline as pipeline_mod
from lib.settings import DEFAULT_MAX_ARTICLE_CHARS
from tests.ingest.samples import SEED, SEED_BODY


def _offsets_ok(ann, text):
    for table in (ann.mentions, ann.events, ann.quotes):
        assert ((table["start"] >= 0) & (table["start"] <= table["end"])
                & (table["end"] <= len(text))).all()
    for row in ann.mentions.itertuples():
        assert text[row.start:row.end] == row.text


# ---- item 3: runs of quote marks ---------------------------------------------------------
@pytest.mark.timeout(120)
def test_a_run_of_200000_quote_marks_tokenizes_in_linear_time(rules_de):
    # spaCy's suffix search is quadratic on a run without whitespace: '"' * 8000 took 5.6 s,
    # 200,000 would take hours
    text = 'Die Nato sagte "' + '"' * 200_000 + ' in Berlin.'
    doc = rules_de.nlp.tokenizer(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= longtext.MAX_RUN
    assert len(doc) < 2000          # one token per piece of the run, not 200,000 for the model
    assert [t.text for t in doc][:3] == ["Die", "Nato", "sagte"]


@pytest.mark.timeout(120)
def test_quote_runs_annotate_with_offsets_into_the_text(rules_de):
    text = "Stoltenberg sagte: " + '"' * 20_000 + " Russland " + "„“" * 5000 + " Kiew."
    ann = annotate_text(text, language="de")
    _offsets_ok(ann, text)
    assert {"Russland", "Kiew"} <= set(ann.mentions["actor"])


# ---- item 2: text without sentence punctuation --------------------------------------------
@pytest.mark.timeout(120)
def test_text_without_punctuation_is_cut_into_bounded_sentences(rules_de):
    # 20,000 actor mentions and not one full stop: the pairwise overlap tests in the gazetteer
    # and in actors._dedupe and the per-mention sentence copy made this take many minutes
    text = "Nato Berlin Russland und Kiew " * 5000
    ann = annotate_text(text, language="de")
    m = ann.mentions
    assert len(m) == 20_000
    _offsets_ok(ann, text)
    assert m["sentence"].map(lambda s: len(s.split())).max() <= longtext.MAX_SENT_TOKENS
    # a sentence is one string shared by the rows of its mentions, not a copy per row
    shared = m.groupby("sent_index")["sentence"].agg(lambda s: len({id(x) for x in s}))
    assert (shared == 1).all()
    assert m["sent_index"].nunique() >= len(text.split()) // longtext.MAX_SENT_TOKENS


def test_sentence_cap_keeps_real_sentences_and_is_respected_by_the_parser():
    nlp = pipeline_mod.load_pipeline("en").nlp     # has a parser
    doc = nlp("Stoltenberg spoke in Brussels. " + "and then " * 400 + "it ended.")
    lengths = [len(s) for s in doc.sents]
    assert lengths[0] == 5
    assert max(lengths) <= longtext.MAX_SENT_TOKENS


# ---- item 1: over spaCy's max_length -----------------------------------------------------
def test_a_text_over_max_length_is_annotated_in_chunks_with_offsets_into_the_whole(monkeypatch):
    pipe = pipeline_mod.load_pipeline("de")
    monkeypatch.setattr(pipe.nlp, "max_length", 3000)     # spaCy raised E088 past it
    text = (SEED_BODY + "\n\n") * 4
    assert len(text) > 3 * 3000
    ann = annotate_text(text, published="2022-10-18", language="de")
    _offsets_ok(ann, text)
    one = annotate_text(SEED_BODY, published="2022-10-18", language="de")
    assert len(ann.mentions) >= 3 * len(one.mentions)
    assert ann.mentions["start"].max() > 3 * len(SEED_BODY)    # found in the last chunk too


def test_chunks_cut_at_paragraphs_and_rebuild_the_text():
    text = ("Ein Satz. " * 30 + "\n\n") * 20 + "x" * 5000
    parts = longtext.chunks(text, 1000)
    assert "".join(parts) == text
    assert all(len(p) <= 1000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:5])


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def test_an_article_over_max_length_does_not_stop_the_corpus(corpus_dir, tmp_path, rules_de,
                                                            monkeypatch):
    monkeypatch.setattr(rules_de.nlp, "max_length", 5000)
    (corpus_dir / "long.txt").write_text("Lange Meldung\n\n" + (SEED_BODY + "\n\n") * 3, encoding="utf-8")
    corpus = annotate_corpus([corpus_dir], cache_dir=tmp_path / "cache",
                             pipelines=lambda lang: rules_de)
    assert len(corpus.articles) == 2
    assert corpus.mentions.groupby("article_id").size().size == 2
    for row in corpus.mentions.itertuples():
        assert corpus.text(row.article_id)[row.start:row.end] == row.text


def test_an_article_over_the_limit_is_skipped_and_reported(corpus_dir, tmp_path, rules_de,
                                                          monkeypatch):
    monkeypatch.setenv("LAGEBILD_MAX_ARTICLE_CHARS", "20000")
    (corpus_dir / "huge.txt").write_text("Riesig\n\n" + "Nato in Kiew. " * 2000, encoding="utf-8")
    corpus = annotate_corpus([corpus_dir], cache_dir=tmp_path / "cache",
                             pipelines=lambda lang: rules_de)
    assert len(corpus.articles) == 2                       # listed, without findings
    huge = corpus.articles[corpus.articles["path"].str.endswith("huge.txt")]["id"].item()
    assert not (corpus.mentions["article_id"] == huge).any()
    assert len(corpus.mentions) > 20                      # the good article is annotated
    rows = corpus.report[corpus.report["path"].str.endswith("huge.txt")]
    assert rows["problem"].str.contains("LAGEBILD_MAX_ARTICLE_CHARS").any()
    assert (rows["action"] == "skipped").all()


def test_the_article_limit_defaults_to_five_million(monkeypatch):
    monkeypatch.delenv("LAGEBILD_MAX_ARTICLE_CHARS", raising=False)
    assert longtext.max_article_chars() >= 5_000_000
    monkeypatch.setenv("LAGEBILD_MAX_ARTICLE_CHARS", "not a number")
    assert longtext.max_article_chars() == DEFAULT_MAX_ARTICLE_CHARS


# ---- item 8: odd inputs ------------------------------------------------------------------
_PIECES = st.sampled_from([
    "Nato", "Berlin", "Stoltenberg", "sagte", " ", "\n", "\n\n", '"', "„", "“", "'", "\x00",
    ".", ":", "-", "«", "»", "am Dienstag", "2022-10-18", "x" * 300, '"' * 400, "\t", "…",
    "ﬁ", "\u200b", "\r\n", "# ", "![b](c.png)\n",
])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=60),
       st.integers(min_value=1, max_value=40))
def test_odd_texts_annotate_without_error_and_offsets_inside(rules_de, pieces, repeat):
    text = "".join(pieces) * repeat
    ann = annotate_text(text, published="2022-10-18", language="de")
    _offsets_ok(ann, text)
