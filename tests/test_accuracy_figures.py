"""The measured accuracy the event report gives (app/services/accuracy.py) is the README's:
each figure stands in its "Accuracy and performance" section, so neither can change alone."""

from __future__ import annotations

from app.config import ROOT
from app.services import accuracy


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    # Table cells escape their pipes ("(198 \| 238)").
    return text[start : end if end != -1 else None].replace(r"\|", "|")


def test_every_figure_of_the_report_is_the_readmes() -> None:
    section = readme_section(accuracy.README_SECTION)
    assert accuracy.ALL
    for figure in accuracy.ALL:
        assert figure.result in section, figure
