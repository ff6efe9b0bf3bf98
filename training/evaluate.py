#!/usr/bin/env python
"""Evaluate a German NER pipeline on GermEval 2014 dev.tsv (outer level, exact spans).

Scores are computed on three sets built from dev.tsv (see training/convert.py for the split):
  * heldout      -- the odd sentences of dev.tsv, never used for training or model selection
  * heldout-news -- the heldout sentences whose source URL is not Wikipedia ("news-style")
  * dev-full     -- all 6,300 sentences (the even half was used for model selection, and for
                    training of the final model, so this number is optimistic)

Main score: precision/recall/F1 per PER, ORG, LOC and micro-F1 over these three (exact span and
label; a LOC prediction on a gold LOCderiv span counts as a false positive). OTH and the derived/
part labels are reported separately, per label.

The tokens are GermEval's: the pipeline runs on `Doc(nlp.vocab, words=...)`.

    python -m training.evaluate models/de_lagebild_ner /work/shared/corpora/germeval2014-de
    python -m training.evaluate models/de_lagebild_ner CORPUS --with-gazetteer   # as users run it
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from scripts import scoring
from training.convert import ALL_LABELS, read_germeval, select

MAIN = ("PER", "ORG", "LOC")
DEFAULT_MAP = {"GPE": "LOC"}   # spaCy-style labels a gazetteer might emit


def prf(tp, fp, fn):
    p, r, f = scoring.prf(tp, tp + fp, tp, tp + fn)
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(pairs, labels=ALL_LABELS):
    """pairs: [(gold_spans, pred_spans)] with spans = {(start, end, label)}."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        for s in pred:
            (tp if s in gold else fp)[s[2]] += 1
        for s in gold:
            if s not in pred:
                fn[s[2]] += 1
    per_label = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    micro = prf(sum(tp[l] for l in MAIN), sum(fp[l] for l in MAIN), sum(fn[l] for l in MAIN))
    other = [l for l in labels if l not in MAIN]
    micro_all = prf(sum(tp[l] for l in labels), sum(fp[l] for l in labels), sum(fn[l] for l in labels))
    return {"micro_PER_ORG_LOC": micro, "per_label": per_label,
            "micro_all_labels": micro_all, "other_labels": other}


def seen_names(train_tsv: Path) -> set[tuple[str, str]]:
    """(text, label) of every entity span in the training file."""
    return {(" ".join(s.words[a:b]), lab) for s in read_germeval(train_tsv) for a, b, lab in s.spans}


def recall_by_seen(sents, preds, seen) -> dict:
    """Recall of the PER/ORG/LOC gold spans whose text and label occur in training ("seen")
    and of the others ("unseen"): how much of the error is about names the model never saw."""
    out = {}
    for key in ("seen", "unseen"):
        out[key] = {"gold": 0, "found": 0}
    for s, pred in zip(sents, preds):
        for a, b, lab in s.spans:
            if lab not in MAIN:
                continue
            key = "seen" if (" ".join(s.words[a:b]), lab) in seen else "unseen"
            out[key]["gold"] += 1
            out[key]["found"] += (a, b, lab) in pred
    for v in out.values():
        v["recall"] = round(v["found"] / v["gold"], 4) if v["gold"] else 0.0
    return out


def load_nlp(model: str, with_gazetteer: bool):
    if with_gazetteer:
        # lib.pipeline puts LAGEBILD_MODEL_DE first: evaluate exactly this model + the gazetteer.
        os.environ["LAGEBILD_MODEL_DE"] = str(Path(model).resolve())
        from lib.nlp.pipeline import load_pipeline
        pipe = load_pipeline("de")
        return pipe.nlp, pipe.name
    import spacy
    nlp = spacy.load(model)
    return nlp, f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def predict(nlp, sents, label_map):
    from spacy.tokens import Doc
    docs = [Doc(nlp.vocab, words=s.words, spaces=[True] * (len(s.words) - 1) + [False]) for s in sents]
    t0 = time.perf_counter()
    out = []
    for doc in nlp.pipe(docs, batch_size=256):
        out.append({(e.start, e.end, label_map.get(e.label_, e.label_)) for e in doc.ents})
    dt = time.perf_counter() - t0
    nwords = sum(len(s.words) for s in sents)
    return out, nwords / dt if dt else 0.0


