"""Languages: detection of a text's language (lingua, offline) and metadata language values
("de-DE", "deu", "German") as ISO 639-1 codes."""
from __future__ import annotations

import re
import threading

__all__ = ["detect_language", "normalise_language", "UNKNOWN_LANGUAGE"]

_DETECT_CHARS = 3000          # detection looks at the start of the text only

_DETECT_LANGUAGES = ("de", "en", "fr", "es", "it", "nl", "pl", "ru", "uk")
_detector = None
_detector_lock = threading.Lock()

_LANGUAGE_NAMES = {
    "deutsch": "de", "german": "de", "englisch": "en", "english": "en",
    "französisch": "fr", "francais": "fr", "français": "fr", "french": "fr",
    "spanisch": "es", "español": "es", "espanol": "es", "spanish": "es",
    "italienisch": "it", "italiano": "it", "italian": "it",
    "niederländisch": "nl", "nederlands": "nl", "dutch": "nl",
    "polnisch": "pl", "polski": "pl", "polish": "pl",
    "russisch": "ru", "русский": "ru", "russian": "ru",
    "ukrainisch": "uk", "українська": "uk", "ukrainian": "uk",
}


UNKNOWN_LANGUAGE = {"und", "unknown", "unbekannt", "xx", "zxx", "mul", "none", "null", "n/a"}


def _get_detector():
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                languages = [
                    Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                    for code in _DETECT_LANGUAGES
                ]
                _detector = LanguageDetectorBuilder.from_languages(*languages).build()
    return _detector


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, detected offline with lingua.

    Restricted to de, en, fr, es, it, nl, pl, ru, uk. Short or unclear texts still get the
    best guess; a text without letters gets "und".
    """
    if not text or not any(ch.isalpha() for ch in text):
        return "und"
    sample = text[:_DETECT_CHARS]
    detector = _get_detector()
    language = detector.detect_language_of(sample)
    if language is None:
        values = detector.compute_language_confidence_values(sample)
        if values and values[0].value > 0:
            language = values[0].language
    if language is None:
        return "und"
    return language.iso_code_639_1.name.lower()


def normalise_language(value: str) -> str | None:
    """ISO 639-1 code for a metadata language value ("de", "de-DE", "deu", "German"), or None."""
    s = (value or "").strip().lower()
    if not s or s in UNKNOWN_LANGUAGE:
        return None
    if s in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[s]
    code = re.split(r"[-_;,\s]", s, maxsplit=1)[0]
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    try:
        from lingua import IsoCode639_3, Language

        if len(code) == 3 and code.isascii() and code.isalpha():
            alias = {"ger": "deu", "fre": "fra", "dut": "nld", "gre": "ell", "cze": "ces"}
            iso3 = getattr(IsoCode639_3, alias.get(code, code).upper(), None)
            if iso3 is not None:
                return Language.from_iso_code_639_3(iso3).iso_code_639_1.name.lower()
        language = getattr(Language, s.upper(), None)
        if isinstance(language, Language):
            return language.iso_code_639_1.name.lower()
    except Exception:  # pragma: no cover - lingua missing or API change
        pass
    return None
