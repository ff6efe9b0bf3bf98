"""Shared German/English word lists, read from lib/resources/articles.json.

    from lib.nlp.words import ARTICLES, DEFINITE, articles
    articles("de")            # {"der", "die", …, "ein", …}
    articles("en", "definite")  # {"the"}

`ARTICLES` is every article of both languages; `DEFINITE` the definite ones of both.
`lemma_lookup(lang)` is spaCy's lookup lemma table (spacy-lookups-data) as a dict of strings
(kept parsed in the prepared-data cache, lib/prepared.py).
"""
from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from ..prepared import prepared, source_key
from ..settings import RESOURCES_DIR


@cache
def _table() -> dict:
    data = json.loads((RESOURCES_DIR / "articles.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def articles(lang: str | None = None, kind: str | None = None) -> frozenset[str]:
    """Articles of `lang` ("de"/"en", None = both) of `kind` ("definite"/"indefinite", None = both)."""
    table = _table()
    langs = [lang] if lang else list(table)
    return frozenset(w for lg in langs for k, ws in table[lg].items() if kind in (None, k) for w in ws)


ARTICLES = articles()
DEFINITE = articles(kind="definite")


@cache
def lemma_lookup(lang: str) -> dict[str, str]:
    """form -> lemma from spacy-lookups-data's `<lang>_lemma_lookup.json.gz`, or {} when it is not
    installed. Read directly (a third of a second), not through spacy.lookups, whose Table keys
    are string hashes and take seconds to build; the gazetteer and the quote lexicon share it."""
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover
        return {}
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"

    def parse() -> dict[str, str]:
        try:
            return json.loads(gzip.decompress(path.read_bytes()))
        except OSError:  # pragma: no cover
            return {}

    if not lang.isalnum():    # pragma: no cover - not a name the prepared cache takes
        return parse()
    # parsed once, then read back from the prepared-data cache (lib/prepared.py): 0.4 → 0.15 s
    return prepared(f"lemma_lookup_{lang}", [source_key(path)], parse)
