"""Cues: speech verbs, according-to phrases, and the reported clauses they frame."""
from __future__ import annotations

from .lexicon import _CLAUSE_PUNCT, _HARD_STOP, _SENT_END
from .mood import konjunktiv_i
from .phrases import _NP


class _Cues:
    """Mixin of the extractor: cue finding and the spans of reported speech."""
    def _clause_end_after(self, toks, i):
        j = i + 1
        return j >= len(toks) or toks[j].text in _CLAUSE_PUNCT | _HARD_STOP or toks[j].quote >= 0 \
            or toks[j].lower in ("und", "oder", "sowie", "and", "or")

    def _after_aux(self, toks, i):
        """A finite auxiliary stands before token i in its clause ("wird Watzke … zitiert") or a
        passive one right after it ("zitiert wurde")."""
        aux = self.w.get("finite_aux", ()) or self.w["passive_aux"]
        if i + 1 < len(toks) and toks[i + 1].lower in self.w["passive_aux"]:
            return True
        for j in range(i - 1, max(-1, i - 16), -1):
            t = toks[j]
            if t.text in _CLAUSE_PUNCT or t.text in _HARD_STOP:
                return False
            if t.lower in aux:
                return True
        return False

    def _attributive(self, toks, i):
        """German participle used as an adjective between a determiner after a preposition and
        its noun ("Mit dem neu formulierten Grundrecht", "in der angekündigten Reform"): no cue."""
        if self.lang != "de" or i < 2 or i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        if nxt.quote >= 0 or not nxt.text[:1].isupper() or not toks[i].lower.endswith(("e", "en", "em", "er", "es")):
            return False
        d = i - 1
        if toks[d].lower not in self.w["determiners"] and toks[d].text.isalpha() and toks[d].text[0].islower():
            d -= 1  # an adverb between: "dem neu formulierten"
        return (d >= 1 and toks[d].lower in self.w["determiners"]
                and toks[d - 1].lower in self.w["clause_prepositions"])

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
            if self._attributive(toks, i):
                continue
            if self.parsed:  # English: "the report says" — the noun is no cue
                dt = self._dep_token(t)
                if dt is not None and dt.pos_ not in ("VERB", "AUX"):
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
                part = next((v for v in plain if v.participle), None)
                if part is not None and part is not chosen and self._after_aux(toks, i):
                    chosen = part  # "wird … zitiert", "hatte … berichtet": the participle
            if chosen.lemma in self.w.get("document_verbs", ()) and not any(
                    toks[x].lower == "es" for x in range(max(0, i - 3), min(n, i + 4))):
                continue  # "das heißt", "er heißt Peter": no speech
            cues.append({"i": i, "verb": chosen, "particle": particle})
        return cues

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
        prepositions = self.w.get("according_prepositions", ())
        for i, t in enumerate(toks):
            if t.quote >= 0:
                continue
            if t.lower in prepositions:
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
                    if np is None:
                        np = self._according_phrase(toks, i + 1, c)
                    out.append({"i": i, "j": np.tok_end if np is not None else c, "np": np,
                                "cue": self.text[t.start:toks[c].end], "type": "before"})
            if t.lower in self.w.get("according_before", ()) and t.lower not in ("nach",):
                np = self.np_at(toks, i + 1, loose=True)
                if np is None and i + 1 < n and toks[i + 1].quote >= 0:  # "Laut „Welt“"
                    q = toks[i + 1]
                    np = _NP("anon", q.start, q.end, self.text[q.start:q.end], i + 1, i + 1, head=q.lower)
                if np is None and self.lang == "de" and i + 1 < n and toks[i + 1].quote < 0:
                    # "laut aktueller Statistik", "laut ai-Bericht", "laut taz": the words as the source
                    j = self._noun_group(toks, i + 1, n, after_det=True)
                    if j is None and toks[i + 1].text[:1].isalpha() and toks[i + 1].lower not in self.stop:
                        j = i + 2
                    if j is not None:
                        s_, e_ = toks[i + 1].start, toks[j - 1].end
                        np = _NP("anon", s_, e_, self.text[s_:e_], i + 1, j - 1, head=toks[j - 1].lower)
                    elif i + 2 < n and toks[i + 1].lower in self.w.get("possessive_pronouns", {}) \
                            and toks[i + 2].lower.endswith(tuple(self.w["according_nouns"])):
                        # "Laut ihren Aussagen": the pronoun's referent
                        np = _NP("pron", toks[i + 1].start, toks[i + 1].end, toks[i + 1].text, i + 1, i + 2)
                    else:  # "Laut einer neuen Studie des WFP"
                        np = self._phrase_from(toks, i + 1, n)
                if np and (np.kind != "pron" or np.tok_end > np.tok_start):  # no bare "laut ihm"
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
                found = None
                for k in range(max(0, i - 7), i):
                    np = self.np_at(toks, k, loose=True)
                    if np and np.tok_end == i - 1 and np.kind != "pron":
                        found = np
                        break
                if found is None:
                    found = self._dative_source(toks, i)
                if found is not None:
                    out.append({"i": found.tok_start, "j": i, "np": found, "cue": t.text, "type": "before"})
            if t.lower in self.w.get("so_cue", ()) and i > 0 and toks[i - 1].text == ",":
                np = self.np_at(toks, i + 1, loose=True)
                e = np.tok_end + 1 if np else n
                if e < n and toks[e].quote >= 0 and self.lang == "de" and self._short_quote(toks[e]):
                    e += 1  # a quoted name ends the phrase: ", so der Mitarbeiter der Firma „Shui Jing Shi“"
                while e < n and (toks[e].lower in ("weiter", "wörtlich", "dazu", "abschließend")
                                 or toks[e].lower in self.stop
                                 and toks[e].lower not in self.w.get("clause_prepositions", ())
                                 and toks[e].lower not in ("im", "am", "beim", "vom", "zum", "zur", "gegenüber")):
                    e += 1  # ", so Elshorst weiter:"
                if np and e < n and (toks[e].lower in self.w.get("clause_prepositions", ())
                                     or toks[e].lower in ("im", "am", "beim", "vom", "zum", "zur", "gegenüber")):
                    # ", so X gegenüber der Zeitung.", ", so Nasrallah im libanesischen Fernsehen."
                    k = e
                    while k < n and k < e + 12 and toks[k].text not in _CLAUSE_PUNCT | _HARD_STOP:
                        k += 1
                    if k >= n or toks[k].text in _CLAUSE_PUNCT | _HARD_STOP:
                        e = k
                if np and (e >= n or toks[e].text in _CLAUSE_PUNCT | _HARD_STOP):
                    out.append({"i": i, "j": np.tok_end, "np": np, "cue": t.text, "type": "so", "after": e})
        return out


    def _short_quote(self, tok):
        """A quote token of at most four words with no sentence mark: a quoted name or title."""
        inner = self.text[tok.start + 1:tok.end - 1].strip()
        return len(inner.split()) <= 4 and not any(ch in inner for ch in ".!?")

    def _dative_source(self, toks, i):
        """The dative phrase before "zufolge" when it is no name or description: "der Meldung",
        "dem „Figaro“", "ersten Angaben", "offiziellen chinesischen Angaben", "einer Erklärung des
        Verbandes"; without a determiner only when its noun is one of according_nouns."""
        if self.lang != "de" or i < 1:
            return None
        k = i
        while k > 0 and i - k < 8:
            t = toks[k - 1]
            if t.lower in self.w["determiners"]:
                k -= 1
                if not (k > 0 and toks[k - 1].text[:1].isupper() and toks[k - 1].quote < 0):
                    break  # "des Verbandes" after a head goes on; the phrase's own determiner ends it
                continue
            if t.quote >= 0 or t.text[:1].isupper() and t.text[:1].isalpha() \
                    or self._adj(t) and t.lower.endswith(("e", "en", "er", "em", "es")):
                k -= 1
                continue
            break
        if k == i or not (toks[i - 1].quote >= 0 or toks[i - 1].text[:1].isupper()):
            return None
        if toks[k].lower not in self.w["determiners"] and not any(
                toks[x].lower.endswith(tuple(self.w["according_nouns"])) for x in range(k, i)):
            return None  # "Überlieferungen zufolge": no source phrase of this kind
        s_, e_ = toks[k].start, toks[i - 1].end
        return _NP("anon", s_, e_, self.text[s_:e_], k, i - 1, head=toks[i - 1].lower,
                   definite=toks[k].lower in self.w["definite"])

    def _according_phrase(self, toks, a, c):
        """The source as written when "nach … Angaben" names no one after the noun: "offiziellen
        Angaben", "eigenen Angaben", "einem Bericht der „FAZ“", "Ansicht von ai" (anonymous)."""
        n = len(toks)
        e = c
        if c + 1 < n and toks[c + 1].lower in ("der", "des", "eines", "einer"):
            g = self._det_noun_group(toks, c + 1, n)
            if g is not None:
                e = g - 1
        elif c + 2 < n and toks[c + 1].lower in ("von", "vom") and toks[c + 2].text[:1].isalnum() \
                and toks[c + 2].lower not in self.stop:
            e = c + 2
        return _NP("anon", toks[a].start, toks[e].end, self.text[toks[a].start:toks[e].end], a, e,
                   head=toks[c].lower)

    def indirect_after(self, toks, cue):
        n = len(toks)
        v = cue["particle"] if cue.get("particle") is not None else cue["i"]
        if cue.get("aux") is not None and cue["aux"] > v:
            v = cue["aux"]
        subs = self.w["subordinators"]
        c = cue["i"]
        named = c >= 2 and toks[c - 1].quote >= 0 and (toks[c - 2].lower in self.w["determiners"]
                                                      or self._headlike(toks[c - 2]))
        if not named and c >= 1 and (toks[c - 1].quote >= 0
                                     or c >= 2 and toks[c - 1].text == "," and toks[c - 2].quote >= 0):
            return None  # "„…“, sagte X, …": the verb frames the quote before it (not "Die „Zeit“ schrieb")
        if self.parsed and self._dep_token(toks[c]) is not None:
            return self.dep_clause(toks, c)  # the parse decides: "he told the BBC." frames no clause
        np = cue.get("np")
        subj_end = np.tok_end if np is not None and cue.get("how") == "forward" else -1
        for j in range(v + 1, min(n, v + 11)):
            t = toks[j]
            if j <= subj_end:
                continue  # inside the subject after the verb ("schreibt die „Zeit“, …")
            if t.quote >= 0 and j == subj_end + 1 and subj_end > v:
                subj_end = j  # "meldet die Nachrichtenagentur „Xinhua“, …": a name in the subject
                continue
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
                        and toks[k].lower not in self.w["pronouns"] and toks[k].lower != "man" \
                        and not self._konjunktiv_clause(toks, k):
                    return None  # "sagte X, ein Anwalt …": an apposition, not a clause
                return k, self._clause_stop(toks, k)
            if self.lang == "en" and j == v + 1 and (t.lower in ("the", "it", "he", "she", "they", "we", "there", "i")):
                return j, self._clause_stop(toks, j)
        return None

    def _konjunktiv_clause(self, toks, k):
        """German: a clause from k with a Konjunktiv-I verb within its first five words ("meldet die
        Agentur, die Maschine sei …", "…, Feldmann rechne mit …"): reported speech, no apposition."""
        if self.lang != "de":
            return False
        forms = konjunktiv_i(self.lang)
        for t in toks[k:k + 6]:
            if t.quote >= 0 or t.text in (",", ":", ";", "(") or t.text in _HARD_STOP:
                return False
            if t.lower in forms and t.text[:1].islower():
                return True
        return False

    def _clause_stop(self, toks, k):
        n = len(toks)
        j = k
        while j + 1 < n and toks[j + 1].text not in (";",) \
                and not (toks[j + 1].text == ":" and j + 2 < n and toks[j + 2].quote >= 0):
            j += 1
        return j

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
        impersonal = np is None and cue["verb"].lemma in self.w.get("document_verbs", ()) \
            and v + 1 < len(toks) and toks[v + 1].lower == "es"
        if np is not None and cue.get("how") == "backward" and np.tok_end == v - 1:
            s = np.tok_start
        elif not impersonal and (cue.get("how") != "forward" or np is None):
            return None  # ("CLAUSE, hieß es." has no speaker but reports the clause)
        after = (np.tok_end + 1) if (np is not None and cue.get("how") == "forward") else v + 1
        if after < len(toks) and (toks[after].text == ":" or toks[after].quote >= 0):
            return None  # "…, sagte X: „…“" frames a direct quote
        while s > 0 and toks[s - 1].lower in self.w["leading_words"] and toks[s - 1].lower in ("so",):
            s -= 1
        if s == v and s >= 2 and toks[s - 1].lower in self.w["anaphoric_objects"] and toks[s - 2].text == ",":
            s -= 1  # "CLAUSE, das teilte die Polizei mit": "das" before the verb is the clause (verb-second)
        if s == 0 or toks[s - 1].text != ",":
            return None
        end = s - 2
        if end < 0 or toks[end].quote >= 0 and (end == 0 or not toks[end - 1].text[:1].isalnum()
                                                or toks[end - 1].quote >= 0):
            return None  # "„…“, sagte X" frames a direct quote; "den Stern „HD 13189“, teilte X mit" does not
        b = end
        while b > 0 and toks[b - 1].text not in (":", ";") and toks[b - 1].text not in _HARD_STOP and (
                toks[b - 1].quote < 0 or b >= 2 and toks[b - 2].text[:1].isalnum() and toks[b - 2].quote < 0):
            b -= 1  # a quoted word inside the clause ("Sie sei „vollkommen geschockt“ über …") belongs to it
        if end - b < 2 or toks[b].lower in self.w.get("clause_openers_not_reported", ()) \
                or sum(1 for x in toks[b:end + 1] if x.quote < 0 and x.text[:1].isalnum()) < 3:
            return None
        return b, end

    def according_span(self, toks, a):
        n = len(toks)
        i, j = a["i"], a["j"]
        if a["type"] == "so":
            end = i - 2
            after = a.get("after", n)
            words = sum(1 for x in toks[:max(0, end + 1)] if x.quote < 0 and x.text[:1].isalnum())
            if after + 1 < n and toks[after].text == "," and (
                    words < 5 or toks[after + 1].quote >= 0 or toks[after + 1].text[:1].islower()
                    and toks[after + 1].lower not in self.w["determiners"]
                    and toks[after + 1].lower not in self.w.get("relative_pronouns_all", ())):
                # "Dennoch, so Nacke, habe Mindermann …": the so-phrase is inserted in the message
                return 0, n - 1
            if end < 1 or words < 2 or toks[end].quote >= 0 and words < 4:
                return None
            b = end
            while b > 0 and toks[b - 1].text not in (":", ";"):
                b -= 1  # "… ließ sich auf nichts ein: Eine Strafe sei nicht vermittelbar, so die Richterin."
            return (b, end) if end - b >= 1 else None
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
        return self._according_clause(toks, i, j) or (0, n - 1)

    def _according_clause(self, toks, i, j):
        """The subordinate clause or parenthesis that holds a mid-sentence according-phrase (tokens
        i..j): "eine Tasche, die nach dessen Angaben die Bombe enthalten sollte", "…, weil die
        Mission nach Angaben der UN überfordert ist", "(nach anderen Angaben liegt die Stadt …)";
        None when the phrase stands in the main clause (the sentence is then the message)."""
        if self.lang != "de":
            return None
        n = len(toks)
        stops = _CLAUSE_PUNCT | _HARD_STOP
        b = i
        while b > 0 and toks[b - 1].text not in stops:
            b -= 1
        e = j
        while e + 1 < n and toks[e + 1].text not in stops:
            e += 1
        if e - b < 3 or (b == 0 and e >= n - 2):
            return None
        if b > 0 and toks[b - 1].text == "(":
            return (b, e) if e + 1 < n and toks[e + 1].text == ")" else None
        first = toks[b]
        if first.lower in self.w.get("clause_prepositions", ()) and b + 1 < i:
            first = toks[b + 1]  # "auf dem sich nach Angaben …", "unter denen …"
        relative = b > 0 and toks[b - 1].text == "," and first.lower in self.w.get("relative_pronouns_all", ())
        if relative or first.lower in self.w.get("clause_subordinators", ()):
            return b, e
        return None
