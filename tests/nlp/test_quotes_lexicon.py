"""The speech-verb lists (lib/resources/speech_verbs_<lang>.txt) as lib/nlp/quotes/lexicon.py reads them."""
from __future__ import annotations

import shutil

import pytest

from lib.nlp.quotes import lexicon
from lib.settings import RESOURCES_DIR


def test_every_verb_line_is_in_a_known_section():
    for lang in ("de", "en"):
        for raw in (RESOURCES_DIR / f"speech_verbs_{lang}.txt").read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].strip()
            if line.startswith("["):
                assert line in ("[report]", "[frame]"), raw
    verbs = lexicon._lexicon("de").verbs
    assert {v.kind for v in verbs["heißt"]} == {"report"}     # listed before the first section once
    assert {v.kind for v in verbs["sagte"]} == {"report"}


def test_an_unknown_section_is_an_error_naming_the_file(tmp_path, monkeypatch):
    for name in ("quotes_lexicon.json", "speech_verbs_de.txt"):
        shutil.copy(RESOURCES_DIR / name, tmp_path / name)
    path = tmp_path / "speech_verbs_de.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("\n[frame]", "\n[frmae]", 1), encoding="utf-8")
    monkeypatch.setattr(lexicon, "RESOURCES_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"speech_verbs_de.txt: unknown section '\[frmae\]'"):
        lexicon._lexicon.__wrapped__("de")
