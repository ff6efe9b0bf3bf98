"""The first acceptance case: the seed article scores in full against its hand annotation.

tests/fixtures/seed_article.txt and seed_gold.json are the project's copies of the seed article and
its hand annotation (tests read nothing outside the repository); the gold copy corrects one
count (see its 'correction' field).
"""
import json

import pandas as pd
import pytest

from lib import annotate_text
from lib.settings import REPO_ROOT
from scripts.scoring import score

FIXTURES = REPO_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def seed():
    text = (FIXTURES / "seed_article.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / "seed_gold.json").read_text(encoding="utf-8"))
    ann = annotate_text(text, published="2022-10-18", language="de")
    return text, gold, ann, score(gold, ann, text)


def _failures(checks, section):
    return [f"{c.item}: {c.detail}" for c in checks if c.section == section and c.required and not c.ok]


def test_pipeline_is_the_shipped_german_model(seed):
    _, _, ann, _ = seed
    assert ann.language == "de"
    assert ann.pipeline.startswith("de_lagebild_ner") or ann.pipeline.startswith("de_core_news")


def test_every_actor_with_type_and_count(seed):
    _, _, _, checks = seed
    assert not _failures(checks, "actors")
    assert sum(c.section == "actors" and c.required for c in checks) >= 25


def test_the_five_dated_events(seed):
    _, _, ann, checks = seed
    assert not _failures(checks, "events")
    assert (ann.events["date_source"] == "text").sum() == 5


def test_the_ten_direct_quotes_with_speakers(seed):
    _, _, ann, checks = seed
    assert not _failures(checks, "quotes")
    assert (ann.quotes["kind"] == "direct").sum() == 10


def test_offsets_point_into_the_text(seed):
    text, _, ann, _ = seed
    for row in ann.mentions.itertuples():
        assert text[row.start:row.end] == row.text
    for row in ann.quotes.itertuples():
        assert text[row.start:row.end] == row.text
        if pd.notna(row.speaker_start):
            assert text[int(row.speaker_start):int(row.speaker_end)] == row.speaker
    for row in ann.events[ann.events["date_source"] == "text"].itertuples():
        assert text[row.start:row.end] == row.timex
