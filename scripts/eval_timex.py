"""Evaluate lib/nlp/timex on WikiWarsDE (TIMEX2 inline annotation) and on hand-checked Wikinews reports.

    python -m scripts.eval_timex ../shared/corpora/wikiwarsde [--half dev|heldout|both|all]
        [--mode context|news|narrative|auto|all] [--errors N]
    python -m scripts.eval_timex ../shared/corpora/wikinews-de-quotes [--mode ...] [--errors N]

WikiWarsDE halves: the files of keyinline/ sorted by name, every other one from the first is the
development half (01, 05, 09, 13, 17, 21), the rest the held-out half (03, 07, 11, 15, 19); the
tagger's rules were developed on the development half only. ``--half both`` (default) prints both.

Wikinews (a corpus directory with articles/*.json): the expressions listed in
``scripts/timex_wikinews_de.tsv`` (file name, sentence id, expression text - "heute#2" for its second
occurrence in the sentence -, the value checked by hand; the article texts are not in the repository) are looked up in the text rebuilt from the
corpus tokens, anchored to the publication date in the file name, and the script prints value
accuracy per mode (a listed expression the tagger misses counts as wrong), overall and for the two
parts of the list: a sample (every 20th article) and the targeted forms the issue named.

Reads ``keyinline/*.xml``: SGML with <DOC>, <DOCID>, <DATETIME> (document creation time,
itself a TIMEX2 – used as the anchor, not evaluated) and <TEXT> whose body carries inline
``<TIMEX2 val="1914-07-28">28. Juli 1914</TIMEX2>``. Tags are stripped keeping offsets,
find_timexes(lang="de") runs on the bare body, and the script prints per file and overall:

* extent, strict: exact character span;
* extent, strict-norm: exact span after dropping leading prepositions/articles and a
  trailing "lang" on both sides (our spans keep "am", "im", "in den", "seit"…; TIMEX2
  leaves them out);
* extent, relaxed: any overlap (one-to-one, greedy in text order);
* value: accuracy on relaxed matches whose gold TIMEX2 has a val.

Value mapping between TIMEX2 and our TIMEX3-style values before comparing: decades and
centuries in durations (TIMEX2 "P1DE", "P5DE", "P1CE") are expanded to years ("P10Y",
"P50Y", "P100Y"), as our tagger writes Jahrzehnt = P10Y; everything else is compared as
is (both use "1939-09", "1940-SU", "19" for a century, "199" for a decade, "BC0490",
"PAST_REF"…). Modifiers (mod) are not compared.

Anchoring modes: "context" (the default of find_timexes) picks the reference time per
expression from its context; "news" resolves year-less dates closest to the document creation
time (2011 for every file – wrong for history articles), "narrative" resolves them in the year of
the last date mentioned before (HeidelTime's narrative mode), "auto" picks news or narrative per
text (lib.nlp.timex.choose_mode).
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

from lib.nlp.timex import find_timexes
from scripts.scoring import prf

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
LEADING = {"am", "im", "in", "an", "um", "vom", "zum", "zur", "seit", "bis", "ab", "innerhalb", "binnen", "von",
           "der", "den", "dem", "des", "die", "das", "für", "während", "gegen", "nach", "vor", "zu"}


def parse(path: Path):
    """-> (docid, anchor date, body text, [(start, end, attrs)]) with offsets into body."""
    raw = path.read_text(encoding="utf-8")
    docid = re.search(r"<DOCID>\s*(.*?)\s*</DOCID>", raw, re.S)
    dct = re.search(r"<DATETIME>.*?val=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    anchor = dt.date.fromisoformat(dct.group(1)) if dct else None
    m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = m.group(1) if m else raw
    out, spans, stack, pos = [], [], [], 0
    length = 0
    for t in TAG.finditer(body):
        chunk = html.unescape(body[pos:t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name = t.group(1), t.group(2).upper()
        if name != "TIMEX2":
            continue
        if not closing:
            stack.append((length, dict(ATTR.findall(t.group(3)))))
        elif stack:
            start, attrs = stack.pop()
            spans.append((start, length, attrs))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    spans.sort()
    return (docid.group(1) if docid else path.stem), anchor, text, spans


def norm_span(text: str, s: int, e: int) -> tuple[int, int]:
    while True:
        m = re.match(r"(\w+)\s+", text[s:e])
        if m and m.group(1).lower() in LEADING and s + m.end() < e:
            s += m.end()
            continue
        break
    m = re.search(r"\s+lang$", text[s:e])
    if m:
        e = s + m.start()
    return s, e


def norm_value(v: str) -> str:
    v = (v or "").strip().upper()
    m = re.fullmatch(r"P(\d+)(DE|CE)", v)
    if m:
        return f"P{int(m.group(1)) * (10 if m.group(2) == 'DE' else 100)}Y"
    return v


def match(gold, sys_, text, how):
    """Greedy one-to-one matching; returns list of (gold_idx, sys_idx)."""
    used, pairs = set(), []
    for gi, (gs, ge, _a) in enumerate(gold):
        for si, t in enumerate(sys_):
            if si in used:
                continue
            if how == "strict":
                ok = (gs, ge) == (t.start, t.end)
            elif how == "norm":
                ok = norm_span(text, gs, ge) == norm_span(text, t.start, t.end)
            else:
                ok = t.start < ge and gs < t.end
            if ok:
                used.add(si)
                pairs.append((gi, si))
                break
    return pairs


def evaluate(files, mode, errors=0):
    tot = {"gold": 0, "sys": 0, "strict": 0, "norm": 0, "relaxed": 0, "val_n": 0, "val_ok": 0}
    rows = []
    err_lines = []
    for path in files:
        docid, anchor, text, gold = parse(path)
        sys_ = find_timexes(text, anchor, lang="de", mode=mode)
        c = {"gold": len(gold), "sys": len(sys_)}
        for how in ("strict", "norm", "relaxed"):
            c[how] = len(match(gold, sys_, text, how))
        pairs = match(gold, sys_, text, "relaxed")
        c["val_n"] = c["val_ok"] = 0
        for gi, si in pairs:
            gval = gold[gi][2].get("val", "")
            if not gval:
                continue
            c["val_n"] += 1
            ok = norm_value(gval) == norm_value(sys_[si].value)
            c["val_ok"] += ok
            if not ok:
                err_lines.append(f"  VAL  {docid}: {text[gold[gi][0]:gold[gi][1]]!r} gold={gval} sys={sys_[si].text!r} {sys_[si].value}")
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, (gs, ge, a) in enumerate(gold):
            if gi not in matched_g:
                err_lines.append(f"  MISS {docid}: {text[gs:ge]!r} ({a.get('val', '')}) …{text[max(0, gs - 30):gs]!r}")
        for si, t in enumerate(sys_):
            if si not in matched_s:
                err_lines.append(f"  FP   {docid}: {t.text!r} {t.type} {t.value} …{text[max(0, t.start - 30):t.start]!r}")
        rows.append((docid, c))
        for k in tot:
            tot[k] += c[k]
    return rows, tot, err_lines


def fmt(c):
    s = prf(c["strict"], c["sys"], c["strict"], c["gold"])
    n = prf(c["norm"], c["sys"], c["norm"], c["gold"])
    r = prf(c["relaxed"], c["sys"], c["relaxed"], c["gold"])
    acc = c["val_ok"] / c["val_n"] if c["val_n"] else 0.0
    return (f"gold {c['gold']:4d} sys {c['sys']:4d} | strict P {s[0]:.3f} R {s[1]:.3f} F {s[2]:.3f} | "
            f"strict-norm P {n[0]:.3f} R {n[1]:.3f} F {n[2]:.3f} | relaxed P {r[0]:.3f} R {r[1]:.3f} F {r[2]:.3f} | "
            f"value {acc:.3f} ({c['val_ok']}/{c['val_n']})")


NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "“", "”", "«", "‘", "%", "…"}
NO_SPACE_AFTER = {"„", "(", "[", "»", "‚"}
GOLD_WIKINEWS = Path(__file__).with_name("timex_wikinews_de.tsv")


def wikinews_text(data: dict) -> tuple[str, dict[int, tuple[int, int]]]:
    """Text of a Wikinews corpus article and {sentence id: (start, end)}: tokens joined with German
    spacing (as scripts/eval_quotes.py does); a sentence without final punctuation (a heading)
    ends its paragraph."""
    parts, spans, pos = [], {}, 0
    straight_open = False
    for sent in data["Sentences"]:
        toks = sent["Tokens"]
        start = pos
        prev = None
        for tok in toks:
            if prev is not None:
                glue = tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER or (prev == '"' and straight_open)
                if tok == '"':
                    glue = straight_open
                if not glue:
                    parts.append(" ")
                    pos += 1
            if tok == '"':
                straight_open = not straight_open
            parts.append(tok)
            pos += len(tok)
            prev = tok
        spans[sent["SentenceId"]] = (start, pos)
        sep = " " if toks and toks[-1] in {".", "!", "?", ":", "“", '"', "»", "«", ")"} else "\n"
        parts.append(sep)
        pos += 1
    return "".join(parts), spans


def read_wikinews_gold(path: Path = GOLD_WIKINEWS):
    """-> [(file name, sentence id, expression, value, kind)] from the tab-separated gold file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f, sid, expr, value, kind = line.split("\t")[:5]
        rows.append((f, int(sid), expr, value, kind))
    return rows


