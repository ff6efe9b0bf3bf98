"""German subjects from the verb-second order, without a parser.

In a German main clause the finite verb comes second: what stands before it (the prefield) is
one phrase, most often the subject. When a speech verb — or the finite auxiliary of its clause
("haben … ausgesagt") — directly follows a phrase that opens with a nominative determiner
("Die Kanadier hingegen sagen", "Der Vertreter der Arbeitgeber …, Peter Clever, hat … gefordert",
"Die „Süddeutsche Zeitung“ hatte gestern berichtet", "Einer der 13 beteiligten Feuerwehrmänner
sagte"), that phrase is the speaker. The phrase: determiner, adjectives, a capitalised head (or a
quoted name after the determiner) with the capitalised words after it, attached genitives and
"von/aus/in/bei …" phrases, a parenthesis, and appositions or relative clauses between commas; one
adverb may stand between it and the verb ("hingegen", "jedoch"). A name mention in the head or in
an apposition makes the speaker that name. Word lists: quotes_lexicon.json (prefield_openers,
finite_aux, after_prefield, attach_words).
"""
from __future__ import annotations

from .lexicon import _CLAUSE_PUNCT, _HARD_STOP
from .phrases import _NP


class _Prefield:
    """Mixin of the extractor: the German prefield phrase as the subject of a speech verb."""

    def _adj(self, tok):
        return tok.quote < 0 and (
            tok.text.isalpha() and tok.text[0].islower() and tok.lower not in self.lex.verbs
            and tok.lower not in self.w["determiners"] and tok.lower not in self.w["attach_words"]
            and tok.lower not in self.w["finite_aux"]
            or tok.text[:1].isdigit())

    def _headlike(self, tok, after_det=False):
        if tok.quote >= 0:
            return after_det
        t = tok.text
        return (t[:1].isupper() and t.replace("-", "").replace(".", "").isalnum() and not t[:1].isdigit()
                and tok.lower not in self.stop and tok.lower not in self.lex.verbs
                and tok.lower not in self.w["pronouns"] and tok.lower not in self.w.get("not_names", ()))

    def _noun_group(self, toks, j, v, after_det):
        """End (exclusive) of adjectives + head + following capitalised words from j, or None."""
        while j < v and self._adj(toks[j]):
            j += 1
        if j >= v or not self._headlike(toks[j], after_det):
            return None
        j += 1
        while j < v and toks[j].quote < 0 and self._headlike(toks[j]):
            j += 1
        if j < v and toks[j].quote >= 0 and toks[j - 1].quote < 0:
            j += 1  # a quoted name after the head: "Die Zeitung „Yemen Observer“"
        return j

    def _det_noun_group(self, toks, j, v):
        """`_noun_group` after an optional determiner at j ("der", "eines", …)."""
        if j < v and toks[j].lower in self.w["determiners"]:
            j += 1
        return self._noun_group(toks, j, v, after_det=True)

    def _clause_start(self, toks, v):
        """Back from v to a sentence mark, colon or quote — a quoted name after a determiner
        ("Die „Süddeutsche Zeitung“ hatte berichtet") belongs to the clause."""
        b = v
        while b > 0 and toks[b - 1].text not in _HARD_STOP | {":"} and (
                toks[b - 1].quote < 0 or b >= 2 and (toks[b - 2].lower in self.w["determiners"]
                                                     or self._headlike(toks[b - 2]))):
            b -= 1
        return b

    def bare_prefield_subject(self, toks, v):
        """A name or a bare plural noun (quotes_lexicon anonymous_heads) opening the clause as the subject of the speech verb v:
        verb-second ("Jugendliche haben dagegen … ausgesagt", "Merkel hat am Montag … gesagt",
        "Schröder sagte") unless a subject follows the auxiliary ("Gestern hat der Minister …"),
        or verb-final after "wie"/"als" ("Wie Dr. Dittrich aus dem Forscherteam erklärte")."""
        if self.lang != "de" or self.parsed:
            return None
        b = self._clause_start(toks, v)
        lead = self.w["leading_words"]
        sub = False
        while b < v and (toks[b].lower in lead or toks[b].lower in self.w["clause_subordinators"]):
            sub = sub or toks[b].lower in ("als",) or toks[b].lower in self.w["clause_subordinators"]
            b += 1
        if b >= v or toks[b].quote >= 0:
            return None
        np = self.np_at(toks, b)
        if np is None and self._namelike(toks[b]):
            e = b
            while e + 1 < v and self._namelike(toks[e + 1]) and e - b < 3:
                e += 1
            m = next((self._mention_at(toks, x) for x in range(b, e + 1) if self._mention_at(toks, x)), None)
            if m is not None:  # "Privatdozent Dr. Dittrich": the name
                x = next(x for x in range(b, e + 1) if toks[x].start == m["start"])
                np = _NP("name", m["start"], m["end"], m["text"], b, self._tok_index_of(toks, x, m["end"]),
                         mention=m)
            else:  # capitalised words the NER did not tag: a name as written ("Milinkewitsch sagte")
                np = self.np_at(toks, b, loose=True)
        if np is None or np.kind == "pron" or np.tok_end >= v:
            return None
        j = np.tok_end + 1
        if j < v and toks[j].text == "(":
            close = next((x for x in range(j + 1, min(v, j + 10)) if toks[x].text == ")"), None)
            if close is None:
                return None
            j = close + 1
        if np.kind == "name" and np.mention is not None and np.mention.get("unknown") \
                and np.tok_start == np.tok_end and self._subject_follows(toks, v):
            return None  # "Offiziell geht die Regierung … aus": an adverb, the subject follows
        if sub:
            after = v + 1
            if after < len(toks) and toks[after].lower in self.w["finite_aux"]:
                after += 1  # "zumal Verteidiger X immer wieder betont hatte, …"
            if after < len(toks) and toks[after].text not in _CLAUSE_PUNCT | _HARD_STOP and toks[after].quote < 0:
                return None  # "Als Begründung sagte ein Wissenschaftler": verb-second, not verb-final
            between = range(j, v)
            if any(toks[x].text in _CLAUSE_PUNCT or toks[x].quote >= 0 for x in between):
                return None
            return np
        if j < v and toks[j].lower in self.w["after_prefield"]:
            j += 1
        if j == v:
            return np
        if toks[j].lower not in self.w["finite_aux"] or j + 1 >= v:
            return None
        nxt = toks[j + 1]
        if nxt.lower in self.w["prefield_openers"] or nxt.lower in self.w["pronouns"] \
                or self._mention_at(toks, j + 1) is not None:
            return None  # "Gestern hat der Minister gesagt": the subject follows
        if any(toks[x].text in _CLAUSE_PUNCT or toks[x].quote >= 0 for x in range(j + 1, v)):
            return None
        return np

    def _subject_follows(self, toks, v):
        fw = self.forward(toks, v)
        return fw is not None and toks[fw.tok_start].lower not in self.w["oblique_determiners"]

    def prefield_subject(self, toks, v):
        if self.lang != "de" or self.parsed:
            return None
        # the clause start: back to a sentence mark, colon or quote
        b = self._clause_start(toks, v)
        lead = self.w["leading_words"]
        while b < v and toks[b].lower in lead and toks[b].lower not in self.w["prefield_openers"]:
            b += 1
        if b >= v or toks[b].lower not in self.w["prefield_openers"]:
            return None
        j = b + 1
        if toks[b].lower in ("einer", "eine", "einige", "viele", "mehrere") and j < v \
                and toks[j].lower in ("der", "des"):
            j += 1  # "Einer der 13 beteiligten Feuerwehrmänner"
        head_start = j
        j = self._noun_group(toks, j, v, after_det=True)
        if j is None:
            return None
        head_end = j  # exclusive
        appos = []
        while j < v:
            t = toks[j]
            if t.text == "(":
                close = next((x for x in range(j + 1, min(v, j + 10)) if toks[x].text == ")"), None)
                if close is None:
                    return None
                j = close + 1
            elif t.lower in self.w["attach_words"]:
                k = self._det_noun_group(toks, j + 1, v)
                if k is None:
                    break
                j = k
            elif t.text == ",":
                close = next((x for x in range(j + 1, min(v, j + 16)) if toks[x].text == ","), None)
                if close is None or any(toks[x].text in _HARD_STOP or toks[x].quote >= 0
                                        for x in range(j + 1, close)):
                    return None
                appos.append((j + 1, close))
                j = close + 1
            else:
                break
        if j < v and toks[j].lower in self.w["after_prefield"]:
            j += 1
        if j != v:
            if j > v or toks[j].lower not in self.w["finite_aux"]:
                return None
            if any(toks[x].text in _CLAUSE_PUNCT or toks[x].quote >= 0 for x in range(j + 1, v)):
                return None  # "Die Polizei hat gesagt, …, wie X mitteilte": another clause's verb
        end = j - 1
        while end > b and toks[end].text in (",", ")") or toks[end].lower in self.w["after_prefield"]:
            end -= 1
        # a name in the head ("Der SPD-Abgeordnete Jörg Tauss") or an apposition ("…, Peter Clever,")
        for a, z in [(head_start, head_end)] + appos:
            for x in range(a, z):
                m = self._mention_at(toks, x)
                if m is not None and not (x == z - 1 and x > a and self._genitive_mention(m)):
                    e = self._tok_index_of(toks, x, m["end"])
                    return _NP("name", m["start"], m["end"], m["text"], x, e, mention=m)
        s, e = toks[b].start, toks[end].end
        last = head_end - 1
        m = self._mention_at(toks, last)
        if last > head_start and m is not None and self._genitive_mention(m):
            last -= 1  # "Die Anwältin Samanis": the head is "Anwältin"
        head_tok = toks[last] if toks[last].quote < 0 else toks[head_start]
        title = self._is_head(head_tok, "titles")
        anon = self._is_head(head_tok, "anonymous_heads")
        return _NP("title" if title and not anon else "anon", s, e, self.text[s:e], b, end,
                   head=anon or title or head_tok.lower,
                   definite=toks[b].lower in self.w["definite"])
