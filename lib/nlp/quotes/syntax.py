"""English speakers and reported clauses from the dependency parse (en_core_web_sm has one).

Used only when the doc has a parse (``doc.has_annotation("DEP")``); German docs (NER only) and
blank pipelines keep the token rules of speakers.py and cues.py.

* Speaker of a speech verb: its ``nsubj`` ("Howard told the BBC", "said Mr Howard"); for a verb
  joined by "and" without a subject of its own, the subject of the verb it is joined to; for a
  passive, the ``agent`` ("was announced by the ministry"), else none. The speaker phrase is the
  subject's words up to its head, with "of / in / at / for / from …" attached, never its relative
  clause or apposition; a name mention covering the head makes it a name ("Mr Howard"), a name
  that only modifies the head does not ("Blair's spokesman" stays a description, spoken for Blair).
* Reported clause of a speech verb: its ``ccomp`` after it ("said that …", "told the BBC that …").
"""
from __future__ import annotations

from .phrases import _NP

_ATTACH = {"of", "in", "at", "for", "from"}


class _Syntax:
    """Mixin of the extractor: dependency-based subject and clause for parsed (English) docs."""

    def _dep_token(self, tok):
        if not self.parsed:
            return None
        if self._dep_index is None:
            self._dep_index = {t.idx: t for t in self.doc}
        return self._dep_index.get(tok.start)

    def _tok_at_char(self, toks, char):
        for i, t in enumerate(toks):
            if t.start <= char < t.end or t.start >= char:
                return i
        return None

    def dep_subject(self, toks, v):
        """(np, how) from the parse, or None when the verb is not in the parse."""
        dt = self._dep_token(toks[v])
        if dt is None:
            return None
        verb = dt
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")), None)
            if subj is not None or verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
                break
            verb = verb.head
        if subj is None:
            return None, "forward"
        if subj.dep_ == "nsubjpass":
            agent = next((c for c in dt.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is None:
                return None, "passive"
            subj = pobj
        elif subj.dep_ == "agent":
            subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
            if subj is None:
                return None, "passive"
        how = "backward" if subj.i < dt.i else "forward"
        return self._dep_np(toks, subj), how

    def _dep_np(self, toks, head):
        left = head.left_edge
        # words up to the head, skipping a relative clause or apposition opened before it
        for t in head.lefts:
            if t.dep_ in ("relcl", "appos", "punct", "acl"):
                left = head.doc[t.right_edge.i + 1] if t.right_edge.i + 1 <= head.i else head
        right = head
        for t in head.rights:
            if t.dep_ == "prep" and t.lower_ in _ATTACH and t.i == right.i + 1:
                right = t.right_edge
            else:
                break
        a = self._tok_at_char(toks, left.idx)
        b = self._tok_at_char(toks, right.idx)
        if a is None or b is None or a > b or any(toks[x].quote >= 0 for x in range(a, b + 1)):
            return None
        if head.pos_ == "PRON" or head.lower_ in self.w["pronouns"]:
            return self.np_at(toks, self._tok_at_char(toks, head.idx))
        # a name mention covering the head: the speaker is the name
        hm = next((m for m in self.names if m["start"] <= head.idx < m["end"]), None)
        if hm is not None and not any(c.dep_ == "case" for c in head.children):
            e = self._tok_index_of(toks, self._tok_at_char(toks, hm["start"]), hm["end"])
            return _NP("name", hm["start"], hm["end"], hm["text"], a, max(e, a), mention=hm)
        s, e = toks[a].start, toks[b].end
        det = toks[a].lower
        return _NP("anon", s, e, self.text[s:e], a, b, head=head.lower_,
                   definite=det in self.w["definite"])

    def dep_clause(self, toks, v):
        """Token span (a, b) of the verb's ccomp after it, None when there is none (or no parse)."""
        dt = self._dep_token(toks[v])
        if dt is None:
            return None
        comp = next((c for c in dt.children if c.dep_ == "ccomp" and c.i > dt.i), None)
        if comp is None:
            return None
        a = self._tok_at_char(toks, comp.left_edge.idx)
        b = self._tok_at_char(toks, comp.right_edge.idx)
        if a is None or b is None or a <= v or any(toks[x].quote >= 0 for x in range(a, b + 1)):
            return None
        return a, b
