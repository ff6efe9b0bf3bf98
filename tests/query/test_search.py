"""lib.query.search: the query language, keyword in context, attention over time."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.query.search import attention, matches, parse_query, period_for, search, snippet

TEXT = ("Nato-Generalsekretär Jens Stoltenberg traf Bundeskanzler Olaf Scholz in Berlin.\n"
        "„Wir müssen der Ukraine helfen“, sagte Stoltenberg. MÜLLER nannte Drohnenangriffe "
        "auf Kiew ein Verbrechen.")


def hit(q: str, text: str = TEXT) -> bool:
    return matches(parse_query(q), text) is not None


@pytest.mark.parametrize("q, expected", [
    ("stoltenberg", True),                 # case-insensitive
    ("Stoltenberg Scholz", True),          # AND by default
    ("Stoltenberg Biden", False),
    ("Biden OR Scholz", True),
    ("Stoltenberg Biden OR Macron", False),
    ("Stoltenberg -Scholz", False),        # -word excludes
    ("Stoltenberg NOT Biden", True),
    ('"Ukraine helfen"', True),            # phrase
    ('"helfen Ukraine"', False),
    ("„Ukraine helfen“", True),            # German quotation marks
    ('-"Olaf Scholz"', False),
    ("müller", True),                      # umlauts as typed, any case
    ("mueller", False),
    ("Drohne", False),                     # whole words only
    ("Drohne*", True),                     # unless * asks for any ending
    ("Nato", True),                        # a part of a hyphenated word is a word
    ("generalsekretär", True),             # and so is the other part
])
def test_query_language(q, expected):
    assert hit(q) is expected


def test_parse_describes_what_it_understood():
    query = parse_query('Nato Ukraine OR Kiew NOT "Putin sagte" -Biden')
    assert query.describe() == 'Nato AND (Ukraine OR Kiew) NOT "Putin sagte" NOT Biden'
    assert parse_query("").empty and parse_query("  OR AND ").empty
    assert parse_query('"open phrase').notes and hit('"Ukraine helfen')
    only_not = parse_query("-Biden")
    assert only_not.notes and matches(only_not, TEXT) == []


def test_regex_characters_are_literal():
    assert hit("Berlin.") and not hit("B.rlin") and not hit("(")
    assert matches(parse_query("a+b"), "x a+b y") is not None


def test_spans_of_every_positive_term():
    spans = matches(parse_query("Stoltenberg OR Scholz"), TEXT)
    assert [TEXT[a:b] for a, b in spans] == ["Stoltenberg", "Scholz", "Stoltenberg"]


def test_snippet_has_context_at_word_boundaries():
    text = "erste " * 30 + "Treffer" + " letzte" * 30
    start = text.index("Treffer")
    before, match, after = snippet(text, start, start + 7, context=60)
    assert match == "Treffer"
    assert before.startswith("…erste") and before.endswith("erste ")
    assert after.startswith(" letzte") and after.endswith("letzte…")
    assert len(before) <= 62 and len(after) <= 62
    assert snippet("Treffer\nam Anfang", 0, 7) == ("", "Treffer", " am Anfang")


def articles():
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "title": ["A", "B", "C", "D"],
        "published": pd.to_datetime(["2022-10-03", "2022-10-03", "2022-10-05", None]),
        "source": ["X", "Y", "X", ""],
    })


TEXTS = {"a": "Die Nato tagt. Nato!", "b": "Nichts.", "c": "nato und Kiew", "d": "Nato"}


def test_search_one_row_per_matching_article():
    df = search(articles(), TEXTS.get, parse_query("Nato"))
    assert list(df["article_id"]) == ["a", "c", "d"]
    assert list(df["hits"]) == [2, 1, 1]
    assert list(df["match"]) == ["Nato", "nato", "Nato"]
    assert df.loc[0, "before"] == "Die " and df.loc[0, "after"] == " tagt. Nato!"
    assert search(articles(), TEXTS.get, parse_query("Biden")).empty
    assert search(articles(), TEXTS.get, parse_query("")).empty


def test_attention_is_a_share_of_all_articles_per_period():
    df = attention(articles(), ["a", "c", "d"], "D")
    assert list(df["period"].dt.strftime("%m-%d")) == ["10-03", "10-04", "10-05"]
    assert list(df["matching"]) == [1, 0, 1]
    assert list(df["articles"]) == [2, 0, 1]          # the undated article is left out
    assert df["share"].tolist()[::2] == [0.5, 1.0] and pd.isna(df["share"][1])   # 0 of 0: no share
    assert attention(articles(), ["a"], "D")["share"].tolist()[2] == 0.0       # 0 of 1: share 0
    weekly = attention(articles(), ["a"], "W")
    assert list(weekly["articles"]) == [3] and list(weekly["share"]) == [pytest.approx(1 / 3)]
    assert attention(articles().iloc[3:], ["d"]).empty


def test_period_follows_the_span():
    assert period_for(pd.Series(pd.to_datetime(["2022-01-01", "2022-02-01"]))) == "D"
    assert period_for(pd.Series(pd.to_datetime(["2022-01-01", "2022-09-01"]))) == "W"
    assert period_for(pd.Series(pd.to_datetime(["2020-01-01", "2022-09-01"]))) == "M"
    long = pd.Series(pd.to_datetime(["1850-03-01", "2022-09-01"]))
    assert period_for(long) == "Y"
    yearly = attention(pd.DataFrame({"id": ["a", "b"], "published": long}), ["b"])
    assert len(yearly) == 2022 - 1850 + 1 and yearly["period"].iloc[-1] == pd.Timestamp("2022-01-01")
    assert yearly["matching"].sum() == 1
