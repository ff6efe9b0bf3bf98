#!/usr/bin/env python
"""Convert the extra German gold NER sets (issue 9) to spaCy DocBin with GermEval's PER/ORG/LOC.

    python -m training.convert_extra smartdata ../shared/corpora/german-ner-extra/smartdata/v1_20180119_train.json.gz OUT.spacy --train-tsv TRAIN.tsv
    python -m training.convert_extra mobie ../shared/corpora/german-ner-extra/mobie/train.conll2003 OUT.spacy --train-tsv TRAIN.tsv

Both are CC BY 4.0 (SmartData: Schiersch et al., LREC 2018; MobIE: Hennig et al., KONVENS 2021).
Their guidelines differ from GermEval's, so the mapping is conservative:

  person                                   -> PER
  organization, organization-company       -> ORG
  location, location-city, -street, -stop  -> LOC   (a lower-case one-word location, e.g.
                                                     "dänischen", -> LOCderiv as in GermEval)
  location-route (RE 7, A7, ICE 777)       -> missing (GermEval has no rule for them)
  everything else (date, number, trigger, org-position, ...) -> O

and these tokens are left *missing* (neither entity nor O, no loss) instead of O:
  * a one-word mention whose text train.tsv tags O at least 3 times and 5 times as often as
    inside a name (SmartData tags common nouns such as "Gruppe" as organization-company),
  * a mention starting lower case, unless a one-word location adjective ("beiden Richtungen"),
  * tokens outside mentions that GermEval would tag -deriv/-part: lower-case adjectives in
    -isch/-ische/..., and hyphenated words with a capitalised first part ("Nato-Gipfel").
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

MAP = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC", "location-street": "LOC", "location-stop": "LOC",
    "location-route": None,     # None = missing
}
DERIV_RE = re.compile(r"^[a-zäöü]\w*isch(e|en|er|es|em)?$")
PART_RE = re.compile(r"^[A-ZÄÖÜ][\w.]*-\w")


def germeval_o_words(train_tsv: Path) -> set[str]:
    """Texts train.tsv tags O at least 3 times and at least 5 times as often as inside a name."""
    o, name = collections.Counter(), collections.Counter()
    with open(train_tsv, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[0] == "#":
                continue
            w, t = (cols[1], cols[2]) if len(cols) >= 4 else (cols[0], cols[1])
            if t == "O":
                o[w] += 1
            else:
                name[w] += 1
    return {w for w, c in o.items() if c >= 3 and c >= 5 * name[w]}


def read_smartdata(path: Path):
    """-> (text, [(start, end, type)]) per document."""
    raw = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    i = 0
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        d, i = dec.raw_decode(raw, i)
        text = d["text"]["string"]
        ments = [(m["span"]["start"], m["span"]["end"], m["type"])
                 for m in (d.get("conceptMentions") or {}).get("array", [])]
        yield text, ments


def read_mobie(path: Path):
    """CoNLL 2003 (token POS chunk BIO-type), -> (words, [(start_tok, end_tok, type)]) per sentence."""
    words, tags = [], []

    def spans():
        out, start, lab = [], None, None
        for k, t in enumerate(tags + ["O"]):
            if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != lab):
                if lab is not None:
                    out.append((start, k, lab))
                start, lab = (k, t[2:]) if t != "O" else (None, None)
        return out

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t") if "\t" in line else line.split()
            if not line.strip() or cols[0] == "-DOCSTART-":
                if words:
                    yield words, spans()
                words, tags = [], []
                continue
            words.append(cols[0])
            tags.append(cols[-1] or "O")
    if words:
        yield words, spans()


def biluo_doc(doc, tok_spans, o_words):
    """tok_spans: (start, end, type) token spans -> doc with BILUO-derived ents and missing tokens."""
    from spacy.training import biluo_tags_to_spans

    tags = ["O"] * len(doc)
    for a, b, typ in tok_spans:
        if typ not in MAP or b <= a:
            continue
        lab = MAP[typ]
        text = doc[a:b].text
        lower = text[:1].islower()
        if lab is None or (b - a == 1 and text in o_words) or (lower and not (
                lab == "LOC" and b - a == 1 and re.search(r"(e|en|er|es|em)$", text))):
            for k in range(a, b):
                tags[k] = "-"
            continue
        if lower:                    # a one-word lower-case location adjective
            lab = "LOCderiv"
        if b - a == 1:
            tags[a] = f"U-{lab}"
        else:
            tags[a] = f"B-{lab}"
            for k in range(a + 1, b - 1):
                tags[k] = f"I-{lab}"
            tags[b - 1] = f"L-{lab}"
    for k, t in enumerate(doc):
        if tags[k] == "O" and (DERIV_RE.match(t.text) or PART_RE.match(t.text)):
            tags[k] = "-"
    # entities as spans, the "-" tokens missing (no loss), the rest outside (O)
    ents = biluo_tags_to_spans(doc, [t if t != "-" else "O" for t in tags])
    missing = [doc[k:k + 1] for k, t in enumerate(tags) if t == "-"]
    outside = [doc[k:k + 1] for k, t in enumerate(tags) if t == "O"]
    doc.set_ents(ents, missing=missing, outside=outside)
    return doc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("format", choices=["smartdata", "mobie"])
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--train-tsv", type=Path, required=True, help="GermEval train.tsv (O-word filter)")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("de")
    o_words = germeval_o_words(args.train_tsv)
    db = DocBin()
    n_docs = 0
    labels = collections.Counter()
    if args.format == "smartdata":
        for text, ments in read_smartdata(args.input):
            # one Doc per line of the document, mentions re-based on the line
            pos = 0
            for line in text.split("\n"):
                start, end = pos, pos + len(line)
                pos = end + 1
                if not line.strip():
                    continue
                doc = nlp.make_doc(line)
                spans = []
                for a, b, typ in ments:
                    if a >= start and b <= end:
                        sp = doc.char_span(a - start, b - start, alignment_mode="expand")
                        if sp is not None:
                            spans.append((sp.start, sp.end, typ))
                # overlapping mentions: keep the first, longest
                spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
                kept, last = [], 0
                for s in spans:
                    if s[0] >= last:
                        kept.append(s)
                        last = s[1]
                doc = biluo_doc(doc, kept, o_words)
                labels.update(e.label_ for e in doc.ents)
                db.add(doc)
                n_docs += 1
    else:
        for words, spans in read_mobie(args.input):
            doc = Doc(nlp.vocab, words=words)
            doc = biluo_doc(doc, spans, o_words)
            labels.update(e.label_ for e in doc.ents)
            db.add(doc)
            n_docs += 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.output)
    print(f"{args.input} -> {args.output}: {n_docs} docs, entities {dict(labels)}", file=sys.stderr)


if __name__ == "__main__":
    main()
