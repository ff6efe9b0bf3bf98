"""Tokens of a unit's frame and the noun phrases that can be speakers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..words import ARTICLES as _ARTICLES


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
    kind: str = ""      # name | anon | pron (a pronoun nothing resolves, kept as written)
    head: str = ""
    det: str = ""       # determiner of a description ("der", "eine"): its gender for pronouns
    for_actor: str = ""  # the actor a spokesperson speaks for ("Blair's spokesman" → Tony Blair)
    actor_type: str = ""
    antecedent: _Speaker | None = None  # "die Quelle" → the earlier "Eine andere Quelle"


_LONG_HEADS: dict[tuple[str, str], tuple[str, ...]] = {}


def _long_heads(lang: str, key: str, heads) -> tuple[str, ...]:
    """The heads of list `key` of at least 5 letters, which also end a longer word
    ("Regierungssprecher"), as a tuple for str.endswith; built once per language and list."""
    found = _LONG_HEADS.get((lang, key))
    if found is None:
        found = _LONG_HEADS[(lang, key)] = tuple(h for h in heads if len(h) >= 5)
    return found


class _Phrases:
    """Mixin of the extractor: noun phrases at a token (name, anonymous description, title,
    pronoun)."""
    def _mention_at(self, toks, j):
        if j >= len(toks) or toks[j].quote >= 0:
            return None
        m = self.by_start.get(toks[j].start)
        if m is not None and " " not in m["text"] and not self._namelike(toks[j]) \
                and (toks[j].lower in self.stop or toks[j].lower in self.w.get("not_names", ())
                     or self._adverb_like(toks[j])):
            return None  # a sentence-opening adverb the NER took for a name ("Relativierend")
        return m

    def _genitive_mention(self, m) -> bool:
        """A one-word German name in -s whose form without it also stands in the text: a genitive the
        NER tagged ("Der behandelnde Arzt Lahms", "Irans"), not the one named."""
        t = m["text"]
        if self.lang != "de" or " " in t or len(t) < 4 or not t.endswith("s"):
            return False
        cache = self.__dict__.setdefault("_genitive_cache", {})
        if t not in cache:
            cache[t] = re.search(r"(?<![\w-])" + re.escape(t[:-1]) + r"(?![\w-])", self.text) is not None
        return cache[t]

    def _adverb_like(self, tok):
        low = tok.lower
        return {low} if len(low) > 5 and low.endswith(tuple(self.w.get("not_name_suffixes", ()))) else set()

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
            ends = _long_heads(self.lang, key, heads)
            if not (last.endswith(ends) or low.endswith(ends)):
                return ""           # the common case, in one C call
            for h in heads:
                if len(h) >= 5 and (last.endswith(h) or low.endswith(h)):
                    return h
        return ""

    def _namelike(self, tok):
        return (tok.quote < 0 and tok.lower not in self.w.get("not_names", ()) and tok.text[:1].isupper() and tok.text.replace("-", "").replace(".", "").isalpha()
                and tok.lower not in self.stop and tok.lower not in self.lex.verbs
                and tok.lower not in self.w["determiners"] and tok.lower not in self.w["pronouns"]
                and not (len(tok.lower) > 5 and tok.lower.endswith(tuple(self.w.get("not_name_suffixes", ())))))

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
        if t.lower in self.w.get("demonstrative_pronouns", ()) and (
                k + 1 >= n or toks[k + 1].quote >= 0 or not toks[k + 1].text.isalpha()
                or toks[k + 1].text[0].islower() and (toks[k + 1].lower in self.stop
                                                     or toks[k + 1].lower in self.lex.verbs)):
            return _NP("pron", t.start, t.end, t.text, k, k)  # "sagte dieser, dass …": no noun follows
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
            if not h and self.lang == "de" and e + 1 < n and m.get("actor_type") != "person" \
                    and m["text"].endswith("s") and self._is_head(toks[e + 1], "titles"):
                h = "title"  # "Australiens Ministerpräsidentin Julia Gillard": a genitive before the title
            if not h:
                return _NP("name", m["start"], m["end"], m["text"], k, e, mention=m)
            j = e + 1  # "a Downing Street spokesman": the name only modifies the head
        a = j
        adj = 0
        while (a < n and adj < 3 and toks[a].quote < 0
               and (toks[a].text.isalpha() and (toks[a].text[0].islower() or self.lang == "en")
                    or toks[a].text[:1].isdigit() and "-" in toks[a].text)
               and toks[a].lower not in self.lex.verbs and toks[a].lower not in self.w["pronouns"]
               and toks[a].lower not in _ARTICLES and toks[a].lower not in ("sich", "nicht")
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
                                        "actor_type": "person", "unknown": True})
        if not kind and loose:
            if det is None and a == k:
                b = self._name_run(toks, a, 4)
                inner = next((x for x in range(a + 1, b) if self._mention_at(toks, x) is not None), None)
                if inner is not None:  # "Verteidiger Wolfgang Dingfelder": a word before a tagged name
                    m = self._mention_at(toks, inner)
                    e = self._tok_index_of(toks, inner, m["end"])
                    return _NP("name", m["start"], m["end"], m["text"], k, e, mention=m)
                if b > a:  # unknown name: "Milinkewitsch sagte"
                    s_, e_ = toks[a].start, toks[b - 1].end
                    txt = self.text[s_:e_]
                    return _NP("name", s_, e_, txt, k, b - 1,
                               mention={"start": s_, "end": e_, "text": txt, "actor": txt,
                                        "actor_type": "person" if b - a > 1 else "", "unknown": True})
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
