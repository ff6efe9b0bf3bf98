"""Actor names in the language of the reader.

A gazetteer actor has one canonical id (its German name, the name the annotation stores) and a
display label per language: ``lib/resources/gazetteer/labels_<lang>.tsv`` (generated from CLDR
by scripts/build_gazetteer.py) and ``gazetteer/curated/labels_<lang>.tsv`` (by hand, wins).
German shows the id itself. The display language is `LAGEBILD_ACTOR_LANGUAGE` when set, else
the majority language of the corpus's articles (German on a tie or an empty corpus).

`localize(corpus, lang)` shows every actor under its label - mentions, actor table, quote
speakers and event actors - while the actor table's `actor_id` column keeps the id, so CSVs
carry both.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..settings import RESOURCES_DIR, actor_language

GAZETTEER_DIR = RESOURCES_DIR / "gazetteer"
ID_LANGUAGE = "de"


def _read(path) -> dict[str, str]:
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        key, label = line.split("\t", 1)
        if key.strip() and label.strip():
            out[key.strip()] = label.strip()
    return out


@lru_cache(maxsize=4)
def labels(lang: str) -> dict[str, str]:
    """id -> display label in `lang` (empty for the id language)."""
    if not lang or lang == ID_LANGUAGE:
        return {}
    out = _read(GAZETTEER_DIR / f"labels_{lang}.tsv")
    out.update(_read(GAZETTEER_DIR / "curated" / f"labels_{lang}.tsv"))
    return out


def display_language(articles=None) -> str:
    env = actor_language()
    if env:
        return env
    if articles is None or len(articles) == 0 or "language" not in articles.columns:
        return ID_LANGUAGE
    counts = articles["language"].value_counts()
    if counts.empty:
        return ID_LANGUAGE
    top = counts[counts == counts.max()].index
    return ID_LANGUAGE if ID_LANGUAGE in top else str(top[0])


def localize(corpus, lang: str):
    """`corpus` with its gazetteer actors under their `lang` labels (the same object when
    nothing changes). A label that is already another actor's name is not used (no merge)."""
    table = labels(lang)
    if not table:                 # the id language: every actor is shown under its id
        return corpus
    names = set(corpus.actors["actor"]) if len(corpus.actors) else set()
    to = {a: table[a] for a in names if a in table and table[a] not in names}
    if not to:
        return corpus
    def m(a: str) -> str:
        return to.get(a, a)
    mentions = corpus.mentions.assign(actor=corpus.mentions["actor"].map(m))
    actors = corpus.actors.copy()
    actors["actor_id"] = [i or a for i, a in zip(actors["actor_id"], actors["actor"])]
    actors["aliases"] = [sorted(set(al) | ({a} if a in to else set()))
                         for a, al in zip(actors["actor"], actors["aliases"])]
    actors["actor"] = actors["actor"].map(m)
    events = corpus.events.copy()
    if len(events):
        events["actors"] = events["actors"].map(lambda ns: [m(n) for n in ns])
    quotes = corpus.quotes.copy()
    if len(quotes):
        quotes["speaker_actor"] = quotes["speaker_actor"].map(m)
    return replace(corpus, mentions=mentions, actors=actors, events=events, quotes=quotes)


def as_analysts_see_it(corpus, alias_file=None, lang: str | None = None):
    """The corpus as every view and the CLI's export show it: the analyst's alias rules applied
    (lib/query/aliases.py, default file `lib.settings.aliases_path()`) and the actors named in
    `lang` (default: the display language, see `display_language`). No re-annotation."""
    from .aliases import apply, load

    corrected = apply(corpus, load(alias_file))
    return localize(corrected, lang or display_language(corrected.articles))
