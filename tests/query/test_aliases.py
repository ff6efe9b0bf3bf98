"""The analyst's alias file (lib/query/aliases.py): parse, save, apply at query time."""
from __future__ import annotations

import pandas as pd

from lib import schema
from lib.annotate import Corpus
from lib.query import Filters, select
from lib.query import aliases as AL


def _m(article, actor, typ, text=None, form="name"):
    return {"article_id": article, "actor": actor, "actor_type": typ, "text": text or actor,
            "form": form, "label": "ORG", "start": 0, "end": len(text or actor)}


def corpus():
    mentions = schema.frame("mentions", [
        _m("a", "Tories", "other"), _m("a", "Conservative Party", "organisation"),
        _m("b", "Tories", "other"), _m("b", "Euro", "other"), _m("b", "Kennedy", "place"),
    ])
    actors = schema.frame("actors", [
        {"actor": "Tories", "actor_type": "other", "aliases": ["Tories"], "n_mentions": 2,
         "n_articles": 2},
        {"actor": "Conservative Party", "actor_type": "organisation",
         "aliases": ["Conservative Party"], "n_mentions": 1, "n_articles": 1},
        {"actor": "Euro", "actor_type": "other", "aliases": ["Euro"], "n_mentions": 1,
         "n_articles": 1},
        {"actor": "Kennedy", "actor_type": "place", "aliases": ["Kennedy"], "n_mentions": 1,
         "n_articles": 1},
    ])
    articles = schema.frame("articles", [
        {"id": "a", "title": "A", "source": "s", "language": "en"},
        {"id": "b", "title": "B", "source": "s", "language": "en"}])
    events = schema.frame("events", [{"article_id": "b", "actors": ["Tories", "Euro"]}])
    quotes = schema.frame("quotes", [{"article_id": "b", "speaker_actor": "Euro", "speaker": "Euro"},
                                     {"article_id": "a", "speaker_actor": "Tories",
                                      "speaker": "Tories"}])
    return Corpus(articles, mentions, actors, events, quotes, pd.DataFrame())


TEXT = """action,actor,value
# the party under one name
merge,Tories,Conservative Party
hide,Euro,
type,Kennedy,person
rename,Kennedy,Charles Kennedy
bogus,X,Y
"""


def test_parse_and_round_trip(tmp_path):
    rules, notices = AL.parse(TEXT)
    assert [r.action for r in rules] == ["merge", "hide", "type", "rename"]
    assert len(notices) == 1 and "bogus" in notices[0]
    path = AL.save(rules, tmp_path / "aliases.csv")
    assert AL.load(path) == rules
    assert AL.parse(AL.dumps(rules))[0] == rules


def test_aliases_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_ALIASES", str(tmp_path / "mine.csv"))
    assert AL.aliases_path() == tmp_path / "mine.csv"
    assert AL.load() == []


def test_apply_merges_hides_sets_type_and_renames():
    rules = AL.parse(TEXT)[0]
    sel = select(corpus(), Filters(), aliases=rules)
    table = sel.actors.set_index("actor")
    assert list(sel.actors["actor"]) == ["Conservative Party", "Charles Kennedy"]
    assert table.loc["Conservative Party", "n_mentions"] == 3
    assert table.loc["Conservative Party", "n_articles"] == 2
    assert table.loc["Conservative Party", "actor_type"] == "organisation"
    assert "Tories" in table.loc["Conservative Party", "aliases"]
    assert table.loc["Charles Kennedy", "actor_type"] == "person"
    assert "Euro" not in set(sel.mentions["actor"])
    assert list(sel.events["actors"].iloc[0]) == ["Conservative Party"]
    assert set(sel.quotes["speaker_actor"]) == {"", "Conservative Party"}
    # the filter by the merged name finds the articles of both names
    sel = select(corpus(), Filters(actors=("Conservative Party",)), aliases=rules)
    assert set(sel.articles["id"]) == {"a", "b"}


