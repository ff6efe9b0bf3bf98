"""Streamlit glue shared by app.py and the pages: cached corpus, sidebar filters in the URL,
tables with a download button. No data wrangling here — that is lib/query.py."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.corpus import fingerprint
from lib.export import to_csv_bytes
from lib.pipeline import load_pipeline
from lib.query import (MAX_DATE, MIN_DATE, PARAMS, Filters, Selection, actor_options, choices,
                       date_span, escape_markdown, parse_params, select)
from lib.schema import ACTOR_TYPES
from lib.settings import cache_dir, corpus_paths, uploads_dir

ARTICLES_PAGE = "pages/articles.py"
APP_ROOT = Path(__file__).resolve().parent.parent
FILTER_HELP = (
    "Filters apply to every page and live in the URL, so a copied link opens the same view. "
    "**Actors** keep the articles that mention any of them, the events that involve any of "
    "them and the quotes they speak (anonymous speakers drop out). **Actor types** narrow "
    "actors, mentions, events and quote speakers. **Event dates** keep events whose date range "
    "overlaps; **publication dates**, **source** and **language** narrow the articles and "
    "everything found in them."
)
_KEYS = {"actors": "f_actor", "actor_types": "f_type", "sources": "f_source",
         "languages": "f_language"}


# --------------------------------------------------------------------------------------
# The corpus, cached


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
    """The annotated corpus (lib.annotate_corpus), shared read-only by all sessions: pages only
    read it through lib.query, whose filtered frames are cached per filter state below."""
    from lib import annotate_corpus

    return annotate_corpus(list(signature[1]), cache_dir=signature[0], pipelines=pipeline)


@st.cache_data(show_spinner=False, max_entries=32)
def selection(signature: tuple, params: tuple) -> Selection:
    """The frames for one set of filters (lib.query.select), cached per filter state."""
    return select(load_corpus(signature), Filters.from_params(dict(params)))


@st.cache_resource(show_spinner=False)
def gazetteer():
    try:
        from lib.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:  # no gazetteer: the map says so
        return None


def corpus():
    return load_corpus(corpus_signature())


def _params_key(filters: Filters) -> tuple:
    return tuple((k, tuple(v)) for k, v in sorted(filters.to_params().items()))


def ensure_entrypoint() -> None:
    """Run the page through app.py (its navigation and sidebar filters).

    Streamlit still supports the old multipage layout where every script in `pages/` is a page
    of its own. Until a run of app.py calls `st.navigation`, a fresh server process (or AppTest)
    may run a page script directly — e.g. when a shared link to `/quotes` is the first request.
    Then switch the old mode off and rerun, so that app.py runs first."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old mode
        PagesManager = None
    if PagesManager is not None and getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
    sync_url()


def sync_url() -> None:
    """Write the sidebar's filters into the URL. Called from the page itself: Streamlit resets
    the query parameters when a run switches pages, after app.py's part of the run."""
    state = st.session_state
    filters = state.get("filters")
    if filters is None:
        return
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx else ""
    _write_url(filters, force=state.get("_url_written_on") != page)
    state["_url_written_on"] = page


def current() -> tuple[object, Selection]:
    """The corpus and the selection for the sidebar's filters (set by app.py's sidebar)."""
    ensure_entrypoint()
    signature = corpus_signature()
    filters = st.session_state.get("filters") or Filters.from_params(st.query_params)
    return load_corpus(signature), selection(signature, _params_key(filters))


# --------------------------------------------------------------------------------------
# Sidebar filters, synced with the URL


def _date_range(value) -> tuple[dt.date | None, dt.date | None]:
    if not value:
        return None, None
    if isinstance(value, dt.date):
        return value, value
    value = list(value)
    first = value[0] if value else None
    last = value[1] if len(value) > 1 else first
    return first, last


