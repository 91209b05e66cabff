"""Claim spans: sentences (or clauses) that assert something checkable.

Two components: ``cotejo_paragraphs`` runs before the parser so that a line
break always ends a sentence (articles often have headlines without a final
stop), and ``cotejo_claims`` keeps the sentences that can be checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# Fewer content tokens than this is a fragment (a dateline, a caption), not a claim.
MIN_CLAIM_TOKENS = 4
CLAUSE_SEPARATORS = frozenset({";"})
# A dateline: a place and date, the agency in brackets, a dash ("Rabat, 9 sep (EFE).- ").
DATELINE = re.compile(
    r"[^\n()]{0,80}(?:\([^()\n]{1,30}\)[^\n()]{0,30})?"  # "Valdemora (Altaria), 12 ago "
    r"\([^()\n]{1,40}\)\s*\.?\s*[-–—]{1,2}\s*"  # "(EFE).- "
)
DATELINE_CHARS = 140


def _is_finite_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and "Fin" in token.morph.get("VerbForm")


def _content_tokens(span: Span) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def is_checkable(span: Span, value_spans: list[Span]) -> bool:
    """A claim states something about the world that another source could contradict:
    it has a finite verb and names someone or something, or carries a value."""
    content = _content_tokens(span)
    if len(content) < MIN_CLAIM_TOKENS or span.text.rstrip().endswith("?"):
        return False
    has_value = any(v.start >= span.start and v.end <= span.end for v in value_spans)
    has_verb = any(_is_finite_verb(t) for t in span)
    has_actor = bool(span.ents) or any(
        t.pos_ in {"NOUN", "PROPN"} and t.dep_.startswith("nsubj") for t in span
    )
    return has_value or (has_verb and has_actor)


def split_clauses(sentence: Span) -> list[Span]:
    """Split a sentence at clause separators when both sides have a finite verb."""
    parts: list[Span] = []
    start = sentence.start
    for token in sentence:
        if token.text in CLAUSE_SEPARATORS:
            left = sentence.doc[start : token.i]
            right = sentence.doc[token.i + 1 : sentence.end]
            if any(map(_is_finite_verb, left)) and any(map(_is_finite_verb, right)):
                parts.append(left)
                start = token.i + 1
    parts.append(sentence.doc[start : sentence.end])
    return [_trim(p) for p in parts if _content_tokens(p)]


def _trim(span: Span) -> Span:
    """Drop leading and trailing whitespace tokens so offsets are exact, and a dateline
    that opens wire copy ("Rabat, 9 sep (EFE).- "): it is no part of the claim, and its
    agency would read as the claim's source."""
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    start = _after_dateline(span.doc, start, end)
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: it joins every token, and components ask for it often."""
    text = doc.user_data.get("cotejo_text")
    if text is None:
        text = doc.user_data["cotejo_text"] = doc.text
    return text


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """The first token after a dateline opening the text at ``start`` ("Rabat, 9 sep
    (EFE).- ", "LIMA (AGENCIA) - "), or ``start`` when there is none. Read on characters:
    the tokenizer may glue the bracket and the dash ("EFE).-")."""
    if start >= end:
        return start
    first = doc[start].idx
    found = DATELINE.match(text_of(doc), first, min(doc[end - 1].idx + 1, first + DATELINE_CHARS))
    if found is None:
        return start
    for token in doc[start:end]:
        if token.idx >= found.end():
            return token.i
    return start


def extract_claims(doc: Doc) -> list[Span]:
    value_spans = list(doc.spans.get("values", []))
    return [
        clause
        for sentence in doc.sents
        if not _dateline_fragment(sentence)
        for clause in split_clauses(sentence)
        if is_checkable(clause, value_spans)
    ]


def _dateline_fragment(sentence: Span) -> bool:
    """ "San Telmo, 3 oct" when the parser cuts the dateline before its "(AAN).-"."""
    doc = sentence.doc
    found = DATELINE.match(text_of(doc), sentence.start_char, sentence.start_char + DATELINE_CHARS)
    return found is not None and found.end() > sentence.end_char


@Language.component("cotejo_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; the parser keeps preset boundaries.
    The word after it does not: left free, the parser sometimes cuts a paragraph's first
    word off on its own ("Sanidad | anunció ayer…"). A dateline opening a paragraph ends
    there too: parsed with the sentence, "Lima, 3 may (EFE).- Miles de vecinos…" makes the
    agency's name the subject."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            first = doc[token.i + 1]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and not (_breaks_line(first) or doc[first.i + 1].is_space):
                doc[first.i + 1].is_sent_start = False
            _end_dateline(doc, first)
    if len(doc):
        _end_dateline(doc, doc[0])
    return doc


def _end_dateline(doc: Doc, first: Token) -> None:
    text = text_of(doc)
    found = DATELINE.match(text, first.idx, first.idx + DATELINE_CHARS)
    if found is None:
        return
    after = next((t for t in doc[first.i :] if t.idx >= found.end()), None)
    if after is not None and not after.is_space and after.idx == found.end():
        after.is_sent_start = True
        if after.i + 1 < len(doc):
            doc[after.i + 1].is_sent_start = False


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_ or token.is_space


@Language.component(
    "cotejo_claims",
    requires=["token.dep", "token.pos", "token.morph", "doc.sents", "doc.ents"],
    assigns=["doc.spans"],
)
def annotate_claims(doc: Doc) -> Doc:
    doc.spans["claims"] = extract_claims(doc)
    return doc


@dataclass(frozen=True, slots=True)
class ClaimTagger:
    """A pipeline component that sets ``span._.<attribute>`` on every claim span."""

    attribute: str
    compute: Callable[[Span], Any]

    def __call__(self, doc: Doc) -> Doc:
        if "claims" in doc.spans:
            for span in doc.spans["claims"]:
                span._.set(self.attribute, self.compute(span))
        return doc