def test_no_rules_no_change():
    c = corpus()
    assert AL.apply(c, []) is c
    assert len(select(c).actors) == 4


def test_chains_and_cycles():
    rules = [AL.Rule("merge", "A", "B"), AL.Rule("merge", "B", "C"),
             AL.Rule("merge", "X", "Y"), AL.Rule("merge", "Y", "X")]
    assert AL.mapping(rules) == {"A": "C", "B": "C"}


def test_add_replaces_the_same_rule():
    rules = AL.add([AL.Rule("type", "A", "person")], AL.Rule("type", "A", "place"))
    assert rules == [AL.Rule("type", "A", "place")]


# ---- names in the language of the reader (lib/query/labels.py) -----------------------------
def _gaz_corpus(lang="en"):
    c = corpus()
    mentions = schema.frame("mentions", [_m("a", "Großbritannien", "country"),
                                         _m("a", "Türkei", "country"), _m("b", "Tories", "other")])
    actors = schema.frame("actors", [
        {"actor": a, "actor_type": "country", "aliases": [a], "n_mentions": 1, "n_articles": 1,
         "actor_id": a} for a in ("Großbritannien", "Türkei")])
    articles = c.articles.assign(language=lang)
    events = schema.frame("events", [{"article_id": "a", "actors": ["Türkei"]}])
    quotes = schema.frame("quotes", [{"article_id": "a", "speaker_actor": "Großbritannien"}])
    return Corpus(articles, mentions, actors, events, quotes, pd.DataFrame())


def test_english_labels_keep_the_id(monkeypatch):
    from lib.query.labels import display_language, localize
    monkeypatch.delenv("LAGEBILD_ACTOR_LANGUAGE", raising=False)
    c = _gaz_corpus("en")
    assert display_language(c.articles) == "en"
    loc = localize(c, "en")
    table = select(loc).actors.set_index("actor")
    assert table.loc["United Kingdom", "actor_id"] == "Großbritannien"
    assert table.loc["Turkey", "actor_id"] == "Türkei"
    assert list(loc.events["actors"].iloc[0]) == ["Turkey"]
    assert list(loc.quotes["speaker_actor"]) == ["United Kingdom"]
    # German readers see the ids; a setting wins over the corpus language
    assert localize(c, "de") is c
    monkeypatch.setenv("LAGEBILD_ACTOR_LANGUAGE", "de")
    assert display_language(c.articles) == "de"


def test_majority_language_decides(monkeypatch):
    from lib.query.labels import display_language
    monkeypatch.delenv("LAGEBILD_ACTOR_LANGUAGE", raising=False)
    arts = pd.DataFrame({"language": ["en", "en", "de"]})
    assert display_language(arts) == "en"
    assert display_language(pd.DataFrame({"language": ["en", "de"]})) == "de"
    assert display_language(pd.DataFrame()) == "de"


def test_actor_id_in_the_actor_csv_columns():
    assert "actor_id" in schema.ACTOR_COLUMNS
    sel = select(corpus(), Filters(), aliases=[AL.Rule("merge", "Tories", "Conservative Party")])
    assert dict(zip(sel.actors["actor"], sel.actors["actor_id"]))["Conservative Party"] == \
        "Conservative Party"


def test_quote_and_mention_tables_carry_the_actor_id(toy_corpus):
    from lib.query import mention_table, quote_table, select
    from lib.query.labels import localize

    sel = select(localize(toy_corpus, "en"))
    mentions = mention_table(sel)
    assert {"actor", "actor_id"} <= set(mentions.columns)
    assert (mentions["actor_id"] != "").all()
    quotes = quote_table(sel)
    named = quotes[~quotes["anonymous"]]
    assert len(named) and (named["speaker_id"] != "").all()
    assert (quotes.loc[quotes["anonymous"], "speaker_id"] == "").all()
    from lib.query import event_table
    events = event_table(sel)
    assert (events["actors"].str.count(",") == events["actor_ids"].str.count(",")).all()
