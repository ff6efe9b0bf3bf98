"""Who appears with whom: co-occurrence edges, the network and the matrix."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd


def cooccurrence_edges(mentions: pd.DataFrame, level: str = "sentence") -> pd.DataFrame:
    """actor_a, actor_b, count: how often two actors appear in the same sentence (or article).

    Counted by joining the distinct actors of each sentence (article) with themselves: no step
    per sentence (a 100k-article corpus has about a million)."""
    if mentions.empty:
        return pd.DataFrame(columns=["actor_a", "actor_b", "count"])
    keys = ["article_id", "sent_index"] if level == "sentence" else ["article_id"]
    present = pd.DataFrame({k: mentions[k].to_numpy() for k in keys})
    present["actor"] = mentions["actor"].astype(object).to_numpy()
    present = present.drop_duplicates()
    pairs = present.merge(present, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
    df = (pairs.groupby(["actor_a", "actor_b"], sort=False).size().rename("count").reset_index()
          if len(pairs) else pd.DataFrame(columns=["actor_a", "actor_b", "count"]))
    df["count"] = df["count"].astype("int64")
    return df.sort_values(["count", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(drop=True)


def _top_cooccurring(edges: pd.DataFrame, top: int, actors: Sequence[str]) -> tuple[list[str], Counter]:
    """The `top` actors by number of co-occurrences (the `actors` asked for first, always
    kept), and every actor's number of co-occurrences."""
    both = pd.concat([edges[["actor_a", "count"]].set_axis(["actor", "count"], axis=1),
                      edges[["actor_b", "count"]].set_axis(["actor", "count"], axis=1)])
    sums = both.groupby("actor", sort=False)["count"].sum()
    weight: Counter = Counter(dict(zip(sums.index.tolist(), sums.astype("int64").tolist())))
    names = [a for a in actors if a in weight]
    ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    names += [a for a, _ in ranked[:max(top, len(actors)) + len(names)] if a not in names]
    return names[:max(top, len(actors))], weight


def cooccurrence_network(mentions: pd.DataFrame, level: str = "sentence", top: int = 25,
                         actors: Sequence[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the co-occurrence network over the `top` actors (`actors` always
    included): nodes = actor, actor_type, together (co-occurrences with anyone), n_mentions;
    edges = actor_a, actor_b, count between two of those actors."""
    node_cols = ["actor", "actor_type", "together", "n_mentions"]
    edges = cooccurrence_edges(mentions, level)
    if edges.empty:
        return pd.DataFrame(columns=node_cols), edges
    names, weight = _top_cooccurring(edges, top, actors)
    keep = set(names)
    edges = edges[edges["actor_a"].isin(keep) & edges["actor_b"].isin(keep)].reset_index(drop=True)
    m = mentions[mentions["actor"].isin(keep)]
    types = m.groupby("actor")["actor_type"].agg(lambda t: t.mode().iat[0] if len(t) else "")
    counts = m.groupby("actor").size()
    nodes = pd.DataFrame({"actor": names,
                          "actor_type": [types.get(a, "") for a in names],
                          "together": [int(weight[a]) for a in names],
                          "n_mentions": [int(counts.get(a, 0)) for a in names]})
    return nodes, edges


def cooccurrence(mentions: pd.DataFrame, level: str = "sentence", top: int = 15,
                 actors: Sequence[str] = ()) -> pd.DataFrame:
    """A symmetric actor × actor matrix of co-occurrence counts over the `top` actors (by number
    of co-occurrences); `actors` are always included."""
    edges = cooccurrence_edges(mentions, level)
    if edges.empty:
        return pd.DataFrame()
    names, _ = _top_cooccurring(edges, top, actors)
    matrix = pd.DataFrame(0, index=names, columns=names, dtype="int64")
    edges = edges[edges["actor_a"].isin(names) & edges["actor_b"].isin(names)]
    for a, b, n in edges.itertuples(index=False):
        if a in matrix.index and b in matrix.index:
            matrix.loc[a, b] += n
            matrix.loc[b, a] += n
    return matrix
