"""The network's layout (lib/present/charts.py `network_layout`): isolated actors apart from
the connected ones, labels that do not overlap."""
from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from lib.present import charts
from lib.present.charts import LABEL_H, LABEL_W, network_figure, network_layout
from lib.query import cooccurrence_network


def _edges(pairs):
    return pd.DataFrame([(a, b, n) for a, b, n in pairs], columns=["actor_a", "actor_b", "count"])


def _typical():
    """25 actors: a dense centre (a hub with many neighbours, a clique), a chain, 5 isolated."""
    names = [f"Actor number {i}" for i in range(25)]
    pairs = [(names[0], names[i], 10 - i % 7) for i in range(1, 12)]           # hub
    pairs += [(a, b, 2) for a, b in itertools.combinations(names[1:6], 2)]     # clique
    pairs += [(names[i], names[i + 1], 1) for i in range(12, 19)]              # chain
    pairs += [(names[19], names[0], 3)]
    return names, _edges(pairs), names[20:]


def _check(pos, names, isolated):
    assert set(pos) == set(names)
    for a, b in itertools.combinations(names, 2):
        dx, dy = abs(pos[a][0] - pos[b][0]), abs(pos[a][1] - pos[b][1])
        # label boxes do not overlap: far enough apart across or up/down
        assert dx >= LABEL_W - 1e-6 or dy >= LABEL_H - 1e-6, (a, b, dx, dy)
        assert math.hypot(dx, dy) >= LABEL_H - 1e-6
    connected = [a for a in names if a not in isolated]
    if connected and isolated:
        ys = [pos[a][1] for a in connected]
        xs = [pos[a][0] for a in connected]
        for a in isolated:
            x, y = pos[a]
            assert not (min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)), a
            assert y < min(ys)  # in rows below the connected part


def test_layout_of_a_typical_graph():
    names, edges, isolated = _typical()
    pos, found = network_layout(names, edges)
    assert found == isolated
    _check(pos, names, isolated)
    assert network_layout(names, edges)[0] == pos  # seeded: the same every time


@pytest.mark.parametrize("n", [2, 8, 40])
def test_layout_of_a_star_and_isolates(n):
    names = ["Hub"] + [f"Spoke {i}" for i in range(n)] + [f"Alone {i}" for i in range(n // 2 + 1)]
    edges = _edges([("Hub", f"Spoke {i}", 1) for i in range(n)])
    pos, isolated = network_layout(names, edges)
    assert isolated == [a for a in names if a.startswith("Alone")]
    _check(pos, names, isolated)


def test_layout_of_the_dashboard_corpus(dashboard_corpus):
    nodes, edges = cooccurrence_network(dashboard_corpus.mentions, "sentence")
    names = list(nodes["actor"])
    pos, isolated = network_layout(names, edges)
    _check(pos, names, isolated)


def test_network_figure_places_isolated_actors_below():
    names, edges, isolated = _typical()
    nodes = pd.DataFrame({"actor": names, "actor_type": "person",
                          "together": [5] * len(names), "n_mentions": [3] * len(names)})
    fig = network_figure(nodes, edges)
    trace = next(t for t in fig.data if t.mode == "markers+text")
    where = dict(zip(trace.text, zip(trace.x, trace.y)))
    lowest_connected = min(where[charts.plain(a)][1] for a in names[:20])
    assert all(where[charts.plain(a)][1] < lowest_connected for a in isolated)
    assert any("share no sentence" in a.text for a in fig.layout.annotations)
