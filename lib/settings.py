"""Where Lagebild finds its corpus, keeps its cache and stores uploaded articles.

Each place can be set by an environment variable; the defaults keep the user's files and the
bundled sample apart: the sample in the repository's `data/` is only ever read, uploads go to a
folder in the user's data directory, and the annotation cache lives in the user's cache directory.
"""
from __future__ import annotations

import os
from pathlib import Path

LIB_DIR = Path(__file__).resolve().parent
REPO_ROOT = LIB_DIR.parent
RESOURCES_DIR = LIB_DIR / "resources"   # data, not code: word lists, rules, gazetteer
SAMPLE_DIR = REPO_ROOT / "data"
MODELS_DIR = REPO_ROOT / "models"


def _xdg(var: str, fallback: str) -> Path:
    base = os.environ.get(var)
    return Path(base) if base else Path.home() / fallback


def cache_dir() -> Path:
    """The annotation cache (`LAGEBILD_CACHE`, default `~/.cache/lagebild`)."""
    env = os.environ.get("LAGEBILD_CACHE")
    return Path(env) if env else _xdg("XDG_CACHE_HOME", ".cache") / "lagebild"


def uploads_dir() -> Path:
    """The folder for articles added in the browser (`LAGEBILD_UPLOADS`,
    default `~/.local/share/lagebild/uploads`)."""
    env = os.environ.get("LAGEBILD_UPLOADS")
    return Path(env) if env else _xdg("XDG_DATA_HOME", ".local/share") / "lagebild" / "uploads"


def corpus_paths() -> list[Path]:
    """The corpus the dashboard opens on: `LAGEBILD_CORPUS` (paths separated by `os.pathsep`),
    else the bundled sample; the uploads folder is always added when it exists."""
    env = os.environ.get("LAGEBILD_CORPUS")
    paths = [Path(p) for p in env.split(os.pathsep) if p] if env else [SAMPLE_DIR]
    uploads = uploads_dir()
    if uploads.is_dir() and uploads not in paths:
        paths.append(uploads)
    return paths
