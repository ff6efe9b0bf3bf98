"""Every folder and environment variable of Lagebild in one place: where it finds its corpus,
keeps its cache and stores uploaded articles, and the limits it reads files and articles with.

Each can be set by an environment variable; the defaults keep the user's files and the
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


def prepared_dir() -> Path:
    """Data derived from files that rarely change, kept to start faster (lib/prepared.py):
    `LAGEBILD_PREPARED`, default `prepared` in the annotation cache folder. It holds no
    annotations: `--no-cache` and a new pipeline version leave it as it is."""
    env = os.environ.get("LAGEBILD_PREPARED")
    return Path(env) if env else cache_dir() / "prepared"


def uploads_dir() -> Path:
    """The folder for articles added in the browser (`LAGEBILD_UPLOADS`, default `uploads` in
    the user's data folder: on Linux `~/.local/share/lagebild/uploads`)."""
    env = os.environ.get("LAGEBILD_UPLOADS")
    return Path(env) if env else platformdirs.user_data_path(APP_NAME) / "uploads"


def aliases_path() -> Path:
    """The analyst's actor corrections (`LAGEBILD_ALIASES`, default `aliases.csv` in the user's
    data folder; lib/query/aliases.py)."""
    env = os.environ.get("LAGEBILD_ALIASES")
    return Path(env) if env else platformdirs.user_data_path(APP_NAME) / "aliases.csv"


def actor_language() -> str:
    """The language actor names are shown in (`LAGEBILD_ACTOR_LANGUAGE`, e.g. `en`), "" for the
    corpus's own majority language."""
    return os.environ.get("LAGEBILD_ACTOR_LANGUAGE", "").strip().lower()


def corpus_paths() -> list[Path]:
    """The corpus the dashboard opens on: `LAGEBILD_CORPUS` (paths separated by `os.pathsep`),
    else the bundled sample; the uploads folder is always added when it exists."""
    env = os.environ.get("LAGEBILD_CORPUS")
    paths = [Path(p) for p in env.split(os.pathsep) if p] if env else [SAMPLE_DIR]
    uploads = uploads_dir()
    if uploads.is_dir() and uploads not in paths:
        paths.append(uploads)
    return paths


# --------------------------------------------------------------------------------------
# Limits (README "Limits")

DEFAULT_MAX_FILE_MB = 20
DEFAULT_MAX_ARTICLE_CHARS = 5_000_000


def max_file_bytes() -> int:
    """The largest file the loader reads (`LAGEBILD_MAX_FILE_MB`, default 20 MB)."""
    env = os.environ.get("LAGEBILD_MAX_FILE_MB", "").strip()
    try:
        mb = float(env) if env else DEFAULT_MAX_FILE_MB
    except ValueError:
        mb = DEFAULT_MAX_FILE_MB
    if not mb > 0:
        mb = DEFAULT_MAX_FILE_MB
    return int(mb * 1024 * 1024)


def max_article_chars() -> int:
    """The longest article text annotated (LAGEBILD_MAX_ARTICLE_CHARS, default 5,000,000)."""
    raw = os.environ.get("LAGEBILD_MAX_ARTICLE_CHARS", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MAX_ARTICLE_CHARS
    return value if value > 0 else DEFAULT_MAX_ARTICLE_CHARS


def model_override(lang: str) -> str | None:
    """The spaCy pipeline a user asked for by `LAGEBILD_MODEL_<LANG>` (a package name, a path,
    or `rules`), else None."""
    return os.environ.get(f"LAGEBILD_MODEL_{lang.upper()}") or None
