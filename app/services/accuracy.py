"""The measured accuracy the event report's methods footnote gives: the headline figures of
the README's "Accuracy and performance" section, kept here as data so the report never
states a figure the README does not (tests/test_accuracy_figures.py checks each one is
there). Update both together when the benchmarks are scored again."""

from __future__ import annotations

from dataclasses import dataclass

README_SECTION = "Accuracy and performance"


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured result: what was measured, on what, and the figure as the README has it."""

    measure: str
    corpus: str
    result: str


FINDINGS = (
    Figure(
        "hard conflicts, precision / recall",
        "development split (38 events, benchmarks/corpora/dev)",
        "63 % / 40 % (438 | 705)",
    ),
    Figure(
        "hard conflicts, precision / recall",
        "latest held-out split (test v18: hostage, marathon)",
        "24 % / 7 % (17 | 55)",
    ),
    Figure(
        "hard conflicts, precision / recall",
        "real coverage of four events, gold written before the run",
        "37 % precise, 9 % recall",
    ),
    Figure("updates, precision / recall", "development split", "85 % / 48 %"),
)

SENTENCES = (
    Figure("certainty (asserted / hedged / denied)", "256 hand-annotated sentences", "97.7 %"),
    Figure("attribution, all sentences", "256 hand-annotated sentences", "90.2 %"),
    Figure("values (kind, low, high, unit all right)", "256 hand-annotated sentences", "F1 95.3 %"),
)

ALL = FINDINGS + SENTENCES
