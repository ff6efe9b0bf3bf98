"""Texts and paths the loader tests share (not a test module)."""
from __future__ import annotations

from lib.settings import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "corpus"
SEED = REPO_ROOT / "data" / "seed-telegraph-2022-10-18.md"
# the seed article's text without its front matter
SEED_BODY = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]

CP1252_TXT = (
    "Grüße aus Köln\r\n\r\n"
    "Der Bürgermeister sagte: „Wir schließen die Brücke über den Rhein.“\r\n"
    "Die Übung der Feuerwehr dauert bis Ende Oktober, Ärger gibt es keinen.\r\n"
)
CP1252_CSV = (
    "Headline;Article;PubDate;Outlet;Lang\r\n"
    "Hilfe für Städte;\"Die Städte bekommen mehr Geld, sagte die Ministerin; "
    "die Länder müssen zustimmen.\";18.10.2022;Süddeutsche;de\r\n"
    "Ohne Datum;Über die Straße fährt wieder die Straßenbahn.;;WAZ;\r\n"
)
GERMAN = (
    "Die Bundesregierung will der Ukraine weitere Systeme zur Luftverteidigung liefern. "
    "Das kündigte der Verteidigungsminister am Dienstag in Berlin an."
)
ENGLISH = (
    "The government will send further air defence systems to Ukraine, "
    "the defence secretary announced in London on Tuesday."
)
