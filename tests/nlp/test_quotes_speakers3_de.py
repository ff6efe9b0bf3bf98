"""German speakers, third round of issue 10 (rules found on development fold a only): sentences written
for these tests (token-rule extractor, hand-made mentions; helpers in tests/nlp/test_quotes.py)."""
from __future__ import annotations

from tests.nlp.test_quotes import extract, find

BRANDT = ("Peter Brandt", "Peter Brandt", "person")
KLEIN = ("Paul Klein", "Paul Klein", "person")
VOGT = ("Hans Vogt", "Hans Vogt", "person")


def test_pronoun_prefers_the_subject_before_a_name_in_a_prepositional_phrase():
    text = ("Peter Brandt eröffnete am Montag die Ausstellung. Nach einem Treffen mit Minister Paul Klein "
            "und Hans Vogt sagte er: „Wir brauchen mehr Museen.“")
    r = find(extract(text, [BRANDT, KLEIN, VOGT]), "Wir brauchen")
    assert r["speaker_actor"] == "Peter Brandt"
    text = "Peter Brandt kam spät. Seit dem Besuch von Paul Klein lobte er die Stadt: „Sie ist schön.“"
    assert find(extract(text, [BRANDT, KLEIN]), "Sie ist schön")["speaker_actor"] == "Peter Brandt"


def test_name_in_a_prepositional_phrase_is_still_the_antecedent_when_no_subject_is_near():
    # the subject is in another paragraph: the person named last stays the antecedent
    text = ("Peter Brandt eröffnete die Ausstellung.\nEin Gespräch mit Paul Klein folgte. "
            "Er sagte: „Wir brauchen mehr Museen.“")
    assert find(extract(text, [BRANDT, KLEIN]), "Wir brauchen")["speaker_actor"] == "Paul Klein"
    # a subject after the preposition's name is the antecedent as before
    text = "Nach einem Treffen mit Paul Klein kam Peter Brandt an. Er sagte: „Es war gut.“"
    assert find(extract(text, [BRANDT, KLEIN]), "Es war gut")["speaker_actor"] == "Peter Brandt"


def test_clause_of_a_speech_act_noun_is_reported_speech_of_its_genitive():
    recs = extract("Die Partei wies die Forderung von Paul Klein, mit den Grünen zu verhandeln, "
                   "zurück. Der Vorwurf der Opposition, die Regierung sei „völlig planlos und ohne Ziel“, wog schwer.",
                   [KLEIN, ("Opposition", "Opposition", "organisation")])
    r = find(recs, "mit den Grünen", kind="indirect")
    assert r["speaker_actor"] == "Paul Klein" and r["cue"] == "Forderung"
    assert find(recs, "die Regierung sei", kind="indirect")["speaker_actor"] == "Opposition"
    assert find(recs, "völlig planlos")["speaker_actor"] == "Opposition"  # a direct quote inside the clause
    assert find(recs, "völlig planlos")["cue"] == "Vorwurf"
    # without a source, or with a clause that does not report, nothing is taken
    recs = extract("Die Forderung, mit den Grünen zu verhandeln, fand keine Mehrheit. "
                   "Die Kritik der Opposition, die am Montag laut wurde, verhallte.",
                   [("Opposition", "Opposition", "organisation")])
    assert not [x for x in recs if x["kind"] == "indirect"]


def test_people_named_by_occupation_are_descriptions_and_pronoun_antecedents():
    text = ("Auf der Landstraße wurde ein 52-jähriger Landwirt von einem Lastwagen gestreift. "
            "Er sagte: „Ich habe den Wagen nicht kommen sehen.“ Die Fahrerin des Lastwagens erklärte, sie sei geblendet worden.")
    recs = extract(text)
    assert find(recs, "Ich habe den Wagen")["speaker"] == "ein 52-jähriger Landwirt"
    assert find(recs, "sie sei geblendet", kind="indirect")["speaker"] == "Die Fahrerin des Lastwagens"


def test_quote_before_das_sagte_x_is_x_s():
    recs = extract("„Wir schaffen das nicht allein.“ Das musste Minister Paul Klein am Montag einräumen. "
                   "„Die Kosten steigen weiter.“ Das sagte Hans Vogt im Radio.", [KLEIN, VOGT])
    assert find(recs, "Wir schaffen")["speaker_actor"] == "Paul Klein"
    assert find(recs, "Die Kosten")["speaker_actor"] == "Hans Vogt"
    # a quote with its own speaker keeps it
    recs = extract("Paul Klein sagte: „Die Kosten steigen.“ Das bestätigte Hans Vogt.", [KLEIN, VOGT])
    assert find(recs, "Die Kosten")["speaker_actor"] == "Paul Klein"


def test_quoted_publication_after_the_verb_is_the_subject():
    recs = extract("„Die Lage ist ernst“, schreibt die „Süddeutsche Zeitung“. "
                   "Am Montag berichtete die „Zeit“, die Verhandlungen seien gescheitert.")
    r = find(recs, "Die Lage ist ernst")
    assert r["speaker"] == "die „Süddeutsche Zeitung“" and r["speaker_actor"] == "Süddeutsche Zeitung"
    assert find(recs, "die Verhandlungen seien", kind="indirect")["speaker_actor"] == "Zeit"
    # an object: a quoted title after the verb that does not close the clause
    recs = extract("Sie nannte die „Agenda 2010“ einen Fehler.")
    assert not any(r["speaker_actor"] == "Agenda 2010" for r in recs)
