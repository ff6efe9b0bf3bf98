"""All time rules over a text in one pass: `RuleScan(rules).finditer(text)` gives, for each rule,
exactly what `rx.finditer(text)` gives, in less time.

Every rule's regex starts with ``(?<![\\w-])`` and Python's `re` then tries it at every position of
the text: 49 German rules made 49 passes over each article (about 2 s for 700 Wikinews articles,
most of the time annotation spent on time expressions). Here, each rule's possible first
PREFIX characters (a set of character classes per position, read from the compiled rule's parse
tree) go into one regex, found in one pass; a rule is then tried (`rx.match`) only where the text
starts with one of its prefixes, leftmost first, each next match from the end of the last, as
`finditer` does. A rule's prefixes cover every string the rule can match (a match shorter than
PREFIX characters counts with its own length), so no match is lost: the matches are the same
objects `finditer` would give (same spans and groups).

A rule whose parse tree holds something this does not read (a back reference, inline flags, a
prefix set too large) keeps its own pass. The parse tree comes from Python's own regex parser,
`re._parser` (3.11 on; `sre_parse` before): a private module. Where it is missing, or its tree is
not what this reads, every rule keeps its own pass: slower, the same matches.
"""
from __future__ import annotations

import re

try:
    from re import _constants as _c
    from re import _parser as _p
except ImportError:                 # not Python 3.11–3.13: the older public names, else none
    try:
        import sre_constants as _c
        import sre_parse as _p
    except ImportError:
        _c = _p = None

LEADING = r"(?<![\w-])"     # what every rule regex starts with (lib/nlp/timex/resources.py)
PREFIX = 4                  # characters per prefix: longer is more selective, slower to build
_MAX_PREFIXES = 20_000      # per rule; beyond that the rule keeps its own pass
_MEMO_MAX = 200_000         # cached "which rules start like this" answers per language
_ANY = r"[\s\S]"
if _c is not None:
    _CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
                   _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
                   _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
    _REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                     if hasattr(_c, name))
    _ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)


class _Unsupported(Exception):
    pass


def _esc(code: int) -> str:
    return re.escape(chr(code))


def _charclass(items) -> str:
    """A character class of the parse tree as regex text (any character when not readable)."""
    out = []
    for op, av in items:
        if op is _c.NEGATE:
            out.append("^")
        elif op is _c.LITERAL:
            out.append(_esc(av))
        elif op is _c.RANGE:
            out.append(f"{_esc(av[0])}-{_esc(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return _ANY
    return "[" + "".join(out) + "]"


def _join(left: set, right: set, k: int) -> set:
    return {a if len(a) >= k else (a + b)[:k] for a in left for b in right}


def prefixes(seq, k: int = PREFIX) -> set[tuple[str, ...]]:
    """The first `k` characters of every string the parsed pattern `seq` matches, as tuples of
    one-character regexes (shorter where a match can end sooner). Raises _Unsupported."""
    acc: set[tuple[str, ...]] = {()}
    for op, av in seq:
        if all(len(t) >= k for t in acc):
            break
        acc = _join(acc, _item(op, av, k), k)
        if len(acc) > _MAX_PREFIXES:
            raise _Unsupported("too many prefixes")
    return acc


def _item(op, av, k: int) -> set[tuple[str, ...]]:
    if op is _c.LITERAL:
        return {(_esc(av),)}
    if op is _c.NOT_LITERAL:
        return {(f"[^{_esc(av)}]",)}
    if op is _c.ANY:
        return {(_ANY,)}
    if op is _c.IN:
        return {(_charclass(av),)}
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unsupported("inline flags")
        return prefixes(sub, k)
    if op is _c.ATOMIC_GROUP:
        return prefixes(av, k)
    if op is _c.BRANCH:
        out: set[tuple[str, ...]] = set()
        for alternative in av[1]:
            out |= prefixes(alternative, k)
        return out
    if op in _REPEATS:
        low, high, sub = av
        once = prefixes(sub, k)
        cur: set[tuple[str, ...]] = {()}
        for _ in range(min(low, k)):            # more than k repeats cannot add to a k-prefix
            cur = _join(cur, once, k)
        acc = set(cur)
        more = k if high is _c.MAXREPEAT else min(high - low, k)
        for _ in range(more):
            cur = _join(cur, once, k)
            acc |= cur
        return acc
    if op in _ZERO_WIDTH:                       # lookarounds and anchors consume nothing
        return {()}
    raise _Unsupported(str(op))


def _trie(tuples) -> str:
    """One regex for a set of prefixes (any order: it is only asked whether one matches)."""
    root: dict = {}
    for t in tuples:
        node = root
        for element in t:
            node = node.setdefault(element, {})
        node[None] = {}

    def emit(node: dict) -> str:
        if None in node:            # a prefix ends here: whatever follows, it matched
            return ""
        parts = [element + emit(node[element]) for element in sorted(node)]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


class RuleScan:
    """The matches of many `LEADING`-prefixed regexes over a text, found in one pass."""

    def __init__(self, regexes: list[re.Pattern]):
        self.regexes = regexes
        self.own_pass: list[int] = []               # rules scanned on their own
        self.prefixed: list[int] = []
        starts: list[re.Pattern] = []
        every: set[tuple[str, ...]] = set()
        for i, rx in enumerate(regexes):
            try:
                if _p is None:
                    raise _Unsupported("no regex parser")
                if not rx.pattern.startswith(LEADING) or rx.flags & ~re.UNICODE:
                    raise _Unsupported("not a rule regex")
                pre = prefixes(_p.parse(rx.pattern[len(LEADING):]).data)
                if () in pre:
                    raise _Unsupported("matches the empty string")
            except (_Unsupported, re.error, RecursionError, AttributeError, TypeError,
                    ValueError):     # the last three: a parse tree of another shape
                self.own_pass.append(i)
                continue
            self.prefixed.append(i)
            starts.append(re.compile(_trie(pre)))
            every |= pre
        self._starts = starts
        self._candidates = re.compile(LEADING + "(?=" + _trie(every) + ")") if every else None
        self._memo: dict[str, list[int]] = {}

    def _rules_at(self, head: str) -> list[int]:
        """Positions in self.prefixed of the rules with a prefix `head` starts with."""
        found = self._memo.get(head)
        if found is None:
            if len(self._memo) > _MEMO_MAX:
                self._memo.clear()
            found = self._memo[head] = [j for j, rx in enumerate(self._starts) if rx.match(head)]
        return found

    def finditer(self, text: str) -> list[list[re.Match]]:
        """For each regex (in the order given), the list `list(rx.finditer(text))` would be."""
        out: list[list[re.Match]] = [[] for _ in self.regexes]
        for i in self.own_pass:
            out[i] = list(self.regexes[i].finditer(text))
        if self._candidates is None:
            return out
        where: list[list[int]] = [[] for _ in self.prefixed]
        for m in self._candidates.finditer(text):
            p = m.start()
            for j in self._rules_at(text[p:p + PREFIX]):
                where[j].append(p)
        for j, positions in enumerate(where):
            if not positions:
                continue
            i = self.prefixed[j]
            rx, found, end = self.regexes[i], out[i], 0
            for p in positions:          # leftmost first; the next match starts after this one
                if p < end:
                    continue
                m = rx.match(text, p)
                if m is not None:
                    found.append(m)
                    end = m.end()
        return out
