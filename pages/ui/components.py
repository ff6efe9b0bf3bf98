"""Building blocks of the pages: tables whose rows open their article, CSV downloads, the
"nothing matches" notice, the corpus line, the actor picker."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from lib.present.columns import UNKNOWN_HELP, WIDE, date_columns, display_frame, export_frame, label
from lib.present.export import to_csv_bytes
from lib.query import Filters
from lib.settings import REPO_ROOT, cache_dir, corpus_paths, uploads_dir

from .markdown import escape_markdown
from .sidebar import add_actor

ARTICLES_PAGE = "pages/articles.py"


def article_link(article_id: str, filters: Filters | None = None, base: str = "") -> str:
    """A link to the article reader that keeps the filters: `articles?…&article=ID`, relative,
    or absolute under `base` (the dashboard's address, see `dashboard_base`)."""
    return f"{base}articles?{(filters or Filters()).query_string(article=article_id)}"


def dashboard_base(url: str | None) -> str:
    """The address the dashboard is served under, from the address of one of its pages:
    `http://127.0.0.1:8501/quotes?actor=X` → `http://127.0.0.1:8501/` (also under a base path);
    "" when unknown."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return ""
    path = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def with_links(df: pd.DataFrame, filters: Filters | None, base: str = "") -> pd.DataFrame:
    """`df` with a `link` column to the reader for each row's article (when it has one)."""
    if "article_id" not in df.columns or "link" in df.columns:
        return df
    return df.assign(link=[article_link(a, filters, base) for a in df["article_id"]])


def nothing(what: str) -> None:
    """The notice of an empty view: nothing matches the filters, or the corpus is empty."""
    if st.session_state.get("_corpus_empty"):
        st.info("The corpus has no articles: add some on the upload page, or see the load report "
                "on the Overview page.", icon=":material/folder_off:")
        return
    st.info(f"No {what} match these filters", icon=":material/filter_alt_off:")


def count_label(n: int, one: str = "row", many: str | None = None) -> str:
    """"1 row", "2 rows", "0 rows"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def table_height(n_rows: int, most: int = 600) -> int:
    """The height of a table of `n_rows` rows: all of them (35 px a row and the header), at most
    `most` pixels (then it scrolls) — no 10-row box above empty space."""
    return min(35 * (max(n_rows, 1) + 1) + 3, most)


def _config(df: pd.DataFrame, given: dict | None = None) -> dict:
    """The column configuration of a shown table (`df` from `display_frame`): every column under
    its human name (lib.present.columns.LABELS, also over the pages' own configs), long text
    wide, dates with the help that an empty cell is an unknown date."""
    given = given or {}
    config = {}
    for col in df.columns:
        cfg = given.get(col)
        if col in given and cfg is None:
            config[col] = None
            continue
        if col == "link" and cfg is None:
            cfg = st.column_config.LinkColumn(display_text="read", width="small",
                                              help="Open the article in the reader")
        elif col == "url" and cfg is None:
            cfg = st.column_config.LinkColumn(display_text="open", width="small",
                                              help="The article where it was published")
        elif col in WIDE and cfg is None:
            cfg = st.column_config.TextColumn(width="large")
        cfg = dict(cfg) if isinstance(cfg, dict) else {}
        cfg["label"] = label(col)
        if df.attrs.get("dates") and col in df.attrs["dates"]:
            cfg["help"] = f"YYYY-MM-DD. {UNKNOWN_HELP}"
        config[col] = cfg
    return config


def shown(df: pd.DataFrame, hide: tuple[str, ...] = (), columns: list[str] | None = None,
          keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """`df` as a table shows it (lib.present.columns.display_frame), remembering its dates."""
    out = display_frame(df, hide=hide, columns=columns, keep=keep)
    out.attrs["dates"] = date_columns(df)
    return out


def frame(df: pd.DataFrame, key: str, hide: tuple[str, ...] = (), columns: list[str] | None = None,
          config: dict | None = None, **kwargs):
    """A plain table (no reader link): human headers, dates and unknowns as everywhere, sized
    to its rows."""
    view = shown(df, hide, columns)
    return st.dataframe(view, key=key, hide_index=True, column_config=_config(view, config),
                        height=kwargs.pop("height", table_height(len(view))), **kwargs)


def download(df: pd.DataFrame, name: str, key: str, filters: Filters | None = None,
             label: str | None = None, hide: tuple[str, ...] = (),
             columns: list[str] | None = None) -> None:
    """The one download button of a table: exactly the rows, columns and headers the table
    shows (lib.present.columns.export_frame: the same `hide`/`columns` as the table; the ids
    after them), with the reader link of each row's article ("Link") when `filters` are given;
    as CSV (lib.present.export). Streamlit's own toolbar download is hidden by the page's
    stylesheet (pages.ui.style), so this is the table's only one.

    The CSV is written when the button is clicked (Streamlit calls `csv_of(...)` then), not on
    every run of the page: writing 8,000 events or 14,000 mentions as CSV took seconds. The
    frames are shared read-only, so the rows written are the rows shown."""
    base = dashboard_base(st.context.url) if filters is not None else ""
    stamp = dt.date.today().isoformat()
    st.download_button(
        label or f"Download {count_label(len(df))} as CSV",
        data=csv_of(df, filters, base, hide, columns),
        file_name=f"lagebild-{name}-{stamp}.csv", mime="text/csv", key=key,
        icon=":material/download:", on_click="ignore")


def csv_of(df: pd.DataFrame, filters: Filters | None, base: str = "",
           hide: tuple[str, ...] = (), columns: list[str] | None = None):
    """A callable that writes the CSV of `download` (with the reader link of each row's article
    under `base` when `filters` are given: absolute, a CSV is read outside the dashboard)."""
    def write() -> bytes:
        out = with_links(df, filters, base) if filters is not None else df
        return to_csv_bytes(export_frame(out, hide=hide, columns=columns))

    return write


def table(df: pd.DataFrame, key: str, filters: Filters, column_config: dict | None = None,
          hide: tuple[str, ...] = (), height: int | str | None = None,
          columns: list[str] | None = None) -> None:
    """A table whose rows open their article in the reader: a link column (keeps the filters)
    and row selection (switches to the Articles page). Human headers, sized to its rows."""
    df = with_links(df, filters)
    view = shown(df, hide, columns, keep=("article_id",))
    config = _config(view, column_config)
    if "article_id" in view.columns:
        config["article_id"] = None
    event = st.dataframe(view, key=key, hide_index=True, column_config=config,
                         on_select="rerun", selection_mode="single-row",
                         height=table_height(len(view)) if height is None else height)
    rows = event.selection.rows if event and event.selection else []
    if rows and "article_id" in view.columns:
        article = str(view.iloc[rows[0]]["article_id"])
        st.switch_page(ARTICLES_PAGE, query_params={**filters.to_params(), "article": article})


def requested_article() -> str:
    """The article to read: `?article=ID` (so the reader's link can be shared)."""
    return st.query_params.get("article", "")


def env_summary() -> tuple[str, str]:
    """A short line naming the corpus folders, and a longer help text with the cache."""
    uploads = uploads_dir()
    names = []
    for path in corpus_paths():
        path = Path(path).resolve()
        if path == uploads.resolve():
            names.append("your uploads")
        elif path.is_relative_to(REPO_ROOT):
            names.append(str(path.relative_to(REPO_ROOT)))
        else:
            names.append(str(path))
    help_text = (f"Corpus folders and files: {', '.join(str(p) for p in corpus_paths())}. "
                 f"Uploads are stored in {uploads}; annotations are cached in {cache_dir()}. "
                 "Set LAGEBILD_CORPUS, LAGEBILD_UPLOADS and LAGEBILD_CACHE to change them.")
    return "Corpus: " + ", ".join(escape_markdown(n) for n in names), help_text


def actor_picker(df: pd.DataFrame, key: str, filters: Filters, columns: list[str] | None = None,
                 **kwargs) -> None:
    """A table of actors; selecting a row adds that actor to the sidebar's actor filter."""
    state = st.session_state
    generation = state.get(f"_{key}_generation", 0)
    view = shown(df, columns=columns, keep=("actor",))
    event = st.dataframe(view, key=f"{key}_{generation}", hide_index=True, on_select="rerun",
                         selection_mode="single-row", column_config=_config(view),
                         height=kwargs.pop("height", table_height(len(view))), **kwargs)
    rows = event.selection.rows if event and event.selection else []
    if rows:
        state[f"_{key}_generation"] = generation + 1  # a fresh table: the selection is used up
        add_actor(filters, str(view.iloc[rows[0]]["actor"]))
