"""Dated sentences -> events for the timeline.

``extract_events(doc, timexes, mentions, published)`` turns the time expressions found by
``lib.nlp.timex.find_timexes`` into event records (columns ``schema.EVENT_COLUMNS`` minus
``article_id``):

* one text-dated event (``date_source="text"``) per DATE/TIME expression that resolves to
  a date range. Not events: DURATION and SET expressions, unresolved values
  ("XXXX-10-18", "BC0490", PAST_REF without anchor) and PRESENT_REF ("derzeit",
  "zurzeit", "in diesen Tagen"): "now" describes a state at publication time, not a dated
  happening, so such sentences are treated like undated ones (below).
* one publication-dated event (``date_source="publication"``, ``timex=""``, value =
  published ISO date, granularity "day", start/end = the sentence's offsets) per sentence
  without a text-dated event that names at least one actor and reads like a report:
  it must not be entirely a direct quote (opens with a quotation mark and has at most a
  short speech tag outside quotes, or never closes the quote), and not be a heading (no
  sentence-final punctuation, or – when the doc has POS tags, as English docs do – no
  verb). Without a publication date there are no publication-dated events.

``actors`` are the distinct canonical actor names of the mentions in the sentence, in order
of first appearance. A sentence never runs over a line break: where the sentencizer
missed a boundary at a paragraph end (German "Shahed-136." is one token, headings have no
full stop) the doc sentence is cut at the newline, the pieces keep the doc sentence's
``sent_index``, and actors are taken from the mentions whose ``start`` lies in the piece.
Only ``doc.sents`` and ``doc.text`` are used; POS tags are optional.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from . import quotes
from .quotes import marks

if TYPE_CHECKING:  # pragma: no cover
    from lib.nlp.timex import Timex

EVENT_TYPES = ("DATE", "TIME")
NOT_EVENT_VALUES = ("PRESENT_REF",)

_FINAL_PUNCT = re.compile(r"[.!?:;…][\s“”\"»«’')\]]*$")
MAX_SPEECH_TAG_WORDS = 6
_WORD = re.compile(r"\w+")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of the direct quotes of `text`, found by the quote extractor's scanner
    (lib.nlp.quotes.marks: the one definition of the quotation marks)."""
    return marks.quote_regions(text)


def regions_of(quote_records: list[dict]) -> list[tuple[int, int]]:
    """Character ranges of the direct quotes among the quote extractor's records, in order."""
    return sorted((int(q["start"]), int(q["end"])) for q in quote_records if q.get("kind") == "direct")


def _words_outside(text: str, offset: int, regions) -> int:
    n = 0
    for m in _WORD.finditer(text):
        pos = offset + m.start()
        if not any(s <= pos < e for s, e in regions):
            n += 1
    return n


def is_entire_quote(text: str, offset: int = 0, regions=None) -> bool:
    """True if the sentence is a direct quote, possibly with a short speech tag ("sagte er")."""
    if regions is None:
        regions = quote_regions(text)
    inside = any(s <= offset + m.start() < e for m in _WORD.finditer(text) for s, e in regions)
    return inside and _words_outside(text, offset, regions) <= MAX_SPEECH_TAG_WORDS


def is_heading(text: str, span=None) -> bool:
    """No sentence-final punctuation, or (when the doc has POS tags) no verb."""
    t = text.strip()
    if not _FINAL_PUNCT.search(t):
        return True
    if span is not None:
        try:
            if span.doc.has_annotation("POS") and not any(tok.pos_ in ("VERB", "AUX") for tok in span):
                return True
        except (AttributeError, ValueError):
            pass
    return False


def reports_something(text: str, span=None, offset: int = 0, regions=None) -> bool:
    return (len(_WORD.findall(text)) >= 4 and not is_entire_quote(text, offset, regions)
            and not is_heading(text, span))


