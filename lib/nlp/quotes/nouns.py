"""German speech-act nouns with their content clause: "die Forderung des Vorsitzenden, auf die SPD
zuzugehen", "der Vorwurf der Opposition, es handele sich um …",
"die Behauptung des Ministers, dass …". The noun (quotes_lexicon report_nouns), its source as a
genitive, possessive or "von" phrase, a comma, then a clause that reports: "dass"/"ob", a
zu-infinitive or a Konjunktiv-I verb in its first words. The clause, to the next comma or the end of
the sentence, is reported speech of that source, and so is a direct quote inside it. Without a source ("die Ankündigung, der Iran werde …")
no clause is taken: on development fold a it found 6 more gold clauses, but with no speaker, and
lowered speaker accuracy on fold b."""
from __future__ import annotations

from .lexicon import _HARD_STOP, is_verb_form
from .mood import konjunktiv_i

_STOP = _HARD_STOP | {":", ","}
_GENITIVE = {"der", "des", "eines", "einer", "ihres", "seines", "ihrer", "seiner"}


class _Nouns:
    """Mixin of the extractor: clauses of German speech-act nouns."""

    def _zu_infinitive(self, toks, k, end) -> bool:
        for x in range(k, end):
            w = toks[x].lower
            if w == "zu" and x + 1 < end and toks[x + 1].text[:1].islower() and toks[x + 1].lower.endswith("n"):
                return True
            z = w.find("zu", 2)  # "zuzugehen", "einzuführen"
            if z >= 2 and w.endswith("en") and toks[x].text[:1].islower() and is_verb_form(w[:z] + w[z + 2:]):
                return True
        return False

    def noun_clauses(self, toks):
        """[(first token, last token, noun text, source _NP or None)] of the unit."""
        if self.lang != "de":
            return []
        nouns = self.w.get("report_nouns", ())
        out, n = [], len(toks)
        for i, t in enumerate(toks):
            if t.quote >= 0 or t.lower not in nouns or not t.text[:1].isupper():
                continue
            j, np = i + 1, None
            if j < n and (toks[j].lower in _GENITIVE or toks[j].lower == "von"):
                np = self.np_at(toks, j + 1 if toks[j].lower == "von" else j)
                if np is None or np.kind not in ("name", "anon", "title"):
                    continue
                j = np.tok_end + 1
            if np is None or j + 1 >= n or toks[j].text != ",":
                continue  # without its source (measured: most clauses then had another speaker in the gold)
            k = j + 1
            end = next((x for x in range(k, n) if toks[x].quote < 0 and toks[x].text in _STOP), n)
            if toks[k].lower in ("dass", "ob"):
                end = next((x for x in range(k + 2, n) if toks[x].quote < 0 and toks[x].text in _STOP
                            and x > k + 2 and is_verb_form(toks[x - 1].lower)), end)
            elif not (self._zu_infinitive(toks, k, end)
                      or any(x.lower in konjunktiv_i(self.lang) and x.text[:1].islower() for x in toks[k:min(end, k + 6)])):
                continue
            if end - k >= 2:
                out.append((k, end - 1, t.text, np))
        return out
