"""Print how the seed article scores against its hand annotation, section by section.

    python -m scripts.seed_score [ARTICLE] [GOLD]

Defaults: the project's copy of the seed (tests/fixtures/seed_article.txt) and of its gold
annotation (tests/fixtures/seed_gold.json); pass ../shared/seed/article.txt and
../shared/seed/gold.json to score against the originals. Exits 1 when a required check fails.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from lib import annotate_text
from lib.settings import REPO_ROOT
from scripts.scoring import score, summary

ROOT = REPO_ROOT


def main(argv: list[str]) -> int:
    article = Path(argv[0]) if argv else ROOT / "tests/fixtures/seed_article.txt"
    gold_path = Path(argv[1]) if len(argv) > 1 else ROOT / "tests/fixtures/seed_gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    meta = gold.get("article", {})
    ann = annotate_text(text, published=meta.get("published"), language=meta.get("language"))
    checks = score(gold, ann, text)
    print(f"seed score of {article} against {gold_path} (pipeline {ann.pipeline})")
    section = None
    for c in checks:
        if c.section != section:
            section = c.section
            print(f"\n## {section}")
        mark = "ok  " if c.ok else ("FAIL" if c.required else "miss")
        print(f"  {mark} {c.item}: {c.detail}")
    print("\n## summary")
    failed = 0
    for sec, (passed, total) in summary(checks).items():
        optional = [c for c in checks if c.section == sec and not c.required]
        extra = (f"; optional checks {sum(c.ok for c in optional)}/{len(optional)}"
                 if optional else "")
        print(f"  {sec}: required {passed}/{total}{extra}")
        failed += total - passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
