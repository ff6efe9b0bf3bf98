"""The units the extractor reads: sentences, merged while a quote runs across them or a colon
introduces one (see units())."""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise


def _last_ends(text: str, cuts: list[int]) -> dict[int, int]:
    """For each of the sorted `cuts`: the end of the last non-space character before it (0 if
    none), found in one pass over the text."""
    out, last = {}, 0
    for a, c in zip([0] + cuts, cuts):
        seg = text[a:c].rstrip()
        if seg:
            last = a + len(seg)
        out[c] = last
    return out


def _first_starts(text: str, cuts: list[int]) -> dict[int, int]:
    """For each of the sorted `cuts`: the first non-space position at or after it (the text's
    length if none), found in one pass over the text."""
    out, first = {}, len(text)
    for c, b in zip(reversed(cuts), reversed(cuts[1:] + [len(text)])):
        seg = text[c:b]
        blank = len(seg) - len(seg.lstrip())
        first = c + blank if blank < len(seg) else first
        out[c] = first
    return out


class _Units:
    """Mixin of the extractor: the text cut into units."""

    # -- units ---------------------------------------------------------------------------
    def units(self, quotes):
        text = self.text
        cuts = {0, len(text)}
        for s in self.doc.sents:
            cuts.add(s.start_char)
        for m in re.finditer(r"\n", text):
            cuts.add(m.end())
        spans = [(o, e + 1 if closed else e) for o, e, closed in quotes]
        opens = {o for o, _ in spans}
        # a sentence boundary the sentencizer put after an opening mark ("straffen. „|Nicht …")
        # belongs before it
        ends = _last_ends(text, sorted(cuts))
        for c, b in ends.items():
            if b > 0 and b - 1 in opens and c not in opens:
                cuts.discard(c)
                cuts.add(b - 1)
        # linear in the text: a cut is kept unless inside a quote or between a colon and the
        # quote it introduces (merged quote intervals, one look at the text between two cuts)
        merged: list[list[int]] = []
        for o, e in sorted(spans):
            if merged and o < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([o, e])
        starts = [o for o, _ in merged]

        def inside(c):
            k = bisect_left(starts, c) - 1
            return k >= 0 and c < merged[k][1]

        cuts = sorted(cuts)
        ends, firsts = _last_ends(text, cuts), _first_starts(text, cuts)
        closes = {e - 1 for _, e in spans}
        cuts = [c for c in cuts if not inside(c)
                and not (ends[c] > 0 and text[ends[c] - 1] == ":" and firsts[c] in opens)
                # "„…“ erklärte die Ministerin.": a lowercase verb after a closing mark frames that quote
                and not ((ends[c] - 1 in closes or text[ends[c] - 1:ends[c]] == "," and ends[c] - 2 in closes)
                         and firsts[c] < len(text) and text[firsts[c]].islower())]
        out = []
        for a, b in pairwise(cuts):
            seg = text[a:b]
            if seg.strip():
                a2 = a + len(seg) - len(seg.lstrip())
                b2 = b - (len(seg) - len(seg.rstrip()))
                out.append((a2, b2))
        return out
