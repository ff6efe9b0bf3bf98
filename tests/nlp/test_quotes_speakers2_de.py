"""German speakers, second round of issue 10: sentences written for these tests in the style of the
Wikinews reports (token-rule extractor, hand-made mentions; helpers in tests/nlp/test_quotes.py)."""
from __future__ import annotations

from tests.nlp.test_quotes import extract, find

SOLANA = ("Javier Solana", "Javier Solana", "person")


def test_possessive_object_after_the_verb_is_not_the_subject():
    r = find(extract("Thaksin begründete seinen Schritt mit den Worten: „Ich muss arbeiten.“"), "Ich muss")
    assert r["speaker"] == "Thaksin"


def test_colon_frame_whose_subject_is_no_speaker_keeps_the_speaker_before():
    text = ("In einem Interview äußerte sich Javier Solana zuversichtlich: „Wir werden uns einigen.“ "
            "Seine Zuversicht gründet sich auf seine Erfahrungen: „Entscheidungen fallen immer spät.“")
    recs = extract(text, [SOLANA])
    assert find(recs, "Entscheidungen fallen")["speaker_actor"] == "Javier Solana"
    # a new paragraph: no speaker before, and the phrase before the colon is no speaker
    recs = extract("Die Polizei durchsuchte die Wohnung.\nAuch das Motiv fand sich dort: „Wir glauben an das Ende.“")
    assert find(recs, "Wir glauben")["speaker"] == ""


def test_colon_frame_with_a_text_or_a_phrase_without_verb_names_the_source():
    recs = extract("Der Text lautete: „Wir sehen keine andere Lösung.“\n"
                   "Ein Hauptkommissar nach der Festnahme: „Er ist dort, wo er hingehört.“")
    assert find(recs, "Wir sehen")["speaker"] == "Der Text"
    assert find(recs, "Er ist dort")["speaker"] == "Ein Hauptkommissar"


def test_subject_after_a_subordinator_with_the_auxiliary_after_the_participle():
    text = ("Die Richterin blieb hart, zumal Verteidiger Wolfgang Dingfelder immer wieder betont hatte, "
            "der Angeklagte sei weder „dissozial“, „noch hätte er sich etwas zu schulden kommen lassen“.")
    recs = extract(text, [("Wolfgang Dingfelder", "Wolfgang Dingfelder", "person")])
    assert find(recs, "noch hätte er")["speaker_actor"] == "Wolfgang Dingfelder"
    assert find(recs, "der Angeklagte sei", kind="indirect")["speaker_actor"] == "Wolfgang Dingfelder"


def test_participle_used_as_an_adjective_is_no_cue():
    text = ("Mit dem neu formulierten Grundrecht soll eine Lücke geschlossen werden, "
            "„um neuartigen Gefährdungen zu begegnen, zu denen es kommen kann“.")
    r = find(extract(text), "um neuartigen")
    assert (r["speaker"], r["cue"]) == ("", "")


def test_demonstrative_dieser_is_a_pronoun():
    text = ("In einem Interview mit dem Anwalt der Familie – Rainer Wittner – sagte dieser, dass Delmare "
            "bereits in „seiner eigenen Welt“ lebe.")
    recs = extract(text, [("Rainer Wittner", "Rainer Wittner", "person"), ("Delmare", "Fred Delmare", "person")])
    r = find(recs, "dass Delmare", kind="indirect")
    assert (r["speaker_actor"], r["cue"]) == ("Rainer Wittner", "sagte dieser")
    # "dieser" before a noun stays a determiner
    r = find(extract("Dieser Bericht sagte, dass die Lage ernst sei."), "dass die Lage", kind="indirect")
    assert r["speaker"] == "Dieser Bericht"


