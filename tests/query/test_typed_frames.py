"""The queries give the same answers on the typed frames of a stored snapshot (Arrow strings,
categorical ids and actors; lib/snapshot.py) as on the object frames `annotate_corpus` builds, and
the vectorised actor counts match a plain count per actor."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import pandas as pd
import pytest

from lib.query import (
    Filters,
    actor_counts,
    actor_options,
    article_table,
    cooccurrence_network,
    event_table,
    mention_table,
    mentions_over_time,
    overview,
    quote_table,
    select,
    timeline_frame,
)
from lib.snapshot import cached_corpus
from tests.test_snapshot import plain_values

FILTERS = [
    Filters(),
    Filters(actors=("James Martin",)),
    Filters(actors=("Ukraine", "Iran")),
    Filters(actor_types=("person",)),
    Filters(actor_types=("country", "organisation"), actors=("Nato",)),
    Filters(event_from=dt.date(2022, 10, 1), event_to=dt.date(2022, 10, 20)),
    Filters(published_from=dt.date(2022, 10, 20)),
    Filters(sources=("Reuters",)),
]


def values(df: pd.DataFrame) -> tuple:
    return list(df.columns), plain_values(df)


@pytest.fixture(scope="module")
def typed(dashboard_corpus, dashboard_environ):
    paths = dashboard_environ["LAGEBILD_CORPUS"].split(os.pathsep)
    cache = dashboard_environ["LAGEBILD_CACHE"]
    cached_corpus(paths, cache_dir=cache)            # stores the snapshot
    corpus = cached_corpus(paths, cache_dir=cache)   # reads it
    assert isinstance(corpus.mentions["sentence"].dtype, pd.CategoricalDtype)
    return corpus


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.query_string() or "none")
def test_same_answers_on_typed_frames(dashboard_corpus, typed, filters):
    a, b = select(dashboard_corpus, filters), select(typed, filters)
    for name in ("articles", "mentions", "actors", "events", "quotes"):
        assert values(getattr(a, name)) == values(getattr(b, name)), name
    assert a.actor_types == b.actor_types
    for fn in (article_table, event_table, quote_table, mention_table, mentions_over_time,
               lambda s: quote_table(s, "die", phrases=True),
               timeline_frame, lambda s: overview(s)["by_source"]):
        assert values(fn(a)) == values(fn(b))
    assert {k: v for k, v in overview(a).items() if not isinstance(v, pd.DataFrame)} == \
        {k: v for k, v in overview(b).items() if not isinstance(v, pd.DataFrame)}
    for x, y in zip(cooccurrence_network(a.mentions), cooccurrence_network(b.mentions)):
        assert values(x) == values(y)
    assert actor_options(a.actors, [], a.quotes) == actor_options(b.actors, [], b.quotes)


def _reference_counts(mentions: pd.DataFrame, actors: pd.DataFrame | None) -> list[tuple]:
    """actor_counts as one plain loop per actor (what it computed before it was vectorised)."""
    m = mentions[mentions["form"] == "name"]
    table = {} if actors is None else {r.actor: r for r in actors.itertuples()}
    rows = []
    for actor, g in m.groupby("actor"):
        known = table.get(actor)
        counts = Counter(t for t in g["actor_type"] if t)
        common = max(counts, key=lambda t: (counts[t], -list(g["actor_type"]).index(t))) \
            if counts else "other"
        aliases = (list(known.aliases) if known is not None and len(known.aliases)
                   else sorted({" ".join(str(t).split()) for t in g["text"]}))
        rows.append((actor, (known.actor_type if known is not None and known.actor_type
                             else common), aliases, len(g), g["article_id"].nunique(),
                     (known.actor_id if known is not None and known.actor_id else actor)))
    rows.sort(key=lambda r: (-r[3], -r[4], r[0]))
    return rows


@pytest.mark.parametrize("with_table", [True, False])
def test_actor_counts_match_a_plain_count(dashboard_corpus, typed, with_table):
    for corpus in (dashboard_corpus, typed):
        table = corpus.actors if with_table else None
        got = actor_counts(corpus.mentions, table)
        assert [(r.actor, r.actor_type, list(r.aliases), r.n_mentions, r.n_articles, r.actor_id)
                for r in got.itertuples()] == _reference_counts(corpus.mentions, table)
    assert len(got) > 10


@pytest.mark.parametrize("level", ["sentence", "article"])
def test_cooccurrence_edges_match_a_count_per_sentence(dashboard_corpus, typed, level):
    from itertools import combinations

    from lib.query import cooccurrence_edges

    keys = ["article_id", "sent_index"] if level == "sentence" else ["article_id"]
    for corpus in (dashboard_corpus, typed):
        counter: Counter = Counter()
        for _, names in corpus.mentions.groupby(keys)["actor"]:
            for pair in combinations(sorted(set(names)), 2):
                counter[pair] += 1
        expected = sorted(((a, b, n) for (a, b), n in counter.items()),
                          key=lambda r: (-r[2], r[0], r[1]))
        got = cooccurrence_edges(corpus.mentions, level)
        assert [tuple(r) for r in got.itertuples(index=False)] == expected
        assert len(expected) > 5
