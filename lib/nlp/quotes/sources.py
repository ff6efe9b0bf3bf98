"""Speakers of two German verbs whose speaker is not their subject.

* "heißen" with "es" ("heißt es in dem Bericht", "In einer Erklärung hatte es geheißen"): the
  document named by the "in/im …" phrase of the clause is the source — books, reports and
  statements as speakers, with no actor.
* "zitieren": in the passive the subject is the one quoted ("Watzke wird … zitiert", "Der
  Fraktionschef der Grünen, Volker Ratzmann, wird von der „Netzeitung“ … zitiert"), not the agent
  that quotes; in the active the object is ("Der Spiegel zitiert den Prediger mit den Worten").
Lemmas: quotes_lexicon.json document_verbs / quoting_verbs.
"""
from __future__ import annotations

from .lexicon import _CLAUSE_PUNCT, _HARD_STOP
from .phrases import _NP


class _Sources:
    """Mixin of the extractor: document sources and the quoted of "zitieren"."""

    def _clause_bounds(self, toks, v):
        a = v
        while a > 0 and toks[a - 1].text not in _CLAUSE_PUNCT | _HARD_STOP and toks[a - 1].quote < 0:
            a -= 1
        b = v
        while b + 1 < len(toks) and toks[b + 1].text not in _CLAUSE_PUNCT | _HARD_STOP and toks[b + 1].quote < 0:
            b += 1
        return a, b

    def _phrase_from(self, toks, k, limit):
        """A noun phrase starting at k (determiner, adjectives, head, attached genitives)."""
        j = self._det_noun_group(toks, k, limit)
        if j is None:
            return None
        while j < limit and toks[j].lower in ("der", "des", "eines", "einer", "von", "vom"):
            nxt = self._det_noun_group(toks, j + 1, limit)
            if nxt is None:
                break
            j = nxt
        s, e = toks[k].start, toks[j - 1].end
        return _NP("anon", s, e, self.text[s:e], k, j - 1, head=toks[j - 1].lower,
                   definite=toks[k].lower in self.w["definite"])

    def source_subject(self, toks, cue):
        """(np, how) for "es heißt in X" and "zitieren", None for other verbs."""
        if self.lang != "de":
            return None
        v = cue["i"]
        lemma = cue["verb"].lemma
        a, b = self._clause_bounds(toks, v)
        if lemma in self.w.get("document_verbs", ()):
            if not any(toks[x].lower == "es" for x in range(max(a, v - 3), min(b + 1, v + 3))):
                return None
            for x in range(a, b + 1):
                if toks[x].lower in ("in", "im", "bei", "beim", "aus", "von", "vom") and x != v:
                    # "hieß es bei Russland Aktuell", "Aus Paris hieß es", "hieß es vom Abgeordneten X"
                    np = self._phrase_from(toks, x + 1, b + 1)
                    if np is not None:
                        return np, "forward" if x > v else "backward"
            return None, "forward"
        if lemma not in self.w.get("quoting_verbs", ()):
            return None
        # "zitiert" ending the sentence after "wird X, die Rolle, …" is the participle of a passive
        final = (v + 1 >= len(toks) or toks[v + 1].text in _HARD_STOP) and any(
            e.participle for e in self.lex.verbs.get(toks[v].lower, ()))
        if cue["verb"].participle or final:
            aux = next((x for x in range(v - 1, max(-1, v - 18), -1)
                        if toks[x].lower in ("wird", "wurde", "werden", "wurden")), None)
            if aux is None and v + 1 < len(toks) and toks[v + 1].lower in ("wird", "wurde"):
                # "…, wie Hoyzer von Spiegel-Online zitiert wird"
                a = self._clause_bounds(toks, v)[0]
                if toks[a].lower == "wie":
                    np = self.np_at(toks, a + 1, loose=True)
                    return (np, "backward") if np is not None and np.kind != "pron" else None
            if aux is None:
                return None
            # "Der Fraktionschef der Grünen, Volker Ratzmann, wird von der „Netzeitung“ … zitiert"
            np = self.prefield_subject(toks, v) or self.prefield_subject(toks, aux) \
                or self.bare_prefield_subject(toks, aux)  # "Watzke wird … zitiert"
            if np is None and aux + 1 < len(toks):
                np = self.np_at(toks, aux + 1, loose=True)
            return (np, "forward" if np.tok_start > v else "backward") if np is not None else None
        k = v + 1
        np = self.np_at(toks, k, loose=True) if k <= b else None
        if np is None and k <= b and toks[k].lower in ("den", "die", "einen", "eine"):
            np = self._phrase_from(toks, k, b + 1)
        return (np, "forward") if np is not None else None
