"""Direct quotes and reported speech, with their speakers.

    quote_records = extract_quotes(doc, mention_records)

`doc` is a spaCy Doc with sentence boundaries (German: NER + sentencizer only, so nothing
here relies on POS tags or parses); `mention_records` are the actor mentions of the doc
(only form "name" mentions can be speakers). One record per quote::

    {"start", "end", "text", "kind": "direct"|"indirect", "speaker", "speaker_start",
     "speaker_end", "cue", "speaker_actor"}

`start`/`end`: the quoted text without its quotation marks (and without an English trailing
comma) for direct quotes; the reported clause, including its "dass"/"that", for indirect ones.
`speaker` is the text as written (the mention a pronoun or title resolves to, or an anonymous
description) with its offsets; `speaker_actor` the mention's actor, "" when anonymous.

Word lists live in lib/resources/: speech_verbs_{de,en}.txt (German verbs are listed as
infinitives, separable ones as mit|teilen; the inflected and split forms are derived here) and
quotes_lexicon.json (pronouns, determiners, anonymous heads, titles, Konjunktiv-I forms, …).

Rules:

* Direct quotes: „…“ (also „…” and „…"), »…«, «…», “…”, "…" and, outside other quotes, ‚…‘;
  a quote nested inside a quote stays part of it. A quote still open at the end of a paragraph
  continues when the next paragraph opens with the same mark (the convention for quotes over
  several paragraphs), otherwise it is capped at the paragraph end.
* Not quotes: one or two quoted words count only when their sentence has a speech cue (speech
  verb, "laut", "zufolge", ", so X", "nach Angaben …") and they start lowercase, end in . ! ? or
  follow a colon — „terrorisiert“ (… aufgefordert …) counts, „Eagle“ does not. A quote inside a
  sentence without any cue, not ending in . ! ?, with at least half its words capitalised is a
  name or title („Die Früchte des Zorns“) and is dropped. Other quotes count; a quote standing
  alone (a sub-heading) gets speaker "".
* Sentences are merged while a quote runs across them, and across "…: „"; cues and speakers are
  looked for in such a unit outside its quotes. A direct quote takes the cue right after it
  ("…“, sagte er"), else the closest before it (a speech verb before an according-phrase), else
  the next one. Without a cue: after a colon, the first speaker-like phrase of the frame ("Er
  äußerte sich: „…“"); a quote opening its unit right after an independent quote (≤ 8 tokens
  between, e.g. ", sagten sie.") or after a sentence with a speaker in the same paragraph keeps
  that speaker; a partial quote in a Konjunktiv-I sentence ("Damit seien „…“") takes the
  speaker of one of the two sentences before.
* Reported speech: a [report] verb (finite, participle, split "teilten … mit") followed within
  10 tokens by ", dass/ob/…", a V2 clause or a zu-infinitive (English: "that") → that clause to
  the end of the sentence; "CLAUSE, teilten Quellen … mit" / "CLAUSE, sagte er" / "CLAUSE, wie
  die Polizei mitteilte" → the clause before; ", so X", "laut/gemäß X", "X zufolge", "nach
  Angaben/Ansicht/… X", "seiner Meinung nach", "according to X"; "Dies bestätigte X" → the
  sentence before; a Konjunktiv-I sentence without cue right after reported speech (free
  indirect speech) → the whole sentence with that speaker. Passive cues ("wurde angekündigt")
  have speaker "" unless "von X" / "by X" follows.
* Speaker of a cue: the phrase opening the cue's clause ("Aber die Quelle räumte …"), skipping
  appositions and relative clauses between commas ("Jens Stoltenberg, der Nato-Generalsekretär,
  sagte"), else the phrase right after the verb ("sagte Generalmajor Martin", "teilten Quellen
  in Teheran … mit"); never a dative/accusative phrase (dem/den/einem/einen …). A phrase is a
  name mention; a title + name ("Verteidigungsminister Peter Struck"); an anonymous description
  (determiner + adjectives + a head such as Quelle/…sprecher/Beobachter, with a genitive or
  "in X": "ein Sprecher der Downing Street", "Quellen in Teheran"); a title ("der General" → the
  latest person mention whose text holds it); a pronoun (er/sie sg./he/she → the latest person;
  sie with a verb in -en / they → the latest anonymous or organisation speaker, else the latest
  organisation mention). When no mention fits, capitalised words in subject position are taken
  as an unknown name (speaker_actor = those words). A definite description ("die Quelle") stays
  the speaker as written, but a pronoun referring back to it gets the earlier, more specific
  description ("sagten sie" → "Eine andere Quelle"). The cue text is "verb … particle", "verb
  subject" when the subject follows the verb directly ("sagte er"), "pronoun verb" ("he said"),
  "aux participle" for passives, else the verb.

Measured with scripts/eval_quotes.py on the German Wikinews speech corpus (GermEval 2023
SpkAtt, 700 articles, 604 direct and 2,273 other quotes; a match overlaps ≥ 50 % of the word
tokens of both; speaker = the predicted speaker span overlaps the gold Source), 2026-11-24:

    mentions                      direct P / R / F1 / speaker    indirect P / R / F1 / speaker
    lib.annotate_text (rules-de)  0.826 / 0.858 / 0.842 / 0.544  0.807 / 0.456 / 0.583 / 0.689
    lib.annotate_text (shipped    0.828 / 0.859 / 0.843 / 0.565  0.808 / 0.460 / 0.586 / 0.703
      de_lagebild_ner-0.1.0)
    GermEval-2014 name gazetteer  0.829 / 0.868 / 0.848 / 0.544  0.816 / 0.460 / 0.588 / 0.690
    no mentions                   0.829 / 0.866 / 0.847 / 0.547  0.816 / 0.458 / 0.587 / 0.681

"indirect" pools Indirect, FreeIndirect, IndirectFreeIndirect and Reported (recall on Form =
Indirect alone: 0.60). Speaker accuracy counts a pronoun's antecedent as wrong when the corpus
marks the pronoun (lenient, accepting those, with the shipped model: direct 0.64, indirect
0.75). Main misses: speech
described by nouns or non-speech verbs, free indirect speech far from its cue, and speakers
behind pronouns when the mentions lack the antecedent.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from ..settings import RESOURCES_DIR

# Opening mark → its closing marks.
_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”\"", '"': '"', "‚": "‘’"}
_SENT_END = {".", "!", "?"}
_CLAUSE_PUNCT = {",", ":", ";", "(", ")", "–", "—", "-"}
_HARD_STOP = {".", "!", "?", ";"}
_AUX = {"hat", "hatte", "habe", "haben", "hätten", "hätte", "hatten", "soll", "sollen", "will", "wollte",
        "wollen", "muss", "musste", "kann", "konnte", "wird", "werde", "würde", "has", "had", "have",
        "would", "could", "also", "auch", "bereits", "schon", "noch", "nun", "jedoch", "dazu", "zudem"}
_ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "eines", "einen",
             "the", "a", "an"}
_INSEP = ("be", "er", "ver", "ent", "zer", "emp", "miss", "ge", "hinter", "über", "unter", "wider")


# ---------------------------------------------------------------------------------------
# Lexicon
@dataclass(frozen=True)
class _Verb:
    lemma: str
    particle: str | None  # particle that must follow in the clause ("teilte … mit")
    kind: str             # "report" | "frame"
    participle: bool


@dataclass
class _Lex:
    verbs: dict = field(default_factory=dict)  # form → list[_Verb]
    words: dict = field(default_factory=dict)


def _weak_forms(lemma: str) -> tuple[list[str], str]:
    if lemma.endswith(("ern", "eln")):
        stem = lemma[:-1]
        finite = [stem + "e", stem + "t", lemma, stem + "te", stem + "ten"]
        part_core = stem + "t"
    else:
        stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
        e = "e" if re.search(r"(t|d|chn|[bdfgkpstz][mn])$", stem) else ""
        # no 2nd-person forms (sagst, äußerst): news text has none, and "äußerst" is an adverb
        finite = [stem + "e", stem + e + "t", lemma, stem + e + "te", stem + e + "ten", stem + e + "tet", stem + "et"]
        part_core = stem + e + "t"
    if lemma.endswith("ieren") or stem.startswith(_INSEP):
        participle = part_core
    else:
        participle = "ge" + part_core
    return finite, participle


@cache
def _lexicon(lang: str) -> _Lex:
    lang = "en" if lang == "en" else "de"
    lex = _Lex()
    words = json.loads((RESOURCES_DIR / "quotes_lexicon.json").read_text(encoding="utf-8"))[lang]
    lex.words = {k: (v if isinstance(v, dict) else
                     [tuple(x) for x in v] if v and isinstance(v[0], list) else set(v))
                 for k, v in words.items()}

    def add(form: str, verb: _Verb) -> None:
        lst = lex.verbs.setdefault(form.lower(), [])
        if verb not in lst:
            lst.append(verb)

    kind = "report"
    path = RESOURCES_DIR / f"speech_verbs_{lang}.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            kind = line.strip("[]").strip()
            continue
        if lang == "en":
            forms = line.split()
            for f in forms:
                part = f != forms[0] and not f.endswith(("s", "ing"))
                add(f, _Verb(forms[0], None, kind, part))
            continue
        head, _, irregular = line.partition(";")
        particle, _, base = head.strip().rpartition("|")
        base = base.strip()
        lemma = particle + base
        if irregular.strip():
            irr = irregular.split()
            stem = base[:-2] if base.endswith("en") else base[:-1]
            finite = [base, stem + "e", stem + "en"] + irr[:-1]
            participle = irr[-1]
        else:
            finite, participle = _weak_forms(base)
        if particle:
            for f in finite:
                add(f, _Verb(lemma, particle, kind, False))
                add(particle + f, _Verb(lemma, None, kind, False))
            add(particle + participle, _Verb(lemma, None, kind, True))
            add(particle + "zu" + base, _Verb(lemma, None, kind, False))
        else:
            for f in finite:
                add(f, _Verb(lemma, None, kind, False))
            add(participle, _Verb(lemma, None, kind, True))
    return lex


# ---------------------------------------------------------------------------------------
# Direct quotes in the raw text
def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prv = text[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if c in "„‚":
        return True
    # », «, “, " open when not glued to a preceding word
    return not (prv.isalnum() or prv in ".,;!?") or c == "»" and prv in "(\n "


def _find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """(open_mark_pos, end, closed) for each top-level quote; `end` is the closing mark's
    position (or the cap) — the quoted text is text[open+1:end]."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c not in _PAIRS or not _is_opener(text, i):
            i += 1
            continue
        closers = _PAIRS[c]
        k = i + 1
        pend = _paragraph_end(text, k)
        end, closed = None, False
        while end is None:
            while k < pend:
                ch = text[k]
                if ch in closers and not (c == '"' and k + 1 < n and text[k + 1].isalnum()
                                          and text[k - 1].isspace()):
                    end, closed = k, True
                    break
                if ch == c and c in "„»" and k > i + 1:  # a new quote opens: cap the open one
                    end = k
                    break
                k += 1
            if end is not None:
                break
            # paragraph ended while the quote was open: continue when the next paragraph
            # opens with the same mark, else cap at the paragraph end
            m = pend
            while m < n and text[m].isspace():
                m += 1
            if m < n and text[m] == c and c != '"':
                k = m + 1
                pend = _paragraph_end(text, k)
                continue
            end = pend
        out.append((i, end, closed))
        i = end + 1 if closed else end
    return out


