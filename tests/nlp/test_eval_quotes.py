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


def test_folds_split_the_development_part_in_two_fixed_halves():
    from scripts.eval_quotes import fold_files, split_files
    names = [f"2005-{i:03d}.json" for i in range(40)]
    dev = split_files(list(reversed(names)), "dev")
    a, b = fold_files(dev, "a"), fold_files(list(reversed(dev)), "b")
    assert set(a).isdisjoint(b) and sorted(a + b) == dev
    assert a == dev[0::2] and b == dev[1::2]  # fixed by position, whatever the input order
    assert not set(a + b) & set(split_files(names, "heldout"))
    assert fold_files(dev, None) == dev
    assert fold_files(dev, "a") == fold_files(dev, "a")
