"""Add articles: upload files or a zip into the user's corpus folder, annotate them."""
import datetime as dt

import streamlit as st

from lib.ingest.uploads import (
    SUPPORTED_SUFFIXES,
    finish_upload,
    remove_uploads,
    save_uploads,
    stored_uploads,
    uploaded_as,
)
from lib.settings import cache_dir, corpus_paths, uploads_dir
from pages.ui import page
from pages.ui.data import load_corpus, pipeline
from pages.ui.markdown import escape_markdown

page("Add articles")

st.title("Add articles")
st.caption(f"Uploaded files are stored in **{escape_markdown(str(uploads_dir()))}** (not in the repository) and "
           "stay part of your corpus after a restart. Supported: "
           + " ".join(SUPPORTED_SUFFIXES) + " and .zip files of them.")

with st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader("Article files or a zip", accept_multiple_files=True,
                             type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES] + ["zip"],
                             key="upload_files")
    published = st.date_input(
        "Publication date for articles without one (optional)", value=None,
        min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31), format="YYYY-MM-DD",
        key="upload_published",
        help="Given to the articles of these files that have no date of their own (none in "
             "their metadata, no dateline such as “Berlin, 18. Oktober (dpa) –”). Relative "
             "dates in the text (gestern, last week) are resolved against it. Kept beside the "
             "stored copy; your file is not changed.")
    submitted = st.form_submit_button("Add to corpus", icon=":material/upload:")

if submitted and not files:
    st.warning("Choose one or more files first.")
elif submitted:
    result = save_uploads(((f.name, f.getvalue()) for f in files),
                          published=published if isinstance(published, dt.date) else None)
    for skipped in result.problems:     # one message per file, named as the user gave it
        st.error(f"**{escape_markdown(skipped.name)}**: {escape_markdown(skipped.reason)}",
                 icon=":material/error:")
    for saved in result.saved:
        if not saved.new:
            st.info(f"**{escape_markdown(saved.name)}** is already in the corpus "
                    f"({escape_markdown(saved.path.name)}).")
    if result.new_paths:
        bar = st.progress(0.0, text="Annotating…")

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(done / total if total else 1.0,
                         text=escape_markdown(f"Annotating {done}/{total}: {label}"[:120]))

        try:
            from lib import annotate_corpus

            fresh = annotate_corpus(corpus_paths(), cache_dir=cache_dir(), progress=progress,
                                    pipelines=pipeline)
        except Exception as exc:  # never a traceback for a bad upload
            st.error(f"The new files could not be annotated: {escape_markdown(str(exc))}",
                     icon=":material/error:")
        else:
            bar.progress(1.0, text="Done")
            added, messages = finish_upload(fresh, result.new_paths)
            for message in messages:     # one per file: what the loader said, whether kept
                text = f"**{escape_markdown(message.name)}**: {escape_markdown(message.text)}"
                if message.kept:
                    st.warning(text, icon=":material/warning:")
                else:
                    st.error(text + ".", icon=":material/error:")
            if len(added):
                st.success(f"Added {len(added)} article(s).", icon=":material/check_circle:")
                st.dataframe(added[["title", "published", "source", "language", "n_words"]],
                             hide_index=True, key="upload_added", column_config={
                                 "published": st.column_config.DateColumn(format="YYYY-MM-DD")})
            else:
                st.warning("No articles could be read from the uploaded files.")
            load_corpus.clear()

st.subheader("Your uploaded files")
removed = st.session_state.pop("_removed", None)
if removed:
    st.success(f"Removed {len(removed)} file(s): " + ", ".join(escape_markdown(n) for n in removed),
               icon=":material/check_circle:")
stored = stored_uploads()
if stored:
    folder = uploads_dir()
    uploaded = {n: uploaded_as(folder / n) for n, _ in stored}   # the name the user gave it
    st.dataframe({"file": [uploaded[n] for n, _ in stored], "stored as": [n for n, _ in stored],
                  "KB": [kb for _, kb in stored]},
                 hide_index=True, key="upload_stored")
    with st.form("remove_form", clear_on_submit=True):
        doomed = st.multiselect("Remove from the corpus", [n for n, _ in stored], key="upload_remove",
                                format_func=lambda n: n if uploaded[n] == n else f"{uploaded[n]} ({n})",
                                placeholder="Choose uploaded files",
                                help="Deletes the app's copy in the uploads folder (your own file is "
                                     "not touched); its articles leave every page.")
        if st.form_submit_button("Remove", icon=":material/delete:") and doomed:
            st.session_state["_removed"] = [uploaded.get(n, n) for n in remove_uploads(doomed)]
            load_corpus.clear()
            st.rerun()
else:
    st.caption("None yet.")