def _seed_from_url(filters: Filters) -> None:
    state = st.session_state
    state["f_actor"] = list(filters.actors)
    state["f_type"] = list(filters.actor_types)
    state["f_source"] = list(filters.sources)
    state["f_language"] = list(filters.languages)
    state["f_events"] = tuple(d for d in (filters.event_from, filters.event_to or filters.event_from) if d)
    state["f_published"] = tuple(d for d in (filters.published_from,
                                            filters.published_to or filters.published_from) if d)


def _clear() -> None:
    _seed_from_url(Filters())


def _write_url(filters: Filters, force: bool = False) -> None:
    """Put the filters into the URL; `force` re-sends them even when the server's copy of the
    query parameters already has them (after a page switch the browser may have dropped them)."""
    wanted = filters.to_params()
    for name in PARAMS.values():
        have = st.query_params.get_all(name)
        if name in wanted:
            if force or have != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def sidebar_filters(corpus) -> Filters:
    """The filter widgets; their state is seeded from the URL when a session starts and
    written back to the URL by every page (`sync_url`; plain query parameters, see
    lib.query.Filters). Called before `st.navigation`, so the widgets are the same on
    every page."""
    state = st.session_state
    if "_filters_seeded" not in state:
        seeded, notices = parse_params(st.query_params)
        _seed_from_url(seeded)
        state["_filters_seeded"] = True
        state["_url_notices"] = (notices, None)
    elif "carry_filters" in state:  # st.switch_page does not carry widget values over
        _seed_from_url(state.pop("carry_filters"))
    sb = st.sidebar
    sb.header("Filters", help=FILTER_HELP)
    options = actor_options(corpus.actors, state.get("f_actor", []), corpus.quotes)
    actors = sb.multiselect(
        "Actors", list(options), format_func=lambda a: options.get(a, a), key="f_actor",
        placeholder="Search actors", help="Type to search; the number is how often an actor is "
        "mentioned. Keeps articles mentioning any selected actor, events involving them and "
        "quotes they speak (anonymous sources drop out).")
    types = sb.multiselect("Actor types", list(ACTOR_TYPES), key="f_type",
                           placeholder="All types")
    ev_lo, ev_hi = date_span(pd.concat([corpus.events["date_start"], corpus.events["date_end"]]))
    events = sb.date_input(
        "Event dates", key="f_events", min_value=MIN_DATE, max_value=MAX_DATE,
        help="Events whose date range overlaps this range" +
             (f" (events span {ev_lo} – {ev_hi})." if ev_lo else "."), format="YYYY-MM-DD")
    pub_lo, pub_hi = date_span(corpus.articles["published"])
    published = sb.date_input(
        "Publication dates", key="f_published", min_value=MIN_DATE, max_value=MAX_DATE,
        help="Articles published in this range" +
             (f" (the corpus spans {pub_lo} – {pub_hi})." if pub_lo else "."), format="YYYY-MM-DD")
    source_opts = choices(corpus.articles, "source")
    sources = sb.multiselect("Source", sorted(set(source_opts) | set(state.get("f_source", []))),
                             key="f_source", placeholder="All sources")
    lang_opts = choices(corpus.articles, "language")
    languages = sb.multiselect("Language", sorted(set(lang_opts) | set(state.get("f_language", []))),
                               key="f_language", placeholder="All languages")
    ev_from, ev_to = _date_range(events)
    pub_from, pub_to = _date_range(published)
    filters = Filters(actors=tuple(actors), actor_types=tuple(types), event_from=ev_from,
                      event_to=ev_to, published_from=pub_from, published_to=pub_to,
                      sources=tuple(sources), languages=tuple(languages))
    if filters.active:
        sb.button("Clear filters", on_click=_clear, key="clear_filters", icon=":material/filter_alt_off:",
                  width="stretch")
    state["filters"] = filters
    _url_notices(filters)
    return filters


def _url_notices(filters: Filters) -> None:
    """Say which values of the link were dropped (a date the dashboard cannot filter by, an
    unknown actor type), until the filters are changed."""
    notices, seeded = st.session_state.get("_url_notices") or ((), None)
    if not notices:
        return
    if seeded is None:  # the first run: the filters as the widgets took them from the link
        st.session_state["_url_notices"] = (notices, filters)
    elif filters != seeded:
        del st.session_state["_url_notices"]
        return
    shown = (f"`{n}`" if "`" not in n else escape_markdown(n) for n in notices)
    st.warning("Not used as given in the link: " + "; ".join(shown), icon=":material/link_off:")


