"""Full-text search over the articles: the query language, keyword-in-context snippets and the
number of matching articles over time (no Streamlit).

The query language (`parse_query`):

* words are matched case-insensitively as whole words, exactly as typed (umlauts included:
  ``Müller`` finds "MÜLLER" and "müller", not "Mueller"); a trailing ``*`` matches any ending
  (``Drohne*`` finds "Drohnen", "Drohnenangriff");
* ``"…"`` is a phrase: its words in this order, any whitespace between them;
* terms are joined by AND (the default); ``OR`` between two terms makes them alternatives and
  binds tighter than AND (``Nato Ukraine OR Kiew`` = Nato AND (Ukraine OR Kiew));
* ``NOT word`` or ``-word`` excludes articles containing the word (or phrase);
* parentheses are not supported (they are read as part of the words and dropped).

`search` runs a query over articles and returns one row per matching article with its number of
hits and the first hit in context; `attention` counts matching and all articles per period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

CONTEXT = 60  # characters of context either side of a hit

_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"'})
_STRIP = "()[]{},;:.!?"


@dataclass(frozen=True)
class Term:
    """A word (`prefix`: it ends with *) or a phrase of several words."""
    words: tuple[str, ...]
    prefix: bool = False

    @property
    def label(self) -> str:
        text = " ".join(self.words) + ("*" if self.prefix else "")
        return f'"{text}"' if len(self.words) > 1 else text

    def pattern(self) -> str:
        body = r"\s+".join(re.escape(w) for w in self.words)
        return rf"(?<!\w){body}" + ("" if self.prefix else r"(?!\w)")


@dataclass(frozen=True)
class Query:
    """Clauses that must all match (each a set of alternatives), and terms that must not."""
    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        return not self.clauses and not self.excluded

    @property
    def positive(self) -> tuple[Term, ...]:
        """The terms a hit is shown for (all alternatives of all clauses)."""
        return tuple(t for clause in self.clauses for t in clause)

    def describe(self) -> str:
        """The query as it is understood, e.g. `Nato AND (Ukraine OR Kiew) NOT "Putin sagte"`."""
        parts = [c[0].label if len(c) == 1 else "(" + " OR ".join(t.label for t in c) + ")"
                 for c in self.clauses]
        text = " AND ".join(parts)
        if self.excluded:
            text += (" " if text else "") + " ".join("NOT " + t.label for t in self.excluded)
        return text


def _term(text: str, phrase: bool) -> Term | None:
    words = text.split() if phrase else [text.strip(_STRIP)]
    words = [w.strip(_STRIP) if phrase else w for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    prefix = words[-1].endswith("*")
    if prefix:
        words[-1] = words[-1].rstrip("*")
        if not words[-1]:
            words.pop()
    if not words or not any(ch.isalnum() for w in words for ch in w):
        return None
    return Term(tuple(words), prefix)


def parse_query(text: str) -> Query:
    """The query in `text` (see the module's docstring). Never fails: what cannot be used is
    dropped and said in `Query.notes`."""
    text = str(text or "").translate(_QUOTES)
    notes: list[str] = []
    if text.count('"') % 2:
        notes.append("a quotation mark is not closed: the phrase runs to the end")
        text += '"'
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    negate = join = False
    for m in _TOKEN.finditer(text):
        minus, phrase, _, word = m.groups()
        if word is not None:
            if word == "OR":
                join = bool(clauses) and not negate
                continue
            if word in ("AND", "&&"):
                continue
            if word == "NOT":
                negate = True
                continue
            if word.startswith("-") and len(word) > 1:
                negate, word = True, word[1:]
            term = _term(word, phrase=False)
        else:
            negate = negate or bool(minus)
            term = _term(phrase, phrase=True)
        if term is None:
            negate = join = False
            continue
        if negate:
            excluded.append(term)
        elif join:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        negate = join = False
    if excluded and not clauses:
        notes.append("only excluded words: every article without them matches")
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded), tuple(notes))


def _compile(terms) -> re.Pattern | None:
    terms = list(terms)
    if not terms:
        return None
    return re.compile("|".join(f"(?:{t.pattern()})" for t in terms), re.IGNORECASE)


@lru_cache(maxsize=32)
def _patterns(query: Query):
    return (_compile(query.excluded), [_compile(c) for c in query.clauses],
            _compile(query.positive))


def matches(query: Query, text: str) -> list[tuple[int, int]] | None:
    """The (start, end) spans of the query's terms in `text` when the text matches the query,
    else None. A query of only excluded terms matches with no spans."""
    if query.empty:
        return None
    bad, clauses, hit = _patterns(query)
    if bad is not None and bad.search(text):
        return None
    for clause in clauses:
        if not clause.search(text):
            return None
    return [m.span() for m in hit.finditer(text)] if hit is not None else []


def snippet(text: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str, str]:
    """(before, match, after): the hit with about `context` characters either side, cut at
    word boundaries, "…" where the text goes on, line breaks as spaces."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        cut = before.find(" ")
        before = "…" + (before[cut + 1:] if 0 <= cut < len(before) - 1 else before)
    if hi < len(text):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > 0 else after) + "…"

    def flat(s: str) -> str:
        return " ".join(s.split()) if s.strip() else (" " if s else "")

    left = flat(before)
    right = flat(after)
    if before[-1:].isspace() and not left.endswith(" "):
        left += " "
    if after[:1].isspace() and not right.startswith(" "):
        right = " " + right
    return left, " ".join(text[start:end].split()), right


