"""Readers for office documents: PDF (pypdf) and Word DOCX (python-docx), one article per file.

Pages: a PDF's article is a `PagedArticle`, an `Article` with two more fields:

* ``n_pages`` — the number of pages of the PDF;
* ``page_starts`` — ``(page number, offset)`` for each page with text: the page (1-based) and
  the offset in ``Article.text`` where its text starts. Page n's text runs up to the next
  entry's offset; pages without text (images, blank) have no entry. `page_at(article, offset)`
  gives the page of any offset (a mention, a quote, a search hit).

The text of a PDF page is its text layer as pypdf extracts it (line by line; pages joined by a
blank line), with words hyphenated at a line end joined again (`dehyphenate`): *Verteidi-/gung*
becomes *Verteidigung*, *Nato-/Gipfel* keeps its hyphen (*Nato-Gipfel*), and *Ost-/und
Westeuropa* stays as it is. A Word file has no fixed pages (Word lays them out when it shows or prints the
document), so a DOCX article is a plain `Article`: its paragraphs (and the text of its tables,
row by row, cells separated by " | ") as lines. The document properties give the title when
they have one; the publication date is left open (the file's dates say when it was written or
saved, not published).

Problems are load-report lines naming the file: an encrypted PDF that needs a password, a PDF
without a text layer (scanned: run OCR first), a damaged file. A missing library fails its
files only, with what to install (readers.py).
"""
from __future__ import annotations

import io
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass

from .article import Article, LoadIssue, clean_text, make_article

log = logging.getLogger(__name__)

_PDF_MIN_CHARS = 20       # less text on all pages together: no text layer (a scanned PDF)
_GENERATED_TITLES = ("microsoft word - ", "untitled", "unbenannt")
# a word broken at a line end: a word, a hyphen, the line break, the next line's first word
_LINE_END_HYPHEN = re.compile(r"(\w+)-[ \t]*\n[ \t]*(\w+)")
# after "Ost-" the line may go on with a conjunction: a suspended compound (Ost- und Westeuropa)
_SUSPENDED = frozenset({"und", "oder", "bzw", "sowie", "bis", "wie", "als", "and", "or", "to"})


@dataclass(frozen=True)
class PagedArticle(Article):
    """An article read from pages (a PDF): see the module's docstring."""
    n_pages: int = 0
    page_starts: tuple[tuple[int, int], ...] = ()


def page_at(article: Article, offset: int) -> int | None:
    """The page (1-based) of `offset` in `article.text`, or None for an article without pages."""
    starts = getattr(article, "page_starts", ())
    if not starts:
        return None
    i = bisect_right([o for _, o in starts], offset) - 1
    return starts[max(i, 0)][0]


def dehyphenate(text: str) -> str:
    """`text` with the words a PDF broke at line ends whole again: the hyphen goes when the next
    line goes on in lower case (a syllable), stays when it starts with a capital or a digit (a
    compound: Nato-Gipfel, G7-Staaten); a conjunction after the hyphen leaves the line alone."""
    def join(match: re.Match) -> str:
        left, word = match.group(1), match.group(2)
        if word.lower() in _SUSPENDED:
            return match.group(0)
        syllable = left[-1].isalpha() and word[0].islower()
        return left + word if syllable else f"{left}-{word}"
    return _LINE_END_HYPHEN.sub(join, text)


def _quiet(name: str) -> None:
    logger = logging.getLogger(name)
    if logger.level == logging.NOTSET:  # unless the app configured it
        logger.setLevel(logging.ERROR)


def _title(value) -> str | None:
    title = " ".join(str(value or "").split())
    if not title or title.lower().startswith(_GENERATED_TITLES):
        return None
    return title


def load_pdf(path: str, data: bytes):
    """("article", PagedArticle, None) and ("issue", LoadIssue) results for one PDF."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    _quiet("pypdf")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are encrypted without a password to open
            except (DependencyError, NotImplementedError) as exc:
                yield ("issue", LoadIssue(path, None, f"encrypted PDF that pypdf cannot open ({exc}) "
                                          "(pip install cryptography)", "skipped"))
                return
            if not opened:
                yield ("issue", LoadIssue(path, None, "encrypted PDF: it needs a password to open; "
                                          "save an unprotected copy", "skipped"))
                return
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:  # one damaged page: the others are still read
                log.debug("page %s of %s: %s", number, path, exc)
                yield ("issue", LoadIssue(path, None, f"page {number} could not be read ({exc}): "
                                          "left out", "repaired"))
                text = ""
            pages.append(dehyphenate(text.replace("\x00", "")))
        meta = reader.metadata or {}
        title = _title(meta.get("/Title")) if hasattr(meta, "get") else None
    except FileNotDecryptedError:
        yield ("issue", LoadIssue(path, None, "encrypted PDF: it needs a password to open", "skipped"))
        return
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        yield ("issue", LoadIssue(path, None, f"not a readable PDF (damaged or not a PDF: {exc})",
                                  "skipped"))
        return
    if not pages:
        yield ("issue", LoadIssue(path, None, "PDF without pages", "skipped"))
        return
    cleaned = [clean_text(p)[0] for p in pages]
    if sum(len(c.strip()) for c in cleaned) < _PDF_MIN_CHARS:
        yield ("issue", LoadIssue(
            path, None, f"no text layer in the PDF ({len(pages)} page{'s' if len(pages) != 1 else ''}"
            "; a scanned document? run OCR on it first)", "skipped"))
        return
    article, issues = make_article("\n\n".join(c for c in cleaned if c.strip()), title=title,
                                   path=path)
    yield from (("issue", i) for i in issues)
    if article is None:
        return
    starts, at = [], 0
    for number, text in enumerate(cleaned, start=1):
        if not text.strip():
            continue
        found = article.text.find(text[:80], at)
        if found < 0:  # the closing source line of the last page was moved into the metadata
            found = at
        starts.append((number, found))
        at = found + 1
    fields = {f: getattr(article, f) for f in Article.__dataclass_fields__}
    yield ("article", PagedArticle(**fields, n_pages=len(pages), page_starts=tuple(starts)), None)


def _docx_lines(document) -> list[str]:
    """Paragraphs and table rows in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    lines.append(" | ".join(cells))
    return lines


def load_docx(path: str, data: bytes):
    """("article", Article, None) and ("issue", LoadIssue) results for one Word file."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
        title = _title(document.core_properties.title)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "not a Word document (.docx is a zip archive)" if isinstance(
            exc, zipfile.BadZipFile) else f"damaged Word document ({exc})"
        yield ("issue", LoadIssue(path, None, reason, "skipped"))
        return
    except Exception as exc:  # lxml and python-docx errors on odd files
        yield ("issue", LoadIssue(path, None, f"Word document could not be read ({exc})", "skipped"))
        return
    if not clean_text("\n".join(lines))[0].strip():
        yield ("issue", LoadIssue(path, None, "no text in the Word document", "skipped"))
        return
    article, issues = make_article("\n".join(lines), title=title, path=path)
    yield from (("issue", i) for i in issues)
    if article is not None:
        yield ("article", article, None)
