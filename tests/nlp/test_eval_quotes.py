"""The quote evaluation's hand-checked pronoun antecedents (scripts/eval_quotes.py): no corpus read here."""
from __future__ import annotations

from scripts.eval_quotes import PRONOUNS, checked_ok, load_antecedents


def _pred(speaker):
    return {"speaker": {0} if speaker else set(), "rec": {"speaker": speaker}}


def test_antecedent_file_is_well_formed():
    table = load_antecedents()
    assert len(table) >= 100
    for (name, pos), alternatives in table.items():
        assert name.endswith(".json") and pos.count(":") == 1, name
        assert all(a for a in alternatives), (name, pos)


def test_checked_antecedent_matches_a_name_the_text_uses():
    ant = ["Ministerpräsident Roland Koch"]
    assert checked_ok(_pred("Roland Koch"), ant)
    assert checked_ok(_pred("Koch"), ant)
    assert not checked_ok(_pred("Edmund Stoiber"), ant)  # the approximation's choice: the last gold Source
    assert not checked_ok(_pred(""), ant)
    # a determiner shared with the antecedent is no match
    assert not checked_ok(_pred("Der Bundeskanzler"), ["Der geistig verwirrte Täter"])


def test_a_generic_pronoun_is_right_unresolved():
    assert checked_ok(_pred(""), [])
    assert checked_ok(_pred("man"), []) and "man" in PRONOUNS
    assert not checked_ok(_pred("Angela Merkel"), [])