def test_verb_joined_by_und_takes_the_subject_of_the_verb_before():
    text = ("Auf Twitter zeigte sich die Bundesregierung bestürzt über den Vorfall und verurteilte ihn als "
            "„hinterhältigen Anschlag“. In seiner Stellungnahme befand der Premierminister Benjamin Netanyahu "
            "den Angriff als gerechtfertigt und nannte Trumps Angriffsauftrag „schnell, kraftvoll und entschieden“. "
            "Olaf Scholz kam spät und hatte gefragt: „Was ist hier passiert?“")
    recs = extract(text, [("Benjamin Netanyahu", "Benjamin Netanyahu", "person"), ("Trumps", "Donald Trump", "person"),
                          ("Olaf Scholz", "Olaf Scholz", "person")])
    assert find(recs, "hinterhältigen")["speaker"] == "die Bundesregierung"
    assert find(recs, "schnell")["speaker_actor"] == "Benjamin Netanyahu"
    assert find(recs, "Was ist hier")["speaker_actor"] == "Olaf Scholz"
    # the subject after the verb before "und", never the object after the verb
    r = find(extract("Am Montag kam der Minister und nannte die Lage „sehr ernst für alle“."), "sehr ernst")
    assert r["speaker"] == "der Minister"


def test_quote_inside_a_sentence_takes_its_own_subject_before_the_speaker_before():
    text = ("Papiers Stellvertreter sagte, ein Verbot sei schwierig. Auch der innenpolitische Sprecher der SPD, "
            "Dieter Wiefelspütz, will „in den kommenden Wochen sorgfältig prüfen“, ob ein Verbot angestrebt werden solle. "
            "Theo Zwanziger hatte das bekannt gegeben. Ursprünglich wollte er „ein Konzept mit acht Stadien vorlegen“.")
    recs = extract(text, [("Dieter Wiefelspütz", "Dieter Wiefelspütz", "person"),
                          ("Theo Zwanziger", "Theo Zwanziger", "person")])
    assert find(recs, "in den kommenden")["speaker_actor"] == "Dieter Wiefelspütz"
    assert find(recs, "ein Konzept")["speaker_actor"] == "Theo Zwanziger"


def test_sentence_opening_adverbs_in_mals_and_erhin_are_no_names():
    text = "Peer Steinbrück sprach. Erstmals werde man „aller Voraussicht nach“ weniger Schulden machen."
    r = find(extract(text, [("Peer Steinbrück", "Peer Steinbrück", "person")]), "aller Voraussicht")
    assert r["speaker"] != "Erstmals"
    r = find(extract("Weiterhin bleibe „der ungerechtfertigte Vorwurf im Raum stehen“."), "der ungerechtfertigte")
    assert r["speaker"] == ""


def test_named_speaker_points_at_the_latest_mention_before_the_quote():
    text = ("Bundesfinanzminister Peer Steinbrück sprach im Bundestag. Obwohl Steinbrück mit Mehreinnahmen rechnet, "
            "sei man von einer „Entschuldung weit entfernt“.")
    recs = extract(text, [("Peer Steinbrück", "Peer Steinbrück", "person"), ("Steinbrück", "Peer Steinbrück", "person")])
    r = find(recs, "Entschuldung")
    assert r["speaker_actor"] == "Peer Steinbrück"
    assert r["speaker_start"] == text.index("Steinbrück mit")


def test_nach_bewertung_and_nach_der_ankuendigung_are_according_phrases():
    recs = extract("Nach der Ankündigung der Ministerin soll die Rückzahlung im „Regelfall um vier Jahre verschoben“ "
                   "werden. Die Nachrichten sind nach Bewertung von Polizei und Staatsanwaltschaft „kein Anlass für Maßnahmen“.")
    assert find(recs, "Regelfall")["speaker"] == "der Ministerin"
    assert "Polizei" in find(recs, "kein Anlass")["speaker"]


def test_quote_in_parentheses_after_a_name_is_that_name_s():
    text = ("Auch andere gratulierten, so Ministerpräsident Berlusconi und der Leiter der IAEA, Mohammed ElBaradei "
            "(„Mir fällt niemand ein, der diese Ehre mehr verdient hätte.“).")
    recs = extract(text, [("Berlusconi", "Silvio Berlusconi", "person"),
                          ("Mohammed ElBaradei", "Mohammed ElBaradei", "person")])
    assert find(recs, "Mir fällt")["speaker_actor"] == "Mohammed ElBaradei"


def test_passive_zitiert_ending_the_sentence_after_an_apposition():
    text = ("Dies sei eine Chance, im Web ein „Bürger erster Klasse zu werden“, wird Mike Downey, "
            "Produktmanager für Flash, zitiert.")
    r = find(extract(text, [("Mike Downey", "Mike Downey", "person")]), "Bürger erster")
    assert r["speaker_actor"] == "Mike Downey"


