"""Direct quotes and reported speech, with their speakers.

    quote_records = extract_quotes(doc, mention_records)

`doc` is a spaCy Doc with sentence boundaries (German: NER + sentencizer only, so the German
rules work on tokens, word lists and the lemma table of spacy-lookups-data; an English doc with a
dependency parse takes subjects and clauses from it, syntax.py); `mention_records` are the actor
mentions of the doc (only form "name" mentions can be speakers). One record per quote::

    {"start", "end", "text", "kind": "direct"|"indirect"|"phrase", "speaker", "speaker_start",
     "speaker_end", "cue", "speaker_actor", "speaker_for"}

`start`/`end`: the quoted text without its quotation marks (and without an English trailing
comma) for direct quotes; the reported clause, including its "dass"/"that", for indirect ones.
`speaker` is the text as written (the mention a pronoun or title resolves to, or an anonymous
description) with its offsets; `speaker_actor` the mention's actor, "" when anonymous (a pronoun nothing
resolves to stays as written, "Er", with no actor); `speaker_for` the actor a spokesperson speaks
for ("Blair's spokesman", "ein Sprecher der Downing Street"), else "".

Modules: marks (quotation marks, the direct-quote scanner — also used by events), lexicon (word
lists), mood (Konjunktiv I and reportative "soll" in a main clause), nouns (the clause of a speech-act
noun: "die Forderung des X, … zu …"), phrases (noun phrases), speakers (subjects, pronouns), prefield (German verb-second
subjects), sources ("heißt es in X", "zitieren"), syntax (English parse), cues (speech verbs,
according-to phrases, reported clauses), units (the text cut into units), extract (the run and the records).

Word lists live in lib/resources/: speech_verbs_{de,en}.txt (German verbs are listed as
infinitives, separable ones as mit|teilen; the inflected and split forms are derived here) and
quotes_lexicon.json (pronouns, determiners, anonymous heads, titles, Konjunktiv-I forms, …).

Rules:

* Direct quotes: „…“ (also „…” and „…"), »…«, «…», “…”, "…" and, outside other quotes, ‚…‘;
  English also '…' and ‘…’ (the BBC's style; apostrophes in Blair's, don't, the Tories' plans and
  rock 'n' roll are no marks, see marks.py); a quote nested inside a quote stays part of it. A quote still open at the end of a paragraph
  continues when the next paragraph opens with the same mark (the convention for quotes over
  several paragraphs), otherwise it is capped at the paragraph end.
* Not quotes: one or two quoted words count only when their sentence has a speech cue (speech
  verb, "laut", "zufolge", ", so X", "nach Angaben …") and they start lowercase, end in . ! ? or
  follow a colon — „terrorisiert“ (… aufgefordert …) counts, „Eagle“ does not. A quote inside a
  sentence without any cue, not ending in . ! ?, with at least half its words capitalised is a
  name or title („Die Früchte des Zorns“) and is dropped. Other quotes count; a quote standing
  alone (a sub-heading) gets speaker "".
* Phrases: a quote of at most three words, not ending in . ! ?, that no cue attributes (a scare
  quote „teurer Spaß“, a name or title „Eagle“) is kept as kind "phrase" with no speaker (the
  dashboard hides them by default); attributed short quotes („terrorisiert“ after "Die Ukraine
  hat … aufgefordert") stay direct.
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
  sentence before ("CLAUSE, das teilte X mit" too); when the sentence before has only direct quotes with
  no speaker, "Das sagte X" / "Das musste X einräumen" names X as their speaker; after "sagte X," a clause with a Konjunktiv-I
  verb in its first words is reported ("meldete die Agentur, die Fähre sei gesunken"), other words
  are an apposition; a Konjunktiv-I sentence without cue right after reported speech (free
  indirect speech) → the whole sentence with that speaker. Passive cues ("wurde angekündigt")
  have speaker "" unless "von X" / "by X" follows.
* German according-phrases in more places: inside a subordinate clause or parenthesis the phrase
  reports that clause ("eine Tasche, die nach dessen Angaben die Bombe enthalten sollte", "…, weil
  die Mission nach Angaben der UN überfordert ist", "(nach anderen Angaben …)"), in the main clause
  the sentence; a dative phrase before "zufolge" ("ersten Angaben zufolge", "der Meldung zufolge");
  "Laut ihren Aussagen"; ", so X, …" inserted in the message ("Dennoch, so Nacke, habe …") → the
  sentence, ", so X im Fernsehen." → the clause before (from a colon on); a passive cue without
  speaker yields to a ", so X" in its sentence. "wurde bekannt, dass …" → the clause, no speaker
  (impersonal_report_verbs frame no quote); "CLAUSE, hieß es (bei X)." → the clause before.
* German speech acts with no clause, quote or according-phrase ("Die Polizei sprach von einer
  friedlichen Demonstration", "Am Montag kündigte der Minister eine Reform an"): the sentence is
  reported speech of the verb's speaker-like subject (a name, title or anonymous source), unless
  negated or the verb is mostly no speech act there (not_speech_acts). A Konjunktiv-I sentence
  right after a sentence opened by a speaker-like subject is that subject's reported speech
  (context.py); Konjunktiv II and "soll" only right after reported speech. A main clause whose
  verb is in Konjunktiv I ("Die Lage sei ernst.", "Da …, werde …") or has reportative "soll" with a
  perfect infinitive ("Er soll das Geld unterschlagen haben") is reported speech by itself (mood.py):
  the speaker of one of the three units before, also across a paragraph break, else speaker ""
  (no guess).
  A speech-act noun with its source ("die Forderung des X, …", "der Vorwurf der Y, es sei „…“") →
  the clause after its comma (dass/ob, a zu-infinitive or a Konjunktiv-I verb) and the direct quotes
  in it are X's (nouns.py).
* German "sprach von X" → from the preposition on; "Demnach …" → the sentence, with the speaker of
  the sentence before (else the tagged name or definite description opening it: "Das Bundeskartellamt
  hat den Bericht vorgelegt. Demnach …"); Konjunktiv I is read from reported_mood and the lemma table (a lowercase
  form whose lemma is the form + "n": "bestehe", "gebe"). "heißt es in X" → the document X is the
  source; "X wird … zitiert" / "zitiert X" → X. A quote standing alone right after a sentence that
  names exactly one person (same paragraph) is by that person.
* Speaker of a German cue: first the verb-second prefield ("Die Kanadier hingegen sagen", "Der
  Vertreter …, Peter Clever, hat … gefordert"; a pronoun after the verb is then its object);
  else the phrase opening the cue's clause ("Aber die Quelle räumte …"), skipping
  appositions and relative clauses between commas ("Jens Stoltenberg, der Nato-Generalsekretär,
  sagte"), else the phrase right after the verb ("sagte Generalmajor Martin", "teilten Quellen
  in Teheran … mit"); never a dative/accusative phrase (dem/den/einem/einen …). A phrase is a
  name mention; a title + name ("Verteidigungsminister Peter Struck"); an anonymous description
  (determiner + adjectives + a head such as Quelle/…sprecher/Beobachter, with a genitive or
  "in X": "ein Sprecher der Downing Street", "Quellen in Teheran"); a title ("der General" → the
  latest person mention whose text holds it); a pronoun (er/sie sg./he/she → the latest person;
  sie with a verb in -en / they → the latest anonymous or organisation speaker, else the latest
  organisation mention; a German person named after a preposition or object determiner, across
  titles and "und" ("seit dem Amtsantritt von X", "mit seinen Kollegen X und Y"), yields to a person
  named outside such a phrase earlier in the same paragraph; never a person the text shows to be of the other gender: "Frau"/a title
  in -in vs. "Herr"/a title without it); a German determiner and quoted title closing the clause
  after the verb is its subject ("schreibt die „Süddeutsche Zeitung“"). A relative clause ending in the cue is spoken by its
  antecedent ("ein Kommentar, der … als „…“ bezeichnet"); a passive ("Er wird beschuldigt, …")
  has no speaker unless "von X" follows. A quote in a sentence without cue takes the sentence's
  speaker-like subject; a quoted name (NER mention, or after a noun: "im Fachblatt „…“") is no
  quote even beside a speech verb. A quote tagged by a verb that is no speech verb takes the
  speaker-like phrase after it ("„…“, zeigte sich Trainer X zufrieden", "„…?“ fragen sich Experten");
  a lowercase verb after a closing mark frames that quote across a sentence cut ("„…“ erklärte die
  Ministerin."); a name in -s before a noun after the verb is a genitive, not the subject ("nannte
  Trumps Angriffsauftrag „…“"). When no mention fits, capitalised words in subject position are taken
  as an unknown name (speaker_actor = those words). A definite description ("die Quelle") stays
  the speaker as written, but a pronoun referring back to it gets the earlier, more specific
  description ("sagten sie" → "Eine andere Quelle"). The cue text is "verb … particle", "verb
  subject" when the subject follows the verb directly ("sagte er"), "pronoun verb" ("he said"),
  "aux participle" for passives, else the verb.
* More German subjects: a verb right after "und" (or "und" + auxiliary) takes the subject of the
  verb before it in the sentence, its prefield or the speaker-like phrase after it ("zeigte sich die
  Bundesregierung bestürzt … und verurteilte ihn als „…“"), never the object after it; a subject
  after a subordinator, with the auxiliary after the participle ("zumal X immer wieder betont hatte");
  "sagte dieser" is a pronoun; a possessive after the verb is an object ("begründete seinen Schritt");
  a participle between a determiner after a preposition and its noun is no cue ("Mit dem neu
  formulierten Grundrecht"); an organisation right before the verb is its subject; a bare plural
  passive agent ("von Musikkennern als „…“ bezeichnet"); "wird X, …, zitiert." ending the sentence;
  ", so X „Firma“ gegenüber …"; a quote tag with a modal verb ("„…?“, wollen die Demonstranten …
  wissen"); a quote in parentheses right after a name is that name's ("X („…“)"); "nach Bewertung
  von X", "nach der Ankündigung X". Person nouns (Moderator, Verfasser, Arzt, Student, …) are titles.
* Colon frames and sentences: the phrase before a colon is no speaker when it is the subject of
  another verb and neither speaker-like nor a text ("Seine Zuversicht gründet sich auf …:"); the
  speaker of the sentence before then carries over. A quote inside a Konjunktiv-I sentence takes
  the sentence's own subject (across an apposition; a pronoun right after the first verb:
  "Ursprünglich wollte er „…“") before the speaker of the sentences before.
* Antecedents and spans: the named speaker of a speech verb is an antecedent even when its quote
  takes another cue ("X sagte …: „…,“ betont sie"); a one-word name in -s whose form without it
  stands in the text is a genitive the NER tagged ("Der behandelnde Arzt Lahms", "Irans"): never the
  speaker or an antecedent; a named speaker points at the actor's latest mention before the quote;
  capitalised adverbs in -mals/-erhin are no names; a description right after a verb near the start
  of a sentence is an antecedent too ("…, konnte ihnen der Moderator kaum Worte entlocken. Er …").
"""
from __future__ import annotations

from .extract import extract_quotes

__all__ = ["extract_quotes"]
