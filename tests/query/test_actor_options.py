"""The sidebar's actor list (lib.query.options.actor_options): short labels that carry the other
names of an actor, so the list's search ("contains", as Streamlit's filter_mode="contains"
does in the browser) finds an actor by name, part of a name or alias, most mentioned first."""
from __future__ import annotations

import pandas as pd

from lib.query.options import actor_aliases, actor_options

ACTORS = pd.DataFrame({
    "actor": ["Bulgarien", "Beluga II", "Berlin-Moabit", "Tony Blair", "Teheran", "Nato", "USA"],
    "actor_type": ["country", "other", "place", "person", "place", "organisation", "country"],
    "aliases": [["Bulgarien"], ["Beluga II"], ["Berlin-Moabit"], ["Tony Blair", "Blair", "Blairs"],
                ["Teheran", "Tehran", "Teherans"], ["Nato", "Nato-Gipfel", "NATO"],
                ["USA", "US", "Amerika", "Vereinigte Staaten", "US-Regierung"]],
    "n_mentions": [90, 80, 70, 68, 3, 50, 40],
    "n_articles": [1] * 7,
})


def typed(options: dict[str, str], text: str) -> list[str]:
    """The actors the browser's list keeps for `text`, in its order (case-insensitive contains)."""
    return [actor for actor, label in options.items() if text.casefold() in label.casefold()]


def test_typing_a_surname_offers_the_person():
    options = actor_options(ACTORS)
    assert typed(options, "Blair") == ["Tony Blair"]
    assert typed(options, "blai") == ["Tony Blair"]
    assert typed(options, "B")[:3] == ["Bulgarien", "Beluga II", "Berlin-Moabit"]  # most mentioned first


def test_typing_an_alias_finds_the_actor():
    options = actor_options(ACTORS)
    assert typed(options, "Tehran") == ["Teheran"]
    assert typed(options, "Amerika") == ["USA"]


def test_labels_are_short_name_first():
    options = actor_options(ACTORS)
    assert options["Tony Blair"] == "Tony Blair (68)"
    assert options["Teheran"] == "Teheran (3) · Tehran"
    assert options["USA"] == "USA (40) · Amerika, Vereinigte Staaten"
    assert list(options)[:2] == ["Bulgarien", "Beluga II"]


def test_aliases_worth_showing():
    assert actor_aliases("Nato", ["Nato", "Nato-Gipfel", "NATO"]) == []   # same name, compounds
    assert actor_aliases("Ukraine", ["Ukraine", "Ukrainian", "ukrainische", "Ukrainer"]) == [
        "Ukrainian", "ukrainische"]
    assert actor_aliases("X", None) == [] and actor_aliases("X", ["", "ab"]) == []


def test_speakers_and_unknown_selections():
    quotes = pd.DataFrame({"speaker_actor": ["Anna Muster", "Anna Muster", "Tony Blair", ""]})
    options = actor_options(ACTORS, ["Gone"], quotes)
    assert options["Anna Muster"] == "Anna Muster (2 quotes)"
    assert options["Gone"] == "Gone (not in corpus)"