def _sentences(doc, full: str | None = None) -> list[tuple[int, int, str, int, object]]:
    """(start, end, text, sent_index, span) of each sentence, stripped of surrounding
    whitespace. A sentence never runs over a line break: where the doc has no boundary at a
    line end (a heading without a full stop; a paragraph end after a full stop is already one,
    lib/nlp/longtext.sentence_cap), the doc sentence is cut at the newline; the pieces keep its
    sent_index. `full`:
    doc.text when the caller has it (a sentence's text is then cut from it, not built from tokens)."""
    out = []
    for i, sent in enumerate(doc.sents):
        base = sent.start_char
        sent_text = sent.text if full is None else full[base:sent.end_char]
        for m in re.finditer(r"[^\n]+", sent_text):
            piece = m.group(0)
            text = piece.strip()
            if not text:
                continue
            start = base + m.start() + (len(piece) - len(piece.lstrip()))
            end = start + len(text)
            span = doc.char_span(start, end, alignment_mode="expand") if hasattr(doc, "char_span") else None
            out.append((start, end, text, i, span))
    return out


def _segment_of(sents, pos: int, starts: list[int] | None = None) -> int:
    """The index of the segment holding `pos` (segments are sorted and disjoint; `starts`,
    their start offsets, makes this a binary search), or -1."""
    if starts is None:
        starts = [s[0] for s in sents]
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < sents[k][1] else -1


def _actors_by_segment(sents, mentions: list[dict]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    starts = [s[0] for s in sents]
    for m in sorted(mentions, key=lambda m: m.get("start", 0)):
        name = m.get("actor") or m.get("text")
        if not name or m.get("start") is None:
            continue
        k = _segment_of(sents, m["start"], starts)
        if k < 0:
            continue
        names = out.setdefault(k, [])
        if name not in names:
            names.append(name)
    return out


def extract_events(doc, timexes: list[Timex], mentions: list[dict], published: dt.date | None,
                   quote_records: list[dict] | None = None, text: str | None = None) -> list[dict]:
    """Events of `doc`; `quote_records` are the doc's records from ``quotes.extract_quotes``
    (extracted here when not given): their direct quotes decide which sentences are quotes.
    `text`: doc.text when the caller has it."""
    if isinstance(published, dt.datetime):
        published = published.date()
    sents = _sentences(doc, text)
    actors = _actors_by_segment(sents, mentions)
    if quote_records is None:
        quote_records = quotes.extract_quotes(doc, mentions, text)
    regions = regions_of(quote_records)
    starts = [s[0] for s in sents]
    region_starts = [s for s, _ in regions]     # regions are sorted and disjoint
    has_pos = doc.has_annotation("POS")
    records: list[dict] = []
    dated: set[int] = set()
    for tx in timexes:
        if tx.type not in EVENT_TYPES or tx.value in NOT_EVENT_VALUES or tx.date_start is None:
            continue
        k = _segment_of(sents, tx.start, starts)
        if k < 0:
            continue
        dated.add(k)
        records.append({
            "sentence": sents[k][2],
            "start": tx.start,
            "end": tx.end,
            "timex": tx.text,
            "value": tx.value,
            "date_start": tx.date_start,
            "date_end": tx.date_end if tx.date_end is not None else tx.date_start,
            "granularity": tx.granularity,
            "actors": list(actors.get(k, [])),
            "date_source": "text",
            "sent_index": sents[k][3],
        })
    if published is not None:
        for k, (s, e, text, i, span) in enumerate(sents):
            # only the quote regions that reach into this sentence: linear in the text
            near = regions[max(bisect_right(region_starts, s) - 1, 0):bisect_left(region_starts, e)]
            # (the POS test scans the whole doc when it has no tags: asked once, not per sentence)
            if k in dated or not actors.get(k) or not reports_something(
                    text, span if has_pos else None, s, near):
                continue
            records.append({
                "sentence": text,
                "start": s,
                "end": e,
                "timex": "",
                "value": published.isoformat(),
                "date_start": published,
                "date_end": published,
                "granularity": "day",
                "actors": list(actors[k]),
                "date_source": "publication",
                "sent_index": i,
            })
    records.sort(key=lambda r: (r["sent_index"], r["start"]))
    return records
