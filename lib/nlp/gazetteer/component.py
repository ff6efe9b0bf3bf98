"""The ``lagebild_gazetteer`` spaCy component: model entities and gazetteer hits -> actor spans.

See the package docstring (lib/nlp/gazetteer/__init__.py) for what it writes.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ...prepared import prepared, source_key
from ..pipeline import code_hash
from .data import (
    COMMON_NOUN_SUFFIXES,
    DROP_LABELS,
    ENTRY_FILES,
    GAZETTEER_DIR,
    LABEL_MAP,
    SPANS_KEY,
    Entry,
    Gazetteer,
    _lemma_table,
    load_gazetteer,
)


# ---- model entities -> actor spans ---------------------------------------------------------
def map_label(label: str) -> tuple[str | None, str]:
    """Model label -> (PER/ORG/LOC/MISC or None to drop, form)."""
    form = "name"
    base = label
    for suffix, f in (("deriv", "derived"), ("part", "part")):
        if label.endswith(suffix) and len(label) > len(suffix):
            base, form = label[: -len(suffix)], f
    if base in DROP_LABELS:
        return None, form
    return LABEL_MAP.get(base, "MISC"), form


# word forms whose gazetteer answers a component keeps (emptied when full)
_WORDS_CACHED = 200_000

_CLAUSE_PUNCT = {",", ";", ":", "„", "“", "”", "\"", "«", "»", "(", ")", "!", "?"}


def implausible_name(span: Span) -> bool:
    """A model entity that reads like a clause, not a name: punctuation inside, more than six
    words, or mostly lowercase words ("Die enge Zusammenarbeit, die wir ... sehen")."""
    inner = [t for t in span][:-1] if len(span) > 1 else []
    if any(t.text in _CLAUSE_PUNCT for t in inner):
        return True
    words = [t.text for t in span if t.is_alpha or "-" in t.text]
    if len(words) > 6:
        return True
    return bool(words) and sum(w[:1].isupper() for w in words) * 2 < len(words)


def model_span(doc: Doc, ent: Span, gaz: Gazetteer) -> Span | None:
    """An actor span for a model entity: base label, form and canonical id where known;
    None for labels that name no actor (DATE, ...) and for implausible names."""
    label, form = map_label(ent.label_)
    if label is None:
        return None
    if implausible_name(ent) and gaz.entry(ent.text) is None:
        return None
    text = ent.text
    kb = ent.kb_id_ if ent.kb_id_ and ent.kb_id_ in gaz.entries else ""
    if ent.label_ == "NORP" or form == "derived":
        eid = gaz.adjective(text)
        if eid:
            label, form, kb = gaz.entries[eid].label, "derived", eid
        elif ent.label_ == "NORP":
            label = "MISC"
    elif form == "part":
        hits = gaz.parts(text)
        if hits:
            kb, form = hits[0]
    elif not kb:
        e = gaz.entry(text)
        # the model confirms the name (so ambiguous names count here), unless it calls a
        # place a person (Washington, Austin) or a person something else
        if e is not None and (label == "PER") == (e.type == "person"):
            kb = e.id
    return Span(doc, ent.start, ent.end, label=label, kb_id=kb, span_id=form)


def actor_spans(doc: Doc, lang: str | None = None) -> list[Span]:
    """The actor spans of a doc: doc.spans["actors"] when the component ran, else the mapped
    doc.ents."""
    if SPANS_KEY in doc.spans:
        return list(doc.spans[SPANS_KEY])
    gaz = load_gazetteer(lang or doc.lang_)
    out = []
    for ent in doc.ents:
        s = model_span(doc, ent, gaz)
        if s is not None:
            out.append(s)
    return out


# ---- the component -------------------------------------------------------------------------
def _name_patterns(nlp: Language, lang: str, gaz: Gazetteer) -> tuple[list, list]:
    """The gazetteer's names (lowercased) and demonyms as the pipeline's tokenizer splits them,
    each as the list of its tokens' LOWER (names) or ORTH (demonyms) hashes: what the
    PhraseMatchers compare, and what `PhraseMatcher.add` takes in place of a Doc. Tokenized
    once, then read back from the prepared-data cache (lib/prepared.py), keyed by the gazetteer's
    files, the annotation code and the tokenizer (spaCy's version, which fixes the hashes; the
    model's name, version and tokenizer file). Read back, no Doc and no lexeme is built: 0.2 s
    per process → about 0.01 s."""
    def tokenize() -> tuple[list, list]:
        names = sorted({n for e in gaz.entries.values() for n in [e.id, *e.names]})
        dem = sorted(gaz._demonyms)
        return ([doc.to_array(LOWER).tolist() for doc in nlp.tokenizer.pipe([n.lower() for n in names])
                 if len(doc)],
                [doc.to_array(ORTH).tolist() for doc in nlp.tokenizer.pipe(dem) if len(doc)])

    if not str(lang).isalnum():     # pragma: no cover - not a name the prepared cache takes
        return tokenize()
    tokenizer_file = Path(nlp.path) / "tokenizer" if nlp.path else None
    try:
        st = tokenizer_file.stat() if tokenizer_file else None
    except OSError:
        st = None
    keys = [f"spacy {spacy.__version__}", f"lang {nlp.lang}",
            f"model {nlp.meta.get('name')} {nlp.meta.get('version')} {nlp.path}",
            f"tokenizer {type(nlp.tokenizer).__name__} {st.st_size if st else ''} {st.st_mtime_ns if st else ''}",
            f"code {code_hash()}", *(source_key(GAZETTEER_DIR / f) for f in ENTRY_FILES)]
    return tuple(prepared(f"gazetteer_names_{lang}", keys, tokenize))


class GazetteerComponent:
    def __init__(self, nlp: Language, name: str = "lagebild_gazetteer", lang: str | None = None,
                 spans_key: str = SPANS_KEY, set_ents: bool = True, title_persons: bool = True):
        self.name = name
        self.lang = lang or nlp.lang
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.title_persons = title_persons
        self.gaz = load_gazetteer(self.lang)
        self.lemmas = _lemma_table(self.lang) if title_persons and self.lang == "de" else {}
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.demonyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        names, dem = _name_patterns(nlp, self.lang, self.gaz)
        self.names.add("NAME", names)
        if dem:
            self.demonyms.add("DEMONYM", dem)
        # per word form (ORTH id): whether it is a person title and its token-level hits, asked
        # once per form, not per token (the gazetteer does not change once loaded)
        self._words: dict[int, tuple[bool, tuple[tuple[str, str], ...]]] = {}

    def _word(self, doc: Doc, orth: int) -> tuple[bool, tuple[tuple[str, str], ...]]:
        """(a person title?, [(id, form)] of the word as a token on its own: a derived adjective,
        a country prefix, names among its compound parts) for the word with ORTH id `orth`."""
        info = self._words.get(orth)
        if info is None:
            if len(self._words) >= _WORDS_CACHED:
                self._words.clear()
            gaz, lexeme = self.gaz, doc.vocab[orth]
            text = lexeme.orth_
            hits: tuple[tuple[str, str], ...] = ()
            if text[:1].isalpha():
                eid = gaz.adjective(text) if lexeme.is_alpha or "-" in text else None
                hits = ((eid, "derived"),) if eid else tuple(gaz.parts(text))
            info = self._words[orth] = (gaz.is_person_title(text), hits)
        return info

    # gazetteer hits --------------------------------------------------------------------------
    def gazetteer_spans(self, doc: Doc, model_ents: list[Span]) -> list[Span]:
        gaz = self.gaz
        model_bounds = {(e.start, e.end) for e in model_ents}
        model_per = {(e.start, e.end) for e in model_ents if map_label(e.label_)[0] == "PER"}
        model_other = {(e.start, e.end) for e in model_ents
                       if map_label(e.label_)[0] in ("ORG", "LOC")}
        hits: list[Span] = []
        # 1. names (longest match wins among overlapping name hits)
        cands = []
        for _, start, end in self.names(doc):
            span = doc[start:end]
            text = span.text
            if not gaz.accepts_surface(text):
                continue
            # the last token of a multi-token name must be capitalised too (not "Naher osten")
            if end - start > 1 and not (doc[end - 1].text[:1].isupper()
                                        or doc[end - 1].text[:1].isdigit()):
                continue
            if gaz.is_ambiguous(text) and (start, end) not in model_bounds:
                continue
            eid = gaz._exact.get(text) or gaz._by_lower.get(text.lower())
            if eid is None:
                continue
            is_person = gaz.entries[eid].type == "person"
            # the model's PER for a place name (Austin, Washington) and vice versa wins
            if (start, end) in (model_other if is_person else model_per):
                continue
            # "Herr Austin", "Mr Jordan": a title before a place name makes it a person
            if not is_person and start > 0 and gaz.is_title(doc[start - 1].text):
                continue
            cands.append((start, end, eid))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: set[int] = set()
        name_tokens: set[int] = set()
        for start, end, eid in cands:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            e = gaz.entries[eid]
            form = "name"
            # English-style split compounds: "US-led", "NATO-led" (token followed by "-")
            if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                    and end + 1 < len(doc) and not doc[end].whitespace_:
                form = "prefix" if any(p.rstrip("-") == doc[start:end].text
                                       for p in e.prefixes) else "part"
            if form == "name":
                name_tokens.update(range(start, end))
            hits.append(self._span(doc, start, end, e, form))
        # 2. demonyms (exact forms, may be multi-token: "North Korean")
        dem_tokens: set[int] = set()
        for _, start, end in self.demonyms(doc):
            if any(i in name_tokens for i in range(start, end)):
                continue
            eid = gaz._demonyms.get(doc[start:end].text)
            if eid:
                dem_tokens.update(range(start, end))
                hits.append(self._span(doc, start, end, gaz.entries[eid], "derived"))
        # 3. token-level: adjectives, prefixes, compound parts (most words have none: the
        # per-form answer is looked up inline, the method runs once per new form)
        words, word = self._words, self._word
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            found = (words.get(orth) or word(doc, orth))[1]
            if not found or i in name_tokens or i in dem_tokens:
                continue
            for eid, form in found:
                hits.append(self._span(doc, i, i + 1, gaz.entries[eid], form))
        return hits

    def title_person_spans(self, doc: Doc, taken: set[int]) -> list[Span]:
        """PER spans for capitalised words after a person title (Herr Wallace, Generalmajor
        James Martin, Mr Austin) on tokens no other span covers: persons without an NER."""
        gaz, out = self.gaz, []
        orths = doc.to_array(ORTH).tolist()
        words, word = self._words, self._word
        n = len(orths)
        i = 0
        while i < n:
            if not (words.get(orths[i]) or word(doc, orths[i]))[0]:   # gaz.is_person_title(doc[i].text)
                i += 1
                continue
            j = i + 1
            while j < len(doc) and (doc[j].text == "." or gaz.is_title(doc[j].text)):
                j += 1
            k = j
            while k < len(doc) and k - j < 4 and self._name_token(doc[k], taken):
                k += 1
            if k > j:
                out.append(Span(doc, j, k, label="PER", span_id="name"))
            i = max(k, i + 1)
        return out

    def _name_token(self, tok, taken: set[int]) -> bool:
        text = tok.text
        if tok.i in taken or not text[:1].isupper() or not text.replace("-", "").isalpha():
            return False
        if len(text) < 2 or text.isupper() or tok.is_stop or tok.is_sent_start:
            return False
        if text.lower().endswith(COMMON_NOUN_SUFFIXES):
            return False
        gaz = self.gaz
        if gaz.is_title(text) or gaz.is_not_actor_word(text) or gaz.adjective(text):
            return False
        eid = gaz._exact.get(text) or gaz._by_lower.get(text.lower())
        if eid and gaz.entries[eid].type != "person" and not gaz.is_ambiguous(text):
            return False                          # "Präsident Russlands"; but "Herr Austin"
        lemma = self.lemmas.get(text)
        return not (lemma and lemma != text)     # an inflected common noun (Sorgen, Raketen)

    @staticmethod
    def _span(doc: Doc, start: int, end: int, e: Entry, form: str) -> Span:
        return Span(doc, start, end, label=e.label, kb_id=e.id, span_id=form)

    # ---- main ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        model_ents = list(doc.ents)
        gaz_spans = self.gazetteer_spans(doc, model_ents)
        mapped = [s for s in (model_span(doc, e, self.gaz) for e in model_ents) if s is not None]
        titled: list[Span] = []
        if self.title_persons:
            taken = {i for s in model_ents if not implausible_name(s)
                     for i in range(s.start, s.end)}
            taken |= {i for g in gaz_spans if g.id_ == "name" for i in range(g.start, g.end)}
            titled = self.title_person_spans(doc, taken)
            mapped += titled
        # a multi-token model entity swallows derived hits inside it (Deutsche Bank)
        multi: dict[int, list[tuple[int, int]]] = {}    # token -> the multi-token spans over it
        for m in mapped:
            if m.end - m.start > 1 and m.label_ != "LOC":
                for i in range(m.start, m.end):
                    multi.setdefault(i, []).append((m.start, m.end))
        gaz_spans = [g for g in gaz_spans if not (g.id_ == "derived" and any(
            s <= g.start and g.end <= e and (s, e) != (g.start, g.end)
            for s, e in multi.get(g.start, ())))]
        # one span per (offsets, id, form): the gazetteer's version wins
        seen = {(g.start, g.end, g.kb_id_, g.id_) for g in gaz_spans}
        actors = list(gaz_spans) + [m for m in mapped
                                    if (m.start, m.end, m.kb_id_, m.id_) not in seen]
        actors.sort(key=lambda s: (s.start, -s.end))
        doc.spans[self.spans_key] = actors
        if self.set_ents:
            doc.ents = self._combine_ents(doc, model_ents, gaz_spans + titled)
        return doc

    def _combine_ents(self, doc: Doc, model_ents: list[Span], gaz_spans: list[Span]) -> list[Span]:
        # the entities so far, by key, and which entity holds each token: overlap tests look at
        # a span's own tokens only, so the cost is linear in the number of spans
        ents: dict[int, Span] = {}
        owner: dict[int, int] = {}
        keys = itertools.count()

        def add(span: Span) -> None:
            key = next(keys)
            ents[key] = span
            for i in range(span.start, span.end):
                owner[i] = key

        def overlapping(span: Span) -> list[Span]:
            keys = dict.fromkeys(owner[i] for i in range(span.start, span.end) if i in owner)
            return [ents[k] for k in sorted(keys)]

        def remove(span: Span) -> None:
            key = owner[span.start]
            del ents[key]
            for i in range(span.start, span.end):
                owner.pop(i, None)

        for e in model_ents:
            base, form = map_label(e.label_)
            label = e.label_
            if base in ("PER", "ORG", "LOC") and form == "name":
                label = base
            add(Span(doc, e.start, e.end, label=label, kb_id=e.kb_id_, span_id=e.id_))
        model_labels = {(e.start, e.end): e.label_ for e in model_ents}
        names = sorted((g for g in gaz_spans if g.id_ == "name"),
                       key=lambda g: (-(g.end - g.start), g.start))
        for g in names:
            over = overlapping(g)
            if not over and self.gaz.not_ents and g.text.lower() in self.gaz.not_ents:
                continue                      # an actor, but no named entity (Bundesregierung)
            if len(over) > 1 or (over and not (g.start <= over[0].start
                                                and over[0].end <= g.end)):
                continue    # crossing, the model's span is longer, or it saw several names
            if len(over) == 1 and (over[0].start, over[0].end) == (g.start, g.end):
                base, form = map_label(model_labels.get((g.start, g.end), ""))
                etype = self.gaz.entries[g.kb_id_].type if g.kb_id_ in self.gaz.entries else ""
                # the model's derived/part reading (Schweden = Swedes, EU-Kommission as
                # ORGpart) and its ORG/PER for a place (a team, a person) stand
                if form != "name" or (etype in ("place", "country") and base in ("ORG", "PER")):
                    continue
            for e in over:
                remove(e)
            add(Span(doc, g.start, g.end, label=g.label_, kb_id=g.kb_id_, span_id="name"))
        for g in gaz_spans:
            if g.id_ == "name":
                continue
            if any(i in owner for i in range(g.start, g.end)):
                continue
            suffix = "deriv" if g.id_ == "derived" else "part"
            add(Span(doc, g.start, g.end, label=g.label_ + suffix, kb_id=g.kb_id_, span_id=g.id_))
        return sorted(ents.values(), key=lambda s: s.start)


def make_gazetteer_component(nlp: Language, name: str, lang: str | None, spans_key: str,
                             set_ents: bool, title_persons: bool) -> GazetteerComponent:
    return GazetteerComponent(nlp, name, lang=lang, spans_key=spans_key, set_ents=set_ents,
                              title_persons=title_persons)


# Registered once per process: a reload of this module (Streamlit reruns after an edit) must
# not register the factory again, which spaCy refuses (E004).
if not Language.has_factory("lagebild_gazetteer"):
    Language.factory(
        "lagebild_gazetteer",
        default_config={"lang": None, "spans_key": SPANS_KEY, "set_ents": True, "title_persons": True},
    )(make_gazetteer_component)
