"""lib.query.quote_table: quotes of kind "phrase" are hidden unless asked for."""
from __future__ import annotations

import pandas as pd

from lib.query import quote_table, select


def test_phrases_hidden_by_default(toy_corpus):
    quotes = toy_corpus.quotes
    extra = quotes.iloc[[0]].copy()
    extra["kind"], extra["text"], extra["speaker"], extra["speaker_actor"] = "phrase", "Skandal", "", ""
    toy_corpus.quotes = pd.concat([quotes, extra], ignore_index=True)
    try:
        sel = select(toy_corpus)
        assert "phrase" not in set(quote_table(sel)["kind"])
        shown = quote_table(sel, phrases=True)
        assert list(shown.loc[shown["kind"] == "phrase", "quote"]) == ["Skandal"]
        assert len(shown) == len(quote_table(sel)) + 1
    finally:
        toy_corpus.quotes = quotes
