"""Aliases: the analyst corrects the actor list (merge, rename, hide, set type) without
re-annotating; the rules live in a small CSV file (lib/query/aliases.py)."""
import pandas as pd
import streamlit as st

from lib import schema
from lib.query import aliases as AL
from pages.ui import page
from pages.ui.components import frame
from pages.ui.data import corpus_signature, load_corpus

corpus, sel = page("Aliases")

st.title("Aliases")
path = AL.aliases_path()
st.caption(f"Corrections to the actor list, applied to every view and download at once. "
           f"They are kept in `{path}` (set `LAGEBILD_ALIASES` to keep them beside the corpus).")
rules = AL.load(path)
# the actors as the machine found them, so that a hidden or renamed actor can be picked again
raw = load_corpus(corpus_signature()).actors
names = sorted(set(raw["actor"]) | set(corpus.actors["actor"]))

ACTIONS = {"merge": "merge into another actor", "rename": "rename", "hide": "hide (not an actor)",
           "type": "set the type"}
with st.form("alias_form", clear_on_submit=True):
    actor = st.selectbox("Actor", names, index=None, key="alias_actor",
                         placeholder="Pick an actor")
    action = st.radio("Correction", list(ACTIONS), format_func=ACTIONS.get, horizontal=True,
                      key="alias_action")
    target = st.selectbox("Merge into", names, index=None, key="alias_target",
                          help="Only for a merge")
    new_name = st.text_input("New name", key="alias_name", help="Only for a rename")
    new_type = st.selectbox("Type", schema.ACTOR_TYPES, key="alias_type",
                            help="Only for setting the type")
    if st.form_submit_button("Add the correction"):
        value = {"merge": target or "", "rename": new_name.strip(), "hide": "",
                 "type": new_type}[action]
        if not actor:
            st.warning("Pick an actor first.")
        elif action in ("merge", "rename") and not value:
            st.warning("Say which name it becomes.")
        else:
            AL.save(AL.add(rules, AL.Rule(action, actor, value)), path)
            st.rerun()

st.subheader("Current rules")
if not rules:
    st.info("No corrections yet.")
else:
    frame(pd.DataFrame([{"action": r.action, "actor": r.actor, "becomes": r.value} for r in rules]),
          key="alias_rules")
    labels = [f"{r.action}: {r.actor}" + (f" → {r.value}" if r.value else "") for r in rules]
    drop = st.selectbox("Delete a rule", range(len(rules)), index=None,
                        format_func=lambda i: labels[i], key="alias_delete")
    if st.button("Delete", key="alias_delete_button", disabled=drop is None):
        AL.save([r for i, r in enumerate(rules) if i != drop], path)
        st.rerun()
    st.download_button("Download the alias file (CSV)", AL.dumps(rules), file_name="aliases.csv",
                       mime="text/csv", key="alias_download")
