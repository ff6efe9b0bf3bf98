"""Shared German/English word lists, read from lib/resources/articles.json.

    from lib.nlp.words import ARTICLES, DEFINITE, articles
    articles("de")            # {"der", "die", …, "ein", …}
    articles("en", "definite")  # {"the"}

`ARTICLES` is every article of both languages; `DEFINITE` the definite ones of both.
"""
from __future__ import annotations

import json
from functools import cache

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