def evaluate_wikinews(corpus: Path, mode: str, gold_rows):
    by_file: dict[str, list] = {}
    for row in gold_rows:
        by_file.setdefault(row[0], []).append(row)
    ok, n = collections.Counter(), collections.Counter()
    errs = []
    for fname, rows in sorted(by_file.items()):
        data = json.loads((corpus / "articles" / fname).read_text(encoding="utf-8"))
        anchor = dt.date.fromisoformat(re.search(r"\((\d{4}-\d{2}-\d{2})\)\.json$", fname).group(1))
        text, spans = wikinews_text(data)
        found = find_timexes(text, anchor, lang="de", mode=mode)
        for _f, sid, expr, value, kind in rows:
            s0, s1 = spans[sid]
            expr, _, nth = expr.partition("#")
            i = s0 - 1
            for _k in range(int(nth or 1)):
                i = text.find(expr, i + 1, s1)
                if i < 0:
                    break
            if i < 0:
                raise SystemExit(f"{fname}: {expr!r} not in sentence {sid}")
            hit = [t for t in found if t.start < i + len(expr) and i < t.end]
            got = hit[0].value if hit else "-"
            n[kind] += 1
            ok[kind] += got == value
            if got != value:
                errs.append(f"  VAL  {fname[:50]} s{sid} {expr!r} gold={value} sys={got}")
    return ok, n, errs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="WikiWarsDE directory (with keyinline/) or wikinews-de-quotes")
    ap.add_argument("--mode", choices=("context", "news", "narrative", "auto", "all"), default="all")
    ap.add_argument("--half", choices=("dev", "heldout", "both", "all"), default="both",
                    help="WikiWarsDE: development half, held-out half, both separately, or all 11 files")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses/false positives/value errors")
    args = ap.parse_args(argv)
    modes = ("context", "news", "narrative", "auto") if args.mode == "all" else (args.mode,)
    if (args.corpus / "articles").is_dir():
        gold = read_wikinews_gold()
        for mode in modes:
            ok, n, errs = evaluate_wikinews(args.corpus, mode, gold)
            parts = " | ".join(f"{k} {ok[k] / n[k]:.3f} ({ok[k]}/{n[k]})" for k in sorted(n))
            tot_ok, tot_n = sum(ok.values()), sum(n.values())
            print(f"== Wikinews (de), {tot_n} hand-checked expressions in {len({r[0] for r in gold})} reports, "
                  f"mode={mode}: value {tot_ok / tot_n:.3f} ({tot_ok}/{tot_n}) | {parts}")
            if args.errors:
                print("\n".join(errs[: args.errors]))
        return
    d = args.corpus / "keyinline" if (args.corpus / "keyinline").is_dir() else args.corpus
    files = sorted(d.glob("*.xml"))
    if not files:
        sys.exit(f"no keyinline/*.xml under {args.corpus}")
    halves = {"dev": files[0::2], "heldout": files[1::2], "all": files}
    names = ("dev", "heldout") if args.half == "both" else (args.half,)
    for mode in modes:
        for half in names:
            rows, tot, errs = evaluate(halves[half], mode)
            print(f"== WikiWarsDE {half}, {len(halves[half])} files, mode={mode}")
            for docid, c in rows:
                print(f"{docid:22s} {fmt(c)}")
            print(f"{'OVERALL':22s} {fmt(tot)}")
            if args.errors:
                print("\n".join(errs[: args.errors]))
            print()


if __name__ == "__main__":
    main()
