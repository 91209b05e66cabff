"""Language data (cue lists, units, month names) kept as TOML, one folder per language."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=32)
def load_language_data(lang: str, name: str) -> dict[str, Any]:
    """The table in ``data/<lang>/<name>.toml``; raises ``LookupError`` for an unknown language."""
    path = DATA_DIR / lang / f"{name}.toml"
    if not path.is_file():
        raise LookupError(f"no {name!r} data for language {lang!r} (looked for {path})")
    with path.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=32)
def load_word_list(lang: str, name: str) -> frozenset[str]:
    """The words in ``data/<lang>/<name>.txt``, one a line ("#" starts a comment)."""
    path = DATA_DIR / lang / f"{name}.txt"
    if not path.is_file():
        raise LookupError(f"no {name!r} list for language {lang!r} (looked for {path})")
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line.lower() for line in lines if line and not line.startswith("#"))
