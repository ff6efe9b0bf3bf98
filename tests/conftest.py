"""Shared fixtures.

Dashboard fixtures (issue 3): `toy_corpus` — a small hand-made corpus of typed frames for the
pure query/export/chart tests; `dashboard_env` — environment variables that point the app at the
bundled sample plus tests/fixtures/dashboard_corpus with a temporary cache and uploads folder
(nothing is written to the user's home); `dashboard_corpus` — that corpus, annotated once per
test session by the real data layer.
"""
from __future__ import annotations

import os
from types import SimpleNamespace

import pandas as pd
import pytest

from lib.nlp import pipeline as pipeline_mod
from lib.settings import REPO_ROOT

REPO = REPO_ROOT
SAMPLE = REPO / "data" / "seed-telegraph-2022-10-18.md"
DASHBOARD_CORPUS = REPO / "tests" / "fixtures" / "dashboard_corpus"


@pytest.fixture(scope="session", autouse=True)
def _prepared_data_in_a_temporary_folder(tmp_path_factory):
    """Prepared data (lib/prepared.py: the parsed lemma table, the gazetteer's tokenized names)
    goes to a temporary folder, not the user's cache (child processes inherit it)."""
    old = os.environ.get("LAGEBILD_PREPARED")
    os.environ["LAGEBILD_PREPARED"] = str(tmp_path_factory.mktemp("prepared"))
    yield
    if old is None:
        os.environ.pop("LAGEBILD_PREPARED", None)
    else:
        os.environ["LAGEBILD_PREPARED"] = old


# --------------------------------------------------------------------------------------
# toy corpus for pure tests (lib/query.py, lib/export.py, lib/charts.py)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def build_toy_corpus():
    from lib.schema import frame

    texts = {
        "a1": ("Generalmajor James Martin sprach über die Nato.\n"
               "„Wir gehen nicht davon aus“, sagte er am 11. Oktober.\n"
               "Eine Verteidigungsquelle sagte, die Ukraine brauche im Oktober mehr Hilfe.\n"
               "„Wir demonstrieren unseren Gegnern <b>Stärke</b>“, sagte Martin."),
        "a2": ("Iran's minister Hossein Amirabdollahian spoke in Tehran.\n"
               "\"=HYPERLINK(\"http://x\")\" he said about Ukraine.\n"
               "A Western official said deliveries were expected."),
        "a3": "Jens Stoltenberg sprach in Berlin über die Nato. „Wir helfen“, sagte Stoltenberg.",
    }
    articles = frame("articles", [
        {"id": "a1", "title": "Der Westen kontrolliert nicht länger den Himmel",
         "published": "2022-10-18", "source": "The Telegraph", "language": "de",
         "path": "a1.md", "n_words": 40, "pipeline": "de_lagebild_ner-0.1.0"},
        {"id": "a2", "title": "Iran denies supplying drones", "published": "2022-10-25",
         "source": "Reuters", "language": "en", "path": "a2.md", "n_words": 25,
         "pipeline": "en_core_web_sm-3.8.0"},
        {"id": "a3", "title": "Stoltenberg in Berlin", "published": None,
         "source": "Tagesspiegel", "language": "de", "path": "a3.md", "n_words": 12,
         "pipeline": "de_lagebild_ner-0.1.0"},
    ])
    mentions = []

    def mention(aid, surface, actor, actor_type, label, sent, after=0, form="name"):
        start, end = _span(texts[aid], surface, after)
        line = texts[aid].split("\n")[sent] if "\n" in texts[aid] else texts[aid]
        mentions.append({"article_id": aid, "start": start, "end": end, "text": surface,
                         "label": label, "actor": actor, "actor_type": actor_type,
                         "sentence": line, "sent_index": sent, "form": form})

    mention("a1", "James Martin", "James Martin", "person", "PER", 0)
    mention("a1", "Nato", "Nato", "organisation", "ORG", 0)
    mention("a1", "Ukraine", "Ukraine", "country", "LOC", 2)
    mention("a1", "Martin", "James Martin", "person", "PER", 3, after=100)
    mention("a2", "Iran", "Iran", "country", "LOC", 0)
    mention("a2", "Hossein Amirabdollahian", "Hossein Amirabdollahian", "person", "PER", 0)
    mention("a2", "Tehran", "Tehran", "place", "LOC", 0)
    mention("a2", "Ukraine", "Ukraine", "country", "LOC", 1)
    mention("a3", "Jens Stoltenberg", "Jens Stoltenberg", "person", "PER", 0)
    mention("a3", "Berlin", "Berlin", "place", "LOC", 0)
    mention("a3", "Nato", "Nato", "organisation", "ORG", 0)
    mention("a3", "Stoltenberg", "Jens Stoltenberg", "person", "PER", 1, after=20)
    mentions = frame("mentions", mentions)

    def event(aid, timex, value, start, end, gran, actors, source="text", sent=0):
        s, e = _span(texts[aid], timex) if timex else (0, 0)
        return {"article_id": aid, "sentence": texts[aid].split("\n")[sent], "start": s,
                "end": e, "timex": timex, "value": value, "date_start": start,
                "date_end": end, "granularity": gran, "actors": actors,
                "date_source": source, "sent_index": sent}

    events = frame("events", [
        event("a1", "am 11. Oktober", "2022-10-11", "2022-10-11", "2022-10-11", "day",
              ["James Martin"], sent=1),
        event("a1", "im Oktober", "2022-10", "2022-10-01", "2022-10-31", "month", ["Ukraine"],
              sent=2),
        event("a1", "", "2022-10-18", "2022-10-18", "2022-10-18", "day", ["Nato", "James Martin"],
              source="publication", sent=0),
        event("a2", "", "2022-10-25", "2022-10-25", "2022-10-25", "day", ["Iran"],
              source="publication", sent=0),
        event("a3", "", "", None, None, "vague", ["Jens Stoltenberg"], source="publication"),
    ])

    def quote(aid, text, kind, speaker, speaker_actor, cue="sagte", after=0):
        s, e = _span(texts[aid], text, after)
        if speaker:
            ss, se = _span(texts[aid], speaker)
        else:
            ss = se = None
        return {"article_id": aid, "start": s, "end": e, "text": text, "kind": kind,
                "speaker": speaker, "speaker_start": ss, "speaker_end": se, "cue": cue,
                "speaker_actor": speaker_actor}

    quotes = frame("quotes", [
        quote("a1", "Wir gehen nicht davon aus", "direct", "James Martin", "James Martin"),
        quote("a1", "die Ukraine brauche im Oktober mehr Hilfe", "indirect",
              "Eine Verteidigungsquelle", ""),
        quote("a1", "Wir demonstrieren unseren Gegnern <b>Stärke</b>", "direct", "Martin",
              "James Martin"),
        quote("a2", "=HYPERLINK(\"http://x\")", "direct", "he", "Hossein Amirabdollahian",
              cue="said"),
        quote("a2", "deliveries were expected", "indirect", "A Western official", "", cue="said"),
        quote("a3", "Wir helfen", "direct", "Stoltenberg", "Jens Stoltenberg", after=40),
    ])
    from lib.query import actor_counts

    actors = actor_counts(mentions)
    report = pd.DataFrame({"path": ["broken.json"], "row": pd.array([None], dtype="Int64"),
                           "problem": ["not valid JSON"], "action": ["skipped"]})
    return SimpleNamespace(articles=articles, mentions=mentions, actors=actors, events=events,
                           quotes=quotes, report=report, texts=texts,
                           text=lambda aid: texts.get(aid, ""))


