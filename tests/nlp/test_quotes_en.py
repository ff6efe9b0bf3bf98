"""English quotes through the real English pipeline (en_core_web_sm, which has a parser):
speakers from the sentence's structure. Sentences written for these tests in the style of
British political news."""
from __future__ import annotations

import pytest

from lib import annotate_text

TEXT = (
    "Tony Blair met Michael Howard in London on Monday.\n"
    "Blair's spokesman said the prime minister was relaxed about the poll. "
    "Michael Howard told the BBC that Mr Blair had lied. "
    "\"We will not back down,\" said Mr Howard. "
    "According to Gordon Brown, the economy is strong.\n"
    "Jens Stoltenberg, the Nato secretary general, said on Tuesday that deliveries would begin. "
    "The Conservatives accused him of \"abusive politics\". "
    "A senior official, who asked not to be named, said the talks had stalled. "
    "The report says that emissions rose by 5%.\n"
    "Theresa May visited Leeds. \"We have a plan,\" she said.\n"
    "\"It will take time.\"\n"
    "It was announced by the ministry that the plant would close."
)


@pytest.fixture(scope="module")
def quotes():
    q = annotate_text(TEXT, language="en").quotes
    return {row.text: row for row in q.itertuples()}


def who(quotes, text):
    assert text in quotes, list(quotes)
    r = quotes[text]
    return r.kind, r.speaker, r.speaker_actor, r.speaker_for, r.cue


def test_subject_after_the_verb(quotes):
    assert who(quotes, "We will not back down")[:3] == ("direct", "Howard", "Michael Howard")


def test_told_the_bbc_that(quotes):
    assert who(quotes, "that Mr Blair had lied") == ("indirect", "Michael Howard", "Michael Howard", "", "told")


def test_possessive_spokesman_is_not_the_one_he_speaks_for(quotes):
    kind, speaker, actor, spoken_for, _ = who(quotes, "the prime minister was relaxed about the poll")
    assert (kind, speaker, actor, spoken_for) == ("indirect", "Blair's spokesman", "", "Tony Blair")


def test_according_to(quotes):
    assert who(quotes, "the economy is strong")[:4] == ("indirect", "Gordon Brown", "Gordon Brown", "")


def test_apposition_between_commas(quotes):
    assert who(quotes, "that deliveries would begin")[:3] == ("indirect", "Jens Stoltenberg", "Jens Stoltenberg")


def test_anonymous_source_named_as_the_text_names_it(quotes):
    assert who(quotes, "the talks had stalled")[:3] == ("indirect", "A senior official", "")


def test_report_as_source(quotes):
    assert who(quotes, "that emissions rose by 5%")[:3] == ("indirect", "The report", "")


def test_scare_quote_is_a_phrase(quotes):
    assert who(quotes, "abusive politics")[:3] == ("phrase", "", "")


def test_pronoun_and_continuation_paragraph(quotes):
    assert who(quotes, "We have a plan")[:3] == ("direct", "Theresa May", "Theresa May")
    assert who(quotes, "It will take time.")[:3] == ("direct", "Theresa May", "Theresa May")


def test_passive_with_agent(quotes):
    assert who(quotes, "that the plant would close")[:3] == ("indirect", "the ministry", "")


def test_no_quote_given_to_a_named_actor_who_did_not_say_it(quotes):
    said_by_blair = [t for t, r in quotes.items() if r.speaker_actor == "Tony Blair"]
    assert said_by_blair == []


def test_pronoun_skips_names_inside_quotes_and_reported_clauses():
    text = ("Conservative leader Michael Howard said Labour had failed. "
            "\"Mr Blair has lost the trust of the people,\" he told the BBC.")
    q = annotate_text(text, language="en").quotes
    r = q[q["text"] == "Mr Blair has lost the trust of the people"].iloc[0]
    assert (r["speaker_actor"], r["cue"]) == ("Michael Howard", "he told")
    assert "the BBC" not in set(q["text"])  # "told the BBC." frames no clause


# BBC house style: single quotes, straight or curly, among apostrophes
BBC = (
    "Tony Blair met Michael Howard in London on Monday.\n"
    "'We will not let the country down,' said Mr Howard. "
    "'The Tories' plans don't add up,' Gordon Brown told the BBC.\n"
    "‘It's done,’ a Downing Street source said. "
    "The campaign was criticised for its 'abusive politics'. "
    "Labour's rock 'n' roll years are over, critics said.\n"
    "Theresa May visited Leeds. 'We have a plan,' she said."
)


@pytest.fixture(scope="module")
def bbc():
    q = annotate_text(BBC, language="en").quotes
    return {row.text: row for row in q.itertuples()}


def test_single_quotes_with_the_subject_after_the_verb(bbc):
    assert who(bbc, "We will not let the country down")[:3] == ("direct", "Howard", "Michael Howard")


def test_apostrophes_inside_a_single_quote_are_no_marks(bbc):
    assert who(bbc, "The Tories' plans don't add up")[:3] == ("direct", "Gordon Brown", "Gordon Brown")


def test_curly_single_quote_of_two_words_with_its_speech_tag(bbc):
    assert who(bbc, "It's done")[:3] == ("direct", "a Downing Street source", "")


def test_single_quoted_scare_quote_is_a_phrase(bbc):
    assert who(bbc, "abusive politics")[:3] == ("phrase", "", "")


def test_apostrophes_make_no_quote(bbc):
    assert "n" not in bbc and not any(t.startswith(("s ", "n'")) for t in bbc)
    assert who(bbc, "Labour's rock 'n' roll years are over")[:2] == ("indirect", "critics")


def test_single_quotes_pronoun_speaker(bbc):
    assert who(bbc, "We have a plan")[:3] == ("direct", "Theresa May", "Theresa May")


def test_single_quotes_are_english_only():
    from lib.nlp.quotes.marks import find_quotes
    text = "Er sagte, 'Gabi's Imbiss' sei zu. 'So nicht,' sagte sie."
    assert find_quotes(text) == []
    en = find_quotes("'So be it,' she said.", "en")
    assert [(o, e, closed) for o, e, closed in en] == [(0, 10, True)]


def test_quote_in_parentheses_after_a_name_is_that_name_s():
    text = ("Leaders around the world congratulated Barack Obama, among them Gordon Brown and Mohamed ElBaradei "
            "(\"I cannot think of anyone who deserves it more.\").")
    q = {row.text: row for row in annotate_text(text, language="en").quotes.itertuples()}
    hit = [r for t, r in q.items() if t.startswith("I cannot think")]
    assert hit and hit[0].speaker == "Mohamed ElBaradei", list(q)
