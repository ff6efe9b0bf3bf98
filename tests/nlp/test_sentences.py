"""Sentence starts set before the model (lib/nlp/longtext.sentence_cap): a paragraph end is a
sentence end even where the sentencizer sees no full stop, and a hard-wrapped line is not."""
from __future__ import annotations

import spacy

from lib.nlp import longtext
from lib.nlp import pipeline as pipeline_mod


def _starts(text: str) -> list[str]:
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_sentence_cap")
    nlp.add_pipe("sentencizer")
    return [s.text.strip() for s in nlp(text).sents]


def test_a_line_break_after_an_ordinal_full_stop_ends_the_sentence():
    # German "136." is one token (an ordinal): the sentencizer alone sees no sentence end
    text = "Drohnen des Typs Shahed-136.\nEine Verteidigungsquelle sagte das."
    assert _starts(text) == ["Drohnen des Typs Shahed-136.", "Eine Verteidigungsquelle sagte das."]


def test_a_line_break_after_a_closing_quote_ends_the_sentence():
    text = "Er sagte: „Wir bleiben.“\nDer Minister ging."
    assert _starts(text)[-1] == "Der Minister ging."


def test_a_blank_line_ends_a_heading_without_a_full_stop():
    assert _starts("Drohnenangriffe auf Kiew\n\nRussland griff an.") == [
        "Drohnenangriffe auf Kiew", "Russland griff an."]


def test_a_hard_wrapped_line_does_not_end_the_sentence():
    text = "Der Minister sagte am\nDienstag in Berlin, dass er bleibe."
    assert len(_starts(text)) == 1


def test_the_cap_still_cuts_a_text_without_punctuation():
    got = _starts("wort " * (longtext.MAX_SENT_TOKENS * 2 + 10))
    assert len(got) == 3


def test_no_name_runs_over_a_paragraph_end_in_the_shipped_pipeline():
    from lib import annotate_text
    text = ("Stoltenberg sagte, die Lieferungen begännen bald, einschließlich des vom Iran "
            "gelieferten Typs Shahed-136.\nEine Verteidigungsquelle sagte, das Treffen sei "
            "abgehalten worden.")
    pipeline_mod.load_pipeline("de")
    m = annotate_text(text, language="de").mentions
    assert not m["text"].str.contains("\n").any()
    assert not m["actor"].str.contains("Verteidigungsquelle").any()
