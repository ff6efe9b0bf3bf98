"""lib/nlp/timex, issue 12 (session 4): recurring dates, weekdays in future clauses, ranges whose end
gives the year, the day of a clock time after "vorgestern", dates with "dieses Jahres", German and English.

Every sentence here is written for the tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from lib.nlp.timex import find_timexes

D = dt.date
TUE = D(2022, 10, 18)      # a Tuesday


def found(text, anchor=TUE, lang="de"):
    return [(t.text, t.value, t.date_start, t.date_end) for t in find_timexes(text, anchor, lang)]


def one(text, expr, anchor=TUE, lang="de"):
    hits = [t for t in find_timexes(text, anchor, lang) if t.text == expr]
    assert hits, found(text, anchor, lang)
    return hits[0]


# --------------------------------------------------------------------------- recurring dates

@pytest.mark.parametrize("text,lang,expr,value", [
    ("Jedes Jahr am 3. Oktober feiert die Stadt ein Fest.", "de", "am 3. Oktober", "XXXX-10-03"),
    ("Das Grab wird seit Jahren immer am 19. Januar besucht.", "de", "am 19. Januar", "XXXX-01-19"),
    ("Der Markt findet alljährlich im Mai statt.", "de", "im Mai", "XXXX-05"),
    ("Jedes Jahr an Weihnachten kommt die Familie zusammen.", "de", "an Weihnachten", "XXXX-12-25"),
    ("Every year on October 3 the town holds a fair.", "en", "on October 3", "XXXX-10-03"),
    ("The grave is visited annually on January 19.", "en", "on January 19", "XXXX-01-19"),
])
def test_a_recurring_date_has_no_year(text, lang, expr, value):
    t = one(text, expr, lang=lang)
    assert (t.value, t.date_start, t.date_end) == (value, None, None)


def test_a_date_without_a_recurring_cue_still_gets_its_year():
    assert one("Am 3. Oktober feierte die Stadt ein Fest.", "Am 3. Oktober").value == "2022-10-03"
    assert one("On October 3 the town held a fair.", "On October 3", lang="en").value == "2022-10-03"


# --------------------------------------------------------------------------- weekdays and future tense

@pytest.mark.parametrize("text,lang,value", [
    ("Die Kommission wird am Freitag entscheiden.", "de", "2022-10-21"),
    ("Die Kommission hat am Freitag entschieden.", "de", "2022-10-14"),
    # the clause with the weekday is told in the past even though the sentence has "wird"
    ("Die Vergabe wird die letzte sein, wie der Verband am Freitag bekannt gab.", "de", "2022-10-14"),
    ("The commission will decide on Friday.", "en", "2022-10-21"),
    ("The commission decided on Friday.", "en", "2022-10-14"),
    ("The award will be the last, as the association said on Friday.", "en", "2022-10-14"),
    # a coordinated clause has its own tense
    ("Sie kam gestern zurück und wird am Freitag erneut fliegen.", "de", "2022-10-21"),
    ("She came back yesterday and will fly again on Friday.", "en", "2022-10-21"),
])
def test_a_weekday_in_a_future_clause_is_the_next_such_day(text, lang, value):
    (t,) = [t for t in find_timexes(text, TUE, lang) if "Fr" in t.text]
    assert t.value == value


# --------------------------------------------------------------------------- the end of a range gives the year

@pytest.mark.parametrize("text,lang,expr,value", [
    ("Sie war von Januar bis September 2005 Ministerpräsidentin.", "de", "Januar", "2005-01"),
    ("Sie war von Dezember bis März 2005 im Amt.", "de", "Dezember", "2004-12"),
    ("Im Juni und Juli 1944 rückte die Armee vor.", "de", "Im Juni", "1944-06"),
    ("Vom 28. Oktober bis zum 10. November 1917 wurde gekämpft.", "de", "28. Oktober", "1917-10-28"),
    ("She was prime minister from January to September 2005.", "en", "January", "2005-01"),
    ("She served from December to March 2005.", "en", "December", "2004-12"),
    ("Fighting lasted from October 28 to November 10, 1917.", "en", "October 28", "1917-10-28"),
])
def test_the_year_of_a_range_end_carries_to_its_start(text, lang, expr, value):
    assert one(text, expr, D(2011, 12, 25), lang).value == value


# --------------------------------------------------------------------------- the day of a clock time

@pytest.mark.parametrize("text,lang,expr,value", [
    ("Vorgestern Nachmittag um 14.30 Uhr Ortszeit kam es zu einer Explosion.", "de", "um 14.30 Uhr Ortszeit",
     "2022-10-16T14:30"),
    ("Gestern um 21.30 Uhr GMT wurde der Alarm ausgelöst.", "de", "um 21.30 Uhr GMT", "2022-10-17T21:30"),
    ("The blast happened yesterday at 2:30 pm.", "en", "at 2:30 pm", "2022-10-17T14:30"),
])
def test_a_clock_time_after_a_relative_day_is_on_that_day(text, lang, expr, value):
    assert one(text, expr, lang=lang).value == value


# --------------------------------------------------------------------------- whole expressions

@pytest.mark.parametrize("text,lang,expr,value", [
    ("Sie hatte am 27. Juni dieses Jahres einen Antrag eingebracht.", "de", "am 27. Juni dieses Jahres", "2022-06-27"),
    ("Er kam am 5. Mai letzten Jahres an.", "de", "am 5. Mai letzten Jahres", "2021-05-05"),
    ("Zur Sitzung am Abend des 23.06.2011 beschloss der Rat das Projekt.", "de", "am Abend des 23.06.2011",
     "2011-06-23TEV"),
    ("She filed a motion on June 27 this year.", "en", "on June 27 this year", "2022-06-27"),
    ("He arrived on May 5 last year.", "en", "on May 5 last year", "2021-05-05"),
])
def test_a_date_with_its_year_in_words_is_one_expression(text, lang, expr, value):
    assert one(text, expr, lang=lang).value == value


# --------------------------------------------------------------------------- the story time of a history

A2011 = D(2011, 2, 16)
NEW_YEAR = {
    "de": ("Der Krieg begann 1939. Im Sommer 1941 erreichte die Armee Moskau. Am 5. Dezember 1941 begann die "
           "Gegenoffensive. Am 16. Dezember gab Hitler den Befehl zum Halten.\n\nIn den Schlachten des neuen "
           "Jahres wurde am 28. Mai Charkow erobert.", "am 28. Mai"),
    "en": ("The war began in 1939. In the summer of 1941 the army reached Moscow. On December 5, 1941 the "
           "counter-offensive began. On December 16 Hitler ordered a halt. In the following year Kharkov was "
           "taken on May 28.", "on May 28"),
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_new_year_of_a_history_moves_its_story_on(lang):
    text, expr = NEW_YEAR[lang]
    assert one(text, expr, A2011, lang).value == "1942-05-28"


@pytest.mark.parametrize("text,lang,expr", [
    ("Der Krieg begann 1914. Im Jahr 1916 wuchs der Hunger. Die Revolution siegte am 7. November 1917 "
     "(25. Oktober nach julianischem Kalender). Drei Tage später scheiterte ein Putsch.", "de", "Drei Tage später"),
    ("The war began in 1914. In 1916 hunger grew. The revolution won on November 7, 1917 (October 25 in the "
     "Julian calendar). Three days later the coup failed.", "en", "Three days later"),
])
def test_a_date_in_parentheses_does_not_move_the_story_day(text, lang, expr):
    assert one(text, expr, A2011, lang).value == "1917-11-10"


@pytest.mark.parametrize("text,lang,expr", [
    ("Der Krieg begann 1939. Im Jahr 1942 griff die Armee an. Der General Paulus (1890–1957) kam nach "
     "Stalingrad. Am 31. Januar ergab er sich.", "de", "Am 31. Januar"),
    ("The war began in 1939. In 1942 the army attacked. General Paulus (1890–1957) came to Stalingrad. On "
     "January 31 he surrendered.", "en", "On January 31"),
])
def test_years_in_parentheses_do_not_move_the_story_year(text, lang, expr):
    assert one(text, expr, A2011, lang).value == "1942-01-31"


def test_a_participle_such_as_kommende_does_not_make_a_history_clause_future():
    text = ("Der Krieg begann 1914. Im Jahr 1916 wuchs der Hunger. Die Revolution siegte am 7. November 1917. "
            "Am 10. November, versuchte eine von außen kommende Einheit den Putsch.")
    assert one(text, "Am 10. November", A2011).value == "1917-11-10"


@pytest.mark.parametrize("text,lang,expr,value", [
    ("Der Krieg begann 1939. Im Sommer 1941 kam die Armee voran. Ein am 26. August 1942 begonnener Angriff wurde "
     "nach zwei Tagen angehalten.", "de", "nach zwei Tagen", "1942-08-28"),
    ("The war began in 1939. In the summer of 1941 the army advanced. An attack begun on August 26, 1942 was "
     "halted after two days.", "en", "after two days", "1942-08-28"),
    # approximate, or what lasted is named, or the story has no day: how long, not when
    ("Der Krieg begann 1939. Am 24. Mai 1940 kam der Befehl. Er wurde erst nach mehr als drei Tagen aufgehoben.",
     "de", "nach mehr als drei Tagen", "P3D"),
    ("The war began in 1939. On May 24, 1940 the order came. It was lifted only after more than three days.",
     "en", "after more than three days", "P3D"),
    ("Der Krieg begann 1965. Am 21. Januar 1968 begann die Belagerung. Nach 77 Tagen Belagerung zog der Gegner ab.",
     "de", "Nach 77 Tagen", "P77D"),
    ("The war began in 1965. On January 21, 1968 the siege began. After 77 days of siege the enemy withdrew.",
     "en", "After 77 days", "P77D"),
    ("Der Krieg begann 1918. Im Jahr 1919 wuchs die Armee. Im Oktober 1920 griff sie an. Nach einer Woche zog sie "
     "sich zurück.", "de", "Nach einer Woche", "P1W"),
    ("Am Dienstag begann der Streik. Nach zwei Tagen war er vorbei.", "de", "Nach zwei Tagen", "P2D"),
    # counted in years: how long, not a day twenty years on
    ("Am 3. März trat er nach 20 Jahren im Amt zurück.", "de", "nach 20 Jahren", "P20Y"),
    ("On March 3 he resigned after 20 years in office.", "en", "after 20 years", "P20Y"),
])
def test_after_n_days_is_a_day_only_after_a_story_day(text, lang, expr, value):
    assert one(text, expr, A2011, lang).value == value


@pytest.mark.parametrize("text,lang,expr", [
    ("Der Krieg begann 1939. Im Juni 1941 griff Deutschland an. Ein halbes Jahr später stand die Armee vor "
     "Moskau.", "de", "Ein halbes Jahr später"),
    ("The war began in 1939. In June 1941 Germany attacked. Half a year later the army stood before Moscow.",
     "en", "Half a year later"),
])
def test_half_a_year_later_is_six_months_later(text, lang, expr):
    t = one(text, expr, A2011, lang)
    assert (t.value, t.date_start, t.date_end) == ("1941-12", D(1941, 12, 1), D(1941, 12, 31))


@pytest.mark.parametrize("text,lang,expr,value", [
    # the pluperfect looks back; the story stays in 1918
    ("Der Krieg begann 1914. Am 25. Februar 1918 war die Revolte beendet. Der General hatte im Juli 1917 den "
     "Bolschewiki in die Hände gespielt. Am 10. April fiel der General.", "de", "Am 10. April", "1918-04-10"),
    ("The war began in 1914. On February 25, 1918 the revolt was over. The general had helped the Bolsheviks in "
     "July 1917. On April 10 the general fell.", "en", "On April 10", "1918-04-10"),
    # told in the simple past, the same year moves the story back
    ("Der Krieg begann 1914. Am 25. Februar 1918 war die Revolte beendet. Im Juli 1917 spielte der General den "
     "Bolschewiki in die Hände. Am 10. April fiel der General.", "de", "Am 10. April", "1917-04-10"),
    ("The war began in 1914. On February 25, 1918 the revolt was over. In July 1917 the general helped the "
     "Bolsheviks. On April 10 the general fell.", "en", "On April 10", "1917-04-10"),
    # a bare earlier year inside a sentence is background; in a heading it opens a new part of the story
    ("Der Krieg begann 1939. Am 6. Juni 1944 landeten die Alliierten. Der Plan fußte auf ab 1941 ausgearbeiteten "
     "Plänen. Am 26. Juni fiel Cherbourg.", "de", "Am 26. Juni", "1944-06-26"),
    ("The war began in 1939. On June 6, 1944 the Allies landed. The plan built on the 1941 invasion plans. On "
     "June 26 Cherbourg fell.", "en", "On June 26", "1944-06-26"),
    ("Der Krieg begann 1939. Am 6. Juni 1944 landeten die Alliierten.\n\nOstfront 1941\n\nAm 22. Juni griff "
     "Deutschland an.", "de", "Am 22. Juni", "1941-06-22"),
    ("The war began in 1939. On June 6, 1944 the Allies landed.\n\nEastern Front 1941\n\nOn June 22 Germany "
     "attacked.", "en", "On June 22", "1941-06-22"),
    # a year that is only a limit does not move the story
    ("Der Krieg begann 1939. Im September 1939 fiel Polen. Das prägte die Kriegsführung bis Ende 1941. Am 3. "
     "Oktober kapitulierte die Armee.", "de", "Am 3. Oktober", "1939-10-03"),
    ("The war began in 1939. In September 1939 Poland fell. This shaped the war until the end of 1941. On "
     "October 3 the army surrendered.", "en", "On October 3", "1939-10-03"),
    # "im nächsten Jahr" told in a history is the story's next year
    ("Der Krieg begann 1939. Im November 1941 griffen die Briten an. Am 7. Dezember 1941 zog sich das Korps "
     "zurück. Rommel griff erst im nächsten Jahr wieder an. Am 26. Mai befahl er den Angriff.", "de",
     "Am 26. Mai", "1942-05-26"),
    ("The war began in 1939. In November 1941 the British attacked. On December 7, 1941 the corps withdrew. "
     "Rommel attacked again only the next year. On May 26 he ordered the attack.", "en", "On May 26", "1942-05-26"),
])
def test_what_moves_the_story_year_of_a_history(text, lang, expr, value):
    assert one(text, expr, A2011, lang).value == value


@pytest.mark.parametrize("text,lang,expected", [
    ("Der Krieg begann 499 v. Chr. Im Jahr 490 v. Chr. landeten die Perser bei Marathon. Im Frühjahr 479 v. Chr. "
     "zogen die Griechen aus. Mitte des Jahres siegten sie bei Plataiai. Im Jahr 478 gründeten sie den Seebund. "
     "Heute ist Plataiai ein Dorf.", "de",
     [("Im Frühjahr 479 v. Chr.", "BC0479-SP"), ("Mitte des Jahres", "BC0479"), ("Im Jahr 478", "BC0478"),
      ("Heute", "PRESENT_REF")]),
    ("The war began in 499 BC. In 490 BC the Persians landed at Marathon. In the spring of 479 BC the Greeks "
     "marched out. In the summer they won at Plataea. In the year 478 they founded the league. Today Plataea is "
     "a village.", "en",
     [("In the spring of 479 BC", "BC0479-SP"), ("In the summer", "BC0479-SU"), ("In the year 478", "BC0478"),
      ("Today", "PRESENT_REF")]),
])
def test_a_history_told_before_christ_keeps_its_years_before_christ(text, lang, expected):
    got = [(t.text, t.value, t.date_start) for t in find_timexes(text, A2011, lang)]
    for expr, value in expected:
        assert (expr, value, None) in got, got


@pytest.mark.parametrize("text,lang,expr,value", [
    ("Der Krieg begann 1917. Im Mai 1919 griff die Armee an. Am 13. Dezember 1919 eroberten rote Truppen Kiew, "
     "und bis Anfang Januar verlor Denikin das Don-Gebiet.", "de", "Anfang Januar", "1920-01"),
    ("The war began in 1917. In May 1919 the army attacked. On December 13, 1919 Red troops took Kiev, and by "
     "early January Denikin lost the Don region.", "en", "early January", "1920-01"),
    # told in the pluperfect, January lies before that December
    ("Der Krieg begann 1917. Im Mai 1919 griff die Armee an. Am 13. Dezember 1919 eroberten rote Truppen Kiew, "
     "das Denikin im Januar erobert hatte.", "de", "im Januar", "1919-01"),
])
def test_a_history_goes_on_into_the_next_year_after_december(text, lang, expr, value):
    assert one(text, expr, A2011, lang).value == value


@pytest.mark.parametrize("anchor,value", [(D(2006, 11, 15), "2007"), (D(2006, 1, 15), "2006")])
def test_im_neuen_jahr_in_a_report_is_the_coming_year_or_the_one_just_begun(anchor, value):
    assert one("Im neuen Jahr sollen weitere Stellen wegfallen.", "Im neuen Jahr", anchor).value == value
    # "das neue Jahr" as a subject is not a date to place
    assert found("Das neue Jahr ist gerade einen Monat alt.", anchor) == [("einen Monat", "P1M", None, None)]


@pytest.mark.parametrize("text,lang,expr,value", [
    # a year counted back names a part of the story or looks back: it does not move the story
    ("Der Krieg begann 1861. Im Jahr 1862 wuchs die Armee. Am 1. Januar 1863 trat die Proklamation in Kraft. Im letzten Jahr des Krieges "
     "marschierte Sherman durch Georgia. Im November hielt Lincoln eine Rede.", "de", "Im November", "1863-11"),
    ("The war began in 1861. In 1862 the army grew. On January 1, 1863 the proclamation took effect. In the previous year the army "
     "had grown. In November Lincoln gave a speech.", "en", "In November", "1863-11"),
    # a date in parentheses after a name, not after a date, is the story's
    ("Der Krieg begann 1861. Im Jahr 1862 siegte die Union bei Shiloh. Die Schlacht von Gettysburg (1. bis 3. "
     "Juli 1863) war der Wendepunkt. Am 4. Juli fiel Vicksburg.", "de", "Am 4. Juli", "1863-07-04"),
    ("Lincoln was elected in 1860. The war began in 1861. In 1862 the Union won at Shiloh. The battle of Gettysburg (July 1 to 3, 1863) "
     "was the turning point. On July 4 Vicksburg fell.", "en", "On July 4", "1863-07-04"),
    # a limit opening a sentence opens a period of the story
    ("Der Krieg begann 1861. Am 21. Juli 1861 siegte der Süden. Ab 1862 setzte die Union neue Truppen ein. Im "
     "Mai eroberte sie New Orleans.", "de", "Im Mai", "1862-05"),
    # "hatte … die ersten Niederlagen" with its participle at the end is a look back: its clause's
    # "im Jahr 1904" does not move the story, nor its day or month
    ("Der Krieg begann 1904. Am 2. Januar 1905 fiel Port Arthur. Russland hatte im Jahr 1904 die ersten "
     "Niederlagen erlitten, und im Sommer brachen Unruhen aus.", "de", "im Sommer", "1905-SU"),
    # "hatte" as a main verb is no pluperfect: an earlier year told so moves the story back
    ("Der Krieg begann 1904. Am 2. Januar 1905 fiel Port Arthur. Im Mai 1904 hatte Russland die ersten "
     "Schiffe in Fahrt. Im Juni kam die Flotte an.", "de", "Im Juni", "1904-06"),
])
def test_what_does_not_move_the_story_year_of_a_history(text, lang, expr, value):
    assert one(text, expr, A2011, lang).value == value


@pytest.mark.parametrize("text,lang,expr,value", [
    ("Der Krieg begann 1861. Im Jahr 1863 siegte die Union. Am 9. April 1865 kapitulierte Lee. Das Attentat vom "
     "14. April erschütterte das Land.", "de", "14. April", "1865-04-14"),
    ("The war began in 1861. In 1863 the Union won. On April 9, 1865 Lee surrendered. The attacks of April 14 "
     "shook the country.", "en", "April 14", "1865-04-14"),
])
def test_an_event_named_by_date_in_a_history_takes_the_story_year(text, lang, expr, value):
    assert one(text, expr, A2011, lang).value == value


@pytest.mark.parametrize("text,lang,expr", [
    ("Der Krieg begann 1861. Im Jahr 1863 siegte die Union. Am 9. April 1865 kapitulierte Lee. Er sagte: "
     "„Gestern war alles verloren.“ Am folgenden Tag zogen die Truppen ab.", "de", "Am folgenden Tag"),
    ("The war began in 1861. In 1863 the Union won. On April 9, 1865 Lee surrendered. He said: \"Yesterday all "
     "was lost.\" On the following day the troops left.", "en", "On the following day"),
])
def test_yesterday_in_a_quote_told_as_history_does_not_move_the_story_day(text, lang, expr):
    # a "gestern" inside a quote is the speaker's: the default mode still reads a history
    for mode in ("narrative", "context"):
        hits = [t for t in find_timexes(text, A2011, lang, mode=mode) if t.text == expr]
        assert hits and hits[0].value == "1865-04-10", mode


@pytest.mark.parametrize("text,lang,expr", [
    ("Der Krieg begann 1861. Im Jahr 1863 siegte die Union. Am 9. April 1865 kapitulierte Lee. Gestern "
     "erinnerte der Präsident daran. Am folgenden Tag zogen die Truppen ab.", "de", "Am folgenden Tag"),
    ("The war began in 1861. In 1863 the Union won. On April 9, 1865 Lee surrendered. Yesterday the "
     "president recalled it. On the following day the troops left.", "en", "On the following day"),
])
def test_yesterday_outside_a_quote_still_makes_the_text_a_report(text, lang, expr):
    hits = [t for t in find_timexes(text, A2011, lang) if t.text == expr]
    assert hits and hits[0].value != "1865-04-10"
