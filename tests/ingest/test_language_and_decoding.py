"""lib/ingest/language.py and decode.py: languages from text and metadata, encodings."""
from __future__ import annotations

import os

from lib.ingest.corpus import (
    load_corpus,
    load_file,
    make_article,
)
from lib.ingest.language import detect_language
from tests.ingest.samples import ENGLISH, GERMAN


def test_detect_language():
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Kiew") in {"de", "en", "fr", "es", "it", "nl", "pl", "ru", "uk"}
    assert detect_language("") == "und"
    assert detect_language("123 456") == "und"


def test_language_without_metadata_and_normalised_metadata(tmp_path):
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    langs = {os.path.basename(a.path): a.language for a in load_corpus(tmp_path).articles}
    assert langs == {"de.txt": "de", "en.txt": "en"}
    for given, expected in [("EN", "en"), ("de-DE", "de"), ("de_AT", "de"), ("Deutsch", "de"),
                            ("german", "de"), ("eng", "en"), ("und", "de")]:
        article, issues = make_article(GERMAN, language=given)
        assert article.language == expected, given
        assert issues == [], given


def test_mostly_utf8_with_a_broken_byte(tmp_path):
    path = tmp_path / "gemischt.txt"
    path.write_bytes("Grüße aus München, schöne Übung.\n".encode() + b"Caf\xe9 kaputt.\n")
    articles, issues = load_file(path)
    assert articles[0].text == "Grüße aus München, schöne Übung.\nCaf\ufffd kaputt."
    assert [(i.problem, i.action) for i in issues] == [
        ("not valid UTF-8 in 1 place: unreadable characters replaced with \ufffd", "repaired")]


def test_cyrillic_legacy_encoding(tmp_path):
    path = tmp_path / "ru.txt"
    text = "Президент Украины заявил, что Россия снова атаковала Киев дронами. Погибли люди."
    path.write_bytes(text.encode("cp1251"))
    articles, issues = load_file(path)
    assert articles[0].text == text
    assert articles[0].language == "ru"
    assert issues[0].problem == "not UTF-8: read as cp1251" and issues[0].action == "repaired"
