"""Issue 11: one actor, one name, one type - merge rules, not-actor words and the corpus table,
on English and German news sentences written for these tests."""
from __future__ import annotations

import pandas as pd
import pytest
import spacy

import lib.nlp.gazetteer  # noqa: F401  (registers the component)
from lib import schema
from lib.nlp import actors
from lib.query import actor_counts
from tests.nlp.test_actors import make_doc


def _nlp(lang):
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lagebild_gazetteer")
    return nlp


@pytest.fixture(scope="module")
def en():
    return _nlp("en")


@pytest.fixture(scope="module")
def de():
    return _nlp("de")


def run(nlp, text, ents=(), article_id="a1"):
    """Mentions of `text` with `ents` [(surface, label)] standing in for a statistical NER."""
    records = actors.extract_mentions(make_doc(nlp, text, list(ents)))
    for r in records:
        r["article_id"] = article_id
    return schema.frame("mentions", records)


def names(df):
    return sorted(set(zip(df["actor"], df["actor_type"])))


# ---- surname -> the full name introduced earlier -------------------------------------------
def test_en_surname_typed_place_becomes_the_person(en):
    text = ("Liberal Democrat leader Charles Kennedy attacked the plans on Monday. "
            "Kennedy said the scheme would cost too much.")
    df = run(en, text, [("Charles Kennedy", "PERSON"), ("Kennedy", "GPE")])
    assert set(df["actor"]) >= {"Charles Kennedy"}
    assert "Kennedy" not in set(df["actor"])
    assert set(df.loc[df["actor"] == "Charles Kennedy", "actor_type"]) == {"person"}


def test_en_surname_typed_org_and_honorific(en):
    text = ("Home Secretary Charles Clarke defended the bill. Mr Clarke told MPs it was needed. "
            "Clarke later left the chamber.")
    df = run(en, text, [("Charles Clarke", "PERSON"), ("Clarke", "ORG")])
    assert set(df.loc[df["text"].str.contains("Clarke"), "actor"]) == {"Charles Clarke"}


def test_de_surname_after_title(de):
    text = ("Der britische Verteidigungsminister Ben Wallace reiste nach Kiew. "
            "Herr Wallace sagte, die Hilfe gehe weiter.")
    df = run(de, text, [("Ben Wallace", "PER"), ("Kiew", "LOC")])
    assert "Wallace" not in set(df["actor"])
    assert (df["actor"] == "Ben Wallace").sum() == 2


def test_surname_before_the_full_name_is_not_retyped(en):
    # a place named first stays a place: the full name must be introduced earlier
    text = "Kennedy airport was closed. Later Charles Kennedy spoke."
    df = run(en, text, [("Charles Kennedy", "PERSON"), ("Kennedy", "GPE")])
    assert ("Kennedy", "place") in names(df)


# ---- party and organisation variants --------------------------------------------------------
def test_en_party_variants_are_one_party(en):
    text = ("The Tories and the Conservatives are one party. A Tory MP said the Conservative "
            "Party would win; Labour and the Lib Dems disagreed with the Liberal Democrats' "
            "rivals and New Labour.")
    df = run(en, text, [("Tories", "NORP"), ("Conservatives", "NORP"), ("Tory", "NORP"),
                        ("Conservative Party", "ORG"), ("Labour", "ORG"), ("Lib Dems", "NORP")])
    got = dict(zip(df["text"], df["actor"]))
    for variant in ("Tories", "Conservatives", "Tory", "Conservative Party"):
        assert got[variant] == "Conservative Party", variant
    assert got["Labour"] == "Labour Party"
    assert set(df.loc[df["text"].str.contains("Labour"), "actor"]) == {"Labour Party"}
    assert got["Lib Dems"] == "Liberal Democrats"
    assert set(df.loc[df["actor"] == "Conservative Party", "actor_type"]) == {"organisation"}


def test_en_the_home_office_is_home_office(en):
    text = "The Home Office said the figures were wrong. A Home Office spokesman agreed."
    df = run(en, text, [("The Home Office", "ORG"), ("Home Office", "ORG")])
    assert set(df["actor"]) == {"Home Office"}