# --------------------------------------------------------------------------------------
# Tables, downloads, links


def nothing(what: str) -> None:
    st.info(f"No {what} match these filters", icon=":material/filter_alt_off:")


def download(df: pd.DataFrame, name: str, key: str, label: str | None = None) -> None:
    """A download button for exactly the rows of `df` as CSV (lib.export.to_csv_bytes)."""
    stamp = dt.date.today().isoformat()
    st.download_button(
        label or f"Download {len(df)} rows as CSV", data=to_csv_bytes(df),
        file_name=f"lagebild-{name}-{stamp}.csv", mime="text/csv", key=key,
        icon=":material/download:", on_click="ignore")


def table(df: pd.DataFrame, key: str, column_config: dict | None = None,
          hide: tuple[str, ...] = ("article_id",), height: int | str = "auto") -> None:
    """A table whose rows open their article in the reader: a link column (keeps the filters)
    and row selection (switches to the Articles page in this session)."""
    config = {
        "link": st.column_config.LinkColumn("Open", display_text="read", width="small",
                                            help="Open the article in the reader"),
        **{c: None for c in hide if c in df.columns},
        **(column_config or {}),
    }
    for col in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[col]) and col not in config:
            config[col] = st.column_config.DateColumn(col.replace("_", " "), format="YYYY-MM-DD")
    columns = ["link"] + [c for c in df.columns if c != "link"] if "link" in df.columns else None
    event = st.dataframe(df, key=key, hide_index=True, column_config=config,
                         column_order=columns, on_select="rerun", selection_mode="single-row",
                         height=height)
    rows = event.selection.rows if event and event.selection else []
    if rows and "article_id" in df.columns:
        article = df.iloc[rows[0]]["article_id"]
        st.session_state["open_article"] = article
        st.session_state["carry_filters"] = st.session_state.get("filters") or Filters()
        st.switch_page(ARTICLES_PAGE)


def requested_article() -> str:
    """The article to read: one just opened from a table row, else `?article=ID`; kept in the
    URL so the reader's link can be shared."""
    article = st.session_state.pop("open_article", None)
    if article:
        st.query_params["article"] = article
        return article
    return st.query_params.get("article", "")


def env_summary() -> tuple[str, str]:
    """A short line naming the corpus folders, and a longer help text with the cache."""
    root = APP_ROOT
    uploads = uploads_dir()
    names = []
    for path in corpus_paths():
        path = Path(path).resolve()
        if path == uploads.resolve():
            names.append("your uploads")
        elif path.is_relative_to(root):
            names.append(str(path.relative_to(root)))
        else:
            names.append(str(path))
    help_text = (f"Corpus folders and files: {', '.join(str(p) for p in corpus_paths())}. "
                 f"Uploads are stored in {uploads}; annotations are cached in {cache_dir()}. "
                 "Set LAGEBILD_CORPUS, LAGEBILD_UPLOADS and LAGEBILD_CACHE to change them.")
    return "Corpus: " + ", ".join(escape_markdown(n) for n in names), help_text


def actor_picker(df: pd.DataFrame, key: str, **kwargs) -> None:
    """A table of actors; selecting a row adds that actor to the sidebar's actor filter."""
    state = st.session_state
    generation = state.get(f"_{key}_generation", 0)
    event = st.dataframe(df, key=f"{key}_{generation}", hide_index=True, on_select="rerun",
                         selection_mode="single-row", **kwargs)
    rows = event.selection.rows if event and event.selection else []
    if rows:
        filters = state.get("filters") or Filters()
        actor = df.iloc[rows[0]]["actor"]
        state["carry_filters"] = replace(filters, actors=filters.actors + (actor,))
        state[f"_{key}_generation"] = generation + 1  # a fresh table: the selection is used up
        st.rerun()
