"""Helpers for tests that run the full pipeline (``nlp`` fixture) on hand-written sentences."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from app.nlp.context import ValueContext
from app.nlp.values import Value

EPOCH = date(1970, 1, 1)


def epoch_day(day: date) -> float:
    return float((day - EPOCH).days)


def token(doc: Doc, text: str, nth: int = 0) -> Token:
    """The ``nth`` token written ``text`` (case-sensitive)."""
    found = [t for t in doc if t.text == text]
    assert len(found) > nth, f"{text!r} is not token {nth} of {[t.text for t in doc]}"
    return found[nth]


def claim_of(doc: Doc, tok: Token) -> Span:
    """The claim span holding a token."""
    for claim in doc.spans["claims"]:
        if claim.start <= tok.i < claim.end:
            return claim
    raise AssertionError(f"{tok.text!r} is in no claim of {doc.text!r}")


def value_span(doc: Doc, text: str) -> Span:
    """The value span whose value is written ``text``."""
    found = [s for s in doc.spans["values"] if s._.value.text == text]
    assert found, f"no value {text!r} in {[s._.value.text for s in doc.spans['values']]}"
    return found[0]


def value_of(doc: Doc, text: str) -> Value:
    return value_span(doc, text)._.value


def context_of(doc: Doc, text: str) -> ValueContext:
    context = value_span(doc, text)._.context
    assert context is not None, f"value {text!r} is in no claim"
    return context
