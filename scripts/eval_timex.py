"""Evaluate lib/nlp/timex on WikiWarsDE (TIMEX2 inline annotation).

    python -m scripts.eval_timex /work/shared/corpora/wikiwarsde [--mode auto|news|narrative|all] [--errors N]

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

Anchoring modes: "news" resolves year-less dates closest to the document creation time
(2011 for every file – wrong for history articles), "narrative" resolves them in the year of
the last date mentioned before (HeidelTime's narrative mode), "auto" is what the app uses: it
picks one of the two per text (lib.timex.choose_mode). Extent figures are the same in all.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from pathlib import Path


from scripts.scoring import prf
from lib.nlp.timex import find_timexes

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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="WikiWarsDE directory (with keyinline/)")
    ap.add_argument("--mode", choices=("auto", "news", "narrative", "all"), default="all")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses/false positives/value errors")
    args = ap.parse_args(argv)
    d = args.corpus / "keyinline" if (args.corpus / "keyinline").is_dir() else args.corpus
    files = sorted(d.glob("*.xml"))
    if not files:
        sys.exit(f"no keyinline/*.xml under {args.corpus}")
    modes = ("news", "narrative", "auto") if args.mode == "all" else (args.mode,)
    for mode in modes:
        rows, tot, errs = evaluate(files, mode)
        print(f"== WikiWarsDE, {len(files)} files, mode={mode}")
        for docid, c in rows:
            print(f"{docid:22s} {fmt(c)}")
        print(f"{'OVERALL':22s} {fmt(tot)}")
        if args.errors:
            print("\n".join(errs[: args.errors]))
        print()


if __name__ == "__main__":
    main()
