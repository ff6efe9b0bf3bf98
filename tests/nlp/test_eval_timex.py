"""scripts/eval_timex.py: the Wikinews gold list and the text rebuilt from corpus tokens (no corpus needed)."""
from __future__ import annotations

import re

from scripts.eval_timex import read_wikinews_gold, wikinews_text

VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI))?)?|-W\d{2}(-WE)?)?|XXXX-\d{2}-\d{2}|(PRESENT|PAST|FUTURE)_REF")


def test_gold_list_is_well_formed():
    rows = read_wikinews_gold()
    assert 60 <= len(rows) <= 120
    for fname, sid, expr, value, kind in rows:
        assert re.search(r"\(\d{4}-\d{2}-\d{2}\)\.json$", fname), fname
        assert sid >= 0 and expr.strip() and kind in ("sample", "targeted")
        assert VALUE.fullmatch(value), value


def test_text_from_tokens_keeps_sentence_offsets():
    data = {"Sentences": [
        {"SentenceId": 0, "Tokens": ["Überschrift", "ohne", "Punkt"]},
        {"SentenceId": 1, "Tokens": ["Er", "sagte", "am", "Dienstag", ",", "„", "gut", "“", "."]},
        {"SentenceId": 2, "Tokens": ["Das", "war", "(", "gestern", ")", "."]},
    ]}
    text, spans = wikinews_text(data)
    assert text[slice(*spans[0])] == "Überschrift ohne Punkt"
    assert text[slice(*spans[1])] == "Er sagte am Dienstag, „gut“."
    assert text[slice(*spans[2])] == "Das war (gestern)."
    assert "\n" in text[spans[0][1]:spans[1][0]]
