"""lib/events.py: dated sentences -> events (the seed article, built with a blank German pipeline)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy

from lib.nlp import events, quotes, timex

PUBLISHED = dt.date(2022, 10, 18)

# Lines 2-24 of the seed article (line 1, a markdown image link, is left out), verbatim.
SEED_LINES = [
    'Das Treffen fand vor einer Lieferung neuer Nato-Systeme zur Stützung der ukrainischen Luftverteidigung statt, nachdem zwei Angriffe auf die ukrainische Hauptstadt innerhalb einer Woche mindestens drei Menschen getötet hatten.',  # 2
    'Die Ukraine hat den Westen aufgefordert, ihr eine bessere Verteidigung bereitzustellen, um zu verhindern, dass sie durch Angriffe auf Zivilisten mit Kamikaze-Drohnen und -Raketen „terrorisiert“ wird.',  # 3
    'Der Iran wird mehr Drohnen und Boden-Boden-Raketen nach Russland schicken, teilten Quellen in Teheran Reuters am Dienstag mit und verstärkten die Dringlichkeit der Forderungen nach mehr Waffen.',  # 4
    'Der Verteidigungsminister und Lloyd Austin, der US-Verteidigungsminister, trafen sich im Pentagon, nachdem Herr Wallace einen geplanten Auftritt vor einem Ausschuss von Abgeordneten abgesagt hatte.',  # 5
    'Brigadegeneral Patrick Ryder, Pressesprecher des US-Verteidigungsministeriums, sagte, sie hätten die „andauernde Unterstützung der Ukraine durch unsere beiden Nationen sowie die anhaltende Bedeutung der transatlantischen und regionalen Sicherheitskooperation angesichts des russischen Angriffs auf die Ukraine“ erörtert.',  # 6
    'Herr Austin soll das Paar gebeten haben, sich nach einem bilateralen Treffen auf einer Nato-Konferenz in Brüssel letzte Woche persönlich zu treffen.',  # 7
    'Auf der Konferenz wurde angekündigt, dass der Westen als Reaktion auf eine Reihe von Angriffen Russlands auf Kiew mit Raketen und Kamikaze-Drohnen weitere Raketen und Drohnen in die Ukraine schicken werde.',  # 8
    'Hochmoderne Luft-Luft-Raketen mittlerer Reichweite, die letzte Woche von Herrn Wallace zugesagt wurden, können Marschflugkörper vom Himmel schießen, während die Ukraine eine Flotte von Drohnen einsetzen wird, um Informationen vom Himmel zu sammeln.',  # 9
    'Jens Stoltenberg, der Nato-Generalsekretär, sagte am Dienstag, dass die Lieferungen der neuen Luftverteidigungssysteme in den kommenden Tagen beginnen würden, um der Bedrohung durch Drohnen entgegenzuwirken, einschließlich des vom Iran gelieferten Typs Shahed-136.',  # 10
    'Eine Verteidigungsquelle sagte, das Treffen des Verteidigungsministers und seines US-Amtskollegen sei abgehalten worden, um „gemeinsame Sicherheitsbedenken, einschließlich der Ukraine“, zu erörtern.',  # 11
    'Eine andere Quelle, die den Diskussionen nahe stand, spekulierte, dass das Treffen aufgrund von Bedenken hinsichtlich der Sicherheit der Kommunikation zwischen dem Pentagon und dem Verteidigungsministerium persönlich abgehalten worden sei.',  # 12
    'Aber die Quelle räumte auch ein, dass ein physischer Besuch die freundschaftlichen Beziehungen zwischen Großbritannien und Amerika gegenüber ausländischen Beobachtern hervorheben würde.',  # 13
    '„Es ist eine gute Erinnerung daran, dass Großbritannien letztendlich der engste Sicherheitspartner der USA ist“, sagten sie. „Die enge Zusammenarbeit, die wir in der Ukraine sehen, ist der Grund, warum diese Beziehung so stark ist.“',  # 14
    'Liz Truss hat auch mit Emmanuel Macron, dem französischen Präsidenten, darüber gesprochen, was ein Sprecher der Downing Street als „tiefe Besorgnis der Führer über die jüngsten barbarischen Angriffe Russlands auf zivile Gebiete in der Ukraine“ bezeichnete.',  # 15
    '„Der Westen kontrolliert nicht länger den Himmel im Kampf“',  # 16
    'Es kommt, als Generalmajor James Martin, der Kommandeur der britischen Warfighting Division, warnte, dass die Verbreitung von Drohnen bedeutet, dass der Westen den Himmel im Kampf nicht mehr kontrolliert.',  # 17
    'Generalmajor Martin sprach mit The Telegraph in Sennelager, Deutschland, vor der Übung Cerberus, der größten Wargaming-Übung der Feldarmee, die seit über einem Jahrzehnt in Europa stattfindet.',  # 18
    '„Wir gehen nicht mehr davon aus, dass wir die Kontrolle über den Luftraum haben“, sagte er.',  # 19
    '„Wir gehen nicht davon aus, dass wir Luftüberlegenheit oder Vormachtstellung haben, wie wir es im Nahen Osten getan haben. Wir gehen jetzt davon aus, dass wir begrenzte Möglichkeiten haben werden, das zu tun, was wir tun wollen. Das ist der Unterschied zwischen dem Kampf gegen einen Peer-Gegner und dem Kampf gegen einen Aufständischen.“',  # 20
    'Auf die Frage, ob die Übung eine Botschaft an Russland sende, sagte Generalmajor Martin: „Wir demonstrieren unseren Gegnern und unseren Verbündeten und Partnern absolut, dass wir bereit sind zu kämpfen.',  # 21
    '„Für erstere, dass wir sowohl den Willen als auch die Fähigkeit haben zu kämpfen, und für letztere, dass wir ihnen verpflichtet und solidarisch sind.',  # 22
    '„In beiden Punkten nehmen wir diese Reise todernst. Ich denke, dass der nachweisbare Wille des Vereinigten Königreichs, militärische Gewalt auf dem europäischen Kontinent einzusetzen, eines der entscheidenden Ergebnisse der Übung Cerberus ist.“',  # 23
    'Quelle: The Telegraph',  # 24
]
FIRST_LINE = 2

# surface -> (canonical actor, actor_type, label, form); every occurrence becomes a mention
ACTORS = {
    "Lloyd Austin": ("Lloyd Austin", "person", "PER", "name"),
    "Herr Austin": ("Lloyd Austin", "person", "PER", "name"),
    "Wallace": ("Wallace", "person", "PER", "name"),
    "Patrick Ryder": ("Patrick Ryder", "person", "PER", "name"),
    "Jens Stoltenberg": ("Jens Stoltenberg", "person", "PER", "name"),
    "Liz Truss": ("Liz Truss", "person", "PER", "name"),
    "Emmanuel Macron": ("Emmanuel Macron", "person", "PER", "name"),
    "James Martin": ("James Martin", "person", "PER", "name"),
    "Generalmajor Martin": ("James Martin", "person", "PER", "name"),
    "Nato": ("Nato", "organisation", "ORG", "part"),
    "Pentagon": ("Pentagon", "organisation", "ORG", "name"),
    "Reuters": ("Reuters", "organisation", "ORG", "name"),
    "The Telegraph": ("The Telegraph", "organisation", "ORG", "name"),
    "Downing Street": ("Downing Street", "organisation", "ORG", "name"),
    "Ukraine": ("Ukraine", "country", "LOC", "name"),
    "ukrainische": ("Ukraine", "country", "MISC", "derived"),
    "Russland": ("Russland", "country", "LOC", "name"),
    "russischen": ("Russland", "country", "MISC", "derived"),
    "Iran": ("Iran", "country", "LOC", "name"),
    "Amerika": ("USA", "country", "LOC", "name"),
    "USA": ("USA", "country", "LOC", "name"),
    "Großbritannien": ("Großbritannien", "country", "LOC", "name"),
    "Vereinigten Königreichs": ("Großbritannien", "country", "LOC", "name"),
    "Kiew": ("Kiew", "place", "LOC", "name"),
    "Teheran": ("Teheran", "place", "LOC", "name"),
    "Brüssel": ("Brüssel", "place", "LOC", "name"),
    "Sennelager": ("Sennelager", "place", "LOC", "name"),
    "Deutschland": ("Deutschland", "country", "LOC", "name"),
    "Europa": ("Europa", "place", "LOC", "name"),
    "Nahen Osten": ("Naher Osten", "place", "LOC", "name"),
}

# gold: (line, timex, value, date_start, date_end, granularity, actors that must be present)
GOLD_TEXT_EVENTS = [
    (4, "am Dienstag", "2022-10-18", dt.date(2022, 10, 18), dt.date(2022, 10, 18), "day", {"Iran", "Russland", "Reuters", "Teheran"}),
    (7, "letzte Woche", "2022-W41", dt.date(2022, 10, 10), dt.date(2022, 10, 16), "week", {"Lloyd Austin", "Nato", "Brüssel"}),
    (9, "letzte Woche", "2022-W41", dt.date(2022, 10, 10), dt.date(2022, 10, 16), "week", {"Wallace", "Ukraine"}),
    (10, "am Dienstag", "2022-10-18", dt.date(2022, 10, 18), dt.date(2022, 10, 18), "day", {"Jens Stoltenberg", "Nato", "Iran"}),
    (10, "in den kommenden Tagen", "FUTURE_REF", dt.date(2022, 10, 19), dt.date(2022, 10, 25), "vague", {"Nato"}),
]


def build(lines=SEED_LINES):
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("\n".join(lines))
    sents = list(doc.sents)
    taken, mentions = [], []
    for surface in sorted(ACTORS, key=len, reverse=True):
        actor, atype, label, form = ACTORS[surface]
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + (r"\w*" if form != "part" else ""), doc.text):
            s, e = m.start(), m.start() + len(surface)
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            si = next(i for i, sent in enumerate(sents) if sent.start_char <= s < sent.end_char)
            mentions.append({"start": s, "end": e, "text": doc.text[s:e], "label": label, "actor": actor,
                             "actor_type": atype, "sent_index": si, "sentence": sents[si].text, "form": form})
    mentions.sort(key=lambda m: m["start"])
    return doc, mentions


def line_of(doc, offset):
    return doc.text.count("\n", 0, offset) + FIRST_LINE


@pytest.fixture(scope="module")
def seed():
    doc, mentions = build()
    timexes = timex.find_timexes(doc.text, anchor=PUBLISHED, lang="de")
    return doc, mentions, events.extract_events(doc, timexes, mentions, PUBLISHED)


def test_exactly_the_five_text_dated_events(seed):
    doc, _mentions, recs = seed
    text_events = [r for r in recs if r["date_source"] == "text"]
    assert len(text_events) == 5
    for r, (line, tx, value, ds, de, gran, actors) in zip(text_events, GOLD_TEXT_EVENTS):
        assert line_of(doc, r["start"]) == line
        assert (r["timex"], r["value"], r["date_start"], r["date_end"], r["granularity"]) == (tx, value, ds, de, gran)
        assert actors <= set(r["actors"]), (line, r["actors"])
        assert doc.text[r["start"]:r["end"]] == r["timex"]
        assert r["sentence"] == SEED_LINES[line - FIRST_LINE]
        assert r["sentence"] in list(doc.sents)[r["sent_index"]].text
    # line 10 runs into line 11 in the sentencizer ("Shahed-136." is one token): cut at the line break
    assert text_events[3]["actors"] == ["Jens Stoltenberg", "Nato", "Iran"]


def test_record_shape(seed):
    _doc, _mentions, recs = seed
    keys = {"sentence", "start", "end", "timex", "value", "date_start", "date_end", "granularity", "actors",
            "date_source", "sent_index"}
    for r in recs:
        assert set(r) == keys
        assert len(r["actors"]) == len(set(r["actors"]))
    assert [(r["sent_index"], r["start"]) for r in recs] == sorted((r["sent_index"], r["start"]) for r in recs)


def test_actor_order_is_first_appearance(seed):
    _doc, _mentions, recs = seed
    line4 = next(r for r in recs if r["date_source"] == "text")
    assert line4["actors"] == ["Iran", "Russland", "Teheran", "Reuters"]


def test_publication_dated_events(seed):
    doc, _mentions, recs = seed
    pub = [r for r in recs if r["date_source"] == "publication"]
    for r in pub:
        assert (r["timex"], r["value"], r["date_start"], r["date_end"], r["granularity"]) == \
            ("", "2022-10-18", PUBLISHED, PUBLISHED, "day")
        assert doc.text[r["start"]:r["end"]] == r["sentence"]
        assert r["actors"]
    lines = {line_of(doc, r["start"]) for r in pub}
    # reports with actors and without a date expression (2 has only a duration, 18 too)
    assert {2, 3, 5, 6, 8, 12, 13, 15, 18, 21} <= lines
    # dated by the text instead
    assert not lines & {4, 7, 9, 10}
    # entirely direct quotes (14, 19, 20, 22, 23) and the source line without a verb (24)
    assert not lines & {14, 19, 20, 22, 23, 24}


def test_no_publication_date_gives_only_text_events(seed):
    doc, mentions, _recs = seed
    timexes = timex.find_timexes(doc.text, anchor=PUBLISHED, lang="de")
    recs = events.extract_events(doc, timexes, mentions, None)
    assert [r["date_source"] for r in recs] == ["text"] * 5


def test_no_anchor_gives_no_dated_events(seed):
    doc, mentions, _recs = seed
    timexes = timex.find_timexes(doc.text, anchor=None, lang="de")
    assert {t.value for t in timexes if t.type == "DATE"} == {"XXXX-WXX-2", "PAST_REF", "FUTURE_REF"}
    assert events.extract_events(doc, timexes, mentions, None) == []


def test_durations_sets_and_present_ref_are_not_events():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Die Nato verhandelt derzeit mit Russland. Die Nato tagt jeden Dienstag. Die Nato übt seit zwei Jahren.")
    sents = list(doc.sents)
    mentions = []
    for i, s in enumerate(sents):
        for m in re.finditer(r"Nato|Russland", s.text):
            mentions.append({"start": s.start_char + m.start(), "end": s.start_char + m.end(), "text": m.group(0),
                             "label": "ORG", "actor": m.group(0), "actor_type": "organisation", "sent_index": i,
                             "sentence": s.text, "form": "name"})
    tx = timex.find_timexes(doc.text, PUBLISHED, "de")
    assert [t.type for t in tx] == ["DATE", "SET", "DURATION"]
    recs = events.extract_events(doc, tx, mentions, PUBLISHED)
    assert [r["date_source"] for r in recs] == ["publication"] * 3
    assert recs[0]["actors"] == ["Nato", "Russland"]


@pytest.mark.parametrize("sentence,expected", [
    ("„Wir sind bereit“, sagte er.", True),
    ("„Wir sind bereit zu kämpfen.", True),
    ("Er sagte: „Wir sind bereit“, und verließ den Saal ohne weitere Worte an die Presse.", False),
    ("Die Nato hat die Lieferung zugesagt.", False),
])
def test_entire_quote(sentence, expected):
    assert events.is_entire_quote(sentence) is expected


def test_headings():
    assert events.is_heading("Quelle: The Telegraph")
    assert events.is_heading("„Der Westen kontrolliert nicht länger den Himmel im Kampf“")
    assert not events.is_heading("Die Nato hat die Lieferung zugesagt.")


def test_events_take_the_direct_quotes_of_the_quote_extractor(seed):
    doc, mentions, recs = seed
    timexes = timex.find_timexes(doc.text, anchor=PUBLISHED, lang="de")
    found = quotes.extract_quotes(doc, mentions)
    assert events.extract_events(doc, timexes, mentions, PUBLISHED, found) == recs
    # without direct quotes no sentence is "entirely a quote": the quote lines become events
    no_direct = [q for q in found if q["kind"] != "direct"]
    lines = {line_of(doc, r["start"]) for r in events.extract_events(doc, timexes, mentions, PUBLISHED, no_direct)
             if r["date_source"] == "publication"}
    assert lines & {14, 19, 20, 22, 23}
