"""German reported speech marked by according-phrases (issue 10): the clause an according-phrase
stands in, dative sources before "zufolge", ", so X" inserted or with a trailing phrase, "laut" with
a possessive or a long phrase. Token rules with hand-made mentions (helpers in test_quotes.py)."""
from __future__ import annotations

from tests.nlp.test_quotes import extract, find

UN = ("UN", "UN", "organisation")


def _indirect(recs):
    return [r for r in recs if r["kind"] == "indirect"]


def test_according_phrase_in_a_relative_clause_reports_that_clause():
    text = ("Beim Untersuchen der Tasche des Mannes, die nach Angaben der Polizei die Bombe enthalten "
            "sollte, wurde kein Sprengstoff gefunden.")
    r = find(extract(text), "die nach Angaben", kind="indirect")
    assert r["text"] == "die nach Angaben der Polizei die Bombe enthalten sollte"
    assert r["speaker"] == "der Polizei"


def test_according_phrase_after_a_preposition_and_relative_pronoun():
    text = "Ein Motorboot, auf dem sich nach Angaben der Küstenwache viel Geld befunden haben soll, ist gekentert."
    r = find(extract(text), "auf dem sich", kind="indirect")
    assert r["text"].endswith("befunden haben soll")


def test_according_phrase_in_a_subordinate_clause():
    text = "Die UN baten die EU um Soldaten, weil die Mission nach Angaben der UN überfordert ist."
    r = find(extract(text, [UN]), "weil die Mission", kind="indirect")
    assert r["text"] == "weil die Mission nach Angaben der UN überfordert ist" and r["speaker_actor"] == "UN"


def test_according_phrase_in_a_parenthesis():
    text = "Getroffen wurde die Stadt 37 Kilometer vom Gazastreifen (nach anderen Angaben liegt sie 46 Kilometer entfernt)."
    r = find(extract(text), "nach anderen Angaben", kind="indirect")
    assert r["text"].endswith("46 Kilometer entfernt")


def test_according_phrase_in_the_main_clause_reports_the_sentence():
    # a relative clause before the phrase does not make the phrase's segment a clause of its own
    text = "Der Minister, der gestern ankam, sei nach Angaben der Polizei leicht verletzt worden."
    r = find(extract(text), "Der Minister", kind="indirect")
    assert r["text"] == "Der Minister, der gestern ankam, sei nach Angaben der Polizei leicht verletzt worden"


def test_more_according_nouns_open_a_sentence():
    recs = extract("Nach einer ersten Analyse entstand nach 25 Sekunden ein Treibstoffleck. "
                   "Nach dem Spiel feierten die Fans.")
    r = find(recs, "entstand nach 25 Sekunden", kind="indirect")
    assert r["speaker"] == "einer ersten Analyse"
    assert not any(r["text"].startswith("feierten") for r in recs)  # "nach dem Spiel": no source


def test_dative_source_before_zufolge():
    recs = extract("Es handele sich ersten Angaben zufolge um vier Angreifer. "
                   "Das Team kam der Meldung zufolge zu dem Schluss, dass Geld fehlte.")
    r = find(recs, "Es handele sich", kind="indirect")
    assert r["speaker"] == "ersten Angaben" and r["cue"] == "zufolge"
    r = find(recs, "Das Team kam", kind="indirect")
    assert r["speaker"] == "der Meldung"


def test_so_phrase_inserted_in_the_message():
    recs = extract("Nacke kritisierte den Bürgermeister. Dennoch, so Nacke, habe Mindermann nicht seiner "
                   "Vorbildfunktion entsprochen.", [("Nacke", "Nacke", "person"), ("Mindermann", "Mindermann", "person")])
    r = find(recs, "Dennoch", kind="indirect")
    assert r["text"] == "Dennoch, so Nacke, habe Mindermann nicht seiner Vorbildfunktion entsprochen"
    assert r["speaker_actor"] == "Nacke"


def test_so_phrase_with_a_trailing_prepositional_phrase():
    text = ("Ägypten wird aufgefordert, die Grenze zu öffnen, so Hisbollah-Chef Hassan Nasrallah im "
            "libanesischen Fernsehen.")
    r = find(extract(text, [("Hassan Nasrallah", "Hassan Nasrallah", "person")]), "Ägypten wird", kind="indirect")
    assert r["text"] == "Ägypten wird aufgefordert, die Grenze zu öffnen" and "Hassan Nasrallah" in r["speaker"]


