"""lib/quotes.py: direct quotes and reported speech with their speakers.

Docs are built here with spacy.blank + sentencizer; mentions are made by locating names in the
text (`mentions()`), standing in for the NER + actor layer. SEED holds lines 2–23 of the seed
article (tests/fixtures/seed_article.txt) verbatim.
"""
from __future__ import annotations

import re

import pytest
import spacy

from lib.nlp import quotes
from lib.schema import QUOTE_COLUMNS

SEED = (
    'Das Treffen fand vor einer Lieferung neuer Nato-Systeme zur Stützung der ukrainischen Luftverteidigung statt, nachdem zwei Angriffe auf die ukrainische Hauptstadt innerhalb einer Woche mindestens drei Menschen getötet hatten.\n'
    'Die Ukraine hat den Westen aufgefordert, ihr eine bessere Verteidigung bereitzustellen, um zu verhindern, dass sie durch Angriffe auf Zivilisten mit Kamikaze-Drohnen und -Raketen „terrorisiert“ wird.\n'
    'Der Iran wird mehr Drohnen und Boden-Boden-Raketen nach Russland schicken, teilten Quellen in Teheran Reuters am Dienstag mit und verstärkten die Dringlichkeit der Forderungen nach mehr Waffen.\n'
    'Der Verteidigungsminister und Lloyd Austin, der US-Verteidigungsminister, trafen sich im Pentagon, nachdem Herr Wallace einen geplanten Auftritt vor einem Ausschuss von Abgeordneten abgesagt hatte.\n'
    'Brigadegeneral Patrick Ryder, Pressesprecher des US-Verteidigungsministeriums, sagte, sie hätten die „andauernde Unterstützung der Ukraine durch unsere beiden Nationen sowie die anhaltende Bedeutung der transatlantischen und regionalen Sicherheitskooperation angesichts des russischen Angriffs auf die Ukraine“ erörtert.\n'
    'Herr Austin soll das Paar gebeten haben, sich nach einem bilateralen Treffen auf einer Nato-Konferenz in Brüssel letzte Woche persönlich zu treffen.\n'
    'Auf der Konferenz wurde angekündigt, dass der Westen als Reaktion auf eine Reihe von Angriffen Russlands auf Kiew mit Raketen und Kamikaze-Drohnen weitere Raketen und Drohnen in die Ukraine schicken werde.\n'
    'Hochmoderne Luft-Luft-Raketen mittlerer Reichweite, die letzte Woche von Herrn Wallace zugesagt wurden, können Marschflugkörper vom Himmel schießen, während die Ukraine eine Flotte von Drohnen einsetzen wird, um Informationen vom Himmel zu sammeln.\n'
    'Jens Stoltenberg, der Nato-Generalsekretär, sagte am Dienstag, dass die Lieferungen der neuen Luftverteidigungssysteme in den kommenden Tagen beginnen würden, um der Bedrohung durch Drohnen entgegenzuwirken, einschließlich des vom Iran gelieferten Typs Shahed-136.\n'
    'Eine Verteidigungsquelle sagte, das Treffen des Verteidigungsministers und seines US-Amtskollegen sei abgehalten worden, um „gemeinsame Sicherheitsbedenken, einschließlich der Ukraine“, zu erörtern.\n'
    'Eine andere Quelle, die den Diskussionen nahe stand, spekulierte, dass das Treffen aufgrund von Bedenken hinsichtlich der Sicherheit der Kommunikation zwischen dem Pentagon und dem Verteidigungsministerium persönlich abgehalten worden sei.\n'
    'Aber die Quelle räumte auch ein, dass ein physischer Besuch die freundschaftlichen Beziehungen zwischen Großbritannien und Amerika gegenüber ausländischen Beobachtern hervorheben würde.\n'
    '„Es ist eine gute Erinnerung daran, dass Großbritannien letztendlich der engste Sicherheitspartner der USA ist“, sagten sie. „Die enge Zusammenarbeit, die wir in der Ukraine sehen, ist der Grund, warum diese Beziehung so stark ist.“\n'
    'Liz Truss hat auch mit Emmanuel Macron, dem französischen Präsidenten, darüber gesprochen, was ein Sprecher der Downing Street als „tiefe Besorgnis der Führer über die jüngsten barbarischen Angriffe Russlands auf zivile Gebiete in der Ukraine“ bezeichnete.\n'
    '„Der Westen kontrolliert nicht länger den Himmel im Kampf“\n'
    'Es kommt, als Generalmajor James Martin, der Kommandeur der britischen Warfighting Division, warnte, dass die Verbreitung von Drohnen bedeutet, dass der Westen den Himmel im Kampf nicht mehr kontrolliert.\n'
    'Generalmajor Martin sprach mit The Telegraph in Sennelager, Deutschland, vor der Übung Cerberus, der größten Wargaming-Übung der Feldarmee, die seit über einem Jahrzehnt in Europa stattfindet.\n'
    '„Wir gehen nicht mehr davon aus, dass wir die Kontrolle über den Luftraum haben“, sagte er.\n'
    '„Wir gehen nicht davon aus, dass wir Luftüberlegenheit oder Vormachtstellung haben, wie wir es im Nahen Osten getan haben. Wir gehen jetzt davon aus, dass wir begrenzte Möglichkeiten haben werden, das zu tun, was wir tun wollen. Das ist der Unterschied zwischen dem Kampf gegen einen Peer-Gegner und dem Kampf gegen einen Aufständischen.“\n'
    'Auf die Frage, ob die Übung eine Botschaft an Russland sende, sagte Generalmajor Martin: „Wir demonstrieren unseren Gegnern und unseren Verbündeten und Partnern absolut, dass wir bereit sind zu kämpfen.\n'
    '„Für erstere, dass wir sowohl den Willen als auch die Fähigkeit haben zu kämpfen, und für letztere, dass wir ihnen verpflichtet und solidarisch sind.\n'
    '„In beiden Punkten nehmen wir diese Reise todernst. Ich denke, dass der nachweisbare Wille des Vereinigten Königreichs, militärische Gewalt auf dem europäischen Kontinent einzusetzen, eines der entscheidenden Ergebnisse der Übung Cerberus ist.“'
)

