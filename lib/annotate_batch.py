"""The unit of annotation work: a batch of articles of one language → records.

`annotate_batch(articles, pipe)` parses the texts with one spaCy pipeline (`nlp.pipe` in batches,
long texts in chunks, lib/nlp/longtext.py) and turns each doc into findings (`findings`). It holds
no state but how many articles a pipeline has seeded its vocabulary with (SEED_ARTICLES) and
returns plain records, so the same function runs in this process, in a worker of a process pool
(lib/annotate_stream.py) or on a Dask worker (lib/annotate_dask.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import weakref
from dataclasses import dataclass, field

from spacy.attrs import IS_PUNCT, IS_SPACE

from .annotate_stream import iso
from .ingest.article import Article, LoadIssue
from .nlp import actors, events, longtext, quotes, timex
from .nlp.pipeline import Pipeline
from .store import TABLES

log = logging.getLogger(__name__)

BATCH_SIZE = 16


@dataclass
class Batch:
    """What a batch of articles gave: one index record per annotated article (id, pipeline,
    n_words, published), the findings as records per table, and the articles that failed."""
    index: list[dict] = field(default_factory=list)
    records: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})
    failed: list[LoadIssue] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        self.index += other.index
        for t in TABLES:
            self.records[t] += other.records[t]
        self.failed += other.failed

    def __len__(self) -> int:
        return len(self.index) + len(self.failed)


def findings(doc, published: dt.date | None, article_id: str) -> dict[str, list[dict]]:
    """Mentions, events and quotes of one annotated doc, as records."""
    text = doc.text         # spaCy joins it from the tokens on every call: once here
    mention_records = actors.extract_mentions(doc, text)
    timexes = timex.find_timexes(text, anchor=published, lang=doc.lang_)
    quote_records = quotes.extract_quotes(doc, mention_records, text)
    event_records = events.extract_events(doc, timexes, mention_records, published, quote_records, text)
    out = {"mentions": mention_records, "events": event_records, "quotes": quote_records}
    for records in out.values():
        for record in records:
            record["article_id"] = article_id
    return out


# The first SEED_ARTICLES articles a pipeline annotates in a process are parsed outside the
# memory zone: their words (the corpus's frequent words: der, und, sagte, …) stay in the
# vocabulary and the tokenizer's cache, so later batches do not build their lexemes (word
# shape, like_num, …) and tokenizations again in every zone (tokenizing the 700 Wikinews
# articles: 1.9 s CPU with a zone per batch, 1.2-1.4 s after a seed of 64-128 articles).
# What the seed adds is bounded (the words of this many articles), so memory stays flat.
SEED_ARTICLES = 128
_seeded: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # nlp -> articles seeded


def annotate_batch(articles: list[Article], pipe: Pipeline, batch_size: int | None = None) -> Batch:
    """Annotate `articles` (one language) with `pipe`. An article the annotators fail on (or
    that is too long) is listed in `failed` with a message, never raised: one article must not
    stop the corpus."""
    seeded = _seeded.get(pipe.nlp, 0)
    if seeded < SEED_ARTICLES:      # the seed: its words stay in the vocabulary (see above)
        _seeded[pipe.nlp] = seeded + len(articles)
        return _annotate(articles, pipe, batch_size or BATCH_SIZE)
    # strings and lexemes the batch adds to spaCy's vocabulary are dropped when it is done
    # (spaCy's memory zone): the records are plain Python, so memory stays flat over a corpus
    with _memory_zone(pipe.nlp):
        return _annotate(articles, pipe, batch_size or BATCH_SIZE)


def _memory_zone(nlp):
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _annotate(articles: list[Article], pipe: Pipeline, batch_size: int) -> Batch:
    out = Batch()
    docs = parse(pipe.nlp, [a.text for a in articles], batch_size)
    for article, doc in zip(articles, docs):
        try:
            if isinstance(doc, Exception):
                raise doc
            found = findings(doc, article.published, article.id)
        except longtext.TooLong as exc:
            out.failed.append(LoadIssue(article.path, None, str(exc), "skipped"))
        except Exception as exc:  # one article must not stop the corpus: report it
            log.exception("annotating %s failed", article.path)
            out.failed.append(LoadIssue(
                article.path, None,
                f"could not be annotated ({type(exc).__name__}: {exc}); listed without findings",
                "skipped"))
        else:
            for t in TABLES:
                out.records[t] += found[t]
            out.index.append({"id": article.id, "pipeline": pipe.name,
                              "n_words": n_words(doc), "published": iso(article.published)})
    return out


def parse(nlp, texts: list[str], batch_size: int = BATCH_SIZE):
    """A doc per text, in order, or the exception that text raised: short texts in one
    nlp.pipe stream, long ones in chunks (lib/nlp/longtext.py) one at a time as they are
    reached; one failing text does not fail the others."""
    out: list = [None] * len(texts)
    bound = min(longtext.CHUNK_CHARS, nlp.max_length, longtext.max_article_chars())
    short = [i for i, t in enumerate(texts) if len(t) <= bound]
    try:
        for i, doc in zip(short, nlp.pipe((texts[i] for i in short), batch_size=batch_size)):
            out[i] = doc
    except Exception:   # find the text it failed on: one by one, below
        pass
    for i, text in enumerate(texts):
        doc, out[i] = out[i], None
        if doc is None:
            try:
                doc = longtext.parse(nlp, text)
            except Exception as exc:
                doc = exc
        yield doc


def n_words(doc) -> int:
    """Tokens that are neither punctuation nor whitespace (read as arrays: no Token objects)."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum())
