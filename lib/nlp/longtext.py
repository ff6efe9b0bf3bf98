"""Long and odd texts: what keeps annotation linear in the length of the text.

* `GuardedTokenizer` wraps a pipeline's tokenizer: spaCy's affix rules are quadratic on a long
  run of characters without whitespace (200,000 quote marks hang it), so a run longer than
  `MAX_RUN` characters is cut into pieces of at most `MAX_RUN` characters (after a punctuation
  mark where there is one) that are tokenized one by one (a run of punctuation only: one token
  per piece, not one per mark); the doc's text stays the text as given.
* The ``lagebild_sentence_cap`` component (added first, before the model) starts a sentence after
  `MAX_SENT_TOKENS` tokens without a sentence end (. ! ? ; or a line break), so a text without
  sentence punctuation is not one sentence of 200 KB. It also starts one after a blank line, and
  after a line break that follows a sentence end, also one inside a token (German ordinals:
  "… des Typs Shahed-136.\nEine Verteidigungsquelle …", where the sentencizer sees no full
  stop and the NER made one name of both lines). A line break after a line without a sentence end
  (hard-wrapped text) starts nothing. The sentencizer, senter and parser keep boundaries set
  before them, and the NER never runs a name over a sentence start.
* `parse(nlp, text)` runs a pipeline on a text longer than `CHUNK_CHARS` in chunks cut at
  paragraph, line, sentence or word boundaries and joins the docs into one whose offsets point
  into the whole text. Texts over `max_article_chars()` (LAGEBILD_MAX_ARTICLE_CHARS, default
  5,000,000) are not annotated: `TooLong` is raised, and the corpus reports the file.
"""
from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..settings import max_article_chars

MAX_RUN = 200
MAX_SENT_TOKENS = 150
CHUNK_CHARS = 100_000

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_WORD_CHAR = re.compile(r"\w")
_SENT_END = {".", "!", "?", ";", "…", "։", "。"}
_CLOSERS = "\"'”“»«›‹’‘)]"   # closing quotes and brackets after a sentence end
# Where a chunk may end, best first: after a blank line, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?…][\"'”“»«)\]]*\s+"),
         re.compile(r"\s+"))


class TooLong(ValueError):
    """A text longer than the article limit."""




class GuardedTokenizer:
    """A tokenizer that cuts runs of more than MAX_RUN non-space characters (see module doc)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        docs, pos = [], 0
        for m in _LONG_RUN.finditer(text):
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos:m.start()]))
            run = m.group()
            if _WORD_CHAR.search(run):
                docs += [self.tokenizer(piece) for piece in _pieces(run)]
            else:   # nothing but punctuation (200,000 quote marks): one token per piece
                docs += [Doc(self.vocab, words=[piece], spaces=[False]) for piece in _pieces(run)]
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises nlp.tokenizer with the pipeline: delegate
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        return self


def _pieces(run: str) -> list[str]:
    """`run` in pieces of at most MAX_RUN characters, cut after a non-alphanumeric character
    where the piece has one in its second half."""
    out, pos = [], 0
    while len(run) - pos > MAX_RUN:
        window = run[pos:pos + MAX_RUN]
        cut = MAX_RUN
        for k in range(MAX_RUN - 1, MAX_RUN // 2, -1):
            if not window[k].isalnum():
                cut = k + 1
                break
        out.append(run[pos:pos + cut])
        pos += cut
    out.append(run[pos:])
    return out


_KINDS: dict[int, tuple[bool, int, bool, bool]] = {}   # ORTH id -> see _kind


def _kind(vocab, orth: int) -> tuple[bool, int, bool, bool]:
    """(whitespace, line breaks in it, ends a sentence — also inside the token, as German
    ordinals do —, is a sentence-end mark) of a word, cached by its ORTH id."""
    kind = _KINDS.get(orth)
    if kind is None:
        if len(_KINDS) > 200_000:
            _KINDS.clear()
        text = vocab.strings[orth]
        kind = _KINDS[orth] = (text.isspace(), text.count("\n"),
                               text.rstrip(_CLOSERS)[-1:] in _SENT_END, text in _SENT_END)
    return kind


@Language.component("lagebild_sentence_cap")
def sentence_cap(doc: Doc) -> Doc:
    """Start a sentence after MAX_SENT_TOKENS tokens without . ! ? ; or a line break, after a
    blank line, and after a line break that follows a sentence end (see the module doc). Read
    from the word ids, without a spaCy Token per token."""
    vocab = doc.vocab
    starts = []
    run = 0
    ended = False      # the last token that is not whitespace ends a sentence
    breaks = 0         # line breaks since that token
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        space, lines, ends, mark = _kind(vocab, orth)
        if space:
            run = 0 if lines else run + 1
            breaks += lines
            continue
        if run >= MAX_SENT_TOKENS or (i and (breaks > 1 or (breaks and ended))):
            starts.append(i)
            run = 0
        run += 1
        breaks = 0
        ended = ends
        if mark:
            run = 0
    for i in starts:
        doc[i].is_sent_start = True
    return doc


def guard(nlp: Language) -> None:
    """Install the guarded tokenizer and the sentence cap on `nlp` (idempotent)."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    if "lagebild_sentence_cap" not in nlp.pipe_names:
        nlp.add_pipe("lagebild_sentence_cap", first=True)


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters (at the best boundary found in the
    second half of each piece); "".join(chunks(text)) == text."""
    out, pos = [], 0
    while len(text) - pos > size:
        window = text[pos:pos + size]
        cut = size
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            if ends:
                cut = ends[-1]
                break
        out.append(text[pos:pos + cut])
        pos += cut
    out.append(text[pos:])
    return out


def parse(nlp: Language, text: str, chunk_chars: int | None = None) -> Doc:
    """`nlp(text)`, in chunks when the text is long (see module doc); raises TooLong past the
    article limit."""
    limit = max_article_chars()
    if len(text) > limit:
        raise TooLong(f"the text has {len(text):,} characters, more than the limit of {limit:,} "
                      f"(LAGEBILD_MAX_ARTICLE_CHARS); not annotated")
    size = min(chunk_chars or CHUNK_CHARS, nlp.max_length)
    if len(text) <= size:
        return nlp(text)
    docs = [nlp(piece) for piece in chunks(text, size)]
    return Doc.from_docs(docs, ensure_whitespace=False)
