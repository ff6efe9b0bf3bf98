"""The analyst's alias file: corrections to the actor list, applied at query time.

The machine gets some actors wrong; the analyst corrects them in a small CSV file, the way the
Gender Gap Tracker keeps its aliases as a data file. The file is read when the corpus is
queried, so a correction needs no re-annotation; it is kept across runs and can be copied,
exported and edited by hand. Format (UTF-8, a header line, one rule per line)::

    action,actor,value
    merge,Tories,Conservative Party     # count "Tories" as "Conservative Party"
    rename,Conservative Party,Konservative   # show the actor under another name
    hide,Euro,                          # not an actor: drop it from every view
    type,Defra,organisation             # set the actor's type

`merge` and `rename` both move every mention, quote speaker and event actor of `actor` to
`value` (rename is the merge into a name no other actor has); chains are followed
(A -> B, B -> C gives A -> C). `type` sets the type of the (final) actor; `hide` removes the
actor from the mentions, the actor table and event actor lists and clears quote speakers.
Lines starting with "#" are comments.

Where: `LAGEBILD_ALIASES` (a path, e.g. beside the corpus), else ``aliases.csv`` in the user's
data folder (on Linux ``~/.local/share/lagebild/aliases.csv``).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .. import schema
from ..settings import aliases_path

ACTIONS = ("merge", "rename", "hide", "type")
HEADER = ("action", "actor", "value")


@dataclass(frozen=True)
class Rule:
    action: str
    actor: str
    value: str = ""


def _clean(s) -> str:
    return " ".join(str(s or "").split())


def parse(text: str) -> tuple[list[Rule], list[str]]:
    """Rules from the CSV text, and a notice per line that is not a rule."""
    rules, notices = [], []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for i, row in enumerate(csv.reader(lines)):
        row = [_clean(c) for c in row] + ["", "", ""]
        action, actor, value = row[0].lower(), row[1], row[2]
        if i == 0 and (action, actor.lower()) == ("action", "actor"):
            continue
        if action not in ACTIONS:
            notices.append(f"line {i + 1}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
        elif not actor:
            notices.append(f"line {i + 1}: no actor")
        elif action in ("merge", "rename") and not value:
            notices.append(f"line {i + 1}: {action} needs a target name")
        elif action == "type" and value not in schema.ACTOR_TYPES:
            notices.append(f"line {i + 1}: unknown type {value!r}")
        else:
            rules.append(Rule(action, actor, value if action != "hide" else ""))
    return rules, notices


def dumps(rules: list[Rule]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for r in rules:
        w.writerow((r.action, r.actor, r.value))
    return out.getvalue()


def load(path: Path | None = None) -> list[Rule]:
    path = path or aliases_path()
    if not path.exists():
        return []
    return parse(path.read_text(encoding="utf-8"))[0]


def save(rules: list[Rule], path: Path | None = None) -> Path:
    """Write the rules (atomically: a half-written file never replaces a good one)."""
    path = path or aliases_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(dumps(rules), encoding="utf-8")
    tmp.replace(path)
    return path


def add(rules: list[Rule], rule: Rule) -> list[Rule]:
    """The rules with `rule` added; a rule of the same action and actor is replaced (and a hide
    replaces nothing else: merge and hide of one actor both stay)."""
    return [r for r in rules if (r.action, r.actor) != (rule.action, rule.actor)] + [rule]


def mapping(rules: list[Rule]) -> dict[str, str]:
    """actor -> final name for merge/rename rules, chains followed, cycles ignored."""
    direct = {r.actor: r.value for r in rules if r.action in ("merge", "rename")
              and r.value != r.actor}
    out = {}
    for a in direct:
        seen, b = {a}, direct[a]
        while b in direct and b not in seen:
            seen.add(b)
            b = direct[b]
        if b not in seen:
            out[a] = b
    return out


def apply(corpus, rules: list[Rule]):
    """A copy of `corpus` (anything with mentions, actors, events, quotes frames and
    dataclass-replaceable) with the rules applied; the same object when there are none."""
    if not rules:
        return corpus
    names = mapping(rules)
    def to(a: str) -> str:
        return names.get(a, a)
    hidden = {to(r.actor) for r in rules if r.action == "hide"}
    types = {to(r.actor): r.value for r in rules if r.action == "type"}

    mentions = corpus.mentions.copy()
    mentions["actor"] = mentions["actor"].map(to)
    mentions = mentions[~mentions["actor"].isin(hidden)]
    # one type per actor: the set type, else the type of the merged-into actor's table row
    table_types = dict(zip(corpus.actors["actor"], corpus.actors["actor_type"]))
    merged_type = {a: types.get(a) or table_types.get(a) or t for a, t in
                   mentions.groupby("actor")["actor_type"].agg(
                       lambda s: s.value_counts().index[0]).items()}
    mentions["actor_type"] = mentions["actor"].map(merged_type)
    mentions = mentions.reset_index(drop=True)

    from .filters import actor_counts
    # exact counts over the moved mentions; aliases and types from the moved table rows
    actors = actor_counts(mentions, _actor_rows(corpus.actors, to, hidden, merged_type))
    events = corpus.events.copy()
    if len(events):
        events["actors"] = events["actors"].map(
            lambda ns: list(dict.fromkeys(to(n) for n in ns if to(n) not in hidden)))
    quotes = corpus.quotes.copy()
    if len(quotes):
        quotes["speaker_actor"] = quotes["speaker_actor"].map(
            lambda a: "" if to(a) in hidden else to(a) if a else a)
    return replace(corpus, mentions=mentions, actors=actors, events=events, quotes=quotes)


def _actor_rows(actors: pd.DataFrame, to, hidden: set[str], types: dict) -> pd.DataFrame:
    if actors is None or actors.empty:
        return actors
    records: dict[str, dict] = {}
    for r in actors.to_dict("records"):
        a = to(r["actor"])
        if a in hidden:
            continue
        if a in records:
            old = records[a]
            old["aliases"] = sorted(set(old["aliases"]) | set(r["aliases"]) | {r["actor"]})
            old["n_mentions"] += r["n_mentions"]
        else:
            aliases = set(r["aliases"]) | ({r["actor"]} if a != r["actor"] else set())
            records[a] = {**r, "actor": a, "aliases": sorted(aliases)}
        records[a]["actor_type"] = types.get(a, records[a]["actor_type"])
    own_ids = dict(zip(actors["actor"], actors["actor_id"]))
    for a, r in records.items():      # a merged actor keeps the id of the actor it went into
        r["actor_id"] = own_ids.get(a) or a
    out = sorted(records.values(), key=lambda r: (-r["n_mentions"], r["actor"]))
    return schema.frame("actors", out)
