"""The sentence-length bound (real pipeline): over-long stretches are cut, real text is not."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from app.config import ROOT
from app.ingest.readers import read_document
from app.nlp.long_sentences import MAX_SENTENCE_TOKENS

CLAUSE = "el gobierno dijo que la oposición criticó el acuerdo sobre las cuotas de pesca"


def sentence_lengths(nlp: Language, text: str) -> list[int]:
    doc = nlp(text)
    assert doc.text == text  # only sentence starts are set: every offset still holds
    return [len(sentence) for sentence in doc.sents]


def test_a_stretch_without_full_stops_is_cut_at_clause_breaks(nlp: Language) -> None:
    text = ", ".join([CLAUSE] * 400)  # 30 000 characters, 5 600 tokens, one "sentence"
    doc = nlp(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert len(lengths) >= len(doc) // MAX_SENTENCE_TOKENS
    # Every piece but the last ends at a comma, none in the middle of a clause.
    assert all(s[-1].text == "," for s in list(doc.sents)[:-1])


def test_a_stretch_without_any_punctuation_is_cut_at_the_budget(nlp: Language) -> None:
    text = " ".join([CLAUSE] * 200)
    lengths = sentence_lengths(nlp, text)
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(nlp.make_doc(text))


def test_a_huge_single_token_is_left_alone(nlp: Language) -> None:
    assert sentence_lengths(nlp, "a" * 100_000) == [1]


def test_real_articles_are_segmented_exactly_as_without_the_bound(nlp: Language) -> None:
    texts = [read_document(path).text for path in sorted(Path(ROOT, "seeds").glob("*.txt"))]
    bounded = [[(s.start, s.end) for s in doc.sents] for doc in nlp.pipe(texts)]
    with nlp.select_pipes(disable=["cotejo_long_sentences"]):
        free = [[(s.start, s.end) for s in doc.sents] for doc in nlp.pipe(texts)]
    assert bounded == free
