"""Measure lib/quotes.py on the German Wikinews speech corpus (GermEval 2023 SpkAtt).

    python -m scripts.eval_quotes /work/shared/corpora/wikinews-de-quotes [--mentions MODE] [--show N]

The corpus (annotations CC BY-NC-SA 4.0) is only read here, never copied into the repo.
Each `articles/*.json` holds tokenised sentences and speech annotations (Source, Cue,
Message, Addr, Frame as "sentence:token" ids; Form = Direct / Indirect / FreeIndirect /
IndirectFreeIndirect / Reported).

* Text: the tokens are joined with German spacing rules (no space before , . : ; ! ? ) “ «,
  none after „ ( »; straight quotes alternate); sentences are joined by a space, and one without
  final punctuation (a heading) ends its paragraph with a newline. The Doc is built from the corpus tokens with
  the corpus sentence boundaries, so each Doc token is a corpus token (exact offset map).
* Mentions (`--mentions`, default `auto`): `pipeline` = the quotes of
  `lib.annotate_text(text, language="de")` (its own mentions) when lib exposes it — an article on
  which it raises falls back to the gazetteer and is counted; `gazetteer` (auto's choice when lib
  does not import) = names learnt from the GermEval
  2014 NER training file (multi-token names, single tokens tagged as names in ≥ 50 % of their
  occurrences, first names of PER names followed by capitalised words → a person); `none` = no
  mentions (speakers are then anonymous descriptions, titles or capitalised words taken as
  unknown names).
* Matching: per document, a predicted quote matches a gold Message when their overlap covers
  ≥ 50 % of the word tokens (punctuation and quotation marks ignored) of both; one-to-one, greedy
  by overlap. Direct = Form Direct; indirect = all other forms (Indirect-only recall printed too).
* Speaker accuracy on matched quotes: the predicted speaker span overlaps a gold Source token
  (both empty counts as correct). "lenient" also accepts a non-empty prediction when the gold
  Source is a lone pronoun (the extractor reports the pronoun's antecedent, the corpus the pronoun).
  "antecedent" (the issue's measure) counts a pronoun Source right when the predicted speaker is
  its antecedent. The corpus has no coreference, so the gold antecedent is taken to be the last
  non-pronoun gold Source before the pronoun in the article; the prediction is right when its span
  overlaps that Source or shares a capitalised word (≥ 3 letters) with it.
  "checked" replaces that approximation by the hand-checked antecedents of
  `scripts/eval_quotes_antecedents.tsv` (read from the text and the gold annotation, all pronoun
  Sources of both parts) when the file is there: right when the prediction shares a capitalised word
  (≥ 3 letters, not a determiner) with the antecedent as the text names it. The file also holds the
  other one-word anaphoric Sources (relative pronouns, "Demnach", "Dieser"): these count right by
  their antecedent or, as in the other measures, by overlap.
* Quotes of kind "phrase" (scare quotes, titles) claim no speech and are not scored.
* `--split dev|heldout`: articles sorted by file name, every 5th held out (index 4, 9, …).
* `--fold a|b` (with `--split dev`): the development articles in two fixed halves by position in
  the sorted development list (a = even, b = odd). Look at errors on fold a only; fold b checks that a
  change found there is not fitted to it.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys

import spacy
from spacy.tokens import Doc

from lib.settings import REPO_ROOT
from scripts.scoring import prf

ROOT = REPO_ROOT

NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "“", "”", "«", "‘", "%", "…"}
NO_SPACE_AFTER = {"„", "(", "[", "»", "‚"}
PRONOUNS = {"er", "sie", "es", "ich", "wir", "ihr", "man"}
TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "OTH": "other"}
ANTECEDENTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval_quotes_antecedents.tsv")
DETERMINERS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}


def build_doc(vocab, data):
    """Doc over the corpus tokens; returns (doc, {(sid, tid): token index})."""
    words, spaces, starts, index = [], [], [], {}
    straight_open = False  # inside a straight "…" quote
    prev_opened = False    # the previous token opened a straight quote
    for sent in data["Sentences"]:
        sid = sent["SentenceId"]
        toks = sent["Tokens"]
        for tid, tok in enumerate(toks):
            if words and words[-1] != "\n":
                glue = tok in NO_SPACE_BEFORE or words[-1] in NO_SPACE_AFTER or prev_opened
                if tok == '"':
                    glue = straight_open
                spaces[-1] = not glue
            prev_opened = False
            if tok == '"':
                straight_open = not straight_open
                prev_opened = straight_open
            index[(sid, tid)] = len(words)
            words.append(tok)
            spaces.append(True)
            starts.append(tid == 0)
        if toks and toks[-1] not in {".", "!", "?", ":", "“", '"', "»", "«", ")", "„", "(", ","}:
            spaces[-1] = False
            words.append("\n")
            spaces.append(False)
            starts.append(False)
    if spaces:
        spaces[-1] = False
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    return doc, index


class Gazetteer:
    def __init__(self, path):
        names, tagged, seen = collections.Counter(), collections.Counter(), collections.Counter()
        types = {}
        self.first = set()
        toks, tags = [], []

        def flush():
            cur, typ = [], None
            for w, t in zip(toks + [""], tags + ["O"]):
                if t.startswith("B-") or t == "O" or (t.startswith("I-") and typ is None):
                    if cur and typ:
                        key = tuple(cur)
                        names[key] += 1
                        types[key] = typ
                        if typ == "PER" and len(cur) > 1:
                            self.first.add(cur[0])
                    cur, typ = [], None
                    if t.startswith("B-") and not t.endswith(("deriv", "part")):
                        cur, typ = [w], t[2:]
                elif t.startswith("I-") and cur:
                    cur.append(w)
            for w, t in zip(toks, tags):
                seen[w] += 1
                if t != "O" and not t.endswith(("deriv", "part")):
                    tagged[w] += 1

        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        for line in lines:
            if not line.strip():
                flush()
                toks, tags = [], []
                continue
            parts = line.split("\t")
            if line.startswith("#") or len(parts) < 2:
                continue
            toks.append(parts[-2] if len(parts) == 2 else parts[1])
            tags.append(parts[-1] if len(parts) == 2 else parts[2])
        flush()
        word = re.compile(r"^[^\W\d_][\w.'-]*$")
        self.first = {w for w in self.first if word.match(w) and w[0].isupper()}
        self.multi = {k: types[k] for k in names if 1 < len(k) <= 4 and k[0][:1].isupper()
                      and all(word.match(w) for w in k)}
        self.single = {k[0]: types[k] for k in names
                       if len(k) == 1 and tagged[k[0]] >= 0.5 * seen[k[0]] and k[0][:1].isupper()}
        self.maxlen = 4


    def mentions(self, doc):
        out = []
        words = [t.text for t in doc]
        i, n = 0, len(words)
        while i < n:
            hit = None
            for L in range(self.maxlen, 1, -1):
                key = tuple(words[i:i + L])
                if key in self.multi:
                    hit = (L, self.multi[key])
                    break
            if hit is None and words[i] in self.first and i + 1 < n and words[i + 1][:1].isupper() \
                    and words[i + 1].isalpha():
                L = 2
                while i + L < n and L < 4 and words[i + L][:1].isupper() and words[i + L].isalpha() \
                        and self.single.get(words[i + L]) == "PER":
                    L += 1
                hit = (L, "PER")
            if hit is None and words[i] in self.single and not doc[i].is_sent_start:
                hit = (1, self.single[words[i]])
            if hit is None:
                i += 1
                continue
            L, typ = hit
            span = doc[i:i + L]
            sent = span.sent
            out.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                        "label": typ if typ != "OTH" else "MISC", "actor": span.text,
                        "actor_type": TYPES[typ], "sent_index": 0, "sentence": sent.text,
                        "form": "name"})
            i += L
        return out


def token_set(doc, start, end, content_only=True):
    s = set()
    for t in doc:
        if t.idx < end and t.idx + len(t.text) > start:
            if content_only and (t.is_punct or t.is_space):
                continue
            s.add(t.i)
    return s


def match(preds, golds):
    """Greedy one-to-one matching; returns list of (pred, gold)."""
    pairs = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            ov = len(p["toks"] & g["toks"])
            if ov and ov >= 0.5 * len(p["toks"]) and ov >= 0.5 * len(g["toks"]):
                pairs.append((ov, pi, gi))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((preds[pi], golds[gi]))
    return out


def is_pronoun(doc, source):
    return len(source) == 1 and doc[next(iter(source))].lower_ in PRONOUNS


def _capitalised(text):
    return {w for w in re.findall(r"[^\W\d_][\w-]*", text) if w[:1].isupper() and len(w) >= 3}


def antecedent_ok(doc, p, g):
    ant = g["antecedent"]
    if not ant or not p["speaker"]:
        return False
    if p["speaker"] & ant:
        return True
    ant_text = " ".join(doc[i].text for i in sorted(ant))
    return bool(_capitalised(p["rec"]["speaker"]) & _capitalised(ant_text))


def load_antecedents(path=ANTECEDENTS):
    """{(file name, "sentence:token"): [antecedent alternatives]} of the hand-checked table, {} when
    the file is missing; [] for a pronoun that refers to no one ("-")."""
    if not os.path.exists(path):
        return {}
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            name, pos, _pronoun, ant = line.rstrip("\n").split("\t")
            out[(name, pos)] = [] if ant.strip() == "-" else [a.strip() for a in ant.split("|")]
    return out


def checked_ok(p, alternatives):
    """The predicted speaker against the hand-checked antecedent of a pronoun Source."""
    speaker = str(p["rec"]["speaker"] or "") if p["speaker"] else ""
    if not alternatives:  # a generic pronoun: right when nothing or the pronoun itself is predicted
        return not speaker or speaker.lower() in PRONOUNS
    words = {w for w in _capitalised(speaker) if w.lower() not in DETERMINERS}
    return any(words & _capitalised(a) for a in alternatives)


def _speaker_kind(doc, toks):
    if not toks:
        return "none"
    return "pronoun" if is_pronoun(doc, toks) else "named"


def print_categories(misses, top=25):
    """Counts of the development errors by category: what to fix first."""
    for kind in ("direct", "indirect"):
        cats = collections.Counter()
        for doc, p, g in misses.get(f"{kind}_speaker", []):
            pred = p["rec"]
            pk = "empty" if not p["speaker"] else (
                "pronoun as written" if pred["speaker"].lower() in PRONOUNS else "other")
            cats[f"gold {_speaker_kind(doc, g['source'])} / pred {pk}"] += 1
        print(f"\n== {kind} wrong speakers by category ({sum(cats.values())})")
        for c, n in cats.most_common(top):
            print(f"  {n:4d}  {c}")
        for what in ("fn", "fp"):
            cats = collections.Counter()
            for _doc, p, g in misses.get(f"{kind}_{what}", []):
                if g is not None:
                    cue = g["cue"] or "(no cue)"
                    cats[f"{g['form']} {g['stwr']} cue={cue}"] += 1
                else:
                    cats[f"cue={p['rec']['cue'].lower() or '(none)'}"] += 1
            print(f"\n== {kind} {'misses' if what == 'fn' else 'false positives'} by form and cue "
                  f"({sum(cats.values())})")
            for c, n in cats.most_common(top):
                print(f"  {n:4d}  {c}")


def split_files(files, split):
    """Deterministic development / held-out split of the sorted file names: every 5th held out."""
    files = sorted(files)
    if split == "all":
        return files
    return [f for i, f in enumerate(files) if (i % 5 == 4) == (split == "heldout")]


def fold_files(files, fold):
    """Fold a (even positions) or b (odd positions) of the sorted files; all of them for fold None."""
    files = sorted(files)
    if fold is None:
        return files
    return files[{"a": 0, "b": 1}[fold]::2]


def speed(args):
    """CPU-time words/s of the annotating pipeline and of the quote extractor (loading excluded)."""
    import time

    from lib.nlp import actors, quotes
    from lib.nlp.pipeline import load_pipeline
    from lib.nlp.quotes.lexicon import konjunktiv_forms
    nlp = load_pipeline("de").nlp
    konjunktiv_forms("de")
    files = split_files(glob.glob(os.path.join(args.corpus, "articles", "*.json")), args.split)
    files = fold_files(files, args.fold)
    if args.limit:
        files = files[:args.limit]
    texts = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            texts.append(build_doc(nlp.vocab, json.load(fh))[0].text)
    words = sum(len(t.split()) for t in texts)
    t_nlp = t_q = 0.0
    for text in texts:
        a = time.process_time()
        doc = nlp(text)
        mentions = actors.extract_mentions(doc)
        b = time.process_time()
        quotes.extract_quotes(doc, mentions)
        t_nlp += b - a
        t_q += time.process_time() - b
    print(f"articles: {len(texts)}  words: {words}  CPU words/s: pipeline + mentions {words / t_nlp:,.0f}, "
          f"extract_quotes {words / t_q:,.0f}, both {words / (t_nlp + t_q):,.0f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="folder with articles/*.json")
    ap.add_argument("--mentions", choices=["auto", "pipeline", "gazetteer", "none"], default="auto")
    ap.add_argument("--germeval", default="/work/shared/corpora/germeval2014-de/train.tsv")
    ap.add_argument("--split", choices=["all", "dev", "heldout"], default="all",
                    help="articles sorted by file name: every 5th (index 4, 9, …) is held out, the rest is "
                         "for development (look at errors only there)")
    ap.add_argument("--fold", choices=["a", "b"], default=None,
                    help="with --split dev: only the even (a) or odd (b) positions of the sorted development "
                         "articles; look at errors on fold a only, check on fold b")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (of the split)")
    ap.add_argument("--show", type=int, default=0, help="print N misses of each kind (development)")
    ap.add_argument("--categories", action="store_true",
                    help="count misses and wrong speakers by category (gold form and cue, speaker kinds)")
    ap.add_argument("--speed", action="store_true",
                    help="only time the German pipeline (NER + mentions) and extract_quotes in CPU seconds "
                         "on the split's article texts, and print words/s")
    args = ap.parse_args(argv)
    if args.fold and args.split != "dev":
        ap.error("--fold needs --split dev (the held-out part is never split for development)")

    from lib.nlp import quotes
    if args.speed:
        return speed(args)

    annotate_text = None
    mode = args.mentions
    if mode in ("auto", "pipeline"):
        try:
            from lib import annotate_text
            mode = "pipeline"
        except Exception as exc:  # noqa: BLE001
            if mode == "pipeline":
                raise SystemExit(f"lib.annotate_text is not importable: {exc}") from exc
            mode = "gazetteer" if os.path.exists(args.germeval) else "none"
    gaz = Gazetteer(args.germeval) if mode == "gazetteer" else None

    nlp = spacy.blank("de")
    files = sorted(glob.glob(os.path.join(args.corpus, "articles", "*.json")))
    files = split_files(files, args.split)
    files = fold_files(files, args.fold)
    if args.limit:
        files = files[:args.limit]
    stats = collections.Counter()
    misses = collections.defaultdict(list)
    checked = load_antecedents()
    for path in files:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        doc, index = build_doc(nlp.vocab, data)

        def toks(ids, index=index):
            keys = [tuple(int(p) for p in x.split(":")) for x in ids]
            return {index[k] for k in keys if k in index}

        golds = []
        rev = {v: k for k, v in index.items()}
        for a in data["Annotations"]:
            mt = {i for i in toks(a["Message"]) if not (doc[i].is_punct or doc[i].is_space)}
            if not mt:
                continue
            cue_text = " ".join(doc[i].text for i in sorted(toks(a["Cue"]))).lower()
            golds.append({"toks": mt, "form": a["Form"], "source": toks(a["Source"]), "cue": cue_text,
                          "stwr": a.get("STWR", ""),
                          "kind": "direct" if a["Form"] == "Direct" else "indirect"})
            src = golds[-1]["source"]
            if src and len(src) == 1 and checked:  # a pronoun, relative pronoun, "Demnach", …
                sid, tid = rev[next(iter(src))]
                key = (os.path.basename(path), f"{sid}:{tid}")
                golds[-1]["checked"] = checked.get(key)
                stats["checked_missing"] += key not in checked and is_pronoun(doc, src)
        # gold antecedent of a pronoun Source: the last non-pronoun gold Source before it
        named = sorted((min(g["source"]), g["source"]) for g in golds
                       if g["source"] and not is_pronoun(doc, g["source"]))
        for g in golds:
            g["antecedent"] = set()
            if g["source"] and is_pronoun(doc, g["source"]):
                before = [src for pos, src in named if pos < min(g["source"])]
                g["antecedent"] = before[-1] if before else set()
        recs = None
        if mode == "pipeline":
            try:
                recs = annotate_text(doc.text, language="de").quotes.to_dict("records")
            except Exception as exc:  # noqa: BLE001  (the pipeline is someone else's work in progress)
                stats["pipeline_failed"] += 1
                if stats["pipeline_failed"] == 1:
                    print(f"lib.annotate_text failed on {os.path.basename(path)} ({exc!r}); such articles "
                          "fall back to the gazetteer mentions", file=sys.stderr)
                if gaz is None and os.path.exists(args.germeval):
                    gaz = Gazetteer(args.germeval)
        pdoc = doc
        if recs is None:
            ments = gaz.mentions(doc) if gaz else []
            recs = quotes.extract_quotes(doc, ments)
        preds = []
        for r in recs:
            pt = token_set(pdoc, int(r["start"]), int(r["end"]))
            if not pt:
                continue
            sp = set()
            if r.get("speaker_start") is not None and r["speaker"] and str(r["speaker_start"]) != "<NA>":
                sp = token_set(pdoc, int(r["speaker_start"]), int(r["speaker_end"]), content_only=False)
            preds.append({"toks": pt, "kind": r["kind"], "speaker": sp, "rec": r})

        for kind in ("direct", "indirect"):
            P = [p for p in preds if p["kind"] == kind]
            G = [g for g in golds if g["kind"] == kind]
            pairs = match(P, G)
            stats[f"{kind}_pred"] += len(P)
            stats[f"{kind}_gold"] += len(G)
            stats[f"{kind}_tp"] += len(pairs)
            if kind == "indirect":
                stats["Indirect_gold"] += sum(g["form"] == "Indirect" for g in G)
                stats["Indirect_tp"] += sum(g["form"] == "Indirect" for _, g in pairs)
            for p, g in pairs:
                ok = bool(p["speaker"] & g["source"]) if g["source"] else not p["speaker"]
                pron = len(g["source"]) == 1 and doc[next(iter(g["source"]))].lower_ in PRONOUNS
                stats[f"{kind}_spk_ok"] += ok
                stats[f"{kind}_spk_lenient"] += ok or (pron and bool(p["speaker"]))
                ok_ant = ok if not pron else antecedent_ok(doc, p, g)
                stats[f"{kind}_spk_ant"] += ok_ant
                ok_checked = ok_ant
                if g.get("checked") is not None:
                    # a pronoun by its antecedent only; another anaphor ("Demnach", "der") also as written
                    ok_checked = checked_ok(p, g["checked"]) or (ok and not pron)
                stats[f"{kind}_spk_checked"] += ok_checked
                if not (ok_checked if checked else ok_ant) and (args.show or args.categories):
                    misses[f"{kind}_speaker"].append((doc, p, g))
            if args.show or args.categories:
                mp = {id(p) for p, _ in pairs}
                mg = {id(g) for _, g in pairs}
                misses[f"{kind}_fp"] += [(doc, p, None) for p in P if id(p) not in mp]
                misses[f"{kind}_fn"] += [(doc, None, g) for g in G if id(g) not in mg]
        claims = [p for p in preds if p["kind"] != "phrase"]  # phrases attribute nothing
        stats["phrase_pred"] += len(preds) - len(claims)
        allp = match(claims, golds)
        stats["all_tp"] += len(allp)
        stats["all_pred"] += len(claims)
        stats["all_gold"] += len(golds)

    print(f"articles: {len(files)} ({args.split}{', fold ' + args.fold if args.fold else ''})  mentions: {mode}"
          + (f" ({stats['pipeline_failed']} articles fell back to the gazetteer)" if stats["pipeline_failed"] else ""))
    for kind in ("direct", "indirect", "all"):
        p, r, f = prf(stats[f"{kind}_tp"], stats[f"{kind}_pred"], stats[f"{kind}_tp"], stats[f"{kind}_gold"])
        line = (f"{kind:9s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
                f"(pred {stats[f'{kind}_pred']}, gold {stats[f'{kind}_gold']}, matched {stats[f'{kind}_tp']})")
        if kind != "all" and stats[f"{kind}_tp"]:
            line += (f"  speaker acc {stats[f'{kind}_spk_ok'] / stats[f'{kind}_tp']:.3f}"
                     f" (lenient {stats[f'{kind}_spk_lenient'] / stats[f'{kind}_tp']:.3f},"
                     f" antecedent {stats[f'{kind}_spk_ant'] / stats[f'{kind}_tp']:.3f}"
                     + (f", checked {stats[f'{kind}_spk_checked'] / stats[f'{kind}_tp']:.3f}" if checked else "")
                     + ")")
        print(line)
    print(f"phrases (kind 'phrase', not scored): {stats['phrase_pred']}")
    if checked:
        print(f"'checked' = pronoun and other one-word anaphoric Sources against the hand-checked antecedents of"
              f" {os.path.basename(ANTECEDENTS)} ({len(checked)} rows; {stats['checked_missing']} pronoun Sources of"
              " this split not in it fall back to 'antecedent'); wrong speakers below are counted by it")
    if stats["Indirect_gold"]:
        print(f"recall on Form=Indirect only: {stats['Indirect_tp'] / stats['Indirect_gold']:.3f} "
              f"({stats['Indirect_tp']}/{stats['Indirect_gold']})")
    if args.categories:
        print_categories(misses)
    for key, items in misses.items():
        if not args.show:
            break
        print(f"\n== {key} ({len(items)})")
        for doc, p, g in items[:args.show]:
            if g is not None:
                gt = " ".join(doc[i].text for i in sorted(g["toks"]))[:160]
                st = " ".join(doc[i].text for i in sorted(g["source"]))
                print(f"  GOLD[{g['form']}] {gt!r}  SRC={st!r}")
                first = doc[min(g["toks"])]
                lo = first.sent.start
                if lo > 0:
                    lo = doc[lo - 1].sent.start
                print("      CTX", doc[lo:doc[max(g["toks"])].sent.end].text.replace("\n", " / ")[:400])
            if p is not None:
                r = p["rec"]
                print(f"  PRED {r['text'][:160]!r}  SPK={r['speaker']!r} CUE={r['cue']!r}")


if __name__ == "__main__":
    main()