SEARCH_COLUMNS = ["title", "published", "source", "hits", "before", "match", "after", "article_id"]


def search(articles: pd.DataFrame, text_of, query: Query, context: int = CONTEXT) -> pd.DataFrame:
    """One row per article of `articles` (columns id, title, published, source) whose text
    (`text_of(id)`) matches `query`: title, published, source, hits (number of hits) and the
    first hit in context (before, match, after), in the order of `articles`."""
    rows = []
    if not query.empty:
        for art in articles.itertuples(index=False):
            text = text_of(art.id) or ""
            spans = matches(query, text)
            if spans is None:
                continue
            before, match, after = snippet(text, *spans[0], context) if spans else ("", "", "")
            rows.append((art.title, art.published, art.source, len(spans), before, match, after,
                         art.id))
    df = pd.DataFrame(rows, columns=SEARCH_COLUMNS)
    df["hits"] = df["hits"].astype("int64")
    if "published" in articles.columns:
        df["published"] = df["published"].astype(articles["published"].dtype)
    return df


def period_for(dates: pd.Series) -> str:
    """The period a count over time is shown by: "D" for up to two months, "W" for up to two
    years, "M" for up to twenty, else "Y" (a corpus from 1850 to today is 175 bars, not 2,100)."""
    dates = pd.to_datetime(dates, errors="coerce").dropna()
    if dates.empty:
        return "D"
    days = (dates.max() - dates.min()).days
    return "D" if days <= 62 else "W" if days <= 730 else "M" if days <= 7305 else "Y"


PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def attention(articles: pd.DataFrame, matched_ids, period: str | None = None) -> pd.DataFrame:
    """Matching and all articles (of `articles`, the selection) per period of publication:
    columns period (its first day), matching, articles, share (matching / articles, 0–1).
    Periods without articles between the first and the last are included (0 of 0) with no share
    (NaN): nothing was published, which is not the same as nothing matching (share 0);
    articles of unknown date are left out (count them with `articles["published"].isna()`)."""
    cols = ["period", "matching", "articles", "share"]
    dates = pd.to_datetime(articles["published"], errors="coerce")
    known = dates.notna()
    if not known.any():
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "period" else
                                          "float64" if c == "share" else "int64") for c in cols})
    period = period or period_for(dates)
    freq = {"D": "D", "W": "W-MON", "M": "MS", "Y": "YS"}[period]
    starts = dates[known].dt.to_period({"D": "D", "W": "W-SUN", "M": "M", "Y": "Y"}[period]).dt.start_time
    matched = articles.loc[known, "id"].isin(set(matched_ids))
    frame = pd.DataFrame({"period": starts.values, "hit": matched.values})
    grouped = frame.groupby("period")["hit"].agg(["sum", "size"])
    index = pd.date_range(grouped.index.min(), grouped.index.max(), freq=freq)
    grouped = grouped.reindex(index.union(grouped.index), fill_value=0)
    out = pd.DataFrame({"period": grouped.index, "matching": grouped["sum"].astype("int64").values,
                        "articles": grouped["size"].astype("int64").values})
    out["share"] = out["matching"] / out["articles"].where(out["articles"] > 0)
    return out.reset_index(drop=True)
