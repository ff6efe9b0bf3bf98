"""Articles → spaCy docs → findings → frames.

`annotate_text` annotates one text; `annotate_corpus` loads a corpus (lib/ingest/corpus.py),
annotates what the cache (lib/store.py) does not hold yet, one pipeline per language
(lib/nlp/pipeline.py), streamed in checkpoints (lib/annotate_stream.py, the work of a batch in
lib/annotate_batch.py), and returns the five frames of lib/schema.py.
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
from .annotate_stream import Progress, annotate_new, iso, up_to_date
from .ingest import corpus, dates
from .ingest.article import IMAGE_LINE
from .ingest.documents import page_at
from .ingest.language import detect_language
from .nlp.pipeline import Pipeline, load_pipeline, versions_of
from .settings import cache_dir as default_cache_dir
from .store import INDEX_COLUMNS, TABLES, Store

log = logging.getLogger(__name__)

__all__ = ["Annotation", "Corpus", "annotate_corpus", "annotate_text"]


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
    from .annotate_batch import findings
    from .nlp import longtext

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
    workers: int = 1,
    versions: Callable[[str], str] | None = None,
) -> Corpus:
    """Load the articles under `paths` and annotate them into the five frames.

    Annotations are read from and written to the cache (default `lib.settings.cache_dir()`),
    keyed by article id and pipeline version: only new or changed articles are annotated, and a
    spaCy pipeline is loaded only for a language that has some. `progress(done, total, label)`
    is called as articles are annotated. `pipelines(lang)` gives the pipeline for a language
    (default `lib.pipeline.load_pipeline`; the dashboard passes its `st.cache_resource`-wrapped
    loader). `workers` > 1 annotates in that many processes (lib/annotate_stream.py).
    `versions(lang)` is the version the cache is read by (default `versions_of(pipelines)`; the
    dashboard passes `pipeline_version` with its own loader, so a cached corpus loads no model).
    """
    loaded = corpus.load_corpus(paths)
    store = Store(cache_dir or default_cache_dir()) if use_cache else None

    by_lang: dict[str, list[corpus.Article]] = defaultdict(list)
    for article in loaded.articles:
        by_lang[article.language].append(article)

    # the version keys the cache; read from meta.json unless the caller brings its own loader
    version = versions or versions_of(pipelines)
    index_parts, parts = [], {t: [] for t in TABLES}
    todo: list[corpus.Article] = []     # what the cache does not hold
    for lang, articles in by_lang.items():
        have: set[str] = set()
        if store is not None:
            index, frames = store.load(version(lang), {a.id for a in articles})
            # findings resolve dates against the publication date: an article whose date
            # changed (its metadata edited, a date set on upload) is annotated again
            fresh = up_to_date(index, {a.id: iso(a.published) for a in articles})
            index_parts.append(index[fresh])
            for t in parts:
                parts[t].append(frames[t][frames[t]["article_id"].isin(set(index.loc[fresh, "id"]))])
            have = set(index.loc[fresh, "id"])
        todo += [a for a in articles if a.id not in have]

    failed: list[corpus.LoadIssue] = []   # articles an annotator failed on: not cached, retried
    for checkpoint in annotate_new(todo, store, len(todo), progress, pipelines, workers):
        index_parts.append(checkpoint.index)
        for t in parts:
            parts[t].append(checkpoint.frames[t])
        failed += checkpoint.failed
    cache_issues = ([corpus.LoadIssue(str(store.root), None, w, "warning") for w in store.warnings]
                    if store is not None else [])

    filled = [p for p in index_parts if not p.empty]
    index = pd.concat(filled, ignore_index=True) if filled else pd.DataFrame(columns=INDEX_COLUMNS)
    # plain dicts: a pandas lookup per article cost half a second on 700 articles
    n_words = dict(zip(index["id"], index["n_words"]))
    pipeline_of = dict(zip(index["id"], index["pipeline"]))
    article_records = [{
        "id": a.id, "title": a.title, "published": a.published, "source": a.source,
        "url": a.url, "language": a.language, "path": a.path,
        "n_words": int(n_words[a.id]) if a.id in n_words else 0,
        "pipeline": pipeline_of[a.id] if a.id in pipeline_of else "",
        "n_pages": getattr(a, "n_pages", 0),
    } for a in loaded.articles]
    frames = {t: _concat(t, dfs) for t, dfs in parts.items()}
    order = {a.id: i for i, a in enumerate(loaded.articles)}
    for t, df in frames.items():
        df = df.assign(_order=df["article_id"].map(order)).sort_values(["_order", "start"], kind="stable")
        frames[t] = df.drop(columns="_order").reset_index(drop=True)
    frames["quotes"] = _with_pages(frames["quotes"], loaded.articles)
    # one name and one type per actor corpus-wide; the one actor table every view starts from
    from .nlp import actors  # imports spaCy: not needed before (lib/annotate_stream.py)

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


def _concat(table: str, dfs: list[pd.DataFrame]) -> pd.DataFrame:
    dfs = [df for df in dfs if not df.empty]
    return schema.coerce(table, pd.concat(dfs, ignore_index=True)) if dfs else schema.frame(table)
