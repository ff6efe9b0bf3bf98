"""The shipped German NER model (models/de_lagebild_ner) loads offline and finds obvious entities.

Self-contained: reads nothing outside the repository. The sentences are written here; the
assertions are loose on purpose (a ~0.8 F1 model may miss one entity, but not most of them).
"""
from __future__ import annotations

import pytest

from lib.settings import REPO_ROOT

spacy = pytest.importorskip("spacy")

MODEL_DIR = REPO_ROOT / "models" / "de_lagebild_ner"

SENTENCES = [
    ("Jens Stoltenberg sprach in Brüssel über die Nato.",
     {("Jens Stoltenberg", "PER"), ("Brüssel", "LOC"), ("Nato", "ORG")}),
    ("Bundeskanzlerin Angela Merkel traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron.",
     {("Angela Merkel", "PER"), ("Berlin", "LOC"), ("Emmanuel Macron", "PER")}),
    ("Die Europäische Union und die Vereinten Nationen kritisierten Russland scharf.",
     {("Europäische Union", "ORG"), ("Vereinten Nationen", "ORG"), ("Russland", "LOC")}),
    ("Nach Angaben der Nachrichtenagentur Reuters griff die russische Armee erneut Kiew an.",
     {("Reuters", "ORG"), ("Kiew", "LOC")}),
]


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.fail(f"shipped model missing: {MODEL_DIR}")
    return spacy.load(MODEL_DIR)


def test_meta_and_labels(nlp):
    assert nlp.lang == "de"
    assert nlp.meta["name"] == "lagebild_ner"
    assert nlp.meta["license"] == "CC BY 4.0"
    labels = set(nlp.get_pipe("ner").labels)
    assert {"PER", "LOC", "ORG"} <= labels


def test_model_is_small():
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024


def test_first_sentence_entity_types(nlp):
    doc = nlp(SENTENCES[0][0])
    labels = {e.label_ for e in doc.ents}
    assert {"PER", "LOC", "ORG"} & labels, doc.ents
    assert len(labels & {"PER", "LOC", "ORG"}) >= 2, [(e.text, e.label_) for e in doc.ents]


def test_obvious_entities_mostly_found(nlp):
    expected = found = 0
    for text, gold in SENTENCES:
        doc = nlp(text)
        pred = {(e.text, e.label_) for e in doc.ents}
        expected += len(gold)
        found += len(gold & pred)
    # 11 obvious entities in total; a working model finds most of them
    assert found >= 0.7 * expected, f"found {found} of {expected}"


def test_no_entities_in_plain_sentence(nlp):
    doc = nlp("Das Wetter war gestern sehr schön und wir gingen spazieren.")
    assert len(doc.ents) <= 1
