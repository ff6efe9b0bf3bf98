"""German mood as a mark of reported speech without a speech verb (lib/nlp/quotes/mood.py):
Konjunktiv I as the main clause's verb, reportative "soll … haben". Sentences written for these tests."""
from __future__ import annotations

from lib.nlp.quotes.mood import _participle, main_clause_konjunktiv, reportative_sollen, segments
from lib.nlp.quotes.phrases import _Tok
from tests.nlp.test_quotes import extract

KI = {"sei", "seien", "habe", "werde", "gehe", "liege", "müsse", "bestehe"}
SUB = {"da", "weil", "obwohl", "nachdem", "wenn", "dass"}


def toks(sentence: str):
    out, pos = [], 0
    for w in sentence.replace(",", " ,").replace(".", " .").split():
        out.append(_Tok(w, w.lower(), pos, pos + len(w)))
        pos += len(w) + 1
    return out


def _indirect(recs, starts):
    return [r for r in recs if r["kind"] == "indirect" and r["text"].startswith(starts)]


def test_konjunktiv_as_the_main_verb():
    assert main_clause_konjunktiv(toks("Die Lage an der Grenze sei ernst."), KI, SUB)
    assert main_clause_konjunktiv(toks("Man gehe davon aus, dass niemand verletzt wurde."), KI, SUB)
    # a fronted subordinate clause: the verb right after its comma
    assert main_clause_konjunktiv(toks("Da das Tief im Norden liege, werde es morgen kalt."), KI, SUB)


def test_konjunktiv_only_in_a_subordinate_clause_is_no_mark_of_the_sentence():
    assert not main_clause_konjunktiv(toks("Er bestritt, dass er dort gewesen sei."), KI, SUB)
    assert not main_clause_konjunktiv(toks("Da das Tief im Norden liege, wurde es kalt."), KI, SUB)
    assert not main_clause_konjunktiv(toks("Die Firma, die pleite sei, schloss."), KI, SUB)
    assert not main_clause_konjunktiv(toks("Die Lage ist ernst."), KI, SUB)


def test_sentences_and_colon_parts_are_segments():
    assert segments(toks("Es regnet. Die Lage sei ernst.")) == [(0, 2), (3, 7)]


def test_reportative_sollen_needs_a_perfect_infinitive():
    assert reportative_sollen(toks("Der Fahrer soll den Unfall verursacht haben."), SUB)
    assert reportative_sollen(toks("Bei dem Brand sollen drei Menschen gestorben sein."), SUB)
    assert reportative_sollen(toks("Die Akten sollen vernichtet worden sein."), SUB)
    assert reportative_sollen(toks("Das Geld soll er versteckt haben und geflohen sein."), SUB)
    # an obligation or plan, not a report
    assert not reportative_sollen(toks("Die Brücke soll im Sommer erneuert werden."), SUB)
    assert not reportative_sollen(toks("Jeder Gast soll eine Karte haben."), SUB)
    assert not reportative_sollen(toks("Die Lösung soll einfach sein."), SUB)
    assert not reportative_sollen(toks("Er sagte, der Fahrer soll den Unfall verursacht haben."), SUB)
    assert _participle("worden") and not _participle("möglich")


def test_konjunktiv_sentence_after_a_paragraph_break_keeps_the_speaker():
    text = ("Die Ministerin sagte, die Verhandlungen seien schwierig.\n"
            "Eine Einigung werde es vor dem Sommer nicht geben.")
    r = _indirect(extract(text), "Eine Einigung werde")
    assert r and r[0]["speaker"] == "Die Ministerin"


def test_konjunktiv_sentence_with_no_speaker_before_is_reported_by_no_one_named():
    text = ("Der Markt war am Morgen geschlossen. Die Händler seien nach dem Gewitter nach Hause gegangen. "
            "Der Täter soll den Wagen gestohlen haben.")
    recs = extract(text)
    r = _indirect(recs, "Die Händler seien")
    assert r and r[0]["speaker"] == "" and r[0]["kind"] == "indirect"
    assert _indirect(recs, "Der Täter soll")
    assert not _indirect(recs, "Der Markt war")


def test_konjunktiv_ii_alone_is_no_reported_speech():
    recs = extract("Der Zug war voll. Ohne den Streik wäre er pünktlich gewesen. "
                   "Mit mehr Personal hätte die Bahn den Ausfall vermieden. Die Brücke soll bald erneuert werden.")
    assert not [r for r in recs if r["kind"] == "indirect"]


def test_konjunktiv_clause_after_the_subject_of_a_speech_verb_is_no_apposition():
    recs = extract("Am Abend meldete die Agentur, die Fähre sei im Sturm gesunken. "
                   "Später berichtete die Zeitung, Müller rechne mit einem Freispruch. "
                   "Dazu sagte der Sprecher, ein Jurist aus Bonn, nichts.")
    assert _indirect(recs, "die Fähre sei")[0]["speaker"] == "die Agentur"
    assert _indirect(recs, "Müller rechne")[0]["speaker"] == "die Zeitung"
    assert not _indirect(recs, "ein Jurist")  # an apposition, no clause


def test_clause_before_das_and_a_speech_verb_is_reported():
    recs = extract("Der Tunnel bleibt bis Freitag gesperrt, das teilte die Polizei mit.")
    r = _indirect(recs, "Der Tunnel bleibt")
    assert r and r[0]["speaker"] == "die Polizei" and r[0]["text"] == "Der Tunnel bleibt bis Freitag gesperrt"
    # a relative clause ("…, das die Polizei mitteilte") is no such frame
    assert not _indirect(extract("Er las das Schreiben, das die Polizei mitteilte, erst spät."), "Er las")


def test_a_subordinator_without_its_comma_is_a_preposition():
    assert reportative_sollen(toks("Während des Überfalls sollen Schüsse gefallen sein."), SUB | {"während"})
    assert not main_clause_konjunktiv(toks("Während das Tief liege, regnet es."), KI, SUB | {"während"})


def test_konjunktiv_sentence_resumes_the_speaker_across_an_indicative_sentence():
    text = ("Die Ministerin sagte, die Verhandlungen seien schwierig. Am Abend regnete es. "
            "Eine Einigung werde es vor dem Sommer nicht geben.")
    r = _indirect(extract(text), "Eine Einigung werde")
    assert r and r[0]["speaker"] == "Die Ministerin"
