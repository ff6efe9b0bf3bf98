"""Actor mentions of an annotated doc and the corpus-wide actor table.

`extract_mentions(doc)` reads the actor spans the ``lagebild_gazetteer`` component wrote to
``doc.spans["actors"]`` (or, when it did not run, the doc's entities) and turns each into a
mention of a canonical actor:

* titles and honorifics are stripped (``lib/resources/titles_<lang>.txt``): Herrn Wallace ->
  Wallace; spans that are nothing but titles or generic words (``actors_not_<lang>.txt``:
  Verteidigungsminister, Quelle, Kamikaze-Drohnen) are not actors;
* gazetteer names are canonicalised with their inflection (Russlands -> Russland), derived
  adjectives, prefixes and compound parts count for their actor (ukrainischen -> Ukraine,
  US-Amtskollegen -> USA, Nato-Konferenz -> Nato);
* names the gazetteer does not know: a German genitive -s is dropped when the bare form occurs
  in the same article (or the word ends in a safe genitive ending such as -ums), and a bare
  surname is merged into the one full name of the article that ends with it
  (Generalmajor Martin -> James Martin).

`actor_table(mentions)` aggregates a mentions frame (lib/schema.py "mentions") per actor.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd
from spacy.tokens import Doc, Span

from .. import schema
from .gazetteer import TYPE_BY_LABEL, Gazetteer, actor_spans, load_gazetteer
from .words import DEFINITE

# German genitive endings that are safe to undo on names the gazetteer does not know
_SAFE_GENITIVE_S = ("iums", "ums", "ments", "amts", "rats", "tags", "hofs", "gerichts",
                    "ministeriums", "komitees", "kommandos")
_SAFE_GENITIVE_ES = ("amtes", "rates", "tages", "hofes", "hauses", "gerichtes")
_WORD_SPLIT = re.compile(r"[\s\-–]+")
# a function word glued onto a name by a lost space in the source ("ofNew Labour")
_GLUED = re.compile(r"^(?:of|the|and|in|on|for|to|by|at|von|und|der|die|das|im|am|zu)(?=[A-ZÄÖÜ][a-zäöüß])")
# the forms that make an actor row and count in the actor table (see actor_table)

# a tie between types is decided in this order
_TYPE_ORDER = ("person", "organisation", "country", "place", "other")


def extract_mentions(doc: Doc, text: str | None = None) -> list[dict]:
    """One record per actor mention: start, end, text, label, actor, actor_type, sentence,
    sent_index, form (offsets are character offsets into doc.text). `text`: doc.text when the
    caller has it (spaCy builds doc.text anew, token by token, on every call)."""
    lang = doc.lang_ or None
    gaz = load_gazetteer(lang)
    spans = actor_spans(doc, lang)
    cands = [c for c in (_candidate(s, gaz, lang) for s in spans) if c is not None]
    cands = _dedupe(cands, spans, gaz)
    _merge_within_article(cands, lang)
    cands = _drop_unnamed_parts(cands)

    sents = list(doc.sents) if (doc.has_annotation("SENT_START") or doc.is_parsed) else [doc[:]]
    sent_of = {}
    for i, sent in enumerate(sents):
        for t in range(sent.start, sent.end):
            sent_of[t] = i
    # one string per sentence, shared by the rows of its mentions (built once, not per mention)
    texts: dict[int, str] = {}
    full = doc.text if text is None else text
    records = []
    for c in sorted(cands, key=lambda c: (c["span"].start_char, c["span"].end_char, c["actor"])):
        s: Span = c["span"]
        i = sent_of.get(s.start, 0)
        if i not in texts:
            texts[i] = full[sents[i].start_char:sents[i].end_char]
        records.append({
            "start": s.start_char, "end": s.end_char, "text": s.text, "label": c["label"],
            "actor": c["actor"], "actor_type": c["actor_type"], "sentence": texts[i],
            "sent_index": i, "form": c["form"],
        })
    return records


# ---- one span -> candidate mention ---------------------------------------------------------
def _trimmed(span: Span) -> Span:
    """`span` without whitespace tokens at its edges (a model's name may take in a line break)."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


def _candidate(span: Span, gaz: Gazetteer, lang: str | None) -> dict | None:
    span = _trimmed(span)
    if not len(span):
        return None
    label = span.label_ if span.label_ in schema.LABELS else "MISC"
    form = span.id_ if span.id_ in schema.FORMS else "name"
    kb = span.kb_id_
    base = {"span": span, "label": label, "form": form, "known": False}
    if kb and kb in gaz.entries:
        e = gaz.entries[kb]
        return {**base, "actor": e.id, "actor_type": e.type, "known": True}
    if form != "name":
        # an unresolved derived form or compound part: only a compound with a capitalised
        # first part that is not a generic word names an actor (Siemens-Chef -> Siemens)
        if form == "derived":
            return None
        first = span.text.split("-")[0]
        if not first[:1].isupper() or gaz.is_not_actor_word(first) or len(first) < 2:
            return None
        e = gaz.entry(first)
        if e is not None:
            return {**base, "actor": e.id, "actor_type": e.type, "known": True}
        return {**base, "actor": first, "actor_type": TYPE_BY_LABEL[label]}
    name = clean_name(span.text, gaz, strip_titles=(label in ("PER", "MISC") or
                                                     _starts_with_title(span.text, gaz)))
    if not name or is_not_actor(name, gaz):
        return None
    thing = _thing(span, name, gaz) if not kb else None
    if thing is not None:
        return {**base, **thing, "label": "MISC", "actor_type": "other"}
    e = gaz.entry(name)
    if e is not None and (label != "PER" or e.type == "person" or (
            e.type == "organisation" and not gaz.is_ambiguous(name))):
        # the gazetteer knows the name: its label goes with its type (Stoltenberg tagged ORG)
        return {**base, "label": e.label, "actor": e.id, "actor_type": e.type, "known": True}
    if lang == "de" and label != "PER":
        low = name.lower()
        if low.endswith(_SAFE_GENITIVE_S):
            name = name[:-1]
        elif low.endswith(_SAFE_GENITIVE_ES):
            name = name[:-2]
    return {**base, "actor": name, "actor_type": TYPE_BY_LABEL[label]}


def _thing(span: Span, name: str, gaz: Gazetteer) -> dict | None:
    """The span and name of a thing named after a thing head, or None: an exercise or an
    operation keeps its head (Übung Cerberus, Operation Barbarossa), a model or type does not
    (des Typs Shahed-136 -> Shahed-136); the head may stand before the span or be its first word."""
    doc = span.doc
    words = name.split()
    if len(words) > 1 and span[0].text == words[0] and gaz.is_thing_head(words[0]):
        if gaz.is_kind_noun(words[0]):
            return {"span": span[1:], "actor": " ".join(words[1:])}
        return {"span": span, "actor": name}
    head = doc[span.start - 1] if span.start > 0 else None
    if head is not None and gaz.is_thing_head(head.text):
        if gaz.is_kind_noun(head.text):
            return {"span": span, "actor": name}
        return {"span": doc[span.start - 1:span.end], "actor": f"{head.text} {name}"}
    return None


def _starts_with_title(text: str, gaz: Gazetteer) -> bool:
    words = text.split()
    return len(words) > 1 and gaz.is_title(words[0])


def clean_name(text: str, gaz: Gazetteer, strip_titles: bool = True) -> str:
    """Whitespace normalised, a leading article, leading titles (Herrn, Generalmajor, Maj.
    Gen.) and an English possessive 's removed."""
    words = text.split()
    if words:
        words[0] = _GLUED.sub("", words[0])
    while words and words[0] in DEFINITE:             # lowercase articles only
        words = words[1:]
    if strip_titles:
        while len(words) > 1 and (gaz.is_title(words[0]) or words[0] in (".", ",")):
            words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip(" ,.;:\"'„“”‚‘’()[]")


def is_not_actor(name: str, gaz: Gazetteer) -> bool:
    """True for titles, generic words and compounds of them (Verteidigungsminister,
    US-Verteidigungsminister, Quelle, Luft-Luft-Raketen); names without any letter."""
    if not any(c.isalpha() for c in name):
        return True
    rest = name
    hit = gaz.prefix(rest)
    if hit:
        rest = rest[len(hit[1]):]
    words = [w for w in _WORD_SPLIT.split(rest) if w]
    return bool(words) and all(gaz.is_not_actor_word(w.rstrip(".")) for w in words)


# ---- overlapping spans -------------------------------------------------------------------
def _dedupe(cands: list[dict], spans: list[Span], gaz: Gazetteer) -> list[dict]:
    """A gazetteer hit and the model's entity for the same thing are one mention.

    Mentions of a known (gazetteer) actor come first; of overlapping mentions of the same actor
    the shortest is kept (Iran, not "Der Iran"); a known name inside a longer known name is
    part of it (Island in "Falkland Islands"); a model span the gazetteer cannot resolve is
    dropped inside a gazetteer name ("Nahen" in "Nahen Osten") and, when MISC, on a compound
    the gazetteer resolved (Nato-Systeme counts for Nato only)."""
    known_names = [c for c in cands if c["known"] and c["form"] == "name"]
    resolved_tokens = {(c["span"].start, c["span"].end) for c in cands
                       if c["known"] and c["form"] in ("part", "prefix", "derived")}
    # token maps, so that each test looks at a span's own tokens (linear in the mentions)
    cover: dict[int, list[Span]] = defaultdict(list)      # token -> known names over it
    by_start: dict[int, list[Span]] = defaultdict(list)   # token -> known names starting there
    actor_of: dict[tuple[int, int], str] = {}
    for g in known_names:
        actor_of.setdefault((g["span"].start, g["span"].end), g["actor"])
        by_start[g["span"].start].append(g["span"])
        for i in range(g["span"].start, g["span"].end):
            cover[i].append(g["span"])
    # tokens inside a person's or place's name the model found: a gazetteer place there is
    # part of the name (Charles Kennedy is no mention of Kennedy, Colombia; Lady Elliot Island
    # none of Island = Iceland)
    in_person: set[int] = set()
    for c in cands:
        s = c["span"]
        if c["known"] or c["label"] not in ("PER", "LOC") or c["form"] != "name" \
                or s.end - s.start < 2:
            continue
        inside = {(g["span"].start, g["span"].end) for g in known_names
                  if s.start <= g["span"].start and g["span"].end <= s.end}
        if len(inside) == 1:        # two names run together (Teheran Reuters) stay two
            in_person.update(range(s.start, s.end))
    taken: dict[str, set[int]] = defaultdict(set)          # actor -> tokens of its kept mentions
    out: list[dict] = []
    for c in sorted(cands, key=lambda c: (not c["known"], c["span"].end - c["span"].start,
                                          c["span"].start)):
        s = c["span"]
        own = taken[c["actor"]]
        if any(i in own for i in range(s.start, s.end)):
            continue
        if c["known"] and c["actor_type"] in ("place", "country") and c["form"] == "name" \
                and all(i in in_person for i in range(s.start, s.end)):
            continue
        if c["known"] and c["form"] == "name" and any(
                g.start <= s.start and s.end <= g.end and g.end - g.start > s.end - s.start
                and actor_of[(g.start, g.end)] != c["actor"] for g in cover.get(s.start, ())):
            continue        # a known name inside a longer one (Islands in Falkland Islands)
        if not c["known"]:
            if any(g.end >= s.end for g in cover.get(s.start, ())):
                continue
            if c["label"] == "MISC" and (s.start, s.end) in resolved_tokens:
                continue
            # two gazetteer names run together by the model ("Teheran Reuters"); an ORG
            # keeps its name (Financial Times Deutschland)
            inside = [g for i in range(s.start, s.end) for g in by_start.get(i, ())
                      if g.end <= s.end]
            covered = {i for g in inside for i in range(g.start, g.end)}
            if c["label"] != "ORG" and len(inside) >= 2 and all(
                    not t.is_alpha for t in s if t.i not in covered):
                continue
        out.append(c)
        own.update(range(s.start, s.end))
    return out


# ---- merges within one article -------------------------------------------------------------
def _merge_within_article(cands: list[dict], lang: str | None) -> None:
    """Bare surnames -> the full name; unknown genitive forms -> the bare form."""
    unknown = [c for c in cands if not c["known"]]
    names = Counter(c["actor"] for c in cands)
    # genitive -s of a name that also occurs bare in the article (Stoltenbergs -> Stoltenberg)
    if lang in ("de", None):
        last_tokens = {c["actor"].split()[-1]: c["actor"] for c in cands
                       if c["actor_type"] == "person" and " " in c["actor"]}
        for c in unknown:
            a = c["actor"]
            if a.endswith("s") and len(a) > 3:
                bare = a[:-1]
                if bare in names:
                    c["actor"] = bare
                elif bare in last_tokens:
                    c["actor"] = last_tokens[bare]
    # a single-word person name -> the article's full name ending with it
    full_by_last: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if c["actor_type"] == "person" and " " in c["actor"]:
            full_by_last[c["actor"].split()[-1]][c["actor"]] += 1
    # an initial and the surname -> the article's full name (R. Kelly -> Robert Kelly)
    for c in cands:
        words = c["actor"].split()
        if c["actor_type"] != "person" or len(words) != 2 or not re.fullmatch(r"[A-ZÄÖÜ]\.", words[0]):
            continue
        options = [f for f in full_by_last.get(words[1], ()) if f != c["actor"]
                   and f.startswith(words[0][0]) and not re.match(r"[A-ZÄÖÜ]\.", f)]
        if len(options) == 1:
            c["actor"] = options[0]
    first_at: dict[str, int] = {}
    for c in cands:
        if c["actor_type"] == "person" and " " in c["actor"]:
            first_at.setdefault(c["actor"], c["span"].start_char)
            first_at[c["actor"]] = min(first_at[c["actor"]], c["span"].start_char)
    for c in cands:
        a = c["actor"]
        if " " in a or a not in full_by_last or c["form"] != "name":
            continue
        options = full_by_last[a].most_common()
        if not (len(options) == 1 or options[0][1] > options[1][1]):
            continue
        full = options[0][0]
        if c["actor_type"] == "person":
            c["actor"] = full
        elif (not c["known"] or c["actor_type"] == "place") \
                and first_at[full] < c["span"].start_char:
            # a surname the model typed as a place or organisation after the full name was
            # introduced (Charles Kennedy ... Kennedy): the person
            c.update(actor=full, actor_type="person", label="PER")


def _drop_unnamed_parts(cands: list[dict]) -> list[dict]:
    """A compound part the gazetteer does not know counts only for an actor the article also
    names: German capitalises every noun, so "Peer-Gegner" alone names nobody, while
    "Siemens-Chef" counts for Siemens where Siemens is named."""
    named = {c["actor"] for c in cands if c["form"] == "name"}
    return [c for c in cands if c["known"] or c["form"] != "part" or c["actor"] in named]


# ---- corpus-wide identity --------------------------------------------------------------
def _norm_text(t) -> str:
    return " ".join(str(t).split())


def decide_types(mentions: pd.DataFrame) -> dict[str, str]:
    """actor -> its one type corpus-wide: the gazetteer's type for a gazetteer actor, else the
    most common type of its name mentions (of all mentions when it has none); ties go to
    person, organisation, country, place, other in that order (then to the type met first).
    Counted with group-bys over the whole frame (no loop per actor: a 100k-article corpus has
    hundreds of thousands of actors)."""
    gaz = load_gazetteer(None)
    if mentions is None or len(mentions) == 0:
        return {}
    forms = mentions["form"] if "form" in mentions.columns else pd.Series("name", mentions.index)
    df = pd.DataFrame({"actor": mentions["actor"].to_numpy(dtype=object),
                       "type": mentions["actor_type"].to_numpy(dtype=object),
                       "name": forms.eq("name").to_numpy()})
    df = df[df["actor"].notna()]
    has_name = df.groupby("actor", sort=False)["name"].transform("any")
    rows = df[(df["name"] | ~has_name) & df["type"].notna() & (df["type"] != "")]
    rows = rows.assign(first=range(len(rows)))
    counts = rows.groupby(["actor", "type"], sort=False).agg(n=("first", "size"),
                                                             first=("first", "min")).reset_index()
    rank = {t: i for i, t in enumerate(_TYPE_ORDER)}
    counts["order"] = counts["type"].map(lambda t: rank.get(t, 99))
    best = counts.sort_values(["actor", "n", "order", "first"],
                              ascending=[True, False, True, True], kind="stable"
                              ).drop_duplicates("actor")
    out = dict.fromkeys(pd.unique(df["actor"]), "other")
    out.update(zip(best["actor"], best["type"]))
    for actor in out:
        if actor in gaz.entries:
            out[actor] = gaz.entries[actor].type
    return out


def _map_unique(values: pd.Series, fn) -> pd.Series:
    """`values.map(fn)`, calling `fn` once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = pd.array([fn(u) for u in uniques], dtype=object)
    return pd.Series(mapped.take(codes), index=values.index, dtype=object)


def unify(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions of a corpus with one name and one type per actor: whitespace in actor
    names collapsed, "The Home Office" merged into "Home Office" where the corpus has the
    bare name, German case forms of one name merged (_inflection_variants), and every mention
    carrying its actor's corpus-wide type (decide_types)."""
    if mentions is None or len(mentions) == 0:
        return mentions
    df = mentions.copy()
    df["actor"] = _map_unique(df["actor"], _norm_text)
    names = set(pd.unique(df["actor"]))
    the = {a: a[4:] for a in names if a.startswith("The ") and a[4:] in names}
    if the:
        df["actor"] = _map_unique(df["actor"], lambda a: the.get(a, a))
    variants = _inflection_variants(df)
    if variants:
        df["actor"] = _map_unique(df["actor"], lambda a: variants.get(a, a))
    types = decide_types(df)
    df["actor_type"] = _map_unique(df["actor"], lambda a: types.get(a, "other"))
    return df


# an inflection ending of a German adjective or noun in a name: Europäischen/Europäisches,
# Museums/Museum, Löwen/Löwe
_INFLECTION = re.compile(r"(?:e[mnrs]?|s)$")


def _inflection_key(name: str) -> str:
    def stem(word: str) -> str:
        bare = _INFLECTION.sub("", word)
        return bare if len(bare) >= 3 else word
    return " ".join(stem(w) for w in name.lower().split())


def _inflection_variants(df: pd.DataFrame) -> dict[str, str]:
    """variant -> actor for the case forms of one multi-word name the gazetteer does not know
    (Europäischen Patentamt, Europäisches Patentamt; Kunsthistorischen Museums Wien,
    Kunsthistorisches Museum Wien): they merge into the gazetteer's actor when one has the same
    form, else into the most mentioned (then the shortest) form. Names of persons never merge
    (Jansen and Janssen are two people), nor single words."""
    gaz = load_gazetteer(None)
    counts = df.loc[df["actor_type"] != "person", "actor"].value_counts()
    persons = set(df.loc[df["actor_type"] == "person", "actor"])
    groups: dict[str, list[str]] = defaultdict(list)
    for actor in counts.index:
        if " " in actor and actor not in persons:
            groups[_inflection_key(actor)].append(actor)
    out: dict[str, str] = {}
    for forms in groups.values():
        if len(forms) < 2:
            continue
        known = [f for f in forms if f in gaz.entries]
        if len(known) > 1:       # two gazetteer actors: two actors, whatever their forms
            continue
        target = known[0] if known else min(forms, key=lambda f: (-counts[f], len(f), f))
        out.update({f: target for f in forms if f != target})
    return out


# ---- corpus-wide table ---------------------------------------------------------------------
def actor_table(mentions: pd.DataFrame, forms: tuple[str, ...] | None = schema.COUNTED_FORMS,
                ) -> pd.DataFrame:
    """One row per actor: actor, actor_type, aliases (sorted distinct surface texts),
    n_mentions, n_articles, actor_id (= actor here; lib/query/labels.py shows labels); sorted by n_mentions (desc), then actor.

    Only mentions of the given `forms` count and make a row (default: the name itself), so a
    compound part or a derived adjective (US-Arbeitsmarkt, deutschen Sprachraum) does not make
    the USA or Germany an actor of the corpus; `forms=None` counts every form. The type is the
    actor's one corpus-wide type (decide_types over all its mentions)."""
    if mentions is None or len(mentions) == 0:
        return schema.frame("actors", [])
    df = mentions
    if "article_id" not in df.columns:
        df = df.assign(article_id="")
    types = decide_types(df)
    if forms is not None and "form" in df.columns:
        df = df[df["form"].isin(forms)]
    df = df[df["actor"].notna() & (df["actor"] != "")]
    if df.empty:
        return schema.frame("actors", [])
    grouped = df.groupby("actor", sort=False)
    table = pd.DataFrame({"n_mentions": grouped.size(),
                          "n_articles": grouped["article_id"].nunique()})
    # aliases: the distinct surface texts (whitespace collapsed), sorted
    texts = pd.DataFrame({"actor": df["actor"].to_numpy(dtype=object),
                          "text": _map_unique(df["text"], _norm_text).to_numpy(dtype=object)})
    texts = texts[texts["text"] != ""].drop_duplicates().sort_values(["actor", "text"])
    aliases = texts.groupby("actor", sort=False)["text"].agg(list)
    table["aliases"] = [aliases.get(a, []) for a in table.index]
    table["actor_type"] = [types.get(a, "other") for a in table.index]
    table = table.rename_axis("actor").reset_index()
    table["actor_id"] = table["actor"]
    table = table.sort_values(["n_mentions", "actor"], ascending=[False, True], kind="stable")
    return schema.coerce("actors", table)