def test_laut_with_a_possessive_and_with_a_long_phrase():
    recs = extract("Angela Merkel will mit allen Parteien reden. Laut ihren Aussagen schließt sie keine "
                   "Koalition aus. Laut einer neuen Mitteilung des WFP wurden "
                   "2.000 Menschen versorgt.", [("Angela Merkel", "Angela Merkel", "person"), ("WFP", "WFP", "organisation")])
    r = find(recs, "schließt sie", kind="indirect")
    assert r["speaker_actor"] == "Angela Merkel"
    r = find(recs, "wurden 2.000", kind="indirect")
    assert r["speaker"] == "einer neuen Mitteilung des WFP"


def test_clause_before_the_verb_keeps_its_quoted_words():
    text = "Sie sei „vollkommen geschockt“ über das Geschehen, sagte die Königin."
    r = find(extract(text), "Sie sei", kind="indirect")
    assert r["text"] == "Sie sei „vollkommen geschockt“ über das Geschehen" and r["speaker"] == "die Königin"


def test_wurde_bekannt_dass_reports_without_a_speaker():
    recs = extract("Im April wurde dann bekannt, dass der Präsident an Krebs litt. Er wurde 1990 bekannt.")
    r = find(recs, "dass der Präsident", kind="indirect")
    assert r["speaker"] == "" and "bekannt" in r["cue"]
    assert not any(r["text"].startswith("Er wurde") for r in recs)  # "became known": no speech


def test_wurde_bekannt_frames_no_direct_quote():
    recs = extract("Wie wörtlich „neue Beine“ zu verstehen ist, wurde gestern bekannt.")
    assert not [r for r in recs if r["kind"] == "direct"]


def test_clause_before_hiess_es():
    recs = extract("Es gebe noch Hohlräume, zu denen die Helfer nicht vordringen konnten, hieß es. "
                   "Medienvertreter seien abgedrängt worden, hieß es bei Russland Aktuell.")
    r = find(recs, "Es gebe noch", kind="indirect")
    assert r["speaker"] == "" and r["text"].endswith("nicht vordringen konnten")
    assert find(recs, "Medienvertreter", kind="indirect")["speaker"] == "Russland Aktuell"


def test_clause_before_the_verb_may_end_in_a_quoted_name():
    recs = extract("Der neu entdeckte Riesenplanet begleitet den Stern „HD 13189“, teilte die Universität Jena mit. "
                   "„Das ist gut“, sagte er.")
    r = find(recs, "Der neu entdeckte", kind="indirect")
    assert r["speaker"] == "die Universität Jena"
    assert not [r for r in recs if r["kind"] == "indirect" and r["text"].startswith("„Das")]


def test_wie_x_berichtete_with_an_adverb_before_the_verb():
    text = "Der Polizei gelang es, einen der Bosse zu verhaften, wie die Nachrichtenagentur ANSA gestern berichtete."
    r = find(extract(text, [("ANSA", "ANSA", "organisation")]), "Der Polizei gelang", kind="indirect")
    assert r["speaker_actor"] == "ANSA" and r["text"].endswith("zu verhaften")


def test_so_clause_starts_after_a_colon():
    text = ("Die Richterin ließ sich auf keinen Kompromiss ein: Eine Bewährungsstrafe sei nicht vermittelbar, "
            "so Ute Bader.")
    r = find(extract(text, [("Ute Bader", "Ute Bader", "person")]), "Eine Bewährungsstrafe", kind="indirect")
    assert r["text"] == "Eine Bewährungsstrafe sei nicht vermittelbar" and r["speaker_actor"] == "Ute Bader"


def test_demnach_takes_the_subject_of_the_sentence_before():
    recs = extract("Das Bundeskartellamt hat heute seinen Abschlussbericht vorgelegt. Demnach kann den "
                   "Stromerzeugern kein Fehlverhalten nachgewiesen werden. "
                   "Mittlerweile hat die Behörde Einzelheiten bekannt gegeben.\n"
                   "Mittlerweile ist es kalt. Demnach ereignete sich eine chemische Reaktion.",
                   [("Bundeskartellamt", "Bundeskartellamt", "organisation")])
    assert find(recs, "Demnach kann", kind="indirect")["speaker_actor"] == "Bundeskartellamt"
    assert find(recs, "Demnach ereignete", kind="indirect")["speaker"] == ""  # no adverb as a source
