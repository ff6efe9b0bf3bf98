"""PDF and DOCX files as articles (lib/ingest/documents.py): text, pages, and the load report
for files that cannot be read. The fixtures are built here, with the libraries themselves (a
minimal PDF written by hand), so nothing is read from outside the repository."""
from __future__ import annotations

import io
import sys

import pandas as pd
import pytest

from lib.ingest.corpus import SUPPORTED_SUFFIXES, load_corpus, load_file
from lib.ingest.documents import PagedArticle, page_at

GERMAN = ["Verteidigungsminister Boris Pistorius besuchte am Montag die Truppe in Litauen.",
          "Er sagte, die Bundeswehr werde ihre Präsenz dort verstärken."]
ENGLISH = ["The Nato summit in Vilnius ended on Wednesday with a statement on Ukraine."]


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF: one page per list of lines, Helvetica text (WinAnsi), and a
    correct cross-reference table."""
    objects: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        stream = b"BT /F1 11 Tf 14 TL 50 780 Td " + b" ".join(
            _pdf_string(line) + b" Tj T*" for line in lines) + b" ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    info = None
    if title:
        objects.append(b"<< /Title " + _pdf_string(title) + b" >>")
        info = len(objects)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R"
    trailer += f" /Info {info} 0 R" if info else ""
    out.write(f"{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted(pdf: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path, paragraphs: list[str], title: str | None = None, table=None) -> None:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))


def problems(issues) -> list[str]:
    return [i.problem for i in issues]


def test_the_upload_page_accepts_pdf_and_docx():
    assert ".pdf" in SUPPORTED_SUFFIXES and ".docx" in SUPPORTED_SUFFIXES


def test_pdf_text_with_its_pages(tmp_path):
    path = tmp_path / "bericht.pdf"
    path.write_bytes(make_pdf([GERMAN, [], ["Seite drei: Pistorius kündigte weitere Hilfe an."]],
                              title="Pistorius in Litauen"))
    [article], issues = load_file(path)
    assert issues == []
    assert isinstance(article, PagedArticle)
    assert article.title == "Pistorius in Litauen"
    assert article.language == "de" and article.path == str(path)
    assert "Präsenz dort verstärken" in article.text          # umlauts from WinAnsi text
    assert article.n_pages == 3
    assert [p for p, _ in article.page_starts] == [1, 3]       # the blank page has no text
    third = article.text.index("Seite drei")
    assert article.page_starts[1][1] == third
    assert page_at(article, 0) == 1 and page_at(article, third - 1) == 1
    assert page_at(article, third + 5) == 3


def test_words_broken_at_a_pdf_line_end_are_whole_again(tmp_path):
    path = tmp_path / "umbruch.pdf"
    path.write_bytes(make_pdf([["Pistorius sprach über die Verteidi-", "gung des Baltikums beim Nato-",
                                "Gipfel in Vilnius, für Ost-", "und Westeuropa."]]))
    [article], issues = load_file(path)
    assert issues == []
    assert "über die Verteidigung des Baltikums beim Nato-Gipfel in Vilnius" in article.text
    assert "Ost-\nund Westeuropa" in article.text      # a suspended compound is not joined


@pytest.mark.parametrize("text,expected", [
    ("die Verteidi-\ngung", "die Verteidigung"), ("infor- \n mation", "information"),
    ("der Nato-\nGipfel", "der Nato-Gipfel"), ("G7-\nStaaten", "G7-Staaten"),
    ("Ost-\noder Westeuropa", "Ost-\noder Westeuropa"), ("Ende-\n\nNeu", "Ende-\n\nNeu")])
def test_dehyphenate(text, expected):
    from lib.ingest.documents import dehyphenate

    assert dehyphenate(text) == expected


def test_a_pdf_with_no_title_takes_its_first_line(tmp_path):
    path = tmp_path / "note.pdf"
    path.write_bytes(make_pdf([ENGLISH], title="Microsoft Word - note.docx"))
    [article], _ = load_file(path)
    assert article.title.startswith("The Nato summit in Vilnius") and article.language == "en"


def test_a_pdf_encrypted_without_an_open_password_is_read(tmp_path):
    path = tmp_path / "locked-for-editing.pdf"
    path.write_bytes(encrypted(make_pdf([GERMAN]), user_password=""))
    [article], issues = load_file(path)
    assert "Pistorius" in article.text and issues == []


@pytest.mark.parametrize("name, content, expected", [
    ("secret.pdf", lambda: encrypted(make_pdf([GERMAN]), "geheim"), "encrypted PDF: it needs a password"),
    ("scan.pdf", lambda: make_pdf([[], []]), "no text layer in the PDF (2 pages; a scanned document?"),
    ("broken.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog", "not a readable PDF"),
    ("text.pdf", lambda: b"Das ist kein PDF, nur Text.", "not a readable PDF"),
    ("empty.pdf", lambda: b"", "empty file"),
    ("old.docx", lambda: b"\xd0\xcf\x11\xe0 an old binary .doc renamed", "not a Word document"),
    ("empty.docx", lambda: b"", "empty file"),
])
def test_unreadable_files_get_a_clear_report_line(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content())
    result = load_corpus(tmp_path)
    assert result.articles == []
    [issue] = result.report
    assert issue.path == str(path) and issue.action == "skipped"
    assert expected in issue.problem, issue.problem


def test_docx_paragraphs_and_tables(tmp_path):
    path = tmp_path / "memo.docx"
    make_docx(path, GERMAN + ["", "Quelle: Bundeswehr"], title="Lagebericht Litauen",
              table=[["Ort", "Truppen"], ["Rukla", "800"]])
    [article], issues = load_file(path)
    assert issues == []
    assert type(article).__name__ == "Article"           # Word files have no fixed pages
    assert article.title == "Lagebericht Litauen" and article.language == "de"
    assert GERMAN[0] in article.text and "Rukla | 800" in article.text
    assert article.text.index(GERMAN[1]) < article.text.index("Ort | Truppen")


def test_an_empty_docx_is_reported(tmp_path):
    path = tmp_path / "leer.docx"
    make_docx(path, ["", "  "])
    articles, issues = load_file(path)
    assert articles == [] and problems(issues) == ["no text in the Word document"]


@pytest.mark.parametrize("module, suffix, package", [("pypdf", ".pdf", "pypdf"),
                                                      ("docx", ".docx", "python-docx")])
def test_a_missing_library_fails_only_its_files(tmp_path, monkeypatch, module, suffix, package):
    (tmp_path / f"doc{suffix}").write_bytes(b"PK not read")
    (tmp_path / "a.txt").write_text(" ".join(ENGLISH), encoding="utf-8")
    monkeypatch.setitem(sys.modules, module, None)  # its import fails
    result = load_corpus(tmp_path)
    assert len(result.articles) == 1
    [issue] = result.report
    assert issue.path.endswith(suffix)
    assert f"'{module}' is not installed" in issue.problem and f"pip install {package}" in issue.problem


def test_uploaded_pdf_and_docx_are_kept_and_read(tmp_path):
    from lib.ingest.uploads import save_uploads

    docx_file = tmp_path / "memo.docx"
    make_docx(docx_file, ENGLISH)
    result = save_uploads([("bericht.pdf", make_pdf([GERMAN])), ("memo.docx", docx_file.read_bytes())],
                          tmp_path / "uploads")
    assert [s.name for s in result.saved] == ["bericht.pdf", "memo.docx"] and not result.skipped
    loaded = load_corpus(tmp_path / "uploads")
    assert sorted(a.language for a in loaded.articles) == ["de", "en"] and loaded.report == []


def two_page_pdf() -> bytes:
    """A PDF whose second page holds a quote by Scholz."""
    return make_pdf([GERMAN, ["Bundeskanzler Olaf Scholz sprach am Dienstag in Berlin.",
                              "„Wir stehen fest an der Seite unserer Verbündeten“, sagte Scholz."]])


def test_pdf_pages_reach_the_annotated_corpus(tmp_path):
    """n_pages on the articles frame (0 for other files) and the page of a quote, also when the
    quotes come from the cache."""
    from lib import annotate_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "zwei.pdf").write_bytes(two_page_pdf())
    (folder / "plain.txt").write_text(" ".join(GERMAN), encoding="utf-8")
    for _ in range(2):   # annotated, then read back from the cache
        corpus = annotate_corpus([folder], cache_dir=tmp_path / "cache")
        pages = dict(zip(corpus.articles["path"].map(lambda p: p.rsplit("/", 1)[-1]),
                         corpus.articles["n_pages"]))
        assert pages == {"zwei.pdf": 2, "plain.txt": 0}
        pdf_id = corpus.articles.loc[corpus.articles["n_pages"] == 2, "id"].item()
        quotes = corpus.quotes[corpus.quotes["article_id"] == pdf_id]
        said = quotes[quotes["text"].str.contains("Verbündeten")]
        assert len(said) and set(said["page"]) == {2}
        assert corpus.quotes["page"].dtype == "int64"
        text = corpus.text(pdf_id)
        assert text.index("Scholz") > text.index("Litauen")   # page 2 comes after page 1


def test_a_cache_without_the_page_column_stays_valid(tmp_path):
    """`page` is not cached (it is derived from the loaded PDF): a cache written before the
    column existed is read as it is, without a warning, and the page still comes out."""

    from lib import annotate_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "zwei.pdf").write_bytes(make_pdf([
        GERMAN, ["„Wir stehen fest an der Seite unserer Verbündeten“, sagte Olaf Scholz."]]))
    annotate_corpus([folder], cache_dir=tmp_path / "cache")
    stored = list((tmp_path / "cache").rglob("quotes.parquet"))
    assert stored and all("page" not in pd.read_parquet(p).columns for p in stored)
    again = annotate_corpus([folder], cache_dir=tmp_path / "cache",
                            progress=lambda done, total, _: (_ for _ in ()).throw(
                                AssertionError("annotated again")) if total else None)
    assert not again.report["action"].eq("warning").any()
    assert set(again.quotes.loc[again.quotes["text"].str.contains("Verbündeten"), "page"]) == {2}



def test_the_quote_table_shows_the_page_of_a_pdf_quote(tmp_path):
    from lib import annotate_corpus
    from lib.query import quote_table, select

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "zwei.pdf").write_bytes(two_page_pdf())
    (folder / "plain.txt").write_text("„Wir helfen der Ukraine, so lange es nötig ist“, sagte Olaf Scholz am "
                                      "Dienstag in Berlin.",
                                      encoding="utf-8")
    table = quote_table(select(annotate_corpus([folder], cache_dir=tmp_path / "cache")))
    pages = dict(zip(table["quote"], table["page"]))
    assert pages["Wir stehen fest an der Seite unserer Verbündeten"] == "2"
    assert pages["Wir helfen der Ukraine, so lange es nötig ist"] == "", "no page without pages"
