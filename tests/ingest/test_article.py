"""lib/ingest/article.py: the one cleaning of an article's text, its title and metadata."""
from __future__ import annotations

import hashlib

from lib.ingest.corpus import (
    article_id,
    clean_text,
    make_article,
)


def test_clean_text_seed_style():
    raw = (
        "\ufeff![](/wp-content/uploads/bild-780x470.jpeg)\r\n"
        "Das Treffen der Minister fand in Washington statt.   \r\n"
        "\r\n"
        "Die Ukraine fordert mehr Luftabwehr.\r\n"
        "\r\n"
        "Quelle: The Telegraph\r\n\r\n"
    )
    text, source = clean_text(raw)
    assert text == (
        "Das Treffen der Minister fand in Washington statt.\n\n"
        "Die Ukraine fordert mehr Luftabwehr."
    )
    assert source == "The Telegraph"
    assert clean_text(text) == (text, "")  # cleaning is stable

    article, issues = make_article(raw, path="x.md")
    assert issues == []
    assert article.source == "The Telegraph"
    assert article.text == text
    assert article.id == article_id(text) == hashlib.sha1(text.encode()).hexdigest()[:16]
    assert article.language == "de"
    assert article.title == "Das Treffen der Minister fand in Washington statt."


def test_clean_text_details():
    # image with alt text and title; "Quellen:"/"Source:" variants; only the last line counts
    text, source = clean_text(
        'Erste Zeile.\n![Foto: dpa](https://x/y.jpg "Titel")\nZweite Zeile.\nQuellen: dpa, AFP')
    assert (text, source) == ("Erste Zeile.\nZweite Zeile.", "dpa, AFP")
    text, source = clean_text("Quelle: ein Zitat am Anfang\nText.\nSource: Reuters\n")
    assert (text, source) == ("Quelle: ein Zitat am Anfang\nText.", "Reuters")
    text, source = clean_text("Text mit Quelle: mitten im Satz.")
    assert (text, source) == ("Text mit Quelle: mitten im Satz.", "")
    assert clean_text("\n\n  \n") == ("", "")
    # leading spaces of a line (indentation) are kept; trailing ones go
    assert clean_text("  eingerückt  \nzweite\t") == ("  eingerückt\nzweite", "")


def test_metadata_source_wins_over_closing_line():
    article, _ = make_article("Text über Kiew.\nQuelle: dpa", source="Tagesblatt")
    assert article.source == "Tagesblatt" and article.text == "Text über Kiew."


def test_make_article_empty_text():
    article, issues = make_article("![](bild.jpg)\n\nQuelle: dpa", path="leer.md")
    assert article is None
    assert issues and issues[0].action == "skipped" and issues[0].path == "leer.md"


def test_make_article_row_path_and_title_shortening():
    long_line = "Wort " * 40
    article, issues = make_article(long_line + "\nZweite Zeile.", path="f.csv#row=3",
                                   published="irgendwann", language="klingonisch")
    assert article.path == "f.csv#row=3"
    assert len(article.title) <= 90 and article.title.endswith("…")
    assert article.title[:-1].strip().split(" ") == ["Wort"] * len(article.title[:-1].split())
    assert article.published is None
    assert {(i.path, i.row, i.action) for i in issues} == {("f.csv", 3, "repaired")}
    assert any("irgendwann" in i.problem for i in issues)
    assert any("klingonisch" in i.problem for i in issues)


def test_long_closing_quelle_line_is_body_text():
    line = "Quelle: " + "ein sehr langer Satz, der eigentlich zum Text gehört " * 4
    text, source = clean_text("Erster Absatz.\n" + line)
    assert source == "" and text.endswith(line.rstrip())


def test_title_without_markdown_markers():
    article, _ = make_article("**Eilmeldung: Angriff auf Kiew**\nMehr in Kürze.")
    assert article.title == "Eilmeldung: Angriff auf Kiew"
    article, _ = make_article("## Überschrift zwei ##\nText.")
    assert article.title == "Überschrift zwei"
