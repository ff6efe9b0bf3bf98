"""Quotation marks and the direct-quote scanner (the one definition the project uses).

`find_quotes(text)` gives (open_mark_pos, end, closed) for each top-level quote; see the
package docstring for the rules. `quote_regions(text)` gives the character ranges of the
quotes with their marks.
"""
from __future__ import annotations

# Opening mark → its closing marks.
_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”\"", '"': '"', "‚": "‘’"}


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prv = text[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if c in "„‚":
        return True
    # », «, “, " open when not glued to a preceding word
    return not (prv.isalnum() or prv in ".,;!?") or c == "»" and prv in "(\n "


def _find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """(open_mark_pos, end, closed) for each top-level quote; `end` is the closing mark's
    position (or the cap) — the quoted text is text[open+1:end]."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c not in _PAIRS or not _is_opener(text, i):
            i += 1
            continue
        closers = _PAIRS[c]
        k = i + 1
        pend = _paragraph_end(text, k)
        end, closed = None, False
        while end is None:
            while k < pend:
                ch = text[k]
                if ch in closers and not (c == '"' and k + 1 < n and text[k + 1].isalnum()
                                          and text[k - 1].isspace()):
                    end, closed = k, True
                    break
                if ch == c and c in "„»" and k > i + 1:  # a new quote opens: cap the open one
                    end = k
                    break
                k += 1
            if end is not None:
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
        out.append((i, end, closed))
        i = end + 1 if closed else end
    return out


find_quotes = _find_quotes


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of the direct quotes of `text`, marks included."""
    return [(o, e + 1 if closed else e) for o, e, closed in _find_quotes(text)]