def fmt_table(name, res):
    lines = [f"== {name}: {res['n_sentences']} sentences, {res['n_words']} words",
             f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    rows = [(l, res["per_label"][l]) for l in MAIN] + [("micro", res["micro_PER_ORG_LOC"])]
    rows += [(l, res["per_label"][l]) for l in res["other_labels"]]
    for lab, s in rows:
        if lab == "OTH":
            lines.append("-- not in the PER/ORG/LOC score:")
        lines.append(f"{lab:<10}{s['p']*100:8.2f}{s['r']*100:8.2f}{s['f']*100:8.2f}{s['tp']+s['fn']:7d}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", help="path of the spaCy pipeline (e.g. models/de_lagebild_ner)")
    ap.add_argument("corpus", help="folder with GermEval dev.tsv (or the dev.tsv file itself)")
    ap.add_argument("--with-gazetteer", action="store_true",
                    help="evaluate lib.pipeline.load_pipeline('de') with this model (as users run it)")
    ap.add_argument("--sets", default="heldout,heldout-news,dev-full")
    ap.add_argument("--json", help="write the scores here (JSON)")
    ap.add_argument("--by-seen", action="store_true",
                    help="also report recall on names seen / not seen as entities in train.tsv")
    ap.add_argument("--map", default=",".join(f"{a}={b}" for a, b in DEFAULT_MAP.items()),
                    help="label mapping applied to predictions, e.g. GPE=LOC")
    args = ap.parse_args(argv)

    dev = Path(args.corpus)
    if dev.is_dir():
        dev = dev / "dev.tsv"
    seen = seen_names(dev.with_name("train.tsv")) if args.by_seen else None
    label_map = dict(kv.split("=", 1) for kv in args.map.split(",") if kv)
    nlp, name = load_nlp(args.model, args.with_gazetteer)
    sents = list(read_germeval(dev))
    sets = {"heldout": select(sents, "heldout"), "heldout-news": select(sents, "heldout", news_only=True),
            "dev-full": sents, "select": select(sents, "select"),
            "dev-full-news": select(sents, "all", news_only=True)}
    results = {"model": name, "model_path": args.model, "pipeline": nlp.pipe_names,
               "with_gazetteer": args.with_gazetteer, "label_map": label_map,
               "data": str(dev.name), "sets": {}}
    for set_name in args.sets.split(","):
        ss = sets[set_name]
        preds, wps = predict(nlp, ss, label_map)
        pairs = [({(a, b, l) for a, b, l in s.spans}, p) for s, p in zip(ss, preds)]
        res = score(pairs)
        res.update(n_sentences=len(ss), n_words=sum(len(s.words) for s in ss), words_per_second=round(wps))
        results["sets"][set_name] = res
        print(fmt_table(f"{name}{' + gazetteer' if args.with_gazetteer else ''} on {set_name}", res))
        if seen is not None:
            res["recall_by_seen"] = rs = recall_by_seen(ss, preds, seen)
            print("PER/ORG/LOC recall by whether train.tsv has the name with that label: "
                  + ", ".join(f"{k} {v['recall']*100:.1f} ({v['found']}/{v['gold']})" for k, v in rs.items()))
        print()
    print(f"{'set':<16}{'micro P':>9}{'micro R':>9}{'micro F1':>9}   (PER/ORG/LOC, exact spans)")
    for set_name, res in results["sets"].items():
        m = res["micro_PER_ORG_LOC"]
        print(f"{set_name:<16}{m['p']*100:9.2f}{m['r']*100:9.2f}{m['f']*100:9.2f}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
