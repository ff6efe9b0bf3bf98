"""lib/nlp/timex: time expressions -> TIMEX3 values and date ranges."""
from __future__ import annotations

import datetime as dt

import pytest

from lib.nlp import timex
from lib.settings import RESOURCES_DIR

find = timex.find_timexes
D = dt.date
TUE = D(2022, 10, 18)          # the seed's publication date, a Tuesday

# The seed article (tests/fixtures/seed_article.txt), sentences needed here copied verbatim.
SEED_L2 = ("Das Treffen fand vor einer Lieferung neuer Nato-Systeme zur Stützung der ukrainischen "
           "Luftverteidigung statt, nachdem zwei Angriffe auf die ukrainische Hauptstadt innerhalb "
           "einer Woche mindestens drei Menschen getötet hatten.")
SEED_L4 = ("Der Iran wird mehr Drohnen und Boden-Boden-Raketen nach Russland schicken, teilten Quellen "
           "in Teheran Reuters am Dienstag mit und verstärkten die Dringlichkeit der Forderungen nach "
           "mehr Waffen.")
SEED_L7 = ("Herr Austin soll das Paar gebeten haben, sich nach einem bilateralen Treffen auf einer "
           "Nato-Konferenz in Brüssel letzte Woche persönlich zu treffen.")
SEED_L9 = ("Hochmoderne Luft-Luft-Raketen mittlerer Reichweite, die letzte Woche von Herrn Wallace "
           "zugesagt wurden, können Marschflugkörper vom Himmel schießen, während die Ukraine eine "
           "Flotte von Drohnen einsetzen wird, um Informationen vom Himmel zu sammeln.")
SEED_L10 = ("Jens Stoltenberg, der Nato-Generalsekretär, sagte am Dienstag, dass die Lieferungen der "
            "neuen Luftverteidigungssysteme in den kommenden Tagen beginnen würden, um der Bedrohung "
            "durch Drohnen entgegenzuwirken, einschließlich des vom Iran gelieferten Typs Shahed-136.")
SEED_L18 = ("Generalmajor Martin sprach mit The Telegraph in Sennelager, Deutschland, vor der Übung "
            "Cerberus, der größten Wargaming-Übung der Feldarmee, die seit über einem Jahrzehnt in "
            "Europa stattfindet.")
SEED_L20 = ("„Wir gehen nicht davon aus, dass wir Luftüberlegenheit oder Vormachtstellung haben, wie wir "
            "es im Nahen Osten getan haben. Wir gehen jetzt davon aus, dass wir begrenzte Möglichkeiten "
            "haben werden, das zu tun, was wir tun wollen.“")


def one(text, anchor=TUE, lang="de"):
    found = find(text, anchor, lang)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# (sentence, anchor, expected text, type, value, date_start, date_end, granularity, mod)