SEED_NAMES = [
    ("Brigadegeneral Patrick Ryder", "Patrick Ryder", "person"),
    ("Generalmajor James Martin", "James Martin", "person"),
    ("Generalmajor Martin", "James Martin", "person"),
    ("Jens Stoltenberg", "Jens Stoltenberg", "person"),
    ("Lloyd Austin", "Lloyd Austin", "person"),
    ("Herr Austin", "Lloyd Austin", "person"),
    ("Herr Wallace", "Wallace", "person"),
    ("Herrn Wallace", "Wallace", "person"),
    ("Liz Truss", "Liz Truss", "person"),
    ("Emmanuel Macron", "Emmanuel Macron", "person"),
    ("Ukraine", "Ukraine", "country"),
    ("Iran", "Iran", "country"),
    ("Russland", "Russland", "country"),
    ("Großbritannien", "Großbritannien", "country"),
    ("Amerika", "USA", "country"),
    ("Reuters", "Reuters", "organisation"),
    ("Pentagon", "Pentagon", "organisation"),
    ("Downing Street", "Downing Street", "organisation"),
    ("The Telegraph", "The Telegraph", "organisation"),
    ("Teheran", "Teheran", "place"),
    ("Kiew", "Kiew", "place"),
]

_NLP = {}


def make_doc(text: str, lang: str = "de"):
    if lang not in _NLP:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        _NLP[lang] = nlp
    return _NLP[lang](text)


def mentions(text: str, names) -> list[dict]:
    """Mention dicts for every occurrence of each (surface, actor, type); longer names first."""
    label = {"person": "PER", "organisation": "ORG", "country": "LOC", "place": "LOC"}
    out, taken = [], set()
    for surface, actor, typ in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            out.append({"start": m.start(), "end": m.end(), "text": surface, "label": label.get(typ, "MISC"),
                        "actor": actor, "actor_type": typ, "sent_index": 0, "sentence": "", "form": "name"})
    return sorted(out, key=lambda m: m["start"])


