"""The version of the engine that computes topic links and findings from stored claims.

Links depend on the spaCy model and on Cotejo's own analysis and comparison code and
language data, and nothing there carries a version number anyone would remember to bump.
The version is therefore a digest of them: spaCy's and the model's versions and the bytes
of those files. Stored with the links (app/services/derived.py), it makes a new engine
re-match the corpus even when no article changed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from app.config import ROOT

ENGINE_PARTS = (
    "app/nlp",
    "app/compare",
    "app/services/analysis.py",
    "app/services/comparison.py",
    # What the findings refresh reads the claims with, and names its findings by.
    "app/services/identity.py",
    "app/db/queries/engine.py",
)


def model_identity(meta: dict[str, Any]) -> str:
    """A spaCy pipeline's name and version, from its meta (``nlp.meta`` or meta.json)."""
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"


def installed_model(model: str) -> str:
    """``model_identity`` of a model package or folder, read without loading spaCy (the
    server checks the version at start and needs spaCy only if work is owed)."""
    folder = Path(model)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return model
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        return model_identity(json.loads((folder / "meta.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return model


@lru_cache(maxsize=4)
def engine_version(model: str) -> str:
    """A digest of spaCy's version, ``model`` (a ``model_identity``) and the engine files."""
    digest = hashlib.sha256()
    digest.update(f"spacy {metadata.version('spacy')}\n{model}\n".encode())
    for path in _engine_files():
        digest.update(f"{path.relative_to(ROOT).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _engine_files() -> list[Path]:
    files: list[Path] = []
    for part in ENGINE_PARTS:
        path = ROOT / part
        found = path.rglob("*") if path.is_dir() else [path]
        files.extend(p for p in found if p.is_file() and "__pycache__" not in p.parts)
    return sorted(files)
