"""What the sentence around a quote tells without a cue: the speaker-like subject opening a
sentence ("Die äthiopische Regierung warnt …" — for a partial quote in it or Konjunktiv-I
sentences after it), the subject of a verb joined by "und", colon frames, the descriptions a
unit names as pronoun antecedents (note_subject) and whether a quoted text is a name (covered by
the NER's mentions)."""
from __future__ import annotations

from bisect import bisect_left

from .lexicon import _HARD_STOP, _SENT_END, is_verb_form
from .phrases import _NP


class _Context:
    """Mixin of the extractor: subjects and names of a unit."""

    def _named(self, start, end):
        """At least half of text[start:end] is covered by name mentions."""
        k = bisect_left(self.name_starts, start - 200) if self.names else 0
        covered = 0
        for m in self.names[k:]:
            if m["start"] >= end:
                break
            covered += max(0, min(end, m["end"]) - max(start, m["start"]))
        return covered * 2 >= end - start

    def _speakerlike(self, np):
        """A name, a title or an anonymous source (not "Die Druckwelle", "Ein DNA-Test")."""
        return np.kind in ("name", "pron") or np.head in self.w["anonymous_heads"] or np.head in self.w["titles"]

    def colon_speakerlike(self, toks, np, c):
        """Whether `np`, the first phrase of the frame before the colon at c, can be the speaker:
        a name, pronoun, title or anonymous source; a text or statement ("Der Text lautete:", "Seine
        Meinung zu Kirchhoff:"); or another phrase with no verb after it ("Ein Hauptkommissar nach
        der Festnahme:"). Not the subject of another verb ("Seine Zuversicht gründet sich auf …:",
        "Die Pflichten der Union seien … festgelegt:")."""
        if self._speakerlike(np) or np.head in self.w.get("document_heads", ()) \
                or np.head in self.w["according_nouns"] or np.head in self.w["speech_nouns"]:
            return True
        return not any(t.quote < 0 and t.text.isalpha() and t.text[0].islower() and t.lower not in self.stop
                       for t in toks[np.tok_end + 1:c])

    def joined_by_und(self, toks, v):
        """Index of the "und" right before the German verb v (or before its finite auxiliary:
        "und hatte gefragt"), else None."""
        if self.lang != "de":
            return None
        u = v - 1
        if u >= 0 and toks[u].lower in self.w["finite_aux"]:
            u -= 1
        return u if u >= 1 and toks[u].lower == "und" else None

    def conj_subject(self, toks, v):
        """Subject of a German verb joined by "und" with its subject left out ("zeigte sich die
        Bundesregierung bestürzt über den Vorfall und verurteilte ihn als „…“", "war er hochgeschreckt
        und hatte gefragt:"): the speaker-like subject of the nearest verb before "und" in the
        sentence, after it ("zeigte sich die Bundesregierung") or in its prefield ("Merkel lobte … und
        sagte"); None when no such subject is found (the phrase after the verb is its object: "und
        nannte die Lage …"). Call only when `joined_by_und(toks, v)`."""
        u = self.joined_by_und(toks, v)
        b = u  # back to the sentence start (across quotes: "nannte sie „fahrlässig“ und verwies")
        while b > 0 and toks[b - 1].text not in _HARD_STOP | {":"}:
            b -= 1
        lead = self.w["leading_words"]
        for x in range(u - 1, b, -1):
            t = toks[x]
            if t.quote >= 0 or t.lower not in self.w["finite_aux"] and not is_verb_form(t.lower, self.lang):
                continue
            # the verb's prefield ("Der Hauptgeschäftsführer nannte sie …", "Er bezeichnet …"), else the
            # phrase after it ("zeigte sich die Bundesregierung")
            s = self._segment_start(toks, x)
            while s < x and toks[s].lower in lead:
                s += 1
            pre = self.prefield_subject(toks, x) or self.bare_prefield_subject(toks, x)
            if pre is None:
                pre = self.np_at(toks, s) if s < x else None
                pre = pre if pre is not None and pre.tok_end == x - 1 else None
            k = x + 1
            if k < u and toks[k].lower == "sich":
                k += 1
            if pre is not None:
                return pre if pre.tok_end < u else None
            np = self.np_at(toks, k) if k < u else None
            if np is not None and np.tok_end < u and self._speakerlike(np) \
                    and toks[np.tok_start].lower not in self.w["oblique_determiners"]:
                return np
        return None

    def inverted_subject(self, toks, k):
        """A description right after a verb near the start of a unit opened by something else ("Als sie
        dort waren, konnte ihnen der Moderator kaum Worte entlocken"), past object pronouns and adverbs."""
        if self.lang != "de":
            return None
        skip = self.w.get("adverbs_before_subject", ())
        for j in range(k + 2, min(len(toks), k + 15)):
            t = toks[j]
            if t.quote >= 0 or t.text in _SENT_END or t.text in (":", ";", "("):
                return None
            if t.lower not in ("der", "die", "ein", "eine"):
                continue
            v = j - 1  # back over object pronouns and adverbs to the verb
            while v > k and (toks[v].lower in ("sich", "ihm", "ihr", "ihnen", "uns", "es") or toks[v].lower in skip):
                v -= 1
            if v > k and (toks[v].lower in self.w["finite_aux"] or is_verb_form(toks[v].lower, self.lang)):
                return self.np_at(toks, j)
        return None

    def after_leading(self, toks, k: int = 0, end: int | None = None) -> int:
        """The first position from `k` (before `end`, default the end of `toks`) that is no leading
        word ("Auch", "Dann", "So" …): where a unit's first phrase starts."""
        end = len(toks) if end is None else end
        lead = self.w["leading_words"]
        while k < end and toks[k].lower in lead:
            k += 1
        return k

    def opening_subject(self, toks):
        """The speaker-like subject opening a unit ("Die äthiopische Regierung warnt …", "Merkel
        sieht …", "Auch der Sprecher der Fraktion, Dieter Wiefelspütz, will"): a name, description or title
        in the prefield of its first verb, or a pronoun right after that verb ("Ursprünglich wollte er");
        None otherwise."""
        k = self.after_leading(toks)
        for v in range(k + 1, min(len(toks), k + 16)):
            t = toks[v]
            if t.quote >= 0 or t.text in (":", ";", "(") or t.text in _SENT_END:
                break
            if not (t.text.isalpha() and t.text[0].islower()) or t.lower in self.w["determiners"]:
                continue
            np = self.prefield_subject(toks, v) or self.bare_prefield_subject(toks, v)
            if np is None:
                if t.lower in self.w["finite_aux"] or is_verb_form(t.lower, self.lang):
                    # verb-second with the subject after it: "Ursprünglich wollte er „…“"
                    after = self.np_at(toks, v + 1)
                    if after is not None and after.kind == "pron":
                        return self.resolve(after, t.text)
                    return None
                continue
            return self.resolve(np, t.text) if self._speakerlike(np) else None
        return None

    def paren_speaker(self, toks, qi):
        """A quote standing alone in parentheses right after a person or organisation name ("…, der
        Leiter der IAEA, Mohammed ElBaradei („Mir fällt niemand ein …“)"): that name; else None."""
        if qi < 2 or qi + 1 >= len(toks) or toks[qi - 1].text != "(" or toks[qi + 1].text != ")":
            return None
        e = toks[qi - 2].end
        m = next((m for m in self.names[max(0, bisect_left(self.name_starts, e) - 8):bisect_left(self.name_starts, e)]
                  if m["end"] == e and m.get("actor_type") in ("person", "organisation")), None)
        if m is None:
            return None
        b = qi - 2
        while b > 0 and toks[b - 1].end > m["start"]:
            b -= 1
        return _NP("name", m["start"], m["end"], m["text"], b, qi - 2, mention=m)

    def tag_subject(self, toks, qi):
        """German speaker of a quote tagged by a verb that is no speech verb ("„…“, zeigte sich
        Trainer Milovan Rajevac zufrieden", "„…?“ fragen sich Experten"): the speaker-like phrase
        right after that verb (and "sich"); None otherwise."""
        if self.lang != "de":
            return None
        n = len(toks)
        k = qi + 1
        if k < n and toks[k].text == ",":
            k += 1
        elif not self.text[toks[qi].start:toks[qi].end].rstrip()[:-1].rstrip().endswith(("?", "!")):
            return None  # without a comma only after a question or exclamation
        if k >= n or toks[k].quote >= 0 or not toks[k].text.isalpha() or not toks[k].text[0].islower() \
                or toks[k].lower in self.stop and toks[k].lower not in self.w["finite_aux"]:
            return None
        v = k + 1 if k + 1 < n and toks[k + 1].lower == "sich" else k
        np = self.forward(toks, v)
        return np if np is not None and self._speakerlike(np) else None

    def source_before(self, prev):
        """What "Demnach" refers to when the sentence before (tokens `prev`) reported nothing: its
        speaker-like subject, else the tagged name or definite description opening it ("Das
        Bundeskartellamt hat den Bericht vorgelegt.", "Die Regierungskoalition hat sich … verständigt.");
        never one capitalised word no one tagged ("Mittlerweile ist es kalt.")."""
        sp = self.opening_subject(prev)
        if sp is not None and sp.kind == "name" and self.by_start.get(sp.start) is None:
            sp = None
        if sp is not None:
            return sp
        k = self.after_leading(prev)
        np = self.np_at(prev, k, loose=True) if k < len(prev) else None
        if np is not None and (np.kind == "anon" and np.definite or np.kind in ("name", "title")
                               and not (np.mention or {}).get("unknown")):
            return self.resolve(np)
        return None

    def note_subject(self, toks):
        """A description opening the unit ("Der Bundeskanzler nahm …") is a candidate antecedent."""
        k = self.after_leading(toks)
        np = self.np_at(toks, k)
        if np is None or np.kind not in ("anon", "title"):
            np = self.inverted_subject(toks, k)  # "Dann konnte ihnen der Moderator kaum Worte entlocken."
        if np is not None and np.kind in ("anon", "title"):
            sp = self.resolve(np)
            if sp is not None and sp.kind == "anon":
                self.subjects.append(sp)
        # the one person the unit names: who a quote standing alone right after it is by
        inside = self.names[bisect_left(self.name_starts, toks[0].start):
                            bisect_left(self.name_starts, toks[-1].end)]
        people = {m.get("actor", m["text"]): m for m in inside if m.get("actor_type") == "person"}
        return self._from_mention(next(iter(people.values()))) if len(people) == 1 else None