DE_CASES = [
    # explicit dates
    ("Das geschah am 18. Oktober 2022 in Berlin.", TUE, "am 18. Oktober 2022", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("Das geschah am 18.10.2022 in Berlin.", TUE, "am 18.10.2022", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("Das geschah am 18. Oktober in Berlin.", TUE, "am 18. Oktober", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("Die Wahl war am 28. Dezember.", D(2023, 1, 3), "am 28. Dezember", "DATE", "2022-12-28", D(2022, 12, 28), D(2022, 12, 28), "day", ""),
    ("Im Oktober 2022 begann es.", TUE, "Im Oktober 2022", "DATE", "2022-10", D(2022, 10, 1), D(2022, 10, 31), "month", ""),
    ("Es begann Oktober 2022.", TUE, "Oktober 2022", "DATE", "2022-10", D(2022, 10, 1), D(2022, 10, 31), "month", ""),
    ("Es war 2022 ein Thema.", TUE, "2022", "DATE", "2022", D(2022, 1, 1), D(2022, 12, 31), "year", ""),
    ("Im Jahr 1914 begann der Krieg.", TUE, "Im Jahr 1914", "DATE", "1914", D(1914, 1, 1), D(1914, 12, 31), "year", ""),
    ("Anfang Oktober kam es zu Angriffen.", TUE, "Anfang Oktober", "DATE", "2022-10", D(2022, 10, 1), D(2022, 10, 10), "month", "START"),
    ("Mitte Oktober kam es zu Angriffen.", TUE, "Mitte Oktober", "DATE", "2022-10", D(2022, 10, 11), D(2022, 10, 20), "month", "MID"),
    ("Ende Oktober kam es zu Angriffen.", TUE, "Ende Oktober", "DATE", "2022-10", D(2022, 10, 21), D(2022, 10, 31), "month", "END"),
    ("Im Herbst 2022 wurde gewählt.", TUE, "Im Herbst 2022", "DATE", "2022-FA", D(2022, 9, 1), D(2022, 11, 30), "quarter", ""),
    ("In den 1990er Jahren war das anders.", TUE, "In den 1990er Jahren", "DATE", "199", D(1990, 1, 1), D(1999, 12, 31), "decade", ""),
    ("Das Treffen ist für 2022-10-18 angesetzt.", TUE, "2022-10-18", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("Das war im 20. Jahrhundert so.", TUE, "im 20. Jahrhundert", "DATE", "19", D(1900, 1, 1), D(1999, 12, 31), "century", ""),
    # relative to the anchor
    ("Heute trifft er Scholz.", TUE, "Heute", "DATE", "2022-10-18", TUE, TUE, "day", ""),
    ("Er traf gestern Scholz.", TUE, "gestern", "DATE", "2022-10-17", D(2022, 10, 17), D(2022, 10, 17), "day", ""),
    ("Er traf vorgestern Scholz.", TUE, "vorgestern", "DATE", "2022-10-16", D(2022, 10, 16), D(2022, 10, 16), "day", ""),
    ("Er trifft morgen Scholz.", TUE, "morgen", "DATE", "2022-10-19", D(2022, 10, 19), D(2022, 10, 19), "day", ""),
    ("Morgen trifft er Scholz.", TUE, "Morgen", "DATE", "2022-10-19", D(2022, 10, 19), D(2022, 10, 19), "day", ""),
    ("Er traf Scholz am Dienstag.", TUE, "am Dienstag", "DATE", "2022-10-18", TUE, TUE, "day", ""),
    ("Dienstag traf er Scholz.", TUE, "Dienstag", "DATE", "2022-10-18", TUE, TUE, "day", ""),
    ("Er traf Scholz am Montag.", TUE, "am Montag", "DATE", "2022-10-17", D(2022, 10, 17), D(2022, 10, 17), "day", ""),
    ("Er traf Scholz am Freitag.", TUE, "am Freitag", "DATE", "2022-10-14", D(2022, 10, 14), D(2022, 10, 14), "day", ""),
    ("Er wird Scholz am Freitag treffen.", TUE, "am Freitag", "DATE", "2022-10-21", D(2022, 10, 21), D(2022, 10, 21), "day", ""),
    ("Am Montag soll das Gesetz verabschiedet werden.", TUE, "Am Montag", "DATE", "2022-10-24", D(2022, 10, 24), D(2022, 10, 24), "day", ""),
    ("Am vergangenen Dienstag traf er Scholz.", TUE, "Am vergangenen Dienstag", "DATE", "2022-10-11", D(2022, 10, 11), D(2022, 10, 11), "day", ""),
    ("Am Dienstagabend traf er Scholz.", TUE, "Am Dienstagabend", "TIME", "2022-10-18TEV", TUE, TUE, "time", ""),
    ("Letzte Woche traf er Scholz.", TUE, "Letzte Woche", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", ""),
    ("Vergangene Woche traf er Scholz.", TUE, "Vergangene Woche", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", ""),
    ("In der vergangenen Woche traf er Scholz.", TUE, "In der vergangenen Woche", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", ""),
    ("Diese Woche trifft er Scholz.", TUE, "Diese Woche", "DATE", "2022-W42", D(2022, 10, 17), D(2022, 10, 23), "week", ""),
    ("Nächste Woche trifft er Scholz.", TUE, "Nächste Woche", "DATE", "2022-W43", D(2022, 10, 24), D(2022, 10, 30), "week", ""),
    ("Letzten Monat traf er Scholz.", TUE, "Letzten Monat", "DATE", "2022-09", D(2022, 9, 1), D(2022, 9, 30), "month", ""),
    ("Im vergangenen Jahr traf er Scholz.", TUE, "Im vergangenen Jahr", "DATE", "2021", D(2021, 1, 1), D(2021, 12, 31), "year", ""),
    ("Vor zwei Wochen traf er Scholz.", TUE, "Vor zwei Wochen", "DATE", "2022-W40", D(2022, 10, 3), D(2022, 10, 9), "week", ""),
    ("Vor drei Tagen traf er Scholz.", TUE, "Vor drei Tagen", "DATE", "2022-10-15", D(2022, 10, 15), D(2022, 10, 15), "day", ""),
    ("In den kommenden Tagen trifft er Scholz.", TUE, "In den kommenden Tagen", "DATE", "FUTURE_REF", D(2022, 10, 19), D(2022, 10, 25), "vague", ""),
    ("In den nächsten Wochen trifft er Scholz.", TUE, "In den nächsten Wochen", "DATE", "FUTURE_REF", D(2022, 10, 19), D(2022, 11, 15), "vague", ""),
    ("Bald trifft er Scholz.", TUE, "Bald", "DATE", "FUTURE_REF", D(2022, 10, 19), D(2022, 11, 17), "vague", ""),
    ("Kürzlich traf er Scholz.", TUE, "Kürzlich", "DATE", "PAST_REF", D(2022, 9, 18), D(2022, 10, 17), "vague", ""),
    ("Derzeit verhandeln sie.", TUE, "Derzeit", "DATE", "PRESENT_REF", TUE, TUE, "vague", ""),
    ("Sie verhandeln zurzeit.", TUE, "zurzeit", "DATE", "PRESENT_REF", TUE, TUE, "vague", ""),
    # year boundaries, ISO weeks
    ("Letzte Woche traf er Scholz.", D(2023, 1, 3), "Letzte Woche", "DATE", "2022-W52", D(2022, 12, 26), D(2023, 1, 1), "week", ""),
    ("Nächste Woche trifft er Scholz.", D(2020, 12, 22), "Nächste Woche", "DATE", "2020-W53", D(2020, 12, 28), D(2021, 1, 3), "week", ""),
    ("Im vergangenen Jahr traf er Scholz.", D(2023, 1, 3), "Im vergangenen Jahr", "DATE", "2022", D(2022, 1, 1), D(2022, 12, 31), "year", ""),
    ("Letzten Monat traf er Scholz.", D(2023, 1, 3), "Letzten Monat", "DATE", "2022-12", D(2022, 12, 1), D(2022, 12, 31), "month", ""),
    ("Er traf gestern Scholz.", D(2023, 1, 1), "gestern", "DATE", "2022-12-31", D(2022, 12, 31), D(2022, 12, 31), "day", ""),
    ("Er traf Scholz am Freitag.", D(2023, 1, 2), "am Freitag", "DATE", "2022-12-30", D(2022, 12, 30), D(2022, 12, 30), "day", ""),
    # durations and sets
    ("Zwei Angriffe innerhalb einer Woche.", TUE, "innerhalb einer Woche", "DURATION", "P1W", None, None, "", ""),
    ("Die Übung findet seit über einem Jahrzehnt statt.", TUE, "seit über einem Jahrzehnt", "DURATION", "P10Y", None, None, "", "MORE_THAN"),
    ("Sie kämpften drei Tage lang.", TUE, "drei Tage lang", "DURATION", "P3D", None, None, "", ""),
    ("Seit zwei Jahren wird gekämpft.", TUE, "Seit zwei Jahren", "DURATION", "P2Y", None, None, "", ""),
    ("Er kommt jeden Dienstag.", TUE, "jeden Dienstag", "SET", "XXXX-WXX-2", None, None, "", ""),
    ("Täglich gibt es Angriffe.", TUE, "Täglich", "SET", "P1D", None, None, "", ""),
    # without anchor: unanchored values, no range
    ("Er traf Scholz am Dienstag.", None, "am Dienstag", "DATE", "XXXX-WXX-2", None, None, "day", ""),
    ("Letzte Woche traf er Scholz.", None, "Letzte Woche", "DATE", "PAST_REF", None, None, "vague", ""),
    ("Er trifft Scholz nächste Woche.", None, "nächste Woche", "DATE", "FUTURE_REF", None, None, "vague", ""),
    ("Er traf gestern Scholz.", None, "gestern", "DATE", "PAST_REF", None, None, "vague", ""),
    ("Er traf Scholz am 18. Oktober.", None, "am 18. Oktober", "DATE", "XXXX-10-18", None, None, "day", ""),
    ("In den kommenden Tagen trifft er Scholz.", None, "In den kommenden Tagen", "DATE", "FUTURE_REF", None, None, "vague", ""),
    ("Das geschah am 18. Oktober 2022 in Berlin.", None, "am 18. Oktober 2022", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
]

EN_CASES = [
    ("The meeting took place on October 18, 2022.", TUE, "on October 18, 2022", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("The meeting took place on 18 October 2022.", TUE, "on 18 October 2022", "DATE", "2022-10-18", D(2022, 10, 18), D(2022, 10, 18), "day", ""),
    ("He met Scholz last week.", TUE, "last week", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", ""),
    ("He met Scholz on Tuesday.", TUE, "on Tuesday", "DATE", "2022-10-18", TUE, TUE, "day", ""),
    ("He will meet Scholz on Friday.", TUE, "on Friday", "DATE", "2022-10-21", D(2022, 10, 21), D(2022, 10, 21), "day", ""),
    ("He met Scholz yesterday.", TUE, "yesterday", "DATE", "2022-10-17", D(2022, 10, 17), D(2022, 10, 17), "day", ""),
    ("He met Scholz two weeks ago.", TUE, "two weeks ago", "DATE", "2022-W40", D(2022, 10, 3), D(2022, 10, 9), "week", ""),
    ("Deliveries will begin in the coming days.", TUE, "in the coming days", "DATE", "FUTURE_REF", D(2022, 10, 19), D(2022, 10, 25), "vague", ""),
    ("It happened in early October.", TUE, "in early October", "DATE", "2022-10", D(2022, 10, 1), D(2022, 10, 10), "month", "START"),
    ("It was different in the 1990s.", TUE, "in the 1990s", "DATE", "199", D(1990, 1, 1), D(1999, 12, 31), "decade", ""),
    ("The exercise has been held for more than a decade.", TUE, "for more than a decade", "DURATION", "P10Y", None, None, "", "MORE_THAN"),
    ("Two attacks within a week.", TUE, "within a week", "DURATION", "P1W", None, None, "", ""),
    ("He comes every Tuesday.", TUE, "every Tuesday", "SET", "XXXX-WXX-2", None, None, "", ""),
    ("He met Scholz last week.", None, "last week", "DATE", "PAST_REF", None, None, "vague", ""),
]


@pytest.mark.parametrize("lang,case", [("de", c) for c in DE_CASES] + [("en", c) for c in EN_CASES],
                         ids=lambda x: x if isinstance(x, str) else f"{x[0][:40]}@{x[1]}")
def test_expression(lang, case):
    text, anchor, span, typ, value, ds, de, gran, mod = case
    t = one(text, anchor, lang)
    assert (t.text, t.type, t.value, t.date_start, t.date_end, t.granularity, t.mod) == \
        (span, typ, value, ds, de, gran, mod)
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text", [
    "Drei Menschen starben bei zwei Angriffen.",
    "Der Iran lieferte Drohnen vom Typ Shahed-136.",
    "Die Armee verlegte 1500 Soldaten und 2000 Panzer.",
    "August Bebel sprach vor der Übung Cerberus.",
    "Der Verteidigungsminister sprach im Pentagon mit Lloyd Austin.",
    "„Wir gehen jetzt davon aus, dass wir begrenzte Möglichkeiten haben werden.“",
])
def test_not_timexes(text):
    assert find(text, TUE, "de") == []


def test_other_language_gives_nothing():
    assert find("Le 18 octobre 2022, il est arrivé.", TUE, "fr") == []
    assert find("", TUE, "de") == []


SEED_EXPECTED = [  # (sentence, [(text, type, value, start, end, granularity, mod)])
    (SEED_L2, [("innerhalb einer Woche", "DURATION", "P1W", None, None, "", "")]),
    (SEED_L4, [("am Dienstag", "DATE", "2022-10-18", TUE, TUE, "day", "")]),
    (SEED_L7, [("letzte Woche", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", "")]),
    (SEED_L9, [("letzte Woche", "DATE", "2022-W41", D(2022, 10, 10), D(2022, 10, 16), "week", "")]),
    (SEED_L10, [("am Dienstag", "DATE", "2022-10-18", TUE, TUE, "day", ""),
                ("in den kommenden Tagen", "DATE", "FUTURE_REF", D(2022, 10, 19), D(2022, 10, 25), "vague", "")]),
    (SEED_L18, [("seit über einem Jahrzehnt", "DURATION", "P10Y", None, None, "", "MORE_THAN")]),
    (SEED_L20, []),
]


@pytest.mark.parametrize("sentence,expected", SEED_EXPECTED, ids=[f"seed{i}" for i in range(len(SEED_EXPECTED))])
def test_seed_sentences(sentence, expected):
    got = [(t.text, t.type, t.value, t.date_start, t.date_end, t.granularity, t.mod) for t in find(sentence, TUE, "de")]
    assert got == expected


def test_seed_sentences_as_one_text():
    text = "\n".join(s for s, _ in SEED_EXPECTED)
    got = [(t.text, t.value) for t in find(text, TUE, "de")]
    assert got == [(x[0], x[2]) for _, exp in SEED_EXPECTED for x in exp]


def test_story_time_and_narrative_mode():
    text = "Am 3. Mai 1945 kapitulierte die Stadt. Am selben Tag floh er, zwei Tage später kam er zurück. Im Juni folgte der Rest."
    news = find(text, D(2011, 2, 16), "de", mode="news")
    assert [(t.text, t.value) for t in news][:3] == [
        ("Am 3. Mai 1945", "1945-05-03"), ("Am selben Tag", "1945-05-03"), ("zwei Tage später", "1945-05-05")]
    narrative = find(text, D(2011, 2, 16), "de", mode="narrative")
    assert narrative[-1].value == "1945-06"
    assert news[-1].value == "2011-06"          # news mode: closest to the anchor
    # the default (context): a past-tense date that would lie after the publication is the story's
    assert find(text, D(2011, 2, 16), "de")[-1].value == "1945-06"


def test_resources_are_data():
    res_dir = RESOURCES_DIR
    assert (res_dir / "timex_de.json").exists() and (res_dir / "timex_en.json").exists()


HISTORY = ("Am 1. September 1939 überfiel die Wehrmacht Polen. Am 3. September 1939 erklärten "
           "Großbritannien und Frankreich Deutschland den Krieg. Im Juni 1940 kapitulierte "
           "Frankreich. Am 22. Juni griff Deutschland die Sowjetunion an.")


def test_auto_mode_tells_a_history_text_in_narrative_mode():
    assert timex.choose_mode(find(HISTORY, D(2011, 2, 16), "de"), D(2011, 2, 16), HISTORY) == "narrative"
    auto = find(HISTORY, D(2011, 2, 16), "de", mode="auto")
    assert auto[-1].text == "Am 22. Juni" and auto[-1].value == "1940-06-22"
    # news mode resolves the year-less date towards the publication date, the default follows the story
    assert find(HISTORY, D(2011, 2, 16), "de", mode="news")[-1].value == "2011-06-22"
    assert find(HISTORY, D(2011, 2, 16), "de")[-1].value == "1940-06-22"


@pytest.mark.parametrize("extra", [
    "Am Dienstag erinnerte der Bundespräsident daran.",          # a weekday: a report
    "Die Gedenkfeier findet am 1. September 2010 statt.",        # a date near the publication
])
def test_auto_mode_keeps_a_report_in_news_mode(extra):
    text = HISTORY + " " + extra
    anchor = D(2010, 8, 30)
    assert timex.choose_mode(find(text, anchor, "de"), anchor, text) == "news"
    assert find(text, anchor, "de", mode="auto") == find(text, anchor, "de", mode="news")


def test_auto_mode_needs_three_dated_expressions():
    text = "Am 1. September 1939 begann der Krieg. Am 22. Juni war es heiß."
    assert timex.choose_mode(find(text, TUE, "de"), TUE, text) == "news"


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="mode"):
        find("am Dienstag", TUE, "de", mode="story")


@pytest.mark.parametrize("anchor", [D(1, 1, 1), D(9999, 12, 31)])
def test_an_anchor_at_the_edge_of_the_calendar_gives_values_not_an_error(anchor):
    text = "Nordkorea hat in den letzten Wochen gedroht, kürzlich und vor zwei Tagen."
    found = find(text, anchor, "de")
    assert [t.text for t in found] == ["in den letzten Wochen", "kürzlich", "vor zwei Tagen"]
    assert all(t.value for t in found)
