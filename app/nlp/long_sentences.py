"""A bound on sentence length, set before the parser: no sentence runs past a token budget.

Several components compare each value of a sentence with the sentence's other tokens, so
their cost grows with the square of its length: a 100 000-character "sentence" with no full
stop (a scraped list, a table flattened to one line) took 25 s and 540 MB. Any stretch longer
than the budget with no sentence end in it is cut, at its last clause break (";", ":", then
",") in the budget's second half, else at the budget itself. The text is not touched, only
where sentences start; the parser keeps preset starts, so every sentence stays within budget.
News sentences are far shorter (the longest in the seeds and benchmark corpora is 70 tokens),
so real articles are segmented exactly as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

MAX_SENTENCE_TOKENS = 150
# Where a stretch may already end: the parser decides, but it never joins across a line break
# (cotejo_paragraphs) and rarely across these; counting from them keeps normal text untouched.
_SENTENCE_ENDS = frozenset(".!?…")
# Clause breaks, best first: a cut there leaves two readable halves.
_CLAUSE_BREAKS = ((";", ":"), (",",))


@Language.component("cotejo_long_sentences", assigns=["token.is_sent_start"])
def bound_sentences(doc: Doc) -> Doc:
    """Preset a sentence start wherever a stretch would otherwise exceed the budget."""
    start = 0
    for token in doc:
        if token.i > start and token.is_sent_start:
            start = token.i
        if token.i - start + 1 > MAX_SENTENCE_TOKENS:
            start = _cut(doc, start)
            doc[start].is_sent_start = True
        if _may_end_sentence(token) and token.i + 1 < len(doc):
            start = token.i + 1
    return doc


def _may_end_sentence(token: Token) -> bool:
    return token.text[-1] in _SENTENCE_ENDS or "\n" in token.whitespace_ or "\n" in token.text


def _cut(doc: Doc, start: int) -> int:
    """The first token of the next piece of the stretch that begins at ``start``."""
    end = start + MAX_SENTENCE_TOKENS  # the first token past the budget
    for breaks in _CLAUSE_BREAKS:
        for i in range(end - 1, start + MAX_SENTENCE_TOKENS // 2, -1):
            if doc[i].text in breaks:
                return i + 1
    return end
