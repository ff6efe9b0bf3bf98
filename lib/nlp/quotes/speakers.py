"""Who speaks: the subject of a cue, and what pronouns, titles and descriptions resolve to."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

from .lexicon import _AUX, _CLAUSE_PUNCT, _HARD_STOP, _lexicon
from .phrases import _NP, _Speaker


@cache
def _oblique_words(lang: str) -> frozenset[str]:
    """Prepositions and object determiners: a name after one is no subject."""
    w = _lexicon(lang).words
    return frozenset(w.get("clause_prepositions", ())) | frozenset(w.get("oblique_determiners", ()))


class _Speakers:
    """Mixin of the extractor: speaker phrases of cues and their resolution."""
    def _in_quote(self, pos):
        spans = getattr(self, "_spans", None) or []
        i = bisect_right(self._span_starts, pos) - 1 if spans else -1
        return i >= 0 and pos < spans[i][1]

    def _latest_mention(self, pos, pred, lo: int = 0):
        """The latest mention before `pos` (starting at `lo` or later) that `pred` accepts, never one
        inside a quote or a reported clause (a name a speaker says is not who says it)."""
        # names are sorted by start: walk back from the last one starting before `pos`
        for i in range(bisect_left(self.name_starts, pos) - 1, -1, -1):
            m = self.names[i]
            if m["start"] < lo:
                return None
            if m["end"] <= pos and pred(m) and not self._in_quote(m["start"]) \
                    and not any(r["kind"] == "indirect" and r["start"] <= m["start"] < r["end"]
                                for r in self.records):
                return m
        return None

    def nearest_mention(self, sp: _Speaker, pos: int) -> _Speaker:
        """A named speaker points at the actor's latest mention before `pos` (outside quotes): "Obwohl
        Steinbrück … rechnet, sei man von einer „…“" names Steinbrück there, not where he was introduced."""
        if sp.kind != "name" or not sp.actor or sp.start is None or sp.start >= pos:
            return sp
        m = self._latest_mention(pos, lambda m: m.get("actor", m["text"]) == sp.actor)
        if m is None or m["start"] <= sp.start:
            return sp
        return _Speaker(m["text"], m["start"], m["end"], sp.actor, "name", actor_type=sp.actor_type,
                        for_actor=sp.for_actor)

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
            low = self.w.get("demonstrative_pronouns", {}).get(low, low)  # "dieser" → "er"
            plural = low == "they" or (low == "sie" and self.lang == "de"
                                       and verb_text.lower().endswith("en"))
            if plural:
                for _, sp in reversed(self.history):
                    if sp.kind == "anon" or sp.actor_type == "organisation":
                        return sp.antecedent or sp
                m = self._latest_mention(np.start, lambda m: m.get("actor_type") == "organisation")
                return self._from_mention(m) if m else None
            wrong = self._genders().get("m" if low in ("sie", "she") else "f", set()) \
                if low in ("er", "sie", "he", "she") else set()
            m = self._latest_mention(np.start, lambda m: m.get("actor_type") == "person"
                                     and m.get("actor", m["text"]) not in wrong and not self._genitive_mention(m))
            if m is not None and self._oblique_mention(m):
                # a subject in the same paragraph before a person named in a prepositional or object
                # phrase ("… seit dem Amtsantritt von Angela Merkel lobte er", "mit seinen Kollegen X")
                sub = self._latest_mention(np.start, lambda x: x.get("actor_type") == "person"
                                           and x.get("actor", x["text"]) not in wrong
                                           and not self._genitive_mention(x) and not self._oblique_mention(x),
                                           lo=self.text.rfind("\n", 0, np.start) + 1)  # the same paragraph
                if sub is not None:
                    m = sub
            best = self._from_mention(m) if m else None
            for _, sp in reversed(self.history):
                if sp.kind == "name" and sp.actor_type in ("person", "") and sp.start is not None \
                        and sp.actor not in wrong \
                        and sp.start < np.start and (best is None or sp.start > best.start):
                    best = sp
                    break
            desc = self._latest_description(np.start, low)
            if desc is not None and (best is None or desc.start > best.start):
                return desc.antecedent or desc  # "Der Bundeskanzler nahm Stellung. Er bezeichnete …"
            if best is None:  # nothing to resolve to: the pronoun as written, no actor
                return _Speaker(np.text, np.start, np.end, "", "pron")
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
                    return _Speaker(np.text, np.start, np.end, "", "anon", head=np.head, det=self._det(np),
                                    antecedent=sp.antecedent or sp)
        return _Speaker(np.text, np.start, np.end, "", "anon", head=np.head, det=self._det(np),
                        for_actor=self._spoken_for(np))

    def _oblique_mention(self, m) -> bool:
        """A German name after a preposition or an object determiner, across titles and a
        coordination ("von Angela Merkel", "mit seinen Kollegen Edwin Aldrin und Michael Collins",
        "dem Minister Peter Struck"): no subject, a weaker antecedent for a pronoun."""
        if self.lang != "de":
            return False
        oblique = _oblique_words(self.lang)
        for w in reversed(self.text[max(0, m["start"] - 100):m["start"]].split()[-6:]):
            if w in ("und", "oder", "sowie") or w[:1].isupper() and w[-1:].isalnum():
                continue
            return w.lower() in oblique
        return False

    def _genders(self) -> dict[str, set[str]]:
        """Person actors of the doc known to be female ("f") or male ("m") from the word before a
        mention: "Frau"/"Mrs"/a title in -in ("Bundeskanzlerin Angela Merkel") or "Herr"/"Mr"/a
        title without it ("Präsident", "Minister"). A pronoun never resolves to the other gender."""
        if getattr(self, "_gender_cache", None) is None:
            out: dict[str, set[str]] = {"f": set(), "m": set()}
            starts = getattr(self, "_starts", None) or [t.idx for t in self.doc]
            titles = self.w["titles"]
            for m in self.names:
                if m.get("actor_type") != "person":
                    continue
                i = bisect_left(starts, m["start"]) - 1  # the token before the mention
                if i < 0:
                    continue
                prev = self.doc[i]
                w = prev.text.lower()
                actor = m.get("actor", m["text"])
                if w in ("frau", "mrs", "mrs.", "ms", "ms.") or prev.text[:1].isupper() and len(w) > 5 \
                        and w.endswith("in") and (w[:-2] in titles or any(w[:-2].endswith(t) for t in titles
                                                                         if len(t) >= 5)):
                    out["f"].add(actor)
                elif w in ("herr", "herrn", "mr", "mr.") or w in titles and not w.endswith("in"):
                    out["m"].add(actor)
            both = out["f"] & out["m"]
            self._gender_cache = {k: v - both for k, v in out.items()}
        return self._gender_cache

    def _spoken_for(self, np: _NP) -> str:
        """The actor of a name inside a spokesperson's description ("ein Sprecher der Downing
        Street", "Blair's spokesman"): the one the speaker speaks for."""
        if np.head not in self.w.get("spokesperson_heads", ()):
            return ""
        m = next((m for m in self.names if np.start <= m["start"] and m["end"] <= np.end + 2), None)
        return m.get("actor", m["text"]) if m else ""

    def _det(self, np: _NP) -> str:
        first = np.text.split(" ", 1)[0].lower()
        return first if first in self.w["determiners"] else ""

    def _latest_description(self, pos, pronoun):
        """The latest singular description of the pronoun's gender before `pos` that was a subject
        or a speaker ("Ein Sprecher der US-Armee …. Er sagte"); German only."""
        if pronoun not in ("er", "sie"):
            return None
        dets = self.w.get("masculine_determiners" if pronoun == "er" else "feminine_determiners", ())
        for sp in sorted(self.subjects + [sp for _, sp in self.history], key=lambda x: -(x.start or 0)):
            if sp.start is None or sp.start >= pos:
                continue
            if sp.kind == "name":
                return None  # a named speaker is later: the mention search covers it
            if sp.kind != "anon" or sp.det not in dets:
                continue
            if pronoun == "sie" and sp.det == "die" and sp.head.endswith(("en", "er", "innen")):
                continue  # "die Experten": plural
            return sp
        return None


    def subject(self, toks, cue):
        np, how = self._subject(toks, cue)
        if self.parsed:  # English: the parse's subject wins over the token rules
            dep = self.dep_subject(toks, cue["i"])
            if dep is not None:
                np, how = dep
        src = self.source_subject(toks, cue)
        if src is not None:
            return src  # "heißt es in dem Bericht", "wird Watzke … zitiert"
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
            if self.lang == "de" and aux is None:
                # "Er wird unter anderem beschuldigt", "Ägypten wird inzwischen aufgefordert"
                for j in range(v - 2, max(-1, v - 12), -1):
                    if toks[j].text in _CLAUSE_PUNCT or toks[j].text in _HARD_STOP or toks[j].quote >= 0:
                        break
                    if toks[j].lower in ("wird", "wurde", "werden", "wurden"):
                        aux = j
                        break
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
                    # "werden von Musikkennern als „…“ bezeichnet": a bare plural too
                    np = self.np_at(toks, j + 1) or self.np_at(toks, j + 1, loose=True)
                    if np and np.tok_end < v:
                        return np, "agent"
            return None, "passive"
        if self.joined_by_und(toks, v) is not None:
            return self.conj_subject(toks, v), "backward"
        pf = self.prefield_subject(toks, v)
        if pf is None:
            pf = self.bare_prefield_subject(toks, v)
        if pf is not None:
            return pf, "backward"
        inv = self._after_finite_aux(toks, v)
        if inv is not None:
            return inv, "forward"
        if v > 0 and toks[v - 1].quote < 0 and not verb.participle and not self._after_aux(toks, v):
            m = next((m for m in self.names if m["end"] == toks[v - 1].end), None)
            first = v - 1
            while m is not None and first > 0 and toks[first - 1].end > m["start"]:
                first -= 1
            oblique = first > 0 and (toks[first - 1].lower in self.w["oblique_determiners"]
                                     or toks[first - 1].lower in self.w.get("attach_words", ()))
            fw = self.forward(toks, v) if m is not None else None
            if m is not None and m.get("actor_type") in ("person", "organisation") and not oblique \
                    and (fw is None or toks[fw.tok_start].lower in self.w["oblique_determiners"]):
                # "… der Medienunternehmer Sondhi Limthongkul rief …": a person right before the verb
                e = v - 1
                b = e
                while b > 0 and toks[b - 1].end > m["start"]:
                    b -= 1
                return _NP("name", m["start"], m["end"], m["text"], b, e, mention=m), "backward"
        rel = self._relative_antecedent(toks, v)
        if rel is not None:
            return rel, "backward"
        # the verb's segment: back to the last clause punctuation or quote
        s = self._segment_start(toks, v)
        lead = self.w["leading_words"]
        if s < v:
            k = s
            while k < v and (toks[k].lower in lead or toks[k].quote >= 0
                             or toks[k].lower in self.w["clause_subordinators"]):
                k += 1
            if k < v and k > s and toks[k].lower in _AUX:  # "So hatte der Minister … zugesichert"
                k += 1
            np = self.np_at(toks, k)
            if np and np.tok_end < v:
                return np, "backward"
            fwd = self.np_at(toks, v + 1) if v + 1 < n and toks[v + 1].text[:1].isalpha() else None
            if self._genitive_name(toks, fwd):
                fwd = None
            back = self.np_at(toks, k, loose=True)
            if back and not all(toks[x].lower in _AUX or toks[x].lower in self.stop or toks[x].text in "()"
                                or toks[x].lower in self.w.get("adverbs_before_subject", ())
                                or toks[x].text[:1].isupper() and x > back.tok_end and toks[x - 1].text == "("
                                for x in range(back.tok_end + 1, v)):
                back = None
            if fwd and fwd.kind == "pron" and back and back.kind != "pron" \
                    and toks[k].lower in self.w.get("subject_determiners", ()):
                return back, "backward"  # "Der Hauptgeschäftsführer des BPI nannte sie „…“"
            if fwd:
                return fwd, "forward"
            if back:
                if back.kind == "name" and back.mention is not None and back.mention.get("unknown") \
                        and back.tok_start == back.tok_end:
                    # one capitalised word the NER did not tag, before the verb: a name
                    # ("Milinkewitsch sagte") unless a subject follows ("Dann sagte Gall")
                    after = self.forward(toks, v)
                    if after is not None and after.kind != "pron":
                        return after, "forward"
                return back, "backward"
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

    def _relative_antecedent(self, toks, v):
        """German relative clause ending in the speech verb: its antecedent speaks ("ein Kommentar,
        der die Entscheidung als „…“ bezeichnet", "Demonstranten, die skandierten: „…“"), unless a
        subject follows the relative pronoun ("eine Botschaft, welche die Techniker … bezeichnete")."""
        if self.lang != "de":
            return None
        s = self._segment_start(toks, v)
        if s < 2 or toks[s - 1].text != "," or toks[s].lower not in self.w.get("relative_pronouns", ()):
            return None
        if toks[s].lower not in ("der", "welcher") and s + 1 < v and (
                toks[s + 1].lower in self.w["prefield_openers"] or toks[s + 1].lower in self.w["pronouns"]
                or self._mention_at(toks, s + 1) is not None):
            return None  # "die/das/welche" + a subject: the relative pronoun may be the object
        if v + 1 < len(toks) and toks[v + 1].text not in _CLAUSE_PUNCT | _HARD_STOP and toks[v + 1].quote < 0 \
                and toks[v + 1].lower not in self.w["finite_aux"]:
            return None  # not verb-final
        end = self._skip_paren_back(toks, s - 2)
        first = end
        while first > 0 and end - first < 8 and toks[first - 1].quote < 0 \
                and toks[first - 1].text not in _CLAUSE_PUNCT | _HARD_STOP:
            first -= 1
        for k in range(first, end + 1):  # the longest phrase ending at the comma
            if toks[k].text[:1].islower() and toks[k].lower not in self.w["determiners"]:
                continue  # "versammelten sich … Demonstranten": no verb in the phrase
            np = self.np_at(toks, k, loose=True)
            # "Der oberste Führer Irans, der …": a genitive name may follow the head
            if np is not None and np.kind != "pron" and (
                    np.tok_end == end or np.tok_end == end - 1 and toks[end].text[:1].isupper()):
                return np
        return None

    def _after_finite_aux(self, toks, v):
        """German inverted order: the name or title right after the finite auxiliary of a
        participle cue ("Bereits im Dezember hatte Bundeskanzlerin Angela Merkel … verkündet")."""
        if self.lang != "de" or not toks[v].text[:1].islower():
            return None
        for j in range(v - 1, max(0, v - 14), -1):
            t = toks[j]
            if t.text in _CLAUSE_PUNCT or t.text in _HARD_STOP or t.quote >= 0:
                return None
            if t.lower in self.w["finite_aux"] and j > 0:
                np = self.np_at(toks, j + 1)
                if np is not None and np.kind == "name" and np.tok_end < v \
                        and toks[j + 1].lower not in self.w["determiners"]:
                    return np  # never "hat der Ministerin vorgeworfen" (a dative)
                return None
        return None

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

    def _genitive_name(self, toks, np) -> bool:
        """A German name in -s right before a noun that is no name: a genitive attribute ("Trumps
        Angriffsauftrag", "Merkels Politik"), never the subject."""
        if np is None or np.kind != "name" or self.lang != "de" or not np.text.endswith("s"):
            return False
        n, e = len(toks), np.tok_end + 1
        return (e < n and toks[e].quote < 0 and toks[e].text[:1].isupper() and toks[e].text.isalpha()
                and self._mention_at(toks, e) is None and toks[e].lower not in self.stop)

    def forward(self, toks, v):
        n = len(toks)
        skip = self.w.get("adverbs_before_subject", ())
        k0 = v + 1
        while k0 < n and k0 < v + 4 and toks[k0].lower in skip:
            k0 += 1  # "Das erklärte gestern ein Sprecher"
        titled = self._quoted_title(toks, k0)
        if titled is not None:
            return titled  # "schreibt die „Süddeutsche Zeitung“"
        for k in (k0, k0 + 1):
            if k >= n:
                break
            if k == k0 + 1 and (not (toks[k0].lower in _AUX or toks[k0].lower in self.stop)
                                or toks[k0].lower in self.w["oblique_determiners"]):
                break  # "begründete seinen Schritt": an object, not the subject
            np = self.np_at(toks, k)
            if self._genitive_name(toks, np):
                return None  # "nannte Trumps Angriffsauftrag „…“": a genitive, not the subject
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

    def _quoted_title(self, toks, k):
        """German "die „Süddeutsche Zeitung“" right after a verb: a determiner and a quoted title of at
        most five words, capitalised, closing the clause — the publication or organisation as subject."""
        n = len(toks)
        if self.lang != "de" or k + 1 >= n or toks[k].lower not in ("die", "der", "das") or toks[k + 1].quote < 0:
            return None
        if k + 2 < n and toks[k + 2].text not in _CLAUSE_PUNCT | _HARD_STOP | {"mit", "in", "am", "im", "zufolge"}:
            return None
        q = toks[k + 1]
        s, e = q.start + 1, q.end - 1
        while e > s and not self.text[e - 1].isalnum():
            e -= 1
        inner = self.text[s:e]
        if not inner[:1].isupper() or not 1 <= len(inner.split()) <= 5:
            return None
        a, b = toks[k].start, q.end
        return _NP("name", a, b, self.text[a:b], k, k + 1,
                   mention={"start": a, "end": b, "text": self.text[a:b], "actor": inner,
                            "actor_type": "organisation", "unknown": True})

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
            prev = toks[k - 1] if k > b else None
            # not a phrase attached to a noun ("Den Unmut der CDU …:", "im Bezirk Weser-Ems")
            attached = prev is not None and prev.text != "," and (
                prev.text[:1].isupper() or prev.lower in self.w["determiners"] or prev.lower in preps)
            np = None if attached else self.np_at(toks, k)
            if np is not None and np.tok_end < c:
                if np.kind == "name" and np.mention.get("actor_type") in ("place", "country"):
                    return None  # "Queensland sei … verpflichtet:" — no one said to speak
                return np
            k += 1
        k = self.after_leading(toks, b, c)
        np = self.np_at(toks, k, loose=True)
        if np is None or np.kind == "anon":
            # "Zitat von Schröder:", "Das Fazit von Sandra Boser … überrascht nicht:": the person
            for x in range(k, c - 1):
                if toks[x].lower in ("von", "vom") and (np is None or x == np.tok_end + 1):
                    m = self._mention_at(toks, x + 1)
                    if m is not None and m.get("actor_type") == "person":
                        e = self._tok_index_of(toks, x + 1, m["end"])
                        return _NP("name", m["start"], m["end"], m["text"], x + 1, e, mention=m)
        if np is None or np.tok_end >= c:
            return None
        return np
