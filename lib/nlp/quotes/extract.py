"""The extractor: units of text, the run over them, and the records it builds."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .context import _Context
from .cues import _Cues
from .lexicon import _SENT_END, _lexicon
from .marks import _PAIRS, _find_quotes
from .mood import _mood, _stop_words, konjunktiv_i, main_clause_konjunktiv, reportative_sollen
from .nouns import _Nouns
from .phrases import _Phrases, _Speaker, _Tok
from .prefield import _Prefield
from .sources import _Sources
from .speakers import _Speakers
from .syntax import _Syntax
from .units import _Units

# A quote of at most this many words, not ending as a sentence, that no cue attributes: a phrase
PHRASE_MAX_WORDS = 3


class _Extractor(_Units, _Phrases, _Speakers, _Cues, _Syntax, _Prefield, _Sources, _Context, _Nouns):
    def __init__(self, doc, mentions, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.lang = "en" if getattr(doc, "lang_", "de") == "en" else "de"
        self.lex = _lexicon(self.lang)
        self.w = self.lex.words
        self.names = sorted((m for m in mentions or [] if m.get("form", "name") == "name"),
                            key=lambda m: (m["start"], -m["end"]))
        self.by_start = {}
        self.name_starts = [m["start"] for m in self.names]
        for m in self.names:
            self.by_start.setdefault(m["start"], m)
        self.stop = _stop_words(self.lang)
        self.history: list[tuple[int, _Speaker]] = []
        self.records: list[dict] = []
        self.phrases: list[dict] = []
        self.parsed = self.lang == "en" and doc.has_annotation("DEP")
        self._dep_index = None
        self.subjects: list[_Speaker] = []  # descriptions opening a sentence, for pronouns
        self.last_direct: dict | None = None
        self.free_indirect = True
        self._starts: list[int] | None = None

    def frame(self, a, b, quotes):
        """The unit's tokens, each quote (with its marks) collapsed into one token."""
        if self._starts is None:
            # every token's offset, length and whether it is white space, read once as arrays (a
            # spaCy Token object per token and unit cost more than the rest of the extraction)
            from spacy.attrs import IDX, IS_SPACE, LENGTH
            columns = self.doc.to_array([IDX, LENGTH, IS_SPACE]).reshape(-1, 3).T.tolist()
            self._starts, self._lengths, self._is_space = columns
            self._spans = [(o, e + 1 if closed else e) for o, e, closed in quotes]
            self._span_starts = [o for o, _ in self._spans]
        starts, lengths, is_space, text = self._starts, self._lengths, self._is_space, self.text
        spans, span_starts = self._spans, self._span_starts
        toks: list[_Tok] = []
        seen = set()
        for i in range(bisect_left(starts, a), bisect_left(starts, b)):
            if is_space[i]:
                continue
            start = starts[i]
            qi = bisect_right(span_starts, start) - 1
            if qi >= 0 and start < spans[qi][1]:
                if qi not in seen:
                    seen.add(qi)
                    o, e = spans[qi]
                    toks.append(_Tok("«Q»", "«q»", o, e, qi))
                continue
            word = text[start:start + lengths[i]]      # the token's text
            toks.append(_Tok(word, word.lower(), start, start + lengths[i]))
        return toks

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
        sp = self.nearest_mention(sp, start) if sp is not None else _Speaker()
        rec = {"start": start, "end": end, "text": text[start:end], "kind": kind,
               "speaker": sp.text, "speaker_start": sp.start, "speaker_end": sp.end,
               "cue": cue, "speaker_actor": sp.actor, "speaker_for": sp.for_actor}
        rec["_sp"] = sp
        self.records.append(rec)
        if sp.text:
            self.history.append((order, sp))
        return rec

    def preposition_span(self, toks, cue):
        """"sprach von X": the tokens from the preposition to the end of the clause, or None."""
        preps = self.w.get("report_with_preposition", {}).get(cue["verb"].lemma)
        if not preps:
            return None
        for j in range(cue["i"] + 1, min(len(toks), cue["i"] + 9)):
            t = toks[j]
            if t.quote >= 0 or t.text in _SENT_END or t.text in (",", ":", ";"):
                return None
            if t.lower in preps:
                end = j
                while end + 1 < len(toks) and toks[end + 1].text not in _SENT_END | {";", ":"}:
                    end += 1
                return (j + 1, end) if end > j + 1 else None
        return None

    def add_phrase(self, start, end):
        """A short quote no one is said to say (scare quote, title): kind "phrase", no speaker."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            self.phrases.append({"start": start, "end": end, "text": text[start:end], "kind": "phrase",
                                 "speaker": "", "speaker_start": None, "speaker_end": None, "cue": "",
                                 "speaker_actor": "", "speaker_for": ""})

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

    def run(self):
        text = self.text
        quotes = _find_quotes(text, self.lang)
        units = self.units(quotes)
        order = 0
        unit_speakers: dict[int, _Speaker] = {}  # unit index → speaker of its last record
        unit_has_record: set[int] = set()
        unit_subjects: dict[int, _Speaker | None] = {}  # unit index → its opening person name
        paras = [text.count("\n", 0, ua) for ua, _ in units]
        mood = _mood(self.lang)
        # Konjunktiv II and reportative "soll": reported speech only right after reported speech
        loose_mood = set(self.w.get("reported_mood_after_speech", ()))
        strict_mood = konjunktiv_i(self.lang)
        fronted = frozenset(self.w.get("clause_subordinators", ()))

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
            reported_mood = any(t.quote < 0 and t.lower in mood and t.text[:1].islower() for t in toks)
            unit_subjects[ui] = self.note_subject(toks)
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
            # "wurde bekannt" reports a clause but frames no quote
            framing = [c for c in resolved if c["verb"].lemma not in self.w.get("impersonal_report_verbs", ())]
            has_cue = bool(framing or acc)
            done_clauses = []
            for _idx, what, payload in events:
                order += 1
                if what == "verb":
                    cue = payload
                    cue["speaker"] = sp = (self.resolve(cue["np"], toks[cue["i"]].text)
                                           if cue["np"] else None)
                    if sp is not None and sp.kind == "name" and sp.start is not None:  # "X sagte: „…,“ betont sie"
                        self.history.append((order, sp))  # an antecedent even when no record takes it
                    if cue["verb"].kind != "report":
                        # "Die Polizei sprach von einer friedlichen Demonstration"
                        self.add_clause(toks, self.preposition_span(toks, cue), done_clauses, cue["text"],
                                        sp, order)
                        continue
                    if (sp is None or not sp.text) and any(a["type"] == "so" and a["i"] > cue["i"] for a in acc):
                        continue  # "X wird aufgefordert, …, so Y": the so-phrase names who said it
                    span = self.indirect_after(toks, cue)
                    if span is None:
                        span = self.indirect_before(toks, cue)
                    if (span is None and sp is not None and sp.text and toks[0].lower in self.w["anaphoric_objects"]
                            and ui > 0 and ui - 1 in unit_has_record and paras[ui - 1] == paras[ui]
                            and (cue["i"] == 1 or toks[1].lower in self.w["finite_aux"])):
                        # "„…“ Das sagte X." / "Das musste X einräumen.": X said the quotes before, if no
                        # one else did
                        before = [r for r in self.records if units[ui - 1][0] <= r["start"] < units[ui - 1][1]]
                        if before and all(r["kind"] == "direct" and not r["speaker"] for r in before):
                            for r in before:
                                r.update(speaker=sp.text, speaker_start=sp.start, speaker_end=sp.end, _sp=sp,
                                         speaker_actor=sp.actor, speaker_for=sp.for_actor, cue=cue["text"])
                            unit_speakers[ui - 1] = sp
                            continue
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
            noun_clauses = self.noun_clauses(toks)
            for a, b, noun, np in noun_clauses:  # "die Forderung des X, … zuzugehen"
                order += 1
                self.add_clause(toks, (a, b), done_clauses, noun, self.resolve(np), order)
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
                short = len(words) <= PHRASE_MAX_WORDS and inner[-1] not in ".!?…"
                if short and any(c.get("np") is not None and c["np"].tok_start <= qi <= c["np"].tok_end
                                 for c in resolved + acc):
                    self.add_phrase(inner_s, inner_e)  # a name in the speaker: "Nach einem Bericht der „FAZ“"
                    continue
                before = toks[qi - 1].lower if qi > 0 else ""
                caps = sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words)
                if (self.lang == "de" and len(words) <= 6 and caps >= 0.5 and inner[-1] not in ".!?…"
                        and qi > 0 and words[0][:1].isupper()
                        and (toks[qi - 1].text[:1].isupper() and toks[qi - 1].quote < 0
                             or self._named(inner_s, inner_e))):
                    # a name or title: a mention of the NER ("der „New York Times“") or after a noun
                    # ("im Fachblatt „La Gazetta dello Sport“"), even in a sentence with a speech verb
                    if short:
                        self.add_phrase(inner_s, inner_e)
                    continue
                # "bezeichnete die Pläne als „Wortbruch“", "nannte die Absage einen „Vertrauensbruch“":
                # a word a speaker is said to use
                named_as = self.lang == "de" and bool(framing) and before in self.w.get("naming_words", ())
                if len(words) <= 2 and not named_as:
                    first = next((c for c in inner if c.isalpha()), "")
                    # English "'It's done,' a source said": a speech tag right after it
                    tagged = self.lang == "en" and (
                        text[inner_s:e].rstrip().endswith(",") or qi + 1 < len(toks) and toks[qi + 1].text == ","
                        and any(qi + 1 < c["i"] <= qi + 4 for c in resolved))
                    if not (has_cue and (first.islower() or inner[-1] in ".!?" or prev_colon or tagged)):
                        if short:
                            self.add_phrase(inner_s, inner_e)
                        continue
                noun_hit = next(((nn, np) for a, b, nn, np in noun_clauses if a <= qi <= b), None)
                paren_np = self.paren_speaker(toks, qi) or (noun_hit[1] if noun_hit else None)  # "der Vorwurf der X, es sei „…“"
                cue = self.cue_for_quote(toks, qi, framing, acc) if paren_np is None else None
                sp, cue_text, continued, tagged_np = None, "", False, None
                if paren_np is not None:  # "…, Mohammed ElBaradei („…“)": the name before the parenthesis
                    sp, continued = self.resolve(paren_np), True
                    cue_text = noun_hit[0] if noun_hit and noun_hit[1] is paren_np else ""
                elif cue is not None:
                    sp, cue_text = cue.get("speaker"), cue.get("text") or cue.get("cue", "")
                    if (sp is None or not sp.text) and reported_mood and self.lang == "de":
                        sp = recent_speaker(ui, 2, False)  # "Es drohe „…“" after "Künast sagte, …"
                elif prev_colon:
                    np = self.colon_subject(toks, qi - 1)
                    if np is not None and not self.colon_speakerlike(toks, np, qi - 1):
                        np = None  # "Seine Zuversicht gründet sich auf …:", "Auch das Motiv fand sich dort:"
                    sp = self.resolve(np, "") if np else None
                    if sp is None:  # the speaker of the sentence before, in the same paragraph
                        sp = recent_speaker(ui, 2, False) if reported_mood else recent_speaker(ui, 1, True)
                    if sp is None and self.last_direct is not None and all(
                            x.quote >= 0 or x.lower in self.w["leading_words"] or not x.text[:1].isalnum()
                            for x in toks[:qi]):
                        sp = self.last_direct["_speaker"]  # "„…“ Und: „…“": the same speaker
                elif (tagged_np := self.tag_subject(toks, qi)) is not None:
                    sp = self.resolve(tagged_np, "")
                elif self.last_direct is not None and qi == 0:
                    prev = self.last_direct
                    gap = text[prev["_close"]:o]
                    if prev["_independent"] and len(gap.split()) <= 8 and not any(ch in gap for ch in _PAIRS):
                        sp = prev["_speaker"]
                        continued = True
                continued = continued or tagged_np is not None
                if cue is None and not continued and not prev_colon:
                    # a quote after a framed sentence of the same paragraph, or a partial quote in a
                    # sentence in Konjunktiv I, continues the previous speaker
                    if qi == 0:
                        sp = recent_speaker(ui, 1, True)
                        if sp is None and ui > 0 and paras[ui - 1] == paras[ui]:
                            sp = unit_subjects.get(ui - 1)
                    elif reported_mood:  # the sentence's own speaker-like subject, else the one before
                        sp = (self.opening_subject(toks) if self.lang == "de" else None) or recent_speaker(ui, 2, False)
                    continued = sp is not None
                if cue is None and not continued and not prev_colon:
                    # a name or title in quotes inside a sentence without a speech cue („Nürnberg Ice
                    # Tigers“, „Die Früchte des Zorns“): at least half its words capitalised
                    framed = any(x.quote < 0 and x.text[:1].isalnum() for x in toks)
                    caps = sum(w[:1].isupper() or w[:1].isdigit() for w in words) / len(words)
                    if framed and inner[-1] not in ".!?…" and caps >= 0.5:
                        if short:
                            self.add_phrase(inner_s, inner_e)
                        continue
                    if short and framed:  # a scare quote: „terrorisiert“ with no one saying it
                        self.add_phrase(inner_s, inner_e)
                        continue
                    if qi > 0 and self.lang == "de":
                        # a quote inside a sentence whose subject is a speaker-like name or
                        # description ("Kurt von Figura begrüßte den Beschluss als „…“")
                        sp = self.opening_subject(toks)
                order += 1
                rec = self.add("direct", inner_s, inner_e, cue_text, sp, order)
                if rec is None:
                    continue
                rec["_close"] = e + 1 if closed else e
                rec["_speaker"] = sp
                rec["_independent"] = qi == 0 or prev_colon or toks[qi - 1].text in _SENT_END
                self.last_direct = rec
            # a speech act with no clause or quote ("Die Polizei sprach von einer friedlichen
            # Demonstration", "Die Staatsanwaltschaft gab die Einstellung des Verfahrens bekannt"):
            # the sentence is reported speech of the verb's subject
            if (self.lang == "de" and len(self.records) == n_before and not acc
                    and not any(t.quote >= 0 or t.text == ":" or t.text in _PAIRS for t in toks)):
                act = next((c for c in resolved if c.get("speaker") is not None and c["speaker"].text
                            and not c["verb"].participle and c["np"] is not None
                            and (c.get("how") == "backward" and c["np"].tok_end == c["i"] - 1
                                 or c.get("how") == "forward" and c["np"].tok_start == c["i"] + 1 and c["i"] > 0
                                 and toks[0].lower not in self.w["anaphoric_objects"])
                            and not any(t.lower in ("nicht", "nie", "niemals") for t in toks[c["i"]:])
                            and self._speakerlike(c["np"])
                            and c["verb"].lemma not in self.w.get("not_speech_acts", ())), None)
                if act is not None:
                    cs = self.clause_span(toks, 0, len(toks) - 1)
                    if cs:
                        order += 1
                        self.add("indirect", cs[0], cs[1], act["text"], act["speaker"], order)
            # "Demnach …": the sentence reports what the speaker before said
            anaphoric = next((t for t in toks if t.quote < 0 and t.lower in self.w.get("according_anaphoric", ())),
                             None)
            if len(self.records) == n_before and anaphoric is not None and not any(t.quote >= 0 for t in toks):
                cs = self.clause_span(toks, 0, len(toks) - 1)
                if cs:
                    order += 1
                    sp = recent_speaker(ui, 1, False)
                    if sp is None and ui > 0 and paras[ui - 1] == paras[ui]:
                        sp = self.source_before(self.frame(*units[ui - 1], quotes))
                    self.add("indirect", cs[0], cs[1], anaphoric.text, sp, order)
            # free indirect speech: a Konjunktiv-I sentence without cue right after reported speech
            # or after a sentence opened by its subject ("Das Robert-Koch-Institut sieht keine
            # Gefahr. Lediglich Personen … seien zu schützen."); a sentence that is one quote is
            # direct speech only
            # A main clause in Konjunktiv I or with reportative "soll … haben" is reported speech by
            # itself (mood.py): it continues the speaker before, across a paragraph, else has none.
            if (not any(r["kind"] == "indirect" for r in self.records[n_before:]) and self.free_indirect
                    and not acc and not any(c["verb"].kind == "report" for c in resolved)
                    and (reported_mood or self.lang == "de" and any(t.quote < 0 and t.lower in loose_mood
                                                                  for t in toks))
                    and not (toks[0].quote >= 0 and len(toks) <= 2)):
                own = self.lang == "de" and not any(t.quote >= 0 for t in toks) and (
                    main_clause_konjunktiv(toks, strict_mood, fronted) or reportative_sollen(toks, fronted))
                sp = recent_speaker(ui, 1, True)
                if sp is None and reported_mood and ui > 0 and paras[ui - 1] == paras[ui] \
                        and ui - 1 not in unit_has_record:
                    sp = self.opening_subject(self.frame(*units[ui - 1], quotes))
                if sp is None and own:  # the speaker of one of the three units before (also across a
                    # paragraph break: a sentence in the indicative may stand between), else none
                    sp = recent_speaker(ui, 3, False) or _Speaker()
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
        self.records += self.phrases
        for r in self.records:
            for k in ("_close", "_speaker", "_independent", "_sp"):
                r.pop(k, None)
        self.records.sort(key=lambda r: (r["start"], r["kind"]))
        return self.records


def extract_quotes(doc, mentions: list[dict], text: str | None = None) -> list[dict]:
    """Direct quotes and reported speech of `doc` with their speakers (see module doc). `text`:
    doc.text when the caller has it (spaCy builds doc.text anew, token by token, on every call)."""
    if doc is None:
        return []
    text = doc.text if text is None else text
    if not text.strip():
        return []
    return _Extractor(doc, mentions, text).run()
