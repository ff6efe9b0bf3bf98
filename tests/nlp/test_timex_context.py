"""lib/nlp/timex, issue 12: the contextual default mode and the forms it added, German and English.

Every sentence here is written for the tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from lib.nlp.timex import find_timexes

D = dt.date


def values(text, anchor, lang="de", **kw):
    return [(t.text, t.value) for t in find_timexes(text, anchor, lang, **kw)]


def value_of(text, expr, anchor, lang="de", **kw):
    hits = [t for t in find_timexes(text, anchor, lang, **kw) if t.text == expr]
    assert hits, values(text, anchor, lang, **kw)
    return hits[0]


# --------------------------------------------------------------------------- reference time from context

REPORT_DE = ("Am Dienstag besuchte die Ministerin Kiew. Am 24. Februar 2022 marschierte Russland in die Ukraine "
             "ein. Am 30. März zog sich die Armee aus dem Norden zurück. Zwei Tage später fand man die Opfer.\n"
             "Gestern sagte die Ministerin, die Hilfe gehe weiter. Am 30. März will sie wiederkommen.")
REPORT_EN = ("On Tuesday the minister visited Kyiv. On February 24, 2022 Russia invaded Ukraine. On March 30 the "
             "army withdrew from the north. Two days later the victims were found.\n"
             "Yesterday the minister said the aid would go on. She will come back on March 30.")
JAN = D(2023, 1, 10)   # a Tuesday


def test_background_date_takes_the_year_the_story_is_told_in_de():
    found = values(REPORT_DE, JAN)
    assert ("Am 30. März", "2022-03-30") in found                 # news mode: 2023-03-30
    assert ("Zwei Tage später", "2022-04-01") in found
    assert ("Gestern", "2023-01-09") in found                     # deictic: the publication's
    assert found[-1] == ("Am 30. März", "2023-03-30")             # future, a new paragraph: the publication's
    assert values(REPORT_DE, JAN, mode="news")[2] == ("Am 30. März", "2023-03-30")


def test_background_date_takes_the_year_the_story_is_told_in_en():
    found = values(REPORT_EN, JAN, "en")
    assert ("On March 30", "2022-03-30") in found
    assert ("Two days later", "2022-04-01") in found
    assert ("Yesterday", "2023-01-09") in found
    assert found[-1] == ("on March 30", "2023-03-30")


@pytest.mark.parametrize("text,lang,expr", [
    ("Gestern sprach der Minister. Am 30. März 2022 zog sich die Armee zurück. Am Tag danach kamen die Helfer.",
     "de", "Am Tag danach"),
    ("Yesterday the minister spoke. On March 30, 2022 the army withdrew. The following day the helpers came.",
     "en", "The following day"),
])
def test_story_relative_expressions_follow_the_story_date_in_a_report(text, lang, expr):
    assert value_of(text, expr, JAN, lang).value == "2022-03-31"


def test_a_past_date_in_a_report_stays_closest_to_the_publication():
    # the story year is far back, the date is past anyway: the publication's year (news reading)
    text = "1999 stimmte die Provinz ab. Erst am 19. Dezember hatten hunderte Menschen demonstriert."
    assert value_of(text, "am 19. Dezember", D(2005, 12, 29)).value == "2005-12-19"
    # the closest reading would lie ahead and the sentence is past: the year before
    text = "Der Satellit wurde am 9. September abgeschaltet."
    assert value_of(text, "am 9. September", D(2011, 2, 16)).value == "2010-09-09"
    text_en = "The satellite was switched off on September 9."
    assert value_of(text_en, "on September 9", D(2011, 2, 16), "en").value == "2010-09-09"


def test_a_report_returns_to_the_publication_date_after_the_background():
    text = ("Am 3. Mai 1990 wurde der Verein gegründet. Er hatte damals zwölf Mitglieder. Die Satzung stammt "
            "aus dem Sommer. Der Vorstand traf sich am Montag. Die Wahl fand am 12. Oktober statt.")
    # four sentences after the explicit year, in a report: the publication's year
    assert value_of(text, "am 12. Oktober", D(2022, 10, 18)).value == "2022-10-12"


def test_narrative_without_publication_cues_keeps_the_story_year():
    # a text told as history: at least three explicit years, none near the publication, no word
    # pointing at the publication time
    text = ("Der Streit begann 1864. Im Jahr 1865 scheiterten die Gespräche. Der Krieg begann im Juni 1866.\n\n"
            "Die Armee sammelte sich an der Grenze. Die Truppen marschierten nach Süden. Es regnete tagelang. "
            "Die Versorgung brach zusammen. Am 3. Juli kam es zur Schlacht.")
    assert value_of(text, "Am 3. Juli", D(2011, 2, 16)).value == "1866-07-03"
    text_en = ("The dispute began in 1864. In 1865 the talks failed. The war began in June 1866.\n\nThe army "
               "gathered at the border. The troops marched south. It rained for days. Supplies ran out. On July 3 "
               "the battle was fought.")
    assert value_of(text_en, "On July 3", D(2011, 2, 16), "en").value == "1866-07-03"


def test_a_year_the_story_only_starts_from_does_not_move_it():
    text = ("Seit dem 19. Januar 1949 legt ein Unbekannter Rosen auf das Grab. In diesem Jahr kamen 55 "
            "Besucher. Am 19. Januar kam er wieder.")
    anchor = D(2007, 1, 22)
    assert value_of(text, "diesem Jahr", anchor).value == "2007"
    assert value_of(text, "Am 19. Januar", anchor).value == "2007-01-19"


def test_a_future_sentence_is_not_narration():
    text = "Im Jahr 2015 wurde er gewählt. Am 30. Juli will er zurücktreten."
    assert value_of(text, "Am 30. Juli", D(2022, 7, 1)).value == "2022-07-30"
    text_en = "In 2015 he was elected. He will resign on July 30."
    assert value_of(text_en, "on July 30", D(2022, 7, 1), "en").value == "2022-07-30"


def test_an_explicit_year_of_the_publication_carries_to_year_less_dates():
    text = "Im Januar 2007 legte er sein Amt nieder. Im April wurde seine Krankheit bekannt."
    assert value_of(text, "Im April", D(2007, 12, 27)).value == "2007-04"
    assert value_of(text, "Im April", D(2007, 12, 27), mode="news").value == "2008-04"


def test_modes_stay_for_experts():
    text = "Am 3. Mai 1945 kapitulierte die Stadt. Am Dienstag erinnerte der Bürgermeister daran."
    assert value_of(text, "Am Dienstag", D(2022, 10, 18), mode="news").value == "2022-10-18"
    assert value_of(text, "Am Dienstag", D(2022, 10, 18), mode="narrative").value == "2022-10-18"
    with pytest.raises(ValueError, match="context"):
        find_timexes(text, D(2022, 10, 18), "de", mode="story")


# --------------------------------------------------------------------------- "heute" meaning nowadays

@pytest.mark.parametrize("text,lang", [
    ("Die Gemälde sind bis heute verschwunden.", "de"),
    ("Viele benutzen auch heute noch die alte Flagge.", "de"),
    ("Die Opfer leiden noch heute an den Folgen.", "de"),
    ("Even today the city is divided.", "en"),
    ("The paintings have been missing until today.", "en"),
])
def test_generic_today_is_present_ref_not_the_publication_day(text, lang):
    (t,) = [t for t in find_timexes(text, D(2022, 10, 18), lang) if t.text.lower() in ("heute", "today")]
    assert (t.value, t.date_start, t.date_end) == ("PRESENT_REF", None, None)


def test_today_in_wikipedia_style_narration_is_present_ref():
    text = "Im Jahr 1490 wurde die Stadt gegründet. 1618 wuchs sie. 1871 brannte sie ab. Heute ist sie ein Museum."
    assert value_of(text, "Heute", D(2011, 2, 16)).value == "PRESENT_REF"
    text_en = "The town was founded in 1490. It grew in 1618. It burnt down in 1871. Today it is a museum."
    assert value_of(text_en, "Today", D(2011, 2, 16), "en").value == "PRESENT_REF"


@pytest.mark.parametrize("text,lang", [
    ("Heute trifft der Kanzler den Präsidenten.", "de"),
    ("1969 betrat Armstrong den Mond. Heute wurde er 75 Jahre alt.", "de"),
    ("Am Dienstag begann 1990 die Reform. Heute ist sie vorbei.", "de"),   # a report: the publication's day
    ("Today the chancellor meets the president.", "en"),
    ("Die Ergebnisse bleiben bis heute 20 Uhr unter Verschluss.", "de"),
])
def test_today_of_a_report_is_the_publication_day(text, lang):
    (t,) = [t for t in find_timexes(text, D(2022, 10, 18), lang) if t.text.lower() in ("heute", "today")]
    assert t.value == "2022-10-18"


# --------------------------------------------------------------------------- events named by date

def test_event_named_by_date_without_a_year_stays_year_less():
    text = "Das ging den Anschlägen vom 11. September voraus."
    # published in August 2006: 2005-09-11 would be the one past reading, but the attacks were in 2001;
    # the text does not say which year, so none is given (a wrong date is worse than none)
    for anchor in (D(2006, 8, 13), D(2006, 12, 13)):
        t = value_of(text, "11. September", anchor)
        assert (t.value, t.date_start, t.date_end) == ("XXXX-09-11", None, None)
    t = value_of("That preceded the attacks of September 11.", "September 11", D(2006, 8, 13), "en")
    assert (t.value, t.date_start) == ("XXXX-09-11", None)
    # a generic date is still resolved closest to the publication
    assert value_of("Die Wahl ist am 11. September.", "am 11. September", D(2006, 8, 13)).value == "2006-09-11"


@pytest.mark.parametrize("text,lang,expr", [
    ("Vor einem Jahr, nach den Anschlägen vom 11. September, änderte sich die Politik.", "de", "11. September"),
    ("A year ago, after the attacks of September 11, politics changed.", "en", "September 11"),
])
def test_event_named_by_date_in_the_year_before_when_the_sentence_says_so(text, lang, expr):
    # the day still lies ahead in the publication year and the sentence points at last year
    assert value_of(text, expr, D(2006, 8, 13), lang).value == "2005-09-11"
    # published in December the day of the publication year is past too: the cue does not pick one
    assert value_of(text, expr, D(2006, 12, 13), lang).value == "XXXX-09-11"


def test_event_named_by_date_takes_the_year_the_text_gives():
    text = ("Die Türme stürzten am 11. September 2001 ein. Seitdem hat sich viel geändert. Die Anschläge "
            "vom 11. September veränderten die Politik.")
    assert value_of(text, "11. September", D(2006, 12, 13)).value == "2001-09-11"
    text_en = "The towers fell on September 11, 2001. The attacks of September 11 changed politics."
    assert value_of(text_en, "September 11", D(2006, 12, 13), "en").value == "2001-09-11"


def test_nine_eleven():
    assert value_of("Nach 9/11 änderte sich alles.", "9/11", D(2006, 12, 13)).value == "XXXX-09-11"
    assert value_of("After 9/11 everything changed.", "9/11", D(2006, 8, 13), "en").value == "XXXX-09-11"
    text = "The attacks on September 11, 2001 shocked the world. After 9/11 everything changed."
    assert value_of(text, "9/11", D(2006, 12, 13), "en").value == "2001-09-11"


def test_war_anniversary_date_only_with_a_cue_for_last_year():
    text = "Seit dem Einmarsch am 24. Februar sind Millionen geflohen."
    assert value_of(text, "am 24. Februar", D(2023, 1, 10)).value == "XXXX-02-24"
    text = "Seit dem Einmarsch am 24. Februar vor knapp einem Jahr sind Millionen geflohen."
    assert value_of(text, "am 24. Februar", D(2023, 1, 10)).value == "2022-02-24"
    text = "Since the invasion on February 24 last year millions have fled."
    assert value_of(text, "on February 24 last year", D(2023, 1, 10), "en").value == "2022-02-24"


# --------------------------------------------------------------------------- clock times

@pytest.mark.parametrize("text,lang,expr,value", [
    ("Die Explosion ereignete sich um 1230 GMT.", "de", "um 1230 GMT", "2022-10-18T12:30"),
    ("Das Beben begann um 0745 UTC.", "de", "um 0745 UTC", "2022-10-18T07:45"),
    ("Die Sitzung beginnt um 14.30 Uhr.", "de", "um 14.30 Uhr", "2022-10-18T14:30"),
    ("The blast happened at 1230 GMT.", "en", "at 1230 GMT", "2022-10-18T12:30"),
    ("Troops moved in at 0600 hours.", "en", "at 0600 hours", "2022-10-18T06:00"),
])
def test_clock_times_are_times_never_years(text, lang, expr, value):
    found = find_timexes(text, D(2022, 10, 18), lang)
    assert [(t.text, t.type, t.value) for t in found] == [(expr, "TIME", value)]


# --------------------------------------------------------------------------- weeks ago, next month

TUE, FRI = D(2022, 10, 18), D(2022, 10, 21)


@pytest.mark.parametrize("text,lang,anchor,expr,value,start,end", [
    ("Die Wahl war vor einer Woche.", "de", TUE, "vor einer Woche", "2022-W41", D(2022, 10, 10), D(2022, 10, 16)),
    ("The election was a week ago.", "en", TUE, "a week ago", "2022-W41", D(2022, 10, 10), D(2022, 10, 16)),
    ("Die Versammlung war am Freitag vor einer Woche.", "de", FRI, "am Freitag vor einer Woche", "2022-10-14",
     D(2022, 10, 14), D(2022, 10, 14)),
    ("Die Versammlung war am Freitag vor einer Woche.", "de", TUE, "am Freitag vor einer Woche", "2022-10-07",
     D(2022, 10, 7), D(2022, 10, 7)),
    ("Die Versammlung war am Freitag vor zwei Wochen.", "de", FRI, "am Freitag vor zwei Wochen", "2022-10-07",
     D(2022, 10, 7), D(2022, 10, 7)),
    ("The meeting was a week ago Friday.", "en", FRI, "a week ago Friday", "2022-10-14", D(2022, 10, 14), D(2022, 10, 14)),
    ("The meeting was on Friday a week ago.", "en", TUE, "on Friday a week ago", "2022-10-07", D(2022, 10, 7), D(2022, 10, 7)),
    ("The meeting was a week last Friday.", "en", TUE, "a week last Friday", "2022-10-07", D(2022, 10, 7), D(2022, 10, 7)),
    ("Er kommt Anfang nächsten Monats.", "de", TUE, "Anfang nächsten Monats", "2022-11", D(2022, 11, 1), D(2022, 11, 10)),
    ("Er kommt Ende des nächsten Monats.", "de", TUE, "Ende des nächsten Monats", "2022-11", D(2022, 11, 21), D(2022, 11, 30)),
    ("Er kam Mitte letzten Monats.", "de", TUE, "Mitte letzten Monats", "2022-09", D(2022, 9, 11), D(2022, 9, 20)),
    ("He will come early next month.", "en", TUE, "early next month", "2022-11", D(2022, 11, 1), D(2022, 11, 10)),
    ("He will come at the end of next month.", "en", TUE, "at the end of next month", "2022-11", D(2022, 11, 21), D(2022, 11, 30)),
])
def test_weeks_ago_and_parts_of_next_month(text, lang, anchor, expr, value, start, end):
    found = find_timexes(text, anchor, lang)
    assert [(t.text, t.value, t.date_start, t.date_end) for t in found] == [(expr, value, start, end)]
    mod = {"Anfang": "START", "early": "START", "Ende": "END", "at the end": "END", "Mitte": "MID"}
    assert found[0].mod == next((m for k, m in mod.items() if expr.startswith(k)), "")