def extract(text: str, names=(), lang: str = "de") -> list[dict]:
    return quotes.extract_quotes(make_doc(text, lang), mentions(text, names))


def line_of(text: str, offset: int) -> int:
    """1-based line of article.txt (SEED starts at its line 2)."""
    return text.count("\n", 0, offset) + 2


def find(records, starts: str, kind: str = "direct"):
    hits = [r for r in records if r["kind"] == kind and r["text"].startswith(starts)]
    assert hits, f"no {kind} quote starting {starts!r}: {[r['text'][:40] for r in records]}"
    return hits[0]


@pytest.fixture(scope="module")
def seed():
    return extract(SEED, SEED_NAMES)


# --------------------------------------------------------------------------------------
# the seed article

SEED_DIRECT = [  # (line, starts, speaker as written, speaker_actor, cue)
    (3, "terrorisiert", "Ukraine", "Ukraine", "aufgefordert"),
    (6, "andauernde Unterstützung der Ukraine", "Brigadegeneral Patrick Ryder", "Patrick Ryder", "sagte"),
    (11, "gemeinsame Sicherheitsbedenken, einschließlich der Ukraine", "Eine Verteidigungsquelle", "", "sagte"),
    (14, "Es ist eine gute Erinnerung daran", "Eine andere Quelle", "", "sagten sie"),
    (14, "Die enge Zusammenarbeit", "Eine andere Quelle", "", None),
    (15, "tiefe Besorgnis der Führer", "ein Sprecher der Downing Street", "", "bezeichnete"),
    (16, "Der Westen kontrolliert nicht länger den Himmel im Kampf", "", "", ""),
    (19, "Wir gehen nicht mehr davon aus", "Generalmajor Martin", "James Martin", "sagte er"),
    (20, "Wir gehen nicht davon aus, dass wir Luftüberlegenheit", "Generalmajor Martin", "James Martin", None),
    (21, "Wir demonstrieren unseren Gegnern", "Generalmajor Martin", "James Martin", "sagte Generalmajor Martin"),
]


def test_seed_has_exactly_the_ten_direct_quotes(seed):
    direct = [r for r in seed if r["kind"] == "direct"]
    assert len(direct) == 10
    got = [(line_of(SEED, r["start"]), r["text"][:20]) for r in direct]
    assert got == [(line, starts[:20]) for line, starts, *_ in SEED_DIRECT]


@pytest.mark.parametrize("line,starts,speaker,actor,cue", SEED_DIRECT)
def test_seed_direct_quote_speakers(seed, line, starts, speaker, actor, cue):
    r = find(seed, starts)
    assert line_of(SEED, r["start"]) == line
    assert r["speaker"] == speaker
    assert r["speaker_actor"] == actor
    if cue is not None:
        assert r["cue"] == cue
    if speaker:
        assert SEED[r["speaker_start"]:r["speaker_end"]] == speaker
    else:
        assert r["speaker_start"] is None and r["speaker_end"] is None


def test_seed_quote_texts_exclude_the_marks(seed):
    for r in seed:
        assert SEED[r["start"]:r["end"]] == r["text"]
        if r["kind"] == "direct":
            assert SEED[r["start"] - 1] in "„»«\"“‚\n"
            assert not r["text"].startswith(("„", "“")) and not r["text"].endswith(("“", "„"))
    assert find(seed, "terrorisiert")["text"] == "terrorisiert"
    assert find(seed, "gemeinsame")["text"] == "gemeinsame Sicherheitsbedenken, einschließlich der Ukraine"


def test_seed_quote_over_three_paragraphs(seed):
    r = find(seed, "Wir demonstrieren unseren Gegnern")
    assert line_of(SEED, r["start"]) == 21 and line_of(SEED, r["end"]) == 23
    assert r["text"].endswith("eines der entscheidenden Ergebnisse der Übung Cerberus ist.")
    assert "„Für erstere" in r["text"]


