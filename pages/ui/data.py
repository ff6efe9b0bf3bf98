"""The corpus and its selections, cached for every session of the server process."""
from __future__ import annotations

import streamlit as st

from lib.ingest.corpus import fingerprint
from lib.nlp.pipeline import load_pipeline
from lib.query import Filters, Selection, select
from lib.query.aliases import aliases_path
from lib.settings import cache_dir, corpus_paths


def corpus_signature() -> tuple:
    """The corpus folders and the fingerprint of their files: a new or changed file (an upload)
    gives a new signature and so a fresh load; otherwise the cached corpus is used."""
    paths = corpus_paths()
    return (str(cache_dir()), tuple(str(p) for p in paths), fingerprint(paths))


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def pipeline(lang: str):
    """One spaCy pipeline per language, loaded once per server process."""
    return load_pipeline(lang)


@st.cache_resource(show_spinner="Annotating the corpus (only new articles; the rest comes from "
                                "the cache)…", max_entries=2)
def load_corpus(signature: tuple):
    """The annotated corpus (lib.annotate_corpus; read whole from its stored snapshot when no
    file changed, lib/snapshot.py), shared read-only by all sessions: pages only read it
    through lib.query, whose filtered frames are cached per filter state below."""
    from lib.nlp.pipeline import pipeline_version
    from lib.snapshot import cached_corpus

    # the snapshot's check reads the models' versions from their meta.json: a start with
    # nothing new loads no spaCy model (3-5 s); assembling uses the cached pipelines
    return cached_corpus(list(signature[1]), cache_dir=signature[0], pipelines=pipeline,
                         versions=pipeline_version)


@st.cache_resource(show_spinner=False)
def _filled() -> set:
    """The corpus signatures whose new articles this server process has annotated into the cache."""
    return set()


def fill_cache(signature: tuple) -> None:
    """Annotate what the cache lacks of the corpus, once per signature and server process, with a
    progress bar (counts, time left). It runs outside the cached loaders (Streamlit cannot replay
    a bar drawn inside them); load_corpus then finds every article in the cache."""
    from lib.annotate_stream import ProgressText, annotate_to_cache
    from lib.snapshot import is_current
    from lib.store import Store

    if signature in _filled():
        return
    if is_current(list(signature[1]), signature[0]) or not Store(signature[0]).writable():
        _filled().add(signature)   # all stored (load_corpus reads the snapshot), or an unwritable
        return                     # cache: load_corpus annotates, under its spinner
    slot, describe = st.empty(), ProgressText()

    def progress(done: int, total: int, _label: str) -> None:
        if total:
            fraction, text = describe(done, total)
            slot.progress(fraction, text=text)

    annotate_to_cache(list(signature[1]), signature[0], progress=progress)
    slot.empty()
    _filled().add(signature)


def alias_signature() -> tuple:
    """The analyst's alias file (lib/query/aliases.py) and its modification time."""
    path = aliases_path()
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), None)


@st.cache_resource(show_spinner=False, max_entries=4)
def corrected_corpus(signature: tuple, aliases: tuple, lang: str = ""):
    """The corpus with the analyst's alias rules applied and the actors named in the display
    language (lib/query/labels.py) - no re-annotation."""
    from lib.query.labels import as_analysts_see_it

    return as_analysts_see_it(load_corpus(signature), aliases_path() if aliases[1] is not None else None,
                              lang or None)


# cache_resource, not cache_data: the selection is shared read-only like the corpus, not
# pickled and copied on every rerun (a selection of 100,000 articles is hundreds of MB)
@st.cache_resource(show_spinner=False, max_entries=32)
def _selection(signature: tuple, aliases: tuple, lang: str, params: tuple) -> Selection:
    return select(corrected_corpus(signature, aliases, lang), Filters.from_params(dict(params)))


@st.cache_resource(show_spinner=False)
def gazetteer():
    try:
        from lib.nlp.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:  # no gazetteer: the map says so
        return None


def current(filters: Filters | None = None, lang: str = ""):
    """The corpus with actor names in `lang` ("" = the corpus's own language), or with `filters`
    the selection they make (lib.query.select), cached per filter state."""
    signature, aliases = corpus_signature(), alias_signature()
    fill_cache(signature)
    if filters is None:
        return corrected_corpus(signature, aliases, lang)
    params = tuple((k, tuple(v)) for k, v in sorted(filters.to_params().items()))
    return _selection(signature, aliases, lang, params)


def derived(sel: Selection, name: str, build, *args):
    """`build()`: a table or figure of the selection `sel` (`name` and `args` say which), computed
    once while `sel` lives. Selections are shared by the sessions per filter state (above), so a
    page opened again — in another session, or after another page — reuses its tables and
    figures instead of building them again. What it returns is shared: callers do not change it."""
    from lib.query import memo

    return memo.cached((sel,), (name, *args), build)