@pytest.fixture
def toy_corpus():
    return build_toy_corpus()


# --------------------------------------------------------------------------------------
# the real data layer on the bundled sample + tests/fixtures/dashboard_corpus


@pytest.fixture(scope="session")
def dashboard_dirs(tmp_path_factory):
    """A temporary cache (shared by the whole test session, so the corpus is annotated once)
    and uploads folder."""
    root = tmp_path_factory.mktemp("dashboard")
    (root / "uploads").mkdir()
    return {"cache": root / "cache", "uploads": root / "uploads"}


@pytest.fixture(scope="session")
def dashboard_environ(dashboard_dirs):
    """The environment variables the dashboard reads (see lib/settings.py)."""
    return {
        "LAGEBILD_CORPUS": os.pathsep.join([str(SAMPLE), str(DASHBOARD_CORPUS)]),
        "LAGEBILD_CACHE": str(dashboard_dirs["cache"]),
        "LAGEBILD_UPLOADS": str(dashboard_dirs["uploads"]),
    }


@pytest.fixture
def dashboard_env(dashboard_environ, monkeypatch):
    for key, value in dashboard_environ.items():
        monkeypatch.setenv(key, value)
    return dashboard_environ


@pytest.fixture(scope="session")
def dashboard_corpus(dashboard_environ):
    """The test corpus annotated by the real data layer (once per session)."""
    from lib import annotate_corpus

    paths = dashboard_environ["LAGEBILD_CORPUS"].split(os.pathsep)
    return annotate_corpus(paths, cache_dir=dashboard_environ["LAGEBILD_CACHE"])


@pytest.fixture
def rules_de(monkeypatch):
    """The rule-only German pipeline (fast: no model)."""
    monkeypatch.setenv("LAGEBILD_MODEL_DE", "rules")
    pipeline_mod.load_pipeline.cache_clear()
    yield pipeline_mod.load_pipeline("de")
    pipeline_mod.load_pipeline.cache_clear()