SEED_REPORTED = [  # (line, speaker as written, speaker_actor, cue, clause starts)
    (3, "Ukraine", "Ukraine", "aufgefordert", "ihr eine bessere Verteidigung bereitzustellen"),
    (4, "Quellen in Teheran", "", "teilten … mit", "Der Iran wird mehr Drohnen"),
    (6, "Brigadegeneral Patrick Ryder", "Patrick Ryder", "sagte", "sie hätten die „andauernde"),
    (8, "", "", "wurde angekündigt", "dass der Westen als Reaktion"),
    (10, "Jens Stoltenberg", "Jens Stoltenberg", "sagte", "dass die Lieferungen"),
    (11, "Eine Verteidigungsquelle", "", "sagte", "das Treffen des Verteidigungsministers"),
    (12, "Eine andere Quelle", "", "spekulierte", "dass das Treffen aufgrund"),
    (13, "die Quelle", "", "räumte … ein", "dass ein physischer Besuch"),
    (17, "Generalmajor James Martin", "James Martin", "warnte", "dass die Verbreitung von Drohnen"),
]


@pytest.mark.parametrize("line,speaker,actor,cue,starts", SEED_REPORTED)
def test_seed_reported_speech(seed, line, speaker, actor, cue, starts):
    r = find(seed, starts, kind="indirect")
    assert line_of(SEED, r["start"]) == line
    assert (r["speaker"], r["speaker_actor"], r["cue"]) == (speaker, actor, cue)


def test_seed_reported_clauses_end_at_the_sentence_end(seed):
    r = find(seed, "Der Iran wird", kind="indirect")
    assert r["text"] == "Der Iran wird mehr Drohnen und Boden-Boden-Raketen nach Russland schicken"
    r = find(seed, "dass die Lieferungen", kind="indirect")
    assert r["text"].endswith("einschließlich des vom Iran gelieferten Typs Shahed-136")


def test_record_keys_match_the_schema(seed):
    for r in seed:
        assert set(r) == set(QUOTE_COLUMNS) - {"article_id", "page"}  # both set by lib/annotate
        assert r["kind"] in ("direct", "indirect")


# --------------------------------------------------------------------------------------
# speakers

def test_title_resolves_to_the_latest_person_with_that_title():
    text = ("Generalmajor James Martin besuchte am Montag die Truppe. Auch Olaf Scholz war da.\n"
            "Die Lage sei ernst, so der General.")
    names = [("Generalmajor James Martin", "James Martin", "person"), ("Olaf Scholz", "Olaf Scholz", "person")]
    r = find(extract(text, names), "Die Lage sei ernst", kind="indirect")
    assert (r["speaker"], r["speaker_actor"], r["cue"]) == ("Generalmajor James Martin", "James Martin", "so")


def test_apposition_between_commas_is_skipped():
    text = "Jens Stoltenberg, der Nato-Generalsekretär, sagte am Dienstag, dass die Lieferungen beginnen."
    r = find(extract(text, [("Jens Stoltenberg", "Jens Stoltenberg", "person")]), "dass", kind="indirect")
    assert r["speaker_actor"] == "Jens Stoltenberg"
    assert r["text"] == "dass die Lieferungen beginnen"


def test_laut_and_zufolge():
    text = ("Laut Polizei wurden drei Menschen verletzt. "
            "Dem Innenministerium zufolge ist die Lage unter Kontrolle.")
    recs = extract(text, [("Innenministerium", "Innenministerium", "organisation")])
    r = find(recs, "wurden drei Menschen", kind="indirect")
    assert (r["speaker"], r["cue"]) == ("Polizei", "laut") or (r["speaker"], r["cue"]) == ("Polizei", "Laut")
    r = find(recs, "ist die Lage", kind="indirect")
    assert r["speaker_actor"] == "Innenministerium" and r["cue"] == "zufolge"


def test_pronoun_sie_singular_takes_the_latest_person():
    text = "Annalena Baerbock reiste nach Kiew.\n„Wir stehen an Ihrer Seite“, sagte sie."
    r = find(extract(text, [("Annalena Baerbock", "Annalena Baerbock", "person"), ("Kiew", "Kiew", "place")]),
             "Wir stehen")
    assert r["speaker_actor"] == "Annalena Baerbock" and r["cue"] == "sagte sie"