def test_corpus_the_x_merges_into_x():
    df = schema.frame("mentions", [
        {"article_id": "a", "actor": "The Daily Planet", "actor_type": "organisation",
         "text": "The Daily Planet", "form": "name", "label": "ORG"},
        {"article_id": "b", "actor": "Daily Planet", "actor_type": "organisation",
         "text": "Daily Planet", "form": "name", "label": "ORG"},
    ])
    out = actors.unify(df)
    assert set(out["actor"]) == {"Daily Planet"}


def _named(rows):
    return schema.frame("mentions", [
        {"article_id": a, "actor": n, "actor_type": t, "text": n, "form": "name", "label": "ORG"}
        for a, n, t in rows])


def test_corpus_case_forms_of_one_name_merge():
    out = actors.unify(_named([
        ("a", "Europäischen Patentamt", "organisation"), ("b", "Europäischen Patentamt", "organisation"),
        ("c", "Europäisches Patentamt", "organisation"),
        ("a", "Kunsthistorischen Museums Wien", "organisation"),
        ("b", "Kunsthistorisches Museum Wien", "organisation"),
        ("a", "Roten Löwen", "other"), ("b", "Rote Löwe", "other")]))
    assert set(out["actor"]) == {"Europäischen Patentamt", "Kunsthistorisches Museum Wien",
                                 "Rote Löwe"}   # the most mentioned form, then the shortest


def test_case_forms_merge_into_the_gazetteers_actor_and_persons_never_merge():
    gaz = actors.load_gazetteer(None)
    known = next(e.id for e in gaz.entries.values() if e.id.startswith("Europäische "))
    variant = known.replace("Europäische ", "Europäischen ", 1)
    out = actors.unify(_named([("a", variant, "organisation"), ("b", variant, "organisation"),
                               ("c", known, "organisation"),
                               ("a", "Anna Jansen", "person"), ("b", "Anna Janse", "person"),
                               ("a", "Deutsche Bahn", "organisation"), ("b", "Deutsche Bank", "organisation")]))
    assert set(out["actor"]) == {known, "Anna Jansen", "Anna Janse", "Deutsche Bahn", "Deutsche Bank"}


def test_de_inflection_still_merges(de):
    text = "Die Tories verloren. Russlands Armee zog ab, Russland schwieg."
    df = run(de, text, [("Tories", "ORG"), ("Russlands", "LOC"), ("Russland", "LOC")])
    assert set(df["actor"]) == {"Conservative Party", "Russland"}


# ---- never actors, junk, wrong types --------------------------------------------------------
def test_en_not_actor_words(en):
    text = ("The Bill passed. The Budget will raise VAT at 1200 GMT, and the Euro fell. "
            "Defra and BAA issued statements.")
    df = run(en, text, [("Bill", "LAW"), ("Budget", "ORG"), ("VAT", "ORG"), ("GMT", "ORG"),
                        ("Euro", "ORG"), ("Defra", "PERSON"), ("BAA", "PERSON")])
    assert not {"Bill", "Budget", "VAT", "GMT", "Euro"} & set(df["actor"])
    assert ("Defra", "organisation") in names(df) and ("BAA", "organisation") in names(df)


def test_de_not_actor_words(de):
    text = "Experten wurden zu Rate gezogen. Der Euro fiel um 12 Uhr MEZ."
    df = run(de, text, [("Rate", "ORG"), ("Euro", "ORG"), ("MEZ", "ORG")])
    assert df.empty


def test_northern_ireland_is_not_ireland(en, de):
    df = run(en, "Voters in Northern Ireland went to the polls.", [("Northern Ireland", "GPE")])
    assert set(df["actor"]) == {"Nordirland"}
    df = run(de, "In Nordirland wurde gewählt.", [("Nordirland", "LOC")])
    assert set(df["actor"]) == {"Nordirland"}


def test_glued_function_word_and_line_breaks(en):
    text = "The leader ofNew Labour spoke. Labour\n\nwon."
    df = run(en, text, [("ofNew Labour", "ORG"), ("Labour", "ORG")])
    assert set(df["actor"]) == {"Labour Party"}
    table = actors.actor_table(df)
    assert all("\n" not in a for a in table.iloc[0]["aliases"])


