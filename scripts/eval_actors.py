"""Score actor identity (issue 11) on German Wikinews annotated with the real pipeline.

    python -m scripts.eval_actors /work/shared/corpora/wikinews-de-quotes [--split dev|heldout|all]
                                  [--limit N] [--top 50] [--show]

The corpus is only read here, never copied into the repo. Files are taken in sorted name order;
the held-out part is every 5th file (index 4, 9, 14, … in that order) and was not looked at while
developing; `dev` is the rest. Text: the corpus tokens joined with German spacing
(scripts/eval_timex.py `wikinews_text`), annotated with `lib.annotate_text(text, language="de")`.

Figures (printed before and after the corpus-wide identity step, `lib.nlp.actors.unify`):

* multi-type share: actors with more than one type among their mentions / all actors
  (target 0); rows of the count table (`lib.query.actor_counts`) vs rows of the actor table;
* top-N precision: the top N actors of the actor table judged by hand in
  ``scripts/eval_actors_de.tsv`` (actor, type, verdict ok / type / no, same_as): share of
  "ok" rows (a real actor with the right type; target ≥ 95 %). An actor not in the file is
  printed as "unjudged" and counts as not ok;
* duplicates: top-N actors the judgement file marks as the same actor as another top-N actor
  (``same_as`` column; target 0).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd

from lib import schema
from lib.nlp import actors as A
from lib.query import actor_counts
from scripts.eval_timex import wikinews_text

JUDGED = Path(__file__).with_name("eval_actors_de.tsv")
HELDOUT_EVERY = 5


def files(corpus: Path, split: str) -> list[Path]:
    paths = sorted((corpus / "articles").glob("*.json"))
    held = [p for i, p in enumerate(paths) if i % HELDOUT_EVERY == HELDOUT_EVERY - 1]
    if split == "heldout":
        return held
    if split == "dev":
        return [p for p in paths if p not in set(held)]
    return paths


def read_judgements(path: Path = JUDGED) -> dict[str, tuple[str, str, str]]:
    """actor -> (type, verdict, same_as) from the tab-separated judgement file."""
    out = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:4]
        out[cols[0]] = (cols[1], cols[2], cols[3])
    return out


def annotate(paths: list[Path]) -> pd.DataFrame:
    from lib import annotate_text
    frames = []
    for p in paths:
        text, _ = wikinews_text(json.loads(p.read_text(encoding="utf-8")))
        date = re.search(r"\((\d{4}-\d{2}-\d{2})\)\.json$", p.name)
        ann = annotate_text(text, published=date.group(1) if date else None, language="de")
        frames.append(ann.mentions.assign(article_id=p.name))
    frames = [f for f in frames if len(f)]
    return schema.coerce("mentions", pd.concat(frames, ignore_index=True)) if frames else \
        schema.frame("mentions")


def figures(mentions: pd.DataFrame, top: int, judged: dict) -> dict:
    names = mentions[mentions["form"] == "name"]
    types = names.groupby("actor")["actor_type"].nunique()
    table = A.actor_table(mentions)
    counts = actor_counts(mentions, table)
    head = table.head(top)
    verdicts = [judged.get(a, ("", "unjudged", ""))for a in head["actor"]]
    ok = sum(1 for (t, v, _), typ in zip(verdicts, head["actor_type"]) if v == "ok" and t == typ)
    in_top = set(head["actor"])
    dups = [a for a, (_, _, same) in zip(head["actor"], verdicts) if same and same in in_top]
    return {
        "actors": int(len(types)), "multi_type": int((types > 1).sum()),
        "table_rows": int(len(table)), "count_rows": int(len(counts)),
        "top": int(len(head)), "top_ok": ok, "duplicates": dups, "head": head,
        "verdicts": verdicts,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="heldout")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files of the split")
    ap.add_argument("--top", type=int, default=50)
    ap.add_argument("--show", action="store_true", help="print the top actors and verdicts")
    ap.add_argument("--mentions", type=Path, help="read/write the annotated mentions (parquet)")
    args = ap.parse_args(argv)
    paths = files(args.corpus, args.split)
    if args.limit:
        paths = paths[: args.limit]
    if args.mentions and args.mentions.exists():
        raw = pd.read_parquet(args.mentions)
    else:
        raw = annotate(paths)
        if args.mentions:
            raw.to_parquet(args.mentions)
    judged = read_judgements()
    print(f"{len(paths)} files ({args.split}), {len(raw)} mentions")
    for label, m in (("raw mentions", raw), ("after unify", A.unify(raw))):
        f = figures(m, args.top, judged)
        share = f["multi_type"] / f["actors"] if f["actors"] else 0.0
        print(f"{label}: actors with >1 type {f['multi_type']}/{f['actors']} ({share:.1%}); "
              f"actor table rows {f['table_rows']}, count table rows {f['count_rows']}; "
              f"top {f['top']} ok {f['top_ok']}/{f['top']} "
              f"({f['top_ok'] / max(f['top'], 1):.0%}); duplicates {len(f['duplicates'])} "
              f"{f['duplicates'] or ''}")
        if args.show and label == "after unify":
            for (a, t, n), (jt, v, same) in zip(
                    f["head"][["actor", "actor_type", "n_mentions"]].itertuples(index=False),
                    f["verdicts"]):
                print(f"  {n:4d}  {a}\t{t}\t{v}{'' if jt in ('', t) else ' (judged ' + jt + ')'}"
                      f"{' = ' + same if same else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
