"""The sidebar of every page: the navigation and the filters, which live in the URL.

The URL is the filters' one home: a page seeds the filter widgets from it whenever they have no
state of their own (a new session, a shared link, a page change), reads the widgets, and writes
what they show back into the URL. The navigation links carry the filters to the next page."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from lib.query import MAX_DATE, MIN_DATE, PARAMS, Filters, actor_options, choices, parse_params
from lib.query.options import spans
from lib.schema import ACTOR_TYPES

from .markdown import escape_markdown

# (script, label, icon) of each page, in the order of the navigation
PAGES = (
    ("app.py", "Overview", ":material/dashboard:"),
    ("pages/timeline.py", "Timeline", ":material/timeline:"),
    ("pages/actors.py", "Actors", ":material/groups:"),
    ("pages/quotes.py", "Quotes", ":material/format_quote:"),
    ("pages/articles.py", "Articles", ":material/article:"),
    ("pages/search.py", "Search", ":material/search:"),
    ("pages/aliases.py", "Aliases", ":material/edit_note:"),
    ("pages/upload.py", "Add articles", ":material/upload_file:"),
)
FILTER_HELP = (
    "Filters apply to every page and live in the URL, so a copied link opens the same view. "
    "**Actors** keep the articles that mention any of them, the events that involve any of "
    "them and the quotes they speak (anonymous speakers drop out). **Actor types** narrow "
    "actors, mentions, events and quote speakers. **Event dates** keep events whose date range "
    "overlaps; **publication dates**, **source** and **language** narrow the articles and "
    "everything found in them."
)
# widget key of each filter
KEYS = {"actors": "f_actor", "actor_types": "f_type", "sources": "f_source",
        "languages": "f_language", "events": "f_events", "published": "f_published"}


def _widget_values(filters: Filters) -> dict:
    def span(lo, hi):
        # one end only (`?published_to=X` in a link): open on the other side, not one day
        if not lo and not hi:
            return ()
        return (lo or MIN_DATE, hi or MAX_DATE)

    return {"f_actor": list(filters.actors), "f_type": list(filters.actor_types),
            "f_source": list(filters.sources), "f_language": list(filters.languages),
            "f_events": span(filters.event_from, filters.event_to),
            "f_published": span(filters.published_from, filters.published_to)}


def _seed(filters: Filters, force: bool = False) -> None:
    """Give the filter widgets the values of `filters` (only those without state of their
    own, unless `force`)."""
    for key, value in _widget_values(filters).items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def _clear() -> None:
    _seed(Filters(), force=True)


def _date_range(value) -> tuple[dt.date | None, dt.date | None]:
    if not value:
        return None, None
    if isinstance(value, dt.date):
        return value, value
    value = list(value)
    first = value[0] if value else None
    last = value[1] if len(value) > 1 else first
    return first, last


def write_url(filters: Filters) -> None:
    """Put the filters into the URL, leaving the page's other parameters alone."""
    wanted = filters.to_params()
    for name in PARAMS.values():
        if name in wanted:
            if st.query_params.get_all(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def add_actor(filters: Filters, actor: str) -> None:
    """Add `actor` to the actor filter (from a click elsewhere on the page) and rerun."""
    if actor not in filters.actors:
        st.session_state["_pending_filters"] = replace(filters, actors=filters.actors + (actor,))
    st.rerun()


def _filter_widgets(corpus) -> Filters:
    state = st.session_state
    sb = st.sidebar
    sb.header("Filters", help=FILTER_HELP)
    options = actor_options(corpus.actors, state.get("f_actor", []), corpus.quotes)
    actors = sb.multiselect(
        "Actors", list(options), format_func=lambda a: options.get(a, a), key="f_actor",
        placeholder="Search actors", filter_mode="contains",
        help="Type a name or part of one: the list keeps the actors whose name or other names "
        "(shown after the ·) contain it, most mentioned first; the number is how often an actor "
        "is mentioned. Keeps articles mentioning any selected actor, events involving them and "
        "quotes they speak (anonymous sources drop out).")
    types = sb.multiselect("Actor types", list(ACTOR_TYPES), key="f_type", placeholder="All types")
    (ev_lo, ev_hi), (pub_lo, pub_hi) = spans(corpus)
    events = sb.date_input(
        "Event dates", key="f_events", min_value=MIN_DATE, max_value=MAX_DATE,
        help="Events whose date range overlaps this range" +
             (f" (events span {ev_lo} – {ev_hi})." if ev_lo else "."), format="YYYY-MM-DD")
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
        sb.button("Clear filters", on_click=_clear, key="clear_filters",
                  icon=":material/filter_alt_off:", width="stretch")
    return filters


# the languages actor names can be shown in (lib/query/labels.py); "" = the corpus's own
NAME_LANGUAGES = {"": "as the corpus", "de": "Deutsch", "en": "English"}


def names_language() -> str:
    """The sidebar's choice of the language actor names are shown in (in the URL as
    `names=English` or `names=Deutsch`)."""
    return st.sidebar.selectbox(
        "Actor names", list(NAME_LANGUAGES), format_func=NAME_LANGUAGES.get, key="names",
        bind="query-params", help="Countries and other gazetteer actors under their German or "
        "English names (CSV downloads carry the name and its id); by default the language most "
        "articles are in.") or ""


def sidebar(corpus, page: str, nav=None) -> Filters:
    """The navigation and the filter widgets of `page`; returns the filters they show."""
    state = st.session_state
    url, notices = parse_params(st.query_params)
    shown = state.get("_filters_shown")
    arrived = state.get("_page") != page
    state["_page"] = page
    pending = state.pop("_pending_filters", None)
    if pending is not None:                 # a click on the page changed the filters
        _seed(pending, force=True)
    elif shown is None or (url != shown and (url.active or not arrived)):
        _seed(url, force=True)              # a new session, or the URL changed (a link)
        state["_url_notices"] = (notices, None)
    elif arrived:
        # widgets belong to their page: a new page gets the filters the session showed (the
        # URL's too, unless Streamlit cleared it when it switched pages)
        _seed(shown, force=True)
    else:
        _seed(url)
    nav = nav if nav is not None else st.sidebar.container()
    filters = _filter_widgets(corpus)
    state["_filters_shown"] = filters
    write_url(filters)
    _url_notices(filters)
    params = filters.to_params()
    if state.get("names"):      # the names language goes along too (a widget bound to the URL)
        params["names"] = [NAME_LANGUAGES[state["names"]]]
    for script, label, icon in PAGES:
        nav.page_link(script, label=label, icon=icon, query_params=params)
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
