"""Where Lagebild finds its corpus, keeps its cache and stores uploaded articles.

Each place can be set by an environment variable; the defaults keep the user's files and the
bundled sample apart: the sample in the repository's `data/` is only ever read, uploads go to a
folder in the user's data directory, and the annotation cache lives in the user's cache directory.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

LIB_DIR = Path(__file__).resolve().parent
REPO_ROOT = LIB_DIR.parent
RESOURCES_DIR = LIB_DIR / "resources"   # data, not code: word lists, rules, gazetteer
SAMPLE_DIR = REPO_ROOT / "data"
MODELS_DIR = REPO_ROOT / "models"


APP_NAME = "lagebild"


def cache_dir() -> Path:
    """The annotation cache (`LAGEBILD_CACHE`, default the user's cache folder: on Linux
    `~/.cache/lagebild`, or under `$XDG_CACHE_HOME`)."""
    env = os.environ.get("LAGEBILD_CACHE")
    return Path(env) if env else platformdirs.user_cache_path(APP_NAME)


def uploads_dir() -> Path:
    """The folder for articles added in the browser (`LAGEBILD_UPLOADS`, default `uploads` in
    the user's data folder: on Linux `~/.local/share/lagebild/uploads`)."""
    env = os.environ.get("LAGEBILD_UPLOADS")
    return Path(env) if env else platformdirs.user_data_path(APP_NAME) / "uploads"


def corpus_paths() -> list[Path]:
    """The corpus the dashboard opens on: `LAGEBILD_CORPUS` (paths separated by `os.pathsep`),
    else the bundled sample; the uploads folder is always added when it exists."""
    env = os.environ.get("LAGEBILD_CORPUS")
    paths = [Path(p) for p in env.split(os.pathsep) if p] if env else [SAMPLE_DIR]
    uploads = uploads_dir()
    if uploads.is_dir() and uploads not in paths:
        paths.append(uploads)
    return paths
