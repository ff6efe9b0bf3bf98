"""Quotation marks and the direct-quote scanner (the one definition the project uses).

`find_quotes(text, lang)` gives (open_mark_pos, end, closed) for each top-level quote; see the
package docstring for the rules. `quote_regions(text, lang)` gives the character ranges of the
quotes with their marks.

English text also has single quotes, the BBC's house style ('We will win,' he said / ‘…’). A
straight ' opens only after a space, a line start or an opening bracket and before a letter, and
closes only before a space, punctuation or the line end — apostrophes inside words (Blair's,
don't) are never marks; a plural possessive (the Tories' plans) is read as an apostrophe when
another closing mark follows in the same paragraph.
"""
from __future__ import annotations

# Opening mark → its closing marks.
_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”\"", '"': '"', "‚": "‘’"}
# English only: single quotes
_PAIRS_EN = {**_PAIRS, "‘": "’", "'": "'"}


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prv = text[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if c == "'":
        return nxt.isalpha() and (prv.isspace() or prv in "([—–")
    if c in "„‚":
        return True
    # », «, “, ", ‘ open when not glued to a preceding word
    return not (prv.isalnum() or prv in ".,;!?") or c == "»" and prv in "(\n "


def _single_closer(text: str, k: int, pend: int) -> bool:
    """A straight ' at k closes an English single quote (not an apostrophe)."""
    nxt = text[k + 1] if k + 1 < len(text) else " "
    if text[k - 1].isspace() or nxt.isalnum():
        return False  # "don't", "Blair's", " 'em"
    if text[k - 1] in "sS" and nxt == " " and k + 2 < len(text) and text[k + 2].isalpha():
        # "the Tories' plans": an apostrophe when another closing mark follows in the paragraph
        j = text.find("'", k + 1, pend)
        while j >= 0:
            if _single_closer(text, j, pend):
                return False
            j = text.find("'", j + 1, pend)
    return True


def _find_quotes(text: str, lang: str = "de") -> list[tuple[int, int, bool]]:
    """(open_mark_pos, end, closed) for each top-level quote; `end` is the closing mark's
    position (or the cap) — the quoted text is text[open+1:end]."""
    pairs = _PAIRS_EN if lang == "en" else _PAIRS
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c not in pairs or not _is_opener(text, i):
            i += 1
            continue
        closers = pairs[c]
        k = i + 1
        pend = _paragraph_end(text, k)
        end, closed = None, False
        while end is None:
            while k < pend:
                ch = text[k]
                if ch in closers and not (c == '"' and k + 1 < n and text[k + 1].isalnum()
                                          and text[k - 1].isspace()) \
                        and (c != "'" or _single_closer(text, k, pend)):
                    end, closed = k, True
                    break
                if ch == c and c in "„»" and k > i + 1:  # a new quote opens: cap the open one
                    end = k
                    break
                k += 1
            if end is not None:
                break
            if c == "'":  # an unclosed straight ' was an apostrophe ("'cause"): no quote
                break
            # paragraph ended while the quote was open: continue when the next paragraph
            # opens with the same mark, else cap at the paragraph end
            m = pend
            while m < n and text[m].isspace():
                m += 1
            if m < n and text[m] == c and c != '"':
                k = m + 1
                pend = _paragraph_end(text, k)
                continue
            end = pend
        if end is None or c == "'" and end - i <= 2:  # "rock 'n' roll"
            i += 1
            continue
        out.append((i, end, closed))
        i = end + 1 if closed else end
    return out


find_quotes = _find_quotes


def quote_regions(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """Character ranges (start, end) of the direct quotes of `text`, marks included."""
    return [(o, e + 1 if closed else e) for o, e, closed in _find_quotes(text, lang)]
