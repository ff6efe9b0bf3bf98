"""Building blocks of the pages: tables whose rows open their article, CSV downloads, the
"nothing matches" notice, the corpus line, the actor picker."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

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


def download(df: pd.DataFrame, name: str, key: str, filters: Filters | None = None,
             label: str | None = None) -> None:
    """The one download button of a table: exactly the rows of `df` as CSV
    (lib.present.export), with the reader link of each row's article when `filters` are given.
    (Streamlit's own toolbar download stays: the only switch that hides it,
    client.disableDataExport, also blocks copying cells, which analysts rely on.)"""
    if filters is not None:   # absolute links: a CSV is read outside the dashboard
        df = with_links(df, filters, dashboard_base(st.context.url))
    stamp = dt.date.today().isoformat()
    st.download_button(
        label or f"Download {count_label(len(df))} as CSV", data=to_csv_bytes(df),
        file_name=f"lagebild-{name}-{stamp}.csv", mime="text/csv", key=key,
        icon=":material/download:", on_click="ignore")


def table(df: pd.DataFrame, key: str, filters: Filters, column_config: dict | None = None,
          hide: tuple[str, ...] = ("article_id",), height: int | str = "auto") -> None:
    """A table whose rows open their article in the reader: a link column (keeps the filters)
    and row selection (switches to the Articles page)."""
    df = with_links(df, filters)
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
        article = str(df.iloc[rows[0]]["article_id"])
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


def actor_picker(df: pd.DataFrame, key: str, filters: Filters, **kwargs) -> None:
    """A table of actors; selecting a row adds that actor to the sidebar's actor filter."""
    state = st.session_state
    generation = state.get(f"_{key}_generation", 0)
    event = st.dataframe(df, key=f"{key}_{generation}", hide_index=True, on_select="rerun",
                         selection_mode="single-row", **kwargs)
    rows = event.selection.rows if event and event.selection else []
    if rows:
        state[f"_{key}_generation"] = generation + 1  # a fresh table: the selection is used up
        add_actor(filters, str(df.iloc[rows[0]]["actor"]))
