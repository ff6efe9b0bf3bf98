"""The actor-identity evaluation's data (scripts/eval_actors.py): no corpus read here."""
from __future__ import annotations

from pathlib import Path

from lib import schema
from scripts.eval_actors import HELDOUT_EVERY, files, read_judgements


def test_judgement_file_is_well_formed():
    judged = read_judgements()
    assert len(judged) >= 50
    for actor, (typ, verdict, same) in judged.items():
        assert actor and typ in schema.ACTOR_TYPES, actor
        assert verdict in ("ok", "type", "no"), actor
        assert not same or same != actor


def test_heldout_is_every_fifth_file(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    for i in range(10):
        (tmp_path / "articles" / f"{i:02d}.json").write_text("{}")
    held = [p.name for p in files(tmp_path, "heldout")]
    dev = [p.name for p in files(tmp_path, "dev")]
    assert HELDOUT_EVERY == 5 and held == ["04.json", "09.json"]
    assert len(dev) == 8 and not set(held) & set(dev)