# ---- compounds and derived forms do not make an actor on their own -------------------------
def test_de_compound_and_adjective_do_not_make_an_actor(de):
    text = "Der US-Arbeitsmarkt wächst im deutschen Sprachraum."
    df = run(de, text)
    assert {"USA", "Deutschland"} <= set(df["actor"])     # the mentions are kept ...
    assert set(df["form"]) <= {"prefix", "part", "derived"}
    assert actors.actor_table(df).empty                   # ... but make no actor row
    assert actor_counts(df).empty
    assert set(actors.actor_table(df, forms=None)["actor"]) == {"USA", "Deutschland"}
    assert set(actor_counts(df, forms=None)["actor"]) == {"USA", "Deutschland"}


# ---- one type per actor, one table ----------------------------------------------------------
def _two_typed():
    rows = []
    for i, t in enumerate(["place", "organisation", "organisation"]):
        rows.append({"article_id": f"a{i}", "actor": "Campbell", "actor_type": t,
                     "text": "Campbell", "form": "name", "label": "ORG"})
    rows.append({"article_id": "a0", "actor": "Russland", "actor_type": "organisation",
                 "text": "Russland", "form": "name", "label": "ORG"})
    return schema.frame("mentions", rows)


def test_one_type_per_actor_in_table_and_counts():
    df = _two_typed()
    table = actors.actor_table(df)
    assert table["actor"].is_unique
    assert dict(zip(table["actor"], table["actor_type"])) == {
        "Campbell": "organisation", "Russland": "country"}   # the gazetteer's type wins
    counts = actor_counts(df, table)
    assert counts["actor"].is_unique and len(counts) == len(table)
    assert dict(zip(counts["actor"], counts["actor_type"])) == dict(
        zip(table["actor"], table["actor_type"]))


def test_unify_gives_mentions_the_actor_type():
    out = actors.unify(_two_typed())
    assert out.groupby("actor")["actor_type"].nunique().max() == 1


def test_type_tie_prefers_person():
    df = pd.concat([_two_typed().iloc[:1].assign(actor="Kim", text="Kim"),
                    _two_typed().iloc[:1].assign(actor="Kim", text="Kim", actor_type="person")])
    assert actors.decide_types(df)["Kim"] == "person"


def test_place_inside_a_longer_place_name_is_no_mention(de):
    text = "Der Zyklon trifft Lady Elliot Island. Island liegt im Norden."
    df = run(de, text, [("Lady Elliot Island", "LOC"), ("Island", "LOC")])
    assert list(df.loc[df["actor"] == "Island", "start"]) == [text.index("Island liegt")]


def test_a_known_name_inside_a_longer_known_name_is_part_of_it(de):
    """The shipped model's pipeline also wrote "Islands" (Island, Iceland's genitive) inside
    "Falkland Islands" to the actor spans: a known name inside a longer one is no mention."""
    from spacy.tokens import Span

    text = "Die Falkland Islands und die Cook Islands. Island und England jubeln."
    doc = make_doc(de, text, [("Falkland Islands", "LOC"), ("Cook Islands", "LOC"),
                              ("Island", "LOC"), ("England", "LOC")])
    from lib.nlp.gazetteer.data import SPANS_KEY as key
    nested = []
    for i in (t.i for t in doc if t.text == "Islands"):
        nested.append(Span(doc, i, i + 1, label="LOC", kb_id="Island", span_id="name"))
    doc.spans[key] = list(doc.spans[key]) + nested
    df = schema.frame("mentions", [{**r, "article_id": "a1"} for r in actors.extract_mentions(doc)])
    assert list(df.loc[df["actor"] == "Island", "start"]) == [text.index("Island und")]
    assert set(df["actor"]) == {"Falklandinseln", "Cookinseln", "Island", "England"}


def test_initial_and_surname_is_the_full_name(en, de):
    text = "We spoke to Robert Kelly of Pusan University. R. Kelly: It is unlikely."
    df = run(en, text, [("Robert Kelly", "PERSON"), ("R. Kelly", "PERSON")])
    assert set(df["actor"]) == {"Robert Kelly"}
    text = "Wir sprachen mit Robert Kelly. R. Kelly: Sehr unwahrscheinlich."
    df = run(de, text, [("Robert Kelly", "PER"), ("R. Kelly", "PER")])
    assert set(df["actor"]) == {"Robert Kelly"}
