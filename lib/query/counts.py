"""The actor table of a selection: how often each actor is mentioned and in how many articles,
with its corpus-wide type, aliases and id (`actor_counts`, what `select` puts in
`Selection.actors`). Counted with group-bys over the whole frame, on the integer codes of
the typed frames of a stored corpus (lib/snapshot.py) where it can: no step per actor."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from . import memo, vector


def _most_common(df: pd.DataFrame, key: str, value: str) -> pd.Series:
    """key -> its most frequent non-empty `value` (ties: the value met first)."""
    df = df[[key, value]]
    df = df[df[value].notna() & (df[value] != "")].assign(_pos=np.arange(len(df)))
    if df.empty:
        return pd.Series(dtype=object)
    counts = df.groupby([key, value], sort=False).agg(n=("_pos", "size"), first=("_pos", "min"))
    counts = counts.reset_index().sort_values([key, "n", "first"], ascending=[True, False, True],
                                              kind="stable")
    best = counts.drop_duplicates(key)
    return pd.Series(best[value].to_numpy(), index=best[key].to_numpy())


def _surface_names(mentions: pd.DataFrame) -> pd.Series:
    """actor -> the sorted distinct texts (whitespace collapsed) its mentions have."""
    texts = pd.DataFrame({"actor": mentions["actor"].to_numpy(dtype=object),
                          "text": [" ".join(str(t).split()) for t in mentions["text"]]})
    texts = texts.drop_duplicates().sort_values(["actor", "text"])
    return texts.groupby("actor", sort=False)["text"].agg(list)


def _blank(values: np.ndarray) -> np.ndarray:
    """Which of `values` are missing or the empty string."""
    return pd.Series(values, dtype=object).fillna("").eq("").to_numpy(dtype=bool)


def _by_actor(actors: pd.DataFrame) -> pd.DataFrame:
    """The corpus actor table indexed by actor (the last row of a repeated name), once per table."""
    def build():
        cols = ["actor", "actor_type", "aliases"] + (
            ["actor_id"] if "actor_id" in actors.columns else [])
        return actors[cols].drop_duplicates("actor", keep="last").set_index(
            pd.Index(actors["actor"].drop_duplicates(keep="last").astype(object)))

    return memo.cached((actors,), "actors_by_name", build)


def _described(names: np.ndarray, actors: pd.DataFrame | None) -> dict[str, np.ndarray]:
    """For each of `names`: its type, aliases and id from the corpus actor table (missing: None;
    an empty id becomes the name), whether it lacks a type or aliases there, and its rank in
    text order."""
    n = len(names)
    table = _by_actor(actors).reindex(names) if actors is not None and len(actors) else None
    types = (table["actor_type"].to_numpy(dtype=object).copy() if table is not None
             else np.full(n, None, dtype=object))
    aliases = (table["aliases"].to_numpy(dtype=object).copy() if table is not None
               else np.full(n, None, dtype=object))
    ids = (table["actor_id"].to_numpy(dtype=object) if table is not None and "actor_id" in table
           else np.full(n, None, dtype=object))
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(n)
    return {"types": types, "aliases": aliases, "ids": np.where(_blank(ids), names, ids),
            "no_type": _blank(types),
            "no_alias": pd.Series(aliases, dtype=object).str.len().fillna(0).eq(0).to_numpy(),
            "rank": rank}


def _counts_by_code(mentions: pd.DataFrame, counted: np.ndarray | None,
                    actors: pd.DataFrame | None) -> pd.DataFrame | None:
    """`actor_counts` from the integer codes of categorical `actor` and `article_id` columns (the
    typed frames of a stored corpus): a count per code and the distinct (actor, article) pairs of
    the `counted` rows (all when None), the table's types, aliases and ids looked up once per
    set of categories (a filtered frame keeps its corpus frame's), no copy of the rows. None for
    other columns, or when an actor lacks a type or aliases in the table (the caller derives
    them from the mentions). As a group-by: a missing actor is no actor, a missing article id
    no article."""
    actor, article = mentions["actor"], mentions["article_id"]
    if not (isinstance(actor.dtype, pd.CategoricalDtype)
            and isinstance(article.dtype, pd.CategoricalDtype)):
        return None
    a = actor.cat.codes.to_numpy().astype(np.int64)
    b = article.cat.codes.to_numpy().astype(np.int64)
    keep = a >= 0 if counted is None else (a >= 0) & counted
    a, b = a[keep], b[keep]
    categories = actor.cat.categories
    n_mentions = np.bincount(a, minlength=len(categories))
    width = len(article.cat.categories) + 1
    pairs = pd.unique(a[b >= 0] * width + b[b >= 0])
    n_articles = np.bincount(pairs // width, minlength=len(categories))
    used = np.flatnonzero(n_mentions)
    if not len(used):
        return schema.frame("actors")
    names = categories.to_numpy(dtype=object)
    info = memo.cached((actors, categories), "described",
                       lambda: _described(names, actors))
    if info["no_type"][used].any() or info["no_alias"][used].any():
        return None
    # most mentioned first, then in most articles, then by name
    used = used[np.lexsort((info["rank"][used], -n_articles[used], -n_mentions[used]))]
    out = pd.DataFrame({"actor": names[used], "actor_type": info["types"][used],
                        "aliases": info["aliases"][used],   # the table's lists, shared (read-only)
                        "n_mentions": n_mentions[used].astype("int64"),
                        "n_articles": n_articles[used].astype("int64"),
                        "actor_id": info["ids"][used]})
    return out[schema.ACTOR_COLUMNS]


def actor_counts(mentions: pd.DataFrame, actors: pd.DataFrame | None = None,
                 forms: tuple[str, ...] | None = schema.COUNTED_FORMS) -> pd.DataFrame:
    """The actors table (lib.schema ACTOR_COLUMNS) counted over `mentions`, most mentioned first.

    One row per actor: its type and aliases come from `actors` (the corpus table, one type per
    actor) where given. Only mentions of `forms` count (default: the name itself, so
    "US-Arbeitsmarkt" alone does not make the USA an actor); `forms=None` counts every form.
    Counted with group-bys over the whole frame (on the integer codes of typed frames, see
    `_counts_by_code`), no step per actor."""
    if mentions.empty:
        return schema.frame("actors")
    # only the columns counted here: a row filter copies every column it keeps
    mentions = mentions[[c for c in ("actor", "article_id", "actor_type", "text", "form")
                         if c in mentions.columns]]
    counted = None if forms is None or "form" not in mentions.columns else \
        vector.isin(mentions["form"], forms)
    fast = _counts_by_code(mentions, counted, actors)
    if fast is not None:
        return fast
    if counted is not None:
        mentions = mentions[counted]
    grouped = mentions.groupby("actor", sort=False).agg(
        n_mentions=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    if grouped.empty:
        return schema.frame("actors")
    names = grouped["actor"].to_numpy(dtype=object)
    out = pd.DataFrame({"actor": names})
    info = _described(names, actors)
    types, aliases, ids = info["types"], info["aliases"], info["ids"]
    # the actors the corpus table does not describe: type and aliases from their own mentions
    no_type, no_alias = info["no_type"], info["no_alias"]
    if no_type.any():
        need = mentions[mentions["actor"].isin(set(names[no_type]))]
        common = _most_common(need, "actor", "actor_type")
        for i in np.flatnonzero(no_type):
            types[i] = common.get(names[i], "other")
    if no_alias.any():
        need = mentions[mentions["actor"].isin(set(names[no_alias]))]
        seen = _surface_names(need)
        for i in np.flatnonzero(no_alias):
            aliases[i] = list(seen.get(names[i], []))
    out["actor_type"] = types
    out["aliases"] = aliases          # the table's lists, shared (frames are read-only)
    out["n_mentions"] = grouped["n_mentions"].astype("int64")
    out["n_articles"] = grouped["n_articles"].astype("int64")
    out["actor_id"] = ids
    out = out.sort_values(["n_mentions", "n_articles", "actor"], ascending=[False, False, True],
                          kind="stable")
    return out.reset_index(drop=True)[schema.ACTOR_COLUMNS]