# ---------------------------------------------------------------------------------------
# Tokens of a unit's frame (quotes collapsed to one token)
@dataclass
class _Tok:
    text: str
    lower: str
    start: int
    end: int
    quote: int = -1  # index into quotes, or -1


@dataclass
class _NP:
    kind: str          # name | anon | title | pron
    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int       # index of the last token
    mention: dict | None = None
    head: str = ""
    definite: bool = False


@dataclass
class _Speaker:
    text: str = ""
    start: int | None = None
    end: int | None = None
    actor: str = ""
    kind: str = ""      # name | anon
    head: str = ""
    actor_type: str = ""
    antecedent: _Speaker | None = None  # "die Quelle" → the earlier "Eine andere Quelle"


class _Extractor:
    def __init__(self, doc, mentions):
        self.doc = doc
        self.text = doc.text
        self.lang = "en" if getattr(doc, "lang_", "de") == "en" else "de"
        self.lex = _lexicon(self.lang)
        self.w = self.lex.words
        self.names = sorted((m for m in mentions or [] if m.get("form", "name") == "name"),
                            key=lambda m: (m["start"], -m["end"]))
        self.by_start = {}
        for m in self.names:
            self.by_start.setdefault(m["start"], m)
        from spacy.util import get_lang_class
        self.stop = get_lang_class(self.lang).Defaults.stop_words
        self.history: list[tuple[int, _Speaker]] = []
        self.records: list[dict] = []
        self.last_direct: dict | None = None
        self.free_indirect = True
        self._starts: list[int] | None = None

    # -- units ---------------------------------------------------------------------------
    def units(self, quotes):
        text = self.text
        cuts = {0, len(text)}
        for s in self.doc.sents:
            cuts.add(s.start_char)
        for m in re.finditer(r"\n", text):
            cuts.add(m.end())
        spans = [(o, e + 1 if closed else e) for o, e, closed in quotes]
        opens = {o for o, _ in spans}
        # linear in the text: a cut is kept unless inside a quote or between a colon and the
        # quote it introduces (merged quote intervals, one look at the text between two cuts)
        merged: list[list[int]] = []
        for o, e in sorted(spans):
            if merged and o < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([o, e])
        starts = [o for o, _ in merged]
        cuts = sorted(cuts)
        before, last = {}, ""          # the last non-space character before each cut
        for a, c in zip([0] + cuts, cuts):
            seg = text[a:c].rstrip()
            last = seg[-1] if seg else last
            before[c] = last
        after, first = {}, len(text)   # the first non-space position at or after each cut
        for c, b in zip(reversed(cuts), reversed(cuts[1:] + [len(text)])):
            seg = text[c:b]
            stripped = len(seg) - len(seg.lstrip())
            first = c + stripped if stripped < len(seg) else first
            after[c] = first

        def inside(c):
            k = bisect_left(starts, c) - 1
            return k >= 0 and c < merged[k][1]

        cuts = [c for c in cuts if not inside(c)
                and not (before[c] == ":" and after[c] in opens)]
        out = []
        for a, b in pairwise(cuts):
            seg = text[a:b]
            if seg.strip():
                a2 = a + len(seg) - len(seg.lstrip())
                b2 = b - (len(seg) - len(seg.rstrip()))
                out.append((a2, b2))
        return out

    def frame(self, a, b, quotes):
        """The unit's tokens, each quote (with its marks) collapsed into one token."""
        if self._starts is None:
            self._starts = [t.idx for t in self.doc]
            self._spans = [(o, e + 1 if closed else e) for o, e, closed in quotes]
            self._span_starts = [o for o, _ in self._spans]
        toks: list[_Tok] = []
        seen = set()
        for i in range(bisect_left(self._starts, a), bisect_left(self._starts, b)):
            t = self.doc[i]
            if t.is_space:
                continue
            qi = bisect_right(self._span_starts, t.idx) - 1
            if qi >= 0 and t.idx < self._spans[qi][1]:
                if qi not in seen:
                    seen.add(qi)
                    o, e = self._spans[qi]
                    toks.append(_Tok("«Q»", "«q»", o, e, qi))
                continue
            toks.append(_Tok(t.text, t.text.lower(), t.idx, t.idx + len(t.text)))
        return toks

    # -- noun phrases ---------------------------------------------------------------------
    def _mention_at(self, toks, j):
        if j >= len(toks) or toks[j].quote >= 0:
            return None
        return self.by_start.get(toks[j].start)

    def _tok_index_of(self, toks, j, end_char):
        while j + 1 < len(toks) and toks[j + 1].start < end_char:
            j += 1
        return j

    def _is_head(self, tok, key):
        if tok.quote >= 0 or not tok.text[:1].isalpha():
            return ""
        if self.lang == "de" and not tok.text[0].isupper():
            return ""
        low = tok.lower
        heads = self.w[key]
        if low in heads:
            return low
        if self.lang == "de":
            last = low.rsplit("-", 1)[-1]
            for h in heads:
                if len(h) >= 5 and (last.endswith(h) or low.endswith(h)):
                    return h
        return ""

    def _namelike(self, tok):
        return (tok.quote < 0 and tok.lower not in self.w.get("not_names", ()) and tok.text[:1].isupper() and tok.text.replace("-", "").replace(".", "").isalpha()
                and tok.lower not in self.stop and tok.lower not in self.lex.verbs
                and tok.lower not in self.w["determiners"] and tok.lower not in self.w["pronouns"])

    def _name_run(self, toks, a, limit=4):
        b = a
        while b < len(toks) and b - a < limit and self._namelike(toks[b]):
            b += 1
        return b  # exclusive

    def np_at(self, toks, k, loose=False):
        n = len(toks)
        if k >= n or toks[k].quote >= 0:
            return None
        t = toks[k]
        if t.lower in self.w["pronouns"]:
            if self.w["pronouns"][t.lower] == "first":
                return None
            return _NP("pron", t.start, t.end, t.text, k, k)
        j = k
        det = None
        if t.lower in self.w["determiners"] and j + 1 < n:
            det = t.lower
            j += 1
        if j < n and toks[j].lower in self.w["title_honorifics"] and self._mention_at(toks, j) is None:
            j += 1
        m = self._mention_at(toks, j)
        if m is None and j != k:
            m = self._mention_at(toks, k)
            if m is not None:
                j = k
        if m is not None:
            e = self._tok_index_of(toks, j, m["end"])
            h = self._is_head(toks[e + 1], "anonymous_heads") if e + 1 < n and self.lang == "en" else ""
            if not h:
                return _NP("name", m["start"], m["end"], m["text"], k, e, mention=m)
            j = e + 1  # "a Downing Street spokesman": the name only modifies the head
        a = j
        adj = 0
        while (a < n and adj < 3 and toks[a].quote < 0
               and (toks[a].text.isalpha() and (toks[a].text[0].islower() or self.lang == "en")
                    or toks[a].text[:1].isdigit() and "-" in toks[a].text)
               and toks[a].lower not in self.lex.verbs and toks[a].lower not in self.w["pronouns"]
               and toks[a].lower not in _ARTICLES
               and not self._is_head(toks[a], "anonymous_heads")):
            a += 1
            adj += 1
        if a >= n:
            return None
        kind, head = "", ""
        h = self._is_head(toks[a], "anonymous_heads")
        if h:
            kind, head = "anon", h
        else:
            h = self._is_head(toks[a], "titles")
            if h:
                kind, head = "title", h
        if kind == "title" or (loose and det is not None and self._namelike(toks[a])):
            # title/description + name: "Verteidigungsminister Peter Struck", "der Grünen-Politiker
            # Christian Ströbele" — a mention after it, or (loose) capitalised words
            m = self._mention_at(toks, a + 1)
            if m is not None:
                e = self._tok_index_of(toks, a + 1, m["end"])
                return _NP("name", m["start"], m["end"], m["text"], k, e, mention=m)
            if loose:
                b = self._name_run(toks, a + 1, 3)
                if b > a + 1:
                    s_, e_ = toks[k].start, toks[b - 1].end
                    actor = self.text[toks[a + 1].start:e_]
                    return _NP("name", s_, e_, self.text[s_:e_], k, b - 1,
                               mention={"start": s_, "end": e_, "text": self.text[s_:e_], "actor": actor,
                                        "actor_type": "person"})
        if not kind and loose:
            if det is None and a == k:
                b = self._name_run(toks, a, 4)
                if b > a:  # unknown name: "Milinkewitsch sagte"
                    s_, e_ = toks[a].start, toks[b - 1].end
                    txt = self.text[s_:e_]
                    return _NP("name", s_, e_, txt, k, b - 1,
                               mention={"start": s_, "end": e_, "text": txt, "actor": txt,
                                        "actor_type": "person" if b - a > 1 else ""})
            elif det is not None and self._namelike(toks[a]):  # "Die Hausverwaltung"
                kind, head = "anon", toks[a].lower
        if not kind:
            return None
        end = a
        # attached genitive / place: "der Downing Street", "des Ministeriums", "in Teheran"
        if end + 1 < n:
            nx = toks[end + 1].lower
            gen = ("der", "des") if self.lang == "de" else ("of", "for", "at", "from")
            loc = ("in", "aus", "im", "bei") if self.lang == "de" else ("in",)
            if nx in gen or nx in loc:
                for q in range(end + 2, min(n, end + 6)):
                    tq = toks[q]
                    if tq.quote >= 0 or not tq.text[:1].isalnum():
                        break
                    mq = self._mention_at(toks, q)
                    if mq is not None:
                        end = self._tok_index_of(toks, q, mq["end"])
                        break
                    if nx in gen and tq.text[0].isupper() and self.lang == "de":
                        end = q
                        break
                    if tq.lower in self.lex.verbs:
                        break
        s, e = toks[k].start, toks[end].end
        definite = det in self.w["definite"] if det else False
        return _NP(kind, s, e, self.text[s:e], k, end, head=head, definite=definite)

    # -- resolution -----------------------------------------------------------------------
    def _latest_mention(self, pos, pred):
        best = None
        for m in self.names:
            if m["end"] <= pos and pred(m):
                best = m
            elif m["start"] >= pos:
                break
        return best

    @staticmethod
    def _from_mention(m) -> _Speaker:
        return _Speaker(m["text"], m["start"], m["end"], m.get("actor", m["text"]), "name",
                        actor_type=m.get("actor_type", ""))

    def resolve(self, np: _NP | None, verb_text: str = "") -> _Speaker | None:
        if np is None:
            return None
        if np.kind == "name":
            return self._from_mention(np.mention)
        if np.kind == "pron":
            low = np.text.lower()
            if low in self.w.get("possessive_pronouns", {}):
                low = "er" if low.startswith("sein") else "sie"
            plural = low == "they" or (low == "sie" and self.lang == "de"
                                       and verb_text.lower().endswith("en"))
            if plural:
                for _, sp in reversed(self.history):
                    if sp.kind == "anon" or sp.actor_type == "organisation":
                        return sp.antecedent or sp
                m = self._latest_mention(np.start, lambda m: m.get("actor_type") == "organisation")
                return self._from_mention(m) if m else None
            m = self._latest_mention(np.start, lambda m: m.get("actor_type") == "person")
            best = self._from_mention(m) if m else None
            for _, sp in reversed(self.history):
                if sp.kind == "name" and sp.actor_type in ("person", "") and sp.start is not None \
                        and sp.start < np.start and (best is None or sp.start > best.start):
                    best = sp
                    break
            return best
        if np.kind == "title" and np.definite:
            head = np.head
            m = self._latest_mention(
                np.start, lambda m: m.get("actor_type") == "person" and head in m["text"].lower())
            if m:
                return self._from_mention(m)
        if np.kind == "anon" and np.definite and np.end - np.start <= len(np.text):
            # the speaker stays as written ("die Quelle"); pronouns that refer back to it get the
            # earlier, more specific description
            for _, sp in reversed(self.history):
                if sp.kind == "anon" and sp.head == np.head and sp.start is not None \
                        and sp.start < np.start:
                    return _Speaker(np.text, np.start, np.end, "", "anon", head=np.head,
                                    antecedent=sp.antecedent or sp)
        return _Speaker(np.text, np.start, np.end, "", "anon", head=np.head)

    # -- cues -----------------------------------------------------------------------------
    def _clause_end_after(self, toks, i):
        j = i + 1
        return j >= len(toks) or toks[j].text in _CLAUSE_PUNCT | _HARD_STOP or toks[j].quote >= 0 \
            or toks[j].lower in ("und", "oder", "sowie", "and", "or")

    def find_cues(self, toks):
        cues = []
        n = len(toks)
        for i, t in enumerate(toks):
            if t.quote >= 0:
                continue
            entries = self.lex.verbs.get(t.lower)
            if not entries:
                continue
            if not t.text[0].islower():  # German nouns (Aussagen, Erklärung) are capitalised
                continue
            chosen, particle = None, None
            for v in entries:
                if v.particle:
                    for j in range(i + 1, min(n, i + 16)):
                        if toks[j].quote >= 0 or toks[j].text in _HARD_STOP or toks[j].text in (",", ":"):
                            break
                        if toks[j].lower == v.particle and self._clause_end_after(toks, j):
                            chosen, particle = v, j
                            break
                    if chosen:
                        break
            if chosen is None:
                plain = [v for v in entries if not v.particle]
                if not plain:
                    continue
                chosen = plain[0]
            cues.append({"i": i, "verb": chosen, "particle": particle})
        return cues

    def subject(self, toks, cue):
        np, how = self._subject(toks, cue)
        if np is not None and toks[np.tok_start].lower in self.w.get("oblique_determiners", ()):
            return None, how  # "droht dem HSV", "wies den Vorwurf zurück": not a subject
        return np, how

    def _subject(self, toks, cue):
        v = cue["i"]
        n = len(toks)
        verb = cue["verb"]
        # passive: "wurde angekündigt", "angekündigt wurde"
        aux = None
        if verb.participle:
            for j in (v - 1, v + 1, v + 2):
                if 0 <= j < n and toks[j].lower in self.w["passive_aux"]:
                    if self.lang == "de" and toks[j].lower in ("ist", "war", "sei") and j < v:
                        continue
                    aux = j
                    break
            if self.lang == "de" and aux is not None and toks[aux].lower in ("ist", "war", "sei", "waren", "seien"):
                # "ist … gesagt worden" only; "hat gesagt" is active
                aux = aux if any(toks[x].lower == "worden" for x in range(v, min(n, v + 3))) else None
        cue["aux"] = aux
        if aux is not None:
            by = ("von", "vom") if self.lang == "de" else ("by",)
            for j in range(v + 1, min(n, v + 4)):
                if toks[j].lower in by:
                    np = self.np_at(toks, j + 1, loose=True)
                    if np:
                        return np, "agent"
            for j in range(max(0, v - 6), v):
                if toks[j].lower in by:
                    np = self.np_at(toks, j + 1)
                    if np and np.tok_end < v:
                        return np, "agent"
            return None, "passive"
        # the verb's segment: back to the last clause punctuation or quote
        s = self._segment_start(toks, v)
        lead = self.w["leading_words"]
        if s < v:
            k = s
            while k < v and (toks[k].lower in lead or toks[k].quote >= 0):
                k += 1
            if k < v and k > s and toks[k].lower in _AUX:  # "So hatte der Minister … zugesichert"
                k += 1
            np = self.np_at(toks, k)
            if np and np.tok_end < v:
                return np, "backward"
            np = self.np_at(toks, v + 1)
            if np and v + 1 < n and toks[v + 1].text[:1].isalpha():
                return np, "forward"
            np = self.np_at(toks, k, loose=True)
            if np and all(toks[x].lower in _AUX or toks[x].lower in self.stop or toks[x].text in "()"
                          or toks[x].text[:1].isupper() and x > np.tok_end and toks[x - 1].text == "("
                          for x in range(np.tok_end + 1, v)):
                return np, "backward"
            return self.forward(toks, v), "forward"
        # verb right after a comma/quote/colon (or at the unit start)
        if v + 1 < n and toks[v + 1].lower in self.w["pronouns"]:
            np = self.np_at(toks, v + 1)
            if np:
                return np, "forward"
        best = None
        end = s - 1  # index of the comma
        for _ in range(4):
            if end < 0 or toks[end].text != ",":
                break
            b = self._segment_start(toks, end)
            if b > 0 and toks[b - 1].quote >= 0:
                break
            seg = range(b, end)
            if not seg:
                break
            k = b
            while k < end and toks[k].lower in lead:
                k += 1
            np = self.np_at(toks, k, loose=True)
            if np and np.tok_end == self._skip_paren_back(toks, end - 1) and np.kind != "pron":
                best = np
            elif len(seg) > 12:
                break
            end = b - 1
        if best is not None:
            return best, "backward"
        return self.forward(toks, v), "forward"

    def _skip_paren_back(self, toks, e):
        """Index before a parenthesis that ends at e ("Renate Schmidt (SPD)"), else e."""
        if e >= 0 and toks[e].text == ")":
            p = e
            while p > 0 and toks[p].text != "(" and e - p < 8:
                p -= 1
            if toks[p].text == "(":
                return p - 1
        return e

    def _segment_start(self, toks, v):
        """Start of the clause segment that ends before token v (parentheses belong to it)."""
        s = v
        while s > 0:
            e = self._skip_paren_back(toks, s - 1)
            if e != s - 1:
                s = e + 1
                continue
            t = toks[s - 1]
            if t.text in _CLAUSE_PUNCT or t.text in _HARD_STOP \
                    or t.quote >= 0 and (s - 1 == 0 or toks[s - 2].text in _CLAUSE_PUNCT):
                break
            s -= 1
        return s

    def forward(self, toks, v):
        n = len(toks)
        for k in (v + 1, v + 2):
            if k >= n:
                break
            if k == v + 2 and not (toks[v + 1].lower in _AUX or toks[v + 1].lower in self.stop):
                break
            np = self.np_at(toks, k)
            if np:
                return np
            np = self.np_at(toks, k, loose=True)
            if np and (np.tok_end + 1 >= n or toks[np.tok_end + 1].quote >= 0
                                             or not toks[np.tok_end + 1].text[:1].isupper()):
                return np
            if k < len(toks) and (toks[k].text in _CLAUSE_PUNCT | _HARD_STOP or toks[k].quote >= 0
                                  or toks[k].text[:1].isupper()):
                break
        return None

    def cue_text(self, toks, cue, np, how):
        v = cue["i"]
        t = toks[v].text
        if cue.get("particle") is not None:
            return f"{t} … {toks[cue['particle']].text}"
        if cue.get("aux") is not None:
            a = cue["aux"]
            lo, hi = min(a, v), max(a, v)
            if hi - lo == 1:
                return self.text[toks[lo].start:toks[hi].end]
            return t
        if np is not None and how == "forward" and np.tok_start == v + 1:
            return self.text[toks[v].start:np.end]
        if np is not None and np.kind == "pron" and np.tok_end == v - 1:  # "he said", "er sagte"
            return self.text[np.start:toks[v].end]
        return t

    # -- according-to cues -----------------------------------------------------------------
    def according_cues(self, toks):
        out = []
        n = len(toks)
        for i, t in enumerate(toks):
            if t.quote >= 0:
                continue
            if t.lower in self.w.get("according_prepositions", ()):
                # "nach Angaben der Polizei", "Nach Ansicht einiger Juristen", "nach Polizeiangaben"
                c = i + 1
                while c < n and c <= i + 3 and toks[c].quote < 0 and not any(
                        toks[c].lower.endswith(x) for x in self.w["according_nouns"]):
                    if not (toks[c].text[:1].islower() or toks[c].lower in self.w.get("possessive_pronouns", {})):
                        c = n
                        break
                    c += 1
                if c < n and c <= i + 3 and toks[c].text[:1].isupper():
                    k = c + 1
                    if k < n and toks[k].lower in ("von", "vom"):
                        k += 1
                    np = self.np_at(toks, k, loose=True) if k < n else None
                    if np is not None and (np.kind == "pron" or toks[k].lower in self.w.get("oblique_determiners", ())
                                           and toks[k - 1].lower not in ("von", "vom")):
                        np = None
                    if np is None and i + 1 < c and toks[i + 1].lower in self.w.get("possessive_pronouns", {}):
                        np = _NP("pron", toks[i + 1].start, toks[i + 1].end, toks[i + 1].text, i + 1, i + 1)
                    if np is None and i + 1 == c and toks[c].lower not in self.w["according_nouns"]:
                        # a compound names the source: "nach Polizeiangaben"
                        np = _NP("anon", toks[c].start, toks[c].end, toks[c].text, c, c, head=toks[c].lower)
                    out.append({"i": i, "j": np.tok_end if np is not None else c, "np": np,
                                "cue": self.text[t.start:toks[c].end], "type": "before"})
            if t.lower in self.w.get("according_before", ()) and t.lower not in ("nach",):
                np = self.np_at(toks, i + 1, loose=True)
                if np and np.kind != "pron":
                    out.append({"i": i, "j": np.tok_end, "np": np, "cue": t.text, "type": "before"})
            for phrase in self.w.get("according_phrases", []):
                L = len(phrase)
                if [x.lower for x in toks[i:i + L]] == list(phrase):
                    k = i + L
                    if k < n and toks[k].lower in ("von", "vom"):
                        k += 1
                    np = self.np_at(toks, k, loose=True)
                    if np and np.kind != "pron":
                        out.append({"i": i, "j": np.tok_end, "np": np,
                                    "cue": self.text[t.start:toks[i + L - 1].end], "type": "before"})
            if (t.lower in self.w.get("possessive_pronouns", {}) and i + 2 < n
                    and toks[i + 1].lower in self.w["opinion_nouns"] and toks[i + 2].lower == "nach"):
                np = _NP("pron", t.start, t.end, t.text, i, i + 2)  # "Seiner Meinung nach"
                out.append({"i": i, "j": i + 2, "np": np,
                            "cue": self.text[t.start:toks[i + 2].end], "type": "before"})
            if t.lower in self.w.get("according_after", ()) and i > 0:
                for k in range(max(0, i - 7), i):
                    np = self.np_at(toks, k, loose=True)
                    if np and np.tok_end == i - 1 and np.kind != "pron":
                        out.append({"i": k, "j": i, "np": np, "cue": t.text, "type": "before"})
                        break
            if t.lower in self.w.get("so_cue", ()) and i > 0 and toks[i - 1].text == ",":
                np = self.np_at(toks, i + 1, loose=True)
                e = np.tok_end + 1 if np else n
                while e < n and (toks[e].lower in self.stop or toks[e].lower == "weiter"):
                    e += 1  # ", so Elshorst weiter:"
                if np and (e >= n or toks[e].text in _CLAUSE_PUNCT | _HARD_STOP):
                    out.append({"i": i, "j": np.tok_end, "np": np, "cue": t.text, "type": "so"})
        return out

    # -- records --------------------------------------------------------------------------
    def add_clause(self, toks, span, done_clauses: list, cue: str, sp: _Speaker | None, order) -> None:
        """An indirect quote for the clause around token span `span` (None: nothing), unless it
        overlaps a clause already taken in this unit."""
        if span is None:
            return
        cs = self.clause_span(toks, *span)
        if cs is None or any(c[0] < cs[1] and cs[0] < c[1] for c in done_clauses):
            return
        done_clauses.append(cs)
        self.add("indirect", cs[0], cs[1], cue, sp, order)

    def add(self, kind, start, end, cue, sp: _Speaker | None, order):
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        sp = sp or _Speaker()
        rec = {"start": start, "end": end, "text": text[start:end], "kind": kind,
               "speaker": sp.text, "speaker_start": sp.start, "speaker_end": sp.end,
               "cue": cue, "speaker_actor": sp.actor}
        rec["_sp"] = sp
        self.records.append(rec)
        if sp.text:
            self.history.append((order, sp))
        return rec

    def clause_span(self, toks, a, b):
        """Char span of tokens a..b (inclusive), dropping a final sentence mark."""
        while b >= a and toks[b].text in _SENT_END | {",", ":", ";", ")", "("}:
            b -= 1
        if b < a:
            return None
        s, e = toks[a].start, toks[b].end
        while e > s and self.text[e - 1] in ".!?,;:" and toks[b].quote < 0:
            e -= 1
        if not any(ch.isalnum() for ch in self.text[s:e]):
            return None
        return s, e

    def indirect_after(self, toks, cue):
        n = len(toks)
        v = cue["particle"] if cue.get("particle") is not None else cue["i"]
        if cue.get("aux") is not None and cue["aux"] > v:
            v = cue["aux"]
        subs = self.w["subordinators"]
        c = cue["i"]
        if c >= 1 and (toks[c - 1].quote >= 0 or c >= 2 and toks[c - 1].text == "," and toks[c - 2].quote >= 0):
            return None  # "„…“, sagte X, …": the verb frames the quote before it
        np = cue.get("np")
        subj_end = np.tok_end if np is not None and cue.get("how") == "forward" else -1
        for j in range(v + 1, min(n, v + 11)):
            t = toks[j]
            if t.quote >= 0 or t.text in _HARD_STOP:
                return None
            if self.lang == "en" and t.lower == "that" and j + 1 < n:
                return j, self._clause_stop(toks, j)
            if t.text in (",", ":"):
                k = j + 1
                if k >= n or toks[k].quote >= 0 and (k + 1 >= n or toks[k + 1].text in _SENT_END):
                    return None
                if self.lang == "en" and toks[k].lower not in subs:
                    return None
                if t.text == ":" and k < n and toks[k].quote >= 0:
                    return None
                if j == subj_end + 1 and toks[k].lower not in subs \
                        and toks[k].lower not in self.w["pronouns"] and toks[k].lower != "man":
                    return None  # "sagte X, ein Anwalt …": an apposition, not a clause
                return k, self._clause_stop(toks, k)
            if self.lang == "en" and j == v + 1 and (t.lower in ("the", "it", "he", "she", "they", "we", "there", "i")):
                return j, self._clause_stop(toks, j)
        return None

    def _clause_stop(self, toks, k):
        n = len(toks)
        j = k
        while j + 1 < n and toks[j + 1].text not in (";",) \
                and not (toks[j + 1].text == ":" and j + 2 < n and toks[j + 2].quote >= 0):
            j += 1
        return j

    def run(self):
        text = self.text
        quotes = _find_quotes(text)
        units = self.units(quotes)
        order = 0
        unit_speakers: dict[int, _Speaker] = {}  # unit index → speaker of its last record
        unit_has_record: set[int] = set()
        paras = [text.count("\n", 0, ua) for ua, _ in units]
        mood = self.w.get("reported_mood", set())

        def recent_speaker(ui, back, same_para):
            for uj in range(ui - 1, max(-1, ui - 1 - back), -1):
                if same_para and paras[uj] != paras[ui]:
                    return None
                if uj in unit_speakers:
                    return unit_speakers[uj]
            return None

        for ui, (ua, ub) in enumerate(units):
            toks = self.frame(ua, ub, quotes)
            if not toks:
                continue
            n_before = len(self.records)
            reported_mood = any(t.quote < 0 and t.lower in mood for t in toks)
            cues = self.find_cues(toks)
            acc = self.according_cues(toks)
            # speakers of verb cues, in text order (so that pronouns see earlier speakers)
            resolved = []
            for cue in cues:
                np, how = self.subject(toks, cue)
                cue["np"], cue["how"] = np, how
                cue["text"] = self.cue_text(toks, cue, np, how)
                resolved.append(cue)
            events = []  # (token index, kind, payload)
            for cue in resolved:
                events.append((cue["i"], "verb", cue))
            for a in acc:
                events.append((a["i"], "acc", a))
            for qi, t in enumerate(toks):
                if t.quote >= 0:
                    events.append((qi, "quote", t))
            events.sort(key=lambda e: (e[0], e[1] != "verb"))
            has_cue = bool(resolved or acc)
            done_clauses = []
            for idx, what, payload in events:
                order += 1
                if what == "verb":
                    cue = payload
                    cue["speaker"] = sp = (self.resolve(cue["np"], toks[cue["i"]].text)
                                           if cue["np"] else None)
                    if cue["verb"].kind != "report":
                        continue
                    span = self.indirect_after(toks, cue)
                    if span is None:
                        span = self.indirect_before(toks, cue)
                    if (span is None and cue["i"] == 1 and toks[0].lower in self.w["anaphoric_objects"]
                            and ui > 0 and ui - 1 not in unit_has_record and paras[ui - 1] == paras[ui]
                            and cue["how"] == "forward"):
                        # "Dies bestätigte X": the previous sentence is what X reported
                        pa, pb = units[ui - 1]
                        while pb > pa and text[pb - 1] in ".!?:; ":
                            pb -= 1
                        order += 1
                        self.add("indirect", pa, pb, cue["text"], sp, order)
                        continue
                    self.add_clause(toks, span, done_clauses, cue["text"], sp, order)
                elif what == "acc":
                    a = payload
                    sp = self.resolve(a["np"]) if a["np"] is not None else None
                    a["speaker"] = sp
                    self.add_clause(toks, self.according_span(toks, a), done_clauses, a["cue"],
                                    sp, order)
            # direct quotes of the unit
            for qi, t in enumerate(toks):
                if t.quote < 0:
                    continue
                o, e, closed = quotes[t.quote]
                inner_s, inner_e = o + 1, e
                if text[inner_s:inner_e].rstrip().endswith(","):  # English „…,“ he said
                    inner_e = inner_s + len(text[inner_s:inner_e].rstrip()) - 1
                inner = text[inner_s:inner_e].strip()
                words = inner.split()
                if not words:
                    continue
                prev_colon = qi > 0 and toks[qi - 1].text == ":"
                if len(words) <= 2:
                    first = next((c for c in inner if c.isalpha()), "")
                    if not (has_cue and (first.islower() or inner[-1] in ".!?" or prev_colon)):
                        continue
                cue = self.cue_for_quote(toks, qi, resolved, acc)
                sp, cue_text = None, ""
                continued = False
                if cue is not None:
                    sp, cue_text = cue.get("speaker"), cue.get("text") or cue.get("cue", "")
                elif prev_colon:
                    np = self.colon_subject(toks, qi - 1)
                    sp = self.resolve(np, "") if np else None
                elif self.last_direct is not None and qi == 0:
                    prev = self.last_direct
                    gap = text[prev["_close"]:o]
                    if prev["_independent"] and len(gap.split()) <= 8 and not any(ch in gap for ch in _PAIRS):
                        sp = prev["_speaker"]
                        continued = True
                if cue is None and not continued and not prev_colon:
                    # a quote after a framed sentence of the same paragraph, or a partial quote in a
                    # sentence in Konjunktiv I, continues the previous speaker
                    if qi == 0:
                        sp = recent_speaker(ui, 1, True)
                    elif reported_mood:
                        sp = recent_speaker(ui, 2, False)
                    continued = sp is not None
                if cue is None and not continued and not prev_colon:
                    # a name or title in quotes inside a sentence without a speech cue („Nürnberg Ice
                    # Tigers“, „Die Früchte des Zorns“): at least half its words capitalised
                    framed = any(x.quote < 0 and x.text[:1].isalnum() for x in toks)
                    caps = sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words)
                    if framed and inner[-1] not in ".!?…" and caps >= 0.5:
                        continue
                order += 1
                rec = self.add("direct", inner_s, inner_e, cue_text, sp, order)
                if rec is None:
                    continue
                rec["_close"] = e + 1 if closed else e
                rec["_speaker"] = sp
                rec["_independent"] = qi == 0 or prev_colon or toks[qi - 1].text in _SENT_END
                self.last_direct = rec
            # free indirect speech: a Konjunktiv-I sentence without cue right after reported speech
            if (len(self.records) == n_before and reported_mood and self.free_indirect
                    and not any(t.quote >= 0 for t in toks)):
                sp = recent_speaker(ui, 1, True)
                if sp is not None:
                    cs = self.clause_span(toks, 0, len(toks) - 1)
                    if cs:
                        order += 1
                        self.add("indirect", cs[0], cs[1], "", sp, order)
            if len(self.records) > n_before:
                unit_has_record.add(ui)
            for cue in resolved:  # a framing verb's speaker ("X kritisierte Y.") also carries over
                if cue.get("speaker") is not None and cue["speaker"].text:
                    unit_speakers[ui] = cue["speaker"]
            for r in self.records[n_before:]:
                if r["speaker"]:
                    unit_speakers[ui] = r["_sp"]
        for r in self.records:
            for k in ("_close", "_speaker", "_independent", "_sp"):
                r.pop(k, None)
        self.records.sort(key=lambda r: (r["start"], r["kind"]))
        return self.records

    def colon_subject(self, toks, c):
        """Speaker of "FRAME: „…“" without a speech verb: the first speaker-like phrase of the frame
        not governed by a preposition ("Seine Meinung zu Kirchhoff:" gives none)."""
        b = c
        while b > 0 and toks[b - 1].quote < 0 and toks[b - 1].text not in _HARD_STOP | {":"}:
            b -= 1
        preps = {"in", "im", "mit", "von", "vom", "zu", "zum", "zur", "über", "auf", "an", "am", "bei", "nach",
                 "für", "gegen", "aus", "durch", "of", "with", "to", "from", "for", "on", "at", "by"}
        k = b
        while k < c:
            if toks[k].lower in preps:
                k += 2
                continue
            np = self.np_at(toks, k)
            if np is not None and np.tok_end < c:
                return np
            k += 1
        k = b
        while k < c and toks[k].lower in self.w["leading_words"]:
            k += 1
        np = self.np_at(toks, k, loose=True)
        return np if np is not None and np.tok_end < c else None

    def cue_for_quote(self, toks, qi, cues, acc):
        cands = [(c["i"], c) for c in cues] + [(a["i"], a) for a in acc]
        if not cands:
            return None
        after = [(i, c) for i, c in cands if qi < i <= qi + 3
                 and all(toks[x].text in (",", "(", ")") for x in range(qi + 1, i))]
        if after:
            return min(after, key=lambda x: x[0])[1]
        before = [(i, c) for i, c in cands if i < qi]
        if before:
            verbs = [(i, c) for i, c in before if "verb" in c and c.get("speaker") is not None]
            return max(verbs or before, key=lambda x: x[0])[1]
        return min(cands, key=lambda x: x[0])[1]

    def indirect_before(self, toks, cue):
        """"CLAUSE, teilten Quellen … mit" / "CLAUSE, sagte er" / "CLAUSE, he said"."""
        v = cue["i"]
        np = cue.get("np")
        s = v
        if np is not None and cue.get("how") == "backward" and np.tok_start >= 2 \
                and toks[np.tok_start - 1].lower in ("wie", "as") and toks[np.tok_start - 2].text == ",":
            # "CLAUSE, wie die Polizei mitteilte" / "CLAUSE, as officials said"
            end = np.tok_start - 3
            b = end
            while b > 0 and toks[b - 1].text not in (":", ";") and toks[b - 1].quote < 0 \
                    and toks[b - 1].text not in _HARD_STOP:
                b -= 1
            return (b, end) if end - b >= 2 else None
        if np is not None and cue.get("how") == "backward" and np.tok_end == v - 1:
            s = np.tok_start
        elif cue.get("how") != "forward" or np is None:
            return None
        after = (np.tok_end + 1) if (np is not None and cue.get("how") == "forward") else v + 1
        if after < len(toks) and (toks[after].text == ":" or toks[after].quote >= 0):
            return None  # "…, sagte X: „…“" frames a direct quote
        while s > 0 and toks[s - 1].lower in self.w["leading_words"] and toks[s - 1].lower in ("so",):
            s -= 1
        if s == 0 or toks[s - 1].text != ",":
            return None
        end = s - 2
        if end < 0 or toks[end].quote >= 0:
            return None
        b = end
        while b > 0 and toks[b - 1].text not in (":", ";") and toks[b - 1].quote < 0 \
                and toks[b - 1].text not in _HARD_STOP:
            b -= 1
        if end - b < 2 or toks[b].lower in self.w.get("clause_openers_not_reported", ()):
            return None
        return b, end

    def according_span(self, toks, a):
        n = len(toks)
        i, j = a["i"], a["j"]
        if a["type"] == "so":
            end = i - 2
            if end < 1 or toks[end].quote >= 0:
                return None
            return 0, end
        # "Laut X wurden …" / "…, laut X." / "… ist laut X gestiegen"
        if i == 0 or (i == 1 and toks[0].text in _CLAUSE_PUNCT):
            k = j + 1
            if k < n and toks[k].text == ",":
                k += 1
            if k >= n:
                return None
            return k, n - 1
        if j + 1 >= n or toks[j + 1].text in _SENT_END:
            end = i - 1
            while end >= 0 and toks[end].text in (",",):
                end -= 1
            return (0, end) if end >= 1 else None
        return 0, n - 1


def extract_quotes(doc, mentions: list[dict]) -> list[dict]:
    """Direct quotes and reported speech of `doc` with their speakers (see module doc)."""
    if doc is None or not doc.text.strip():
        return []
    return _Extractor(doc, mentions).run()