def test_so_phrase_with_a_quoted_company_name():
    text = ("„Die meisten Zuschauer dachten, es sei echt“, so der Mitarbeiter der Produktionsfirma „Shui Jing Shi“ "
            "gegenüber der Zeitung.")
    r = find(extract(text), "Die meisten")
    assert (r["speaker"], r["cue"]) == ("der Mitarbeiter der Produktionsfirma", "so")


def test_tag_with_a_modal_verb_passive_agent_and_organisation_before_the_verb():
    recs = extract("„Wo ist meine Stimme?“, wollen die Demonstranten in der Hauptstadt wissen. "
                   "Seine Werke werden von Musikkennern als „Meilensteine der Musikgeschichte“ bezeichnet. "
                   "Vor dem Stadion der Medienunternehmer Sondhi rief aus: „Thaksin ist der Schlechteste!“",
                   [("Sondhi", "Sondhi Limthongkul", "organisation")])
    assert find(recs, "Wo ist meine")["speaker"].startswith("die Demonstranten")
    assert find(recs, "Meilensteine")["speaker"] == "Musikkennern"
    assert find(recs, "Thaksin ist")["speaker_actor"] == "Sondhi Limthongkul"


def test_pronoun_in_a_tag_refers_to_the_speaker_of_the_verb_before_the_quote():
    text = ("Ali Larajedh wurde Regierungschef. Halima Jouini, Vorstandsmitglied der Liga, sagte dazu gegenüber "
            "der ARD: „Frauen haben sich gegen den Diktator gestellt,“ betont sie. „Wir kämpfen weiter.“")
    recs = extract(text, [("Ali Larajedh", "Ali Larajedh", "person")])  # the NER missed Halima Jouini
    assert find(recs, "Frauen haben")["speaker"] == "Halima Jouini"
    assert find(recs, "Wir kämpfen")["speaker"] == "Halima Jouini"


def test_genitive_name_tagged_by_the_ner_is_not_the_speaker_or_an_antecedent():
    text = ("Philipp Lahm wurde operiert. Der behandelnde Arzt Lahms hat sich optimistisch geäußert, dass der "
            "Abwehrspieler mitspielen könne. Er sagte: „Durch die Operation hat er eine Chance.“")
    recs = extract(text, [("Philipp Lahm", "Philipp Lahm", "person"), ("Lahms", "Lahms", "person")])
    assert find(recs, "dass der Abwehrspieler", kind="indirect")["speaker"].startswith("Der behandelnde Arzt")
    r = find(recs, "Durch die Operation")
    assert r["speaker"].startswith("Der behandelnde Arzt") and r["speaker_actor"] == ""


def test_selbst_before_the_prefield():
    text = ("Selbst die Wochenzeitschrift „Jungle World“ hatte kritisiert, dass sie „für ihre unkritische Einstellung "
            "gegenüber Terrorgruppen“ bekannt sei.")
    r = find(extract(text, [("Jelpke", "Ulla Jelpke", "person")]), "für ihre")
    assert r["speaker"] == "die Wochenzeitschrift „Jungle World“"


def test_person_nouns_as_titles_are_speakers_and_antecedents():
    recs = extract("Der Student verbrachte die Nacht auf der Wache, nur ab und zu war er hochgeschreckt und hatte "
                   "gefragt: „Was ist mit dem Radler passiert?“ Höhnisch veröffentlichte der Verfasser folgenden "
                   "Kommentar dazu: „Wer gestrichen werden möchte, hat die Chance.“",
                   [("Franz Meier", "Franz Meier", "person")])
    assert find(recs, "Was ist mit")["speaker"] == "Der Student"
    assert find(recs, "Wer gestrichen")["speaker"] == "der Verfasser"


def test_description_after_the_verb_is_a_pronoun_antecedent():
    text = ("Dieter Thalhammer eröffnete das Rennen. Als die drei Ersten bei der Ehrung waren, konnte ihnen der "
            "Moderator nur wenige Worte entlocken. Er kommentierte: „Nun fahren könnt ihr ja.“")
    r = find(extract(text, [("Dieter Thalhammer", "Dieter Thalhammer", "person")]), "Nun fahren")
    assert r["speaker"] == "der Moderator" and r["speaker_actor"] == ""
