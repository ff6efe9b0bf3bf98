#!/usr/bin/env python
"""Convert GermEval 2014 NER TSV files into spaCy DocBin (.spacy) files.

Two input formats are understood (auto-detected per line):
  * ``token<TAB>outer-tag``                      (train.tsv as shipped in ../shared)
  * ``index<TAB>token<TAB>outer<TAB>inner``      (official format, with ``#<TAB>url<TAB>[date]`` lines)
Only the outer level is used. Sentences are separated by blank lines.

dev.tsv is split deterministically by sentence position: even sentences (0, 2, 4, ...) form the
``select`` half (model selection during training), odd sentences form the ``heldout`` half, which
is never used for training or model selection.

Examples::

    python -m training.convert train.tsv training/corpus/train.spacy
    python -m training.convert dev.tsv training/corpus/dev-select.spacy --part select
    python -m training.convert dev.tsv training/corpus/dev-heldout.spacy --part heldout
    python -m training.convert dev.tsv training/corpus/dev-heldout-news.spacy --part heldout --news-only
    python -m training.convert train.tsv training/corpus/raw.jsonl          # raw text, for pretraining

The source URL of each sentence (if any) is kept in ``doc.user_data["url"]``.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# The 12 GermEval outer labels. "full" keeps all of them; "reduced" keeps the four base types and
# the frequent derived/part types and maps the rare ones (<100 training spans) to O.
ALL_LABELS = [
    "PER", "LOC", "ORG", "OTH",
    "PERderiv", "LOCderiv", "ORGderiv", "OTHderiv",
    "PERpart", "LOCpart", "ORGpart", "OTHpart",
]
LABEL_SCHEMES = {
    "full": {lab: lab for lab in ALL_LABELS},
    "reduced": {lab: lab for lab in
                ["PER", "LOC", "ORG", "OTH", "LOCderiv", "OTHderiv", "LOCpart", "ORGpart",
                 "PERpart", "OTHpart"]},
    "base": {lab: lab for lab in ["PER", "LOC", "ORG", "OTH"]},
}
PARTS = ("all", "select", "heldout")


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]                      # outer BIO tags
    url: str | None = None
    index: int = 0                       # position of the sentence in its file
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def is_news(self) -> bool:
        """News-style = has a source URL that is not Wikipedia."""
        return bool(self.url) and "wikipedia.org" not in self.url


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (start, end, label) token spans. A stray I- tag starts a new span."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if label is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def read_germeval(path: str | Path) -> Iterator[Sentence]:
    url = None
    words: list[str] = []
    tags: list[str] = []
    n = 0

    def flush():
        nonlocal words, tags, url, n
        if words:
            s = Sentence(words, tags, url, n, bio_to_spans(tags))
            n += 1
            words, tags, url = [], [], None
            return s
        return None

    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                s = flush()
                if s:
                    yield s
                continue
            cols = line.split("\t")
            if cols[0] == "#" and not words:
                url = cols[1].strip() if len(cols) > 1 else None
                continue
            if len(cols) >= 4:          # index, token, outer, inner
                word, tag = cols[1], cols[2]
            elif len(cols) >= 2:        # token, outer
                word, tag = cols[0], cols[1]
            else:
                raise ValueError(f"{path}: cannot parse line {line!r}")
            words.append(word)
            tags.append(tag.strip() or "O")
    s = flush()
    if s:
        yield s


def select(sentences: Iterable[Sentence], part: str = "all", news_only: bool = False) -> list[Sentence]:
    out = []
    for s in sentences:
        if part == "select" and s.index % 2 != 0:
            continue
        if part == "heldout" and s.index % 2 != 1:
            continue
        if news_only and not s.is_news:
            continue
        out.append(s)
    return out


def map_spans(spans, scheme: str = "full"):
    mapping = LABEL_SCHEMES[scheme]
    return [(a, b, mapping[lab]) for a, b, lab in spans if lab in mapping]


def to_doc(vocab, sent: Sentence, scheme: str = "full"):
    from spacy.tokens import Doc, Span
    doc = Doc(vocab, words=sent.words, spaces=[True] * (len(sent.words) - 1) + [False])
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in map_spans(sent.spans, scheme)]
    if sent.url:
        doc.user_data["url"] = sent.url
    return doc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="GermEval TSV file (train.tsv or dev.tsv)")
    ap.add_argument("output", help="output .spacy file")
    ap.add_argument("--part", choices=PARTS, default="all",
                    help="all sentences, or the even (select) / odd (heldout) half")
    ap.add_argument("--news-only", action="store_true", help="keep only sentences with a non-Wikipedia URL")
    ap.add_argument("--labels", choices=sorted(LABEL_SCHEMES), default="full", help="label scheme")
    ap.add_argument("--lang", default="de")
    ap.add_argument("--append", action="store_true", help="append to a .jsonl output")
    args = ap.parse_args(argv)

    sents = select(read_germeval(args.input), args.part, args.news_only)
    if args.output.endswith(".jsonl"):
        # raw text for `spacy pretrain`: {"text": tokens joined by spaces}, one sentence a line
        import json
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "a" if args.append else "w", encoding="utf-8") as fh:
            for s in sents:
                fh.write(json.dumps({"text": " ".join(s.words)}, ensure_ascii=False) + "\n")
        print(f"{args.input} [{args.part}] -> {args.output}: {len(sents)} raw sentences", file=sys.stderr)
        return

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank(args.lang)
    db = DocBin(store_user_data=True)
    n_ents = 0
    for s in sents:
        doc = to_doc(nlp.vocab, s, args.labels)
        n_ents += len(doc.ents)
        db.add(doc)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.output)
    print(f"{args.input} [{args.part}{', news' if args.news_only else ''}, labels={args.labels}] -> "
          f"{args.output}: {len(sents)} sentences, {n_ents} entities", file=sys.stderr)


if __name__ == "__main__":
    main()
