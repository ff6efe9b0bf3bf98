"""Score the findings for one text against a hand annotation in the format of the seed's gold.json.

Lines are 1-based lines of the annotated text. The gold lists actors (with mention counts by form:
`mentions` counts names and compound parts, `adjectival_mentions` derived adjectives,
`prefix_mentions` prefixes such as *US-*), dated events, direct quotes and reported speech.
Every check is a `Check(section, item, ok, detail)`; `score()` returns them all so that a test can
assert on them and `scripts/seed_score.py` can print them section by section.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Check:
    section: str     # "actors", "events", "quotes", "reported speech"
    item: str
    ok: bool
    detail: str
    required: bool = True


def prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1: `correct_pred` of `n_pred` predictions are right and
    `correct_gold` of `n_gold` gold items are found (the two differ under loose matching)."""
    p = correct_pred / n_pred if n_pred else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, int(offset)) + 1


def _norm(s) -> str:
    return " ".join(str(s or "").split()).casefold()


def score_actors(gold: dict, mentions: pd.DataFrame, text: str) -> list[Check]:
    checks = []
    for g in gold.get("actors", []):
        rows = mentions[mentions["actor"] == g["name"]]
        forms = rows["form"].value_counts()
        expect = {
            "names": g.get("mentions", 0),
            "derived": g.get("adjectival_mentions", 0),
            "prefix": g.get("prefix_mentions", 0),
        }
        got = {
            "names": int(forms.get("name", 0) + forms.get("part", 0)),
            "derived": int(forms.get("derived", 0)),
            "prefix": int(forms.get("prefix", 0)),
        }
        types = sorted(set(rows["actor_type"]))
        ok = (not rows.empty or sum(expect.values()) == 0) and got == expect and (
            rows.empty or types == [g["type"]])
        lines = sorted({_line_of(text, s) for s in rows["start"]})
        checks.append(Check(
            "actors", f"{g['name']} ({g['type']})", ok,
            f"expected {expect}, found {got}, type {types or '-'}, lines {lines}",
            required=not g.get("optional", False)))
    known = {g["name"] for g in gold.get("actors", [])}
    known |= {o["name"] for o in gold.get("other_names", [])}
    extra = sorted(set(mentions.loc[mentions["actor_type"] != "other", "actor"]) - known)
    checks.append(Check("actors", "no unexpected actors", not extra,
                        f"unexpected: {extra}" if extra else "none", required=False))
    wrong = sorted(set(mentions["actor"]) & set(gold.get("not_actors", [])))
    checks.append(Check("actors", "no common nouns as actors", not wrong,
                        f"found: {wrong}" if wrong else "none"))
    return checks


def score_events(gold: dict, events: pd.DataFrame, text: str) -> list[Check]:
    dated = events[events["date_source"] == "text"].copy()
    dated["line"] = [_line_of(text, s) for s in dated["start"]]
    checks, used = [], set()
    for g in gold.get("events", []):
        rng = g.get("range", [g["value"], g["value"]])
        match = None
        for i, row in dated.iterrows():
            if i in used or row["line"] != g["line"] or _norm(g["timex"]) not in _norm(row["timex"]):
                continue
            match = i
            break
        if match is None:
            checks.append(Check("events", f"line {g['line']} {g['timex']!r}", False, "not found"))
            continue
        used.add(match)
        row = dated.loc[match]
        got_rng = [_iso(row["date_start"]), _iso(row["date_end"])]
        missing = sorted(set(g.get("actors", [])) - set(row["actors"]))
        ok = row["value"] == g["value"] and got_rng == rng and row["granularity"] == g["granularity"] and not missing
        checks.append(Check(
            "events", f"line {g['line']} {g['timex']!r}", ok,
            f"value {row['value']} (want {g['value']}), range {got_rng} (want {rng}), "
            f"granularity {row['granularity']}, actors {list(row['actors'])}"
            + (f", missing actors {missing}" if missing else "")))
    extra = dated.drop(index=list(used))
    checks.append(Check("events", "no other text-dated events", extra.empty,
                        "; ".join(f"line {r.line} {r.timex!r}={r.value}" for r in extra.itertuples()) or "none"))
    return checks


def _iso(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _speaker_ok(row, g: dict) -> bool:
    accepted = g.get("accept_speaker", [g.get("speaker")])
    for want in accepted:
        if want is None and not row["speaker"] and not row["speaker_actor"]:
            return True
        if want is not None and (row["speaker_actor"] == want or (
                g.get("speaker_is_anonymous") and not row["speaker_actor"] and _norm(row["speaker"]) == _norm(want))):
            return True
    return False


def score_quotes(gold: dict, quotes: pd.DataFrame, text: str) -> list[Check]:
    direct = quotes[quotes["kind"] == "direct"].copy()
    direct["line"] = [_line_of(text, s) for s in direct["start"]]
    checks, used = [], set()
    for g in gold.get("quotes", []):
        item = f"line {g['line']} „{g['starts'][:30]}…“"
        cands = [i for i, r in direct.iterrows()
                 if i not in used and r["line"] == g["line"] and _norm(r["text"]).startswith(_norm(g["starts"]))]
        if not cands:
            checks.append(Check("quotes", item, False, "not found"))
            continue
        used.add(cands[0])
        row = direct.loc[cands[0]]
        end_ok = "ends_line" not in g or _line_of(text, row["end"]) == g["ends_line"]
        ok = _speaker_ok(row, g) and end_ok
        want = g.get("speaker")
        checks.append(Check("quotes", item, ok,
                            f"speaker {row['speaker']!r} → {row['speaker_actor'] or '(anonymous)'} (want {want!r})"
                            + ("" if end_ok else f", ends on line {_line_of(text, row['end'])} (want {g['ends_line']})")))
    extra = direct.drop(index=list(used))
    checks.append(Check("quotes", "no other direct quotes", extra.empty,
                        "; ".join(f"line {r.line} „{r.text[:30]}…“" for r in extra.itertuples()) or "none"))
    indirect = quotes[quotes["kind"] == "indirect"].copy()
    indirect["line"] = [_line_of(text, s) for s in indirect["start"]]
    for g in gold.get("reported_speech", []):
        rows = indirect[indirect["line"] == g["line"]]
        want = g.get("speaker")
        ok = any(_speaker_ok(r, {**g, "accept_speaker": [want]}) for _, r in rows.iterrows())
        found = [f"{r.speaker!r}/{r.cue!r}" for r in rows.itertuples()]
        checks.append(Check("reported speech", f"line {g['line']} {g['cue']!r}", ok,
                            f"want speaker {want!r}; found {found or 'nothing'}", required=False))
    return checks


def score(gold: dict, annotation, text: str) -> list[Check]:
    """All checks of `annotation` (an object with .mentions, .events, .quotes) against `gold`."""
    return (score_actors(gold, annotation.mentions, text)
            + score_events(gold, annotation.events, text)
            + score_quotes(gold, annotation.quotes, text))


def summary(checks: list[Check]) -> dict[str, tuple[int, int]]:
    """Per section: (passed, total) of the required checks."""
    out: dict[str, tuple[int, int]] = {}
    for c in checks:
        passed, total = out.get(c.section, (0, 0))
        if c.required:
            out[c.section] = (passed + c.ok, total + 1)
        else:
            out.setdefault(c.section, (passed, total))
    return out
