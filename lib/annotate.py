"""Articles → spaCy docs → findings → frames.

`annotate_text` annotates one text; `annotate_corpus` loads a corpus (lib/corpus.py), annotates
what the cache (lib/store.py) does not hold yet, one pipeline per language (lib/pipeline.py),
and returns the five frames of lib/schema.py.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .ingest import corpus, dates
from .ingest.article import IMAGE_LINE
from .ingest.documents import page_at
from .ingest.language import detect_language
from .nlp import actors, events, longtext, quotes, timex
from .nlp.pipeline import Pipeline, load_pipeline
from .settings import cache_dir as default_cache_dir
from .store import INDEX_COLUMNS, TABLES, CacheError, Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

BATCH_SIZE = 16
# Annotations are written to the cache every CHECKPOINT articles (and at the end), so an
# interrupted run resumes where it stopped.
CHECKPOINT = 64


@dataclass
class Annotation:
    """The findings for one text (frames with the columns of lib/schema.py)."""
    mentions: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    language: str
    pipeline: str


@dataclass
class Corpus(schema.Frames):
    """An annotated corpus: the five frames, the load report and the cleaned texts."""
    report: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, article_id: str) -> str:
        return self.texts.get(article_id, "")


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    return dates.parse_date(value)


def findings(doc, published: dt.date | None, article_id: str) -> dict[str, list[dict]]:
    """Mentions, events and quotes of one annotated doc, as records."""
    mention_records = actors.extract_mentions(doc)
    timexes = timex.find_timexes(doc.text, anchor=published, lang=doc.lang_)
    quote_records = quotes.extract_quotes(doc, mention_records)
    event_records = events.extract_events(doc, timexes, mention_records, published, quote_records)
    out = {"mentions": mention_records, "events": event_records, "quotes": quote_records}
    for records in out.values():
        for record in records:
            record["article_id"] = article_id
    return out


def annotate_text(text: str, published=None, language: str | None = None) -> Annotation:
    """Annotate one text; offsets in the frames point into `text` as given.

    `published` (date, datetime or ISO string) anchors relative time expressions; `language`
    is detected when not given.
    """
    language = (language or detect_language(text)).lower()
    pipe = load_pipeline(language)
    # lines that hold no body text (markdown images, as the loader drops them) are blanked,
    # keeping every offset into the text as given
    masked = IMAGE_LINE.sub(lambda m: " " * len(m.group()), text)
    doc = longtext.parse(pipe.nlp, masked)
    found = findings(doc, _as_date(published), corpus.article_id(text))
    return Annotation(
        mentions=schema.frame("mentions", found["mentions"]),
        events=schema.frame("events", found["events"]),
        quotes=schema.frame("quotes", found["quotes"]),
        language=language,
        pipeline=pipe.name,
    )


def annotate_corpus(
    paths: str | Path | Iterable[str | Path],
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
    pipelines: Callable[[str], Pipeline] = load_pipeline,
) -> Corpus:
    """Load the articles under `paths` and annotate them into the five frames.

    Annotations are read from and written to the cache (default `lib.settings.cache_dir()`),
    keyed by article id and pipeline version: only new or changed articles are annotated.
    `progress(done, total, label)` is called as articles are annotated. `pipelines(lang)` gives
    the pipeline for a language (default `lib.pipeline.load_pipeline`; the dashboard passes its
    `st.cache_resource`-wrapped loader).
    """
    loaded = corpus.load_corpus(paths)
    store = Store(cache_dir or default_cache_dir()) if use_cache else None
    cache_issues: list[corpus.LoadIssue] = []

    by_lang: dict[str, list[corpus.Article]] = defaultdict(list)
    for article in loaded.articles:
        by_lang[article.language].append(article)

    loaded_pipes = {lang: pipelines(lang) for lang in by_lang}
    index_parts, parts = [], {t: [] for t in TABLES}
    todo: dict[str, list[corpus.Article]] = {}     # per language: what the cache does not hold
    for lang, articles in by_lang.items():
        have: set[str] = set()
        if store is not None:
            index, frames = store.load(loaded_pipes[lang].version, {a.id for a in articles})
            index_parts.append(index)
            for t in parts:
                parts[t].append(frames[t])
            have = set(index["id"])
            # findings resolve dates against the publication date: an article whose date
            # changed (its metadata edited, a date set on upload) is annotated again
            anchors = {a.id: _iso(a.published) for a in articles}
            stale = set(index.loc[index["published"].fillna("") != index["id"].map(anchors), "id"])
            if stale:
                index_parts[-1] = index[~index["id"].isin(stale)]
                for t in parts:
                    parts[t][-1] = parts[t][-1][~parts[t][-1]["article_id"].isin(stale)]
                have -= stale
        todo[lang] = [a for a in articles if a.id not in have]

    total = sum(len(batch) for batch in todo.values())
    writing = store is not None and (total == 0 or store.writable())   # said at once if not
    failed: list[corpus.LoadIssue] = []   # articles an annotator failed on: not cached, retried
    if progress:
        progress(0, total, "annotating")
    done = 0
    for lang, batch in todo.items():
        if not batch:
            continue
        pipe = loaded_pipes[lang]
        new_index, new = [], {t: [] for t in parts}

        def checkpoint(pipe=pipe):
            nonlocal writing, new_index, new
            index = pd.DataFrame(new_index, columns=INDEX_COLUMNS)
            frames = {t: schema.frame(t, records) for t, records in new.items()}
            if writing:
                try:
                    store.save(pipe.version, index, frames)
                except CacheError as exc:   # a full disk: say so now, go on without the cache
                    log.warning("%s; annotating without it", exc.strerror)
                    store.warnings.append(f"{exc.strerror}; annotating without it")
                    writing = False
            index_parts.append(index)
            for t in parts:
                parts[t].append(frames[t])
            new_index, new = [], {t: [] for t in parts}

        for start in range(0, len(batch), BATCH_SIZE):
            group = batch[start:start + BATCH_SIZE]
            for article, doc in zip(group, _parse(pipe.nlp, [a.text for a in group])):
                done += 1
                try:
                    if isinstance(doc, Exception):
                        raise doc
                    found = findings(doc, article.published, article.id)
                except longtext.TooLong as exc:
                    failed.append(corpus.LoadIssue(article.path, None, str(exc), "skipped"))
                except Exception as exc:  # one article must not stop the corpus: report it
                    log.exception("annotating %s failed", article.path)
                    failed.append(corpus.LoadIssue(
                        article.path, None,
                        f"could not be annotated ({type(exc).__name__}: {exc}); listed without findings",
                        "skipped"))
                else:
                    for t in new:
                        new[t] += found[t]
                    new_index.append({"id": article.id, "pipeline": pipe.name,
                                      "n_words": _n_words(doc), "published": _iso(article.published)})
                if progress:
                    progress(done, total, article.title)
            if len(new_index) >= CHECKPOINT:
                checkpoint()
        checkpoint()
    if store is not None:
        cache_issues = [corpus.LoadIssue(str(store.root), None, w, "warning") for w in store.warnings]

    filled = [p for p in index_parts if not p.empty]
    index = pd.concat(filled, ignore_index=True) if filled else pd.DataFrame(columns=INDEX_COLUMNS)
    info = index.set_index("id")
    article_records = [{
        "id": a.id, "title": a.title, "published": a.published, "source": a.source,
        "url": a.url, "language": a.language, "path": a.path,
        "n_words": int(info.at[a.id, "n_words"]) if a.id in info.index else 0,
        "pipeline": info.at[a.id, "pipeline"] if a.id in info.index else "",
        "n_pages": getattr(a, "n_pages", 0),
    } for a in loaded.articles]
    frames = {t: _concat(t, dfs) for t, dfs in parts.items()}
    order = {a.id: i for i, a in enumerate(loaded.articles)}
    for t, df in frames.items():
        df = df.assign(_order=df["article_id"].map(order)).sort_values(["_order", "start"], kind="stable")
        frames[t] = df.drop(columns="_order").reset_index(drop=True)
    frames["quotes"] = _with_pages(frames["quotes"], loaded.articles)
    # one name and one type per actor corpus-wide; the one actor table every view starts from
    frames["mentions"] = actors.unify(frames["mentions"])
    return Corpus(
        articles=schema.frame("articles", article_records),
        mentions=frames["mentions"],
        actors=actors.actor_table(frames["mentions"]),
        events=frames["events"],
        quotes=frames["quotes"],
        report=corpus.LoadResult([], loaded.report + failed + cache_issues).report_frame(),
        texts={a.id: a.text for a in loaded.articles},
    )


def _with_pages(quotes: pd.DataFrame, articles) -> pd.DataFrame:
    """`quotes` with the PDF page each starts on (0 for articles without pages): derived from
    the loaded article's page starts every time, so a cached quote gets it too."""
    paged = {a.id: a for a in articles if getattr(a, "page_starts", ())}
    pages = [page_at(paged[aid], int(start)) if aid in paged else 0
             for aid, start in zip(quotes["article_id"], quotes["start"])]
    return quotes.assign(page=pd.Series(pages, index=quotes.index, dtype="int64"))


def _parse(nlp, texts: list[str]):
    """A doc per text, in order, or the exception that text raised: short texts in one
    nlp.pipe batch, long ones in chunks (lib/longtext.py) one at a time as they are reached;
    one failing text does not fail the others."""
    out: list = [None] * len(texts)
    bound = min(longtext.CHUNK_CHARS, nlp.max_length, longtext.max_article_chars())
    short = [i for i, t in enumerate(texts) if len(t) <= bound]
    try:
        for i, doc in zip(short, nlp.pipe((texts[i] for i in short), batch_size=BATCH_SIZE)):
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


def _concat(table: str, dfs: list[pd.DataFrame]) -> pd.DataFrame:
    dfs = [df for df in dfs if not df.empty]
    return schema.coerce(table, pd.concat(dfs, ignore_index=True)) if dfs else schema.frame(table)


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def _n_words(doc) -> int:
    return sum(1 for token in doc if not (token.is_punct or token.is_space))