def test_cue_less_paragraph_after_a_heading_quote_keeps_no_speaker():
    text = "Die Regierung wies die Vorwürfe zurück.\n„Ein ganz neuer Anfang für das Land“\nDer Text geht weiter."
    r = find(extract(text), "Ein ganz neuer Anfang")
    assert r["speaker"] == "" and r["cue"] == ""


# --------------------------------------------------------------------------------------
# quotation marks

def test_guillemets_both_directions():
    text = ("»Wir sind bereit«, sagte Olaf Scholz. "
            "«Das ist ein guter Tag für Europa», erklärte Ursula von der Leyen.")
    names = [("Olaf Scholz", "Olaf Scholz", "person"), ("Ursula von der Leyen", "Ursula von der Leyen", "person")]
    recs = extract(text, names)
    a, b = find(recs, "Wir sind bereit"), find(recs, "Das ist ein guter Tag")
    assert a["text"] == "Wir sind bereit" and a["speaker_actor"] == "Olaf Scholz" and a["cue"] == "sagte Olaf Scholz"
    assert b["text"] == "Das ist ein guter Tag für Europa" and b["speaker_actor"] == "Ursula von der Leyen"


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "Olaf Scholz sagte: „Das Wort ‚Zeitenwende‘ ist kein Schlagwort.“"
    recs = extract(text, [("Olaf Scholz", "Olaf Scholz", "person")])
    direct = [r for r in recs if r["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["text"] == "Das Wort ‚Zeitenwende‘ ist kein Schlagwort."
    assert direct[0]["speaker_actor"] == "Olaf Scholz" and direct[0]["cue"] == "sagte"


def test_multi_paragraph_quote():
    text = ("Die Ministerin sagte: „Wir haben viel erreicht.\n"
            "„Aber die Arbeit ist nicht vorbei.\n"
            "„Wir machen weiter.“\n"
            "Danach ging sie.")
    r = find(extract(text), "Wir haben viel erreicht")
    assert r["text"].endswith("Wir machen weiter.")
    assert r["speaker"] == "Die Ministerin"
    assert "Danach" not in r["text"]


def test_unclosed_quote_is_capped_at_its_paragraph():
    text = ("Olaf Scholz sagte: „Das ist nicht gut.\n"
            "Der nächste Absatz hat keine Anführungszeichen. Er ist lang genug.\n"
            "Noch ein Absatz.")
    recs = extract(text, [("Olaf Scholz", "Olaf Scholz", "person")])
    r = find(recs, "Das ist nicht gut")
    assert r["text"] == "Das ist nicht gut."
    assert r["speaker_actor"] == "Olaf Scholz"
    assert extract("„") == [] and extract("Er sagte: „") == []
    r = find(extract("Er sagte: „Alles offen"), "Alles offen")
    assert r["text"] == "Alles offen"


def test_scare_quotes_and_names_in_quotes_are_not_quotes():
    text = ("Die Mondfähre „Eagle“ landete 1969. Das Magazin „Der Spiegel“ berichtete darüber. "
            "Das sei ein „Skandal“, sagte Olaf Scholz.")
    recs = extract(text, [("Olaf Scholz", "Olaf Scholz", "person")])
    direct = [r["text"] for r in recs if r["kind"] == "direct"]
    assert "Eagle" not in direct and "Der Spiegel" not in direct


def test_empty_and_quote_free_docs():
    assert extract("") == []
    assert extract("Das Wetter war gut.") == []


# --------------------------------------------------------------------------------------
# English

def test_english_direct_and_reported_speech():
    text = ("Boris Johnson met Joe Biden in London.\n"
            "\"We will not back down,\" he said. "
            "A Downing Street spokesman said that the talks had been constructive. "
            "The deal is off, according to officials in Brussels.\n"
            "“It is a good reminder,” said the source.")
    names = [("Boris Johnson", "Boris Johnson", "person"), ("Joe Biden", "Joe Biden", "person"),
             ("London", "London", "place"), ("Brussels", "Brussels", "place")]
    recs = extract(text, names, lang="en")
    r = find(recs, "We will not back down")
    assert r["text"] == "We will not back down"  # the comma before the closing mark is not quoted
    assert r["speaker_actor"] == "Joe Biden" and r["cue"] == "he said"
    r = find(recs, "that the talks", kind="indirect")
    assert r["speaker"] == "A Downing Street spokesman" and r["cue"] == "said"
    r = find(recs, "The deal is off", kind="indirect")
    assert r["speaker"] == "officials in Brussels" and r["cue"] == "according to"
    r = find(recs, "It is a good reminder")
    assert r["speaker"] == "the source" and r["cue"] == "said the source"


# --------------------------------------------------------------------------------------
# more German patterns

def test_nach_angaben_and_wie_mitteilte():
    text = ("Nach Angaben der Polizei wurden zwei Menschen verletzt. "
            "Der Täter ist noch flüchtig, wie die Staatsanwaltschaft mitteilte.")
    recs = extract(text)
    r = find(recs, "wurden zwei Menschen", kind="indirect")
    assert (r["speaker"], r["cue"]) == ("der Polizei", "Nach Angaben")
    r = find(recs, "Der Täter ist noch flüchtig", kind="indirect")
    assert (r["speaker"], r["cue"]) == ("die Staatsanwaltschaft", "mitteilte")


def test_dies_bestaetigte_reports_the_sentence_before():
    text = "Die Fabrik wird geschlossen. Dies bestätigte ein Sprecher des Konzerns am Montag."
    r = find(extract(text), "Die Fabrik wird geschlossen", kind="indirect")
    assert r["text"] == "Die Fabrik wird geschlossen"
    assert r["speaker"] == "ein Sprecher des Konzerns"


def test_konjunktiv_sentence_continues_the_speaker():
    text = ("Olaf Scholz sagte, die Lage sei ernst. "
            "Man habe aber „alle Möglichkeiten, die Krise zu bewältigen“.")
    recs = extract(text, [("Olaf Scholz", "Olaf Scholz", "person")])
    r = find(recs, "alle Möglichkeiten")
    assert r["speaker_actor"] == "Olaf Scholz" and r["cue"] == ""


def test_speaker_with_party_in_parentheses_and_title():
    text = "Auch die Familienministerin Renate Schmidt (SPD) sagte am Montag: „Wir sind bereit.“"
    r = find(extract(text, [("Renate Schmidt", "Renate Schmidt", "person")]), "Wir sind bereit")
    assert r["speaker_actor"] == "Renate Schmidt"


def test_unknown_name_without_mention_is_kept_as_written():
    text = "Milinkewitsch sagte dazu: „Nicht ich wurde festgenommen.“"
    r = find(extract(text), "Nicht ich")
    assert (r["speaker"], r["speaker_actor"]) == ("Milinkewitsch", "Milinkewitsch")


def test_titles_of_works_in_quotes_without_cue_are_dropped():
    text = "Der Roman „Die Früchte des Zorns“ erschien bei Viking. Das Buch wurde „ein großer Erfolg“ genannt."
    direct = [r["text"] for r in extract(text) if r["kind"] == "direct"]
    assert "Die Früchte des Zorns" not in direct
    assert "ein großer Erfolg" in direct


def test_short_unattributed_quotes_are_phrases():
    text = ("Die Mondfähre „Eagle“ landete 1969. Das Projekt gilt als „teurer Spaß“ und mehr. "
            "Das Bündnis wolle die Ukraine nicht „im Stich lassen“, sagte Olaf Scholz.")
    recs = extract(text, [("Olaf Scholz", "Olaf Scholz", "person")])
    phrases = {r["text"]: r for r in recs if r["kind"] == "phrase"}
    assert set(phrases) == {"Eagle", "teurer Spaß"}
    assert all(r["speaker"] == "" and r["speaker_actor"] == "" and r["cue"] == "" for r in phrases.values())
    # a short quote a cue attributes stays a direct quote with its speaker
    r = find(recs, "im Stich lassen")
    assert r["speaker_actor"] == "Olaf Scholz"
    # titles of more than three words are still dropped
    assert not [r for r in extract("Der Roman „Die Früchte des Zorns“ erschien 1939.") if r["kind"] == "phrase"]
