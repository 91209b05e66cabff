"""Turning a processed spaCy ``Doc`` into the rows that store its analysis.

Kept apart from the ingest workflow so the mapping from spans to rows reads in
one place: sentences, claims with certainty and attribution, values with their
anchors, entity mentions, and the topics each claim joins.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from app.compare.facts import CERTAINTIES
from app.db.models import Claim, ClaimValue, EntityMention, Sentence
from app.nlp.anchors import find_anchor
from app.nlp.certainty import certainty_at
from app.nlp.entities import clean_name, entity_key
from app.nlp.topics import TopicMatcher

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def claim_fingerprint(source_name: str, text: str) -> str:
    """Stable across re-ingests and file renames: the outlet and what it said."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha1(f"{source_name}\x1f{normalised}".encode()).hexdigest()


def content_lemmas(span: Span) -> str:
    lemmas = (
        t.lemma_.lower() for t in span if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha
    )
    return " ".join(dict.fromkeys(lemmas))


@dataclass(frozen=True, slots=True)
class _AnchoredValue:
    """A value as the topic matcher needs it: its kind and what it measures."""

    kind: str
    anchor: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TopicLink:
    claim: Claim
    slug: str
    score: int  # distinct cues matched
    cues: str  # the cues, " | "-separated
    certainty: str  # of what the claim says about the topic


# Most qualified first: a topic part that is denied anywhere in the claim is denied.
_STRENGTH = {label: rank for rank, label in enumerate(reversed(CERTAINTIES))}


def topic_certainty(span: Span, tokens: tuple[int, ...]) -> str:
    labels = (certainty_at(span.doc[i], span).label for i in tokens)
    return max(labels, key=_STRENGTH.__getitem__, default=span._.certainty.label)


@dataclass
class MentionDraft:
    """An entity mention before its entity row is known."""

    key: str
    label: str
    name: str
    mention: EntityMention


@dataclass
class Analysis:
    sentences: list[Sentence]
    claims: list[Claim]
    topic_links: list[TopicLink]
    mentions: list[MentionDraft]


def analyse_doc(doc: Doc, source_name: str, matcher: TopicMatcher | None) -> Analysis:
    """Rows for one article's analysis (not yet added to a session)."""
    sentences = [
        Sentence(position=i, start=s.start_char, end=s.end_char) for i, s in enumerate(doc.sents)
    ]
    sentence_at = {s.start: row for s, row in zip(doc.sents, sentences, strict=True)}
    value_spans = list(doc.spans.get("values", []))
    claim_spans = list(doc.spans.get("claims", []))

    claims: list[Claim] = []
    anchored: list[list[_AnchoredValue]] = []
    for span in claim_spans:
        certainty = span._.certainty
        claim = Claim(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            certainty=certainty.label,
            certainty_cue=certainty.cue,
            attributed_to=span._.attributed_to,
            lemmas=content_lemmas(span),
            fingerprint=claim_fingerprint(source_name, span.text),
        )
        claim.sentence = sentence_at.get(span.sent.start)
        inside = [v for v in value_spans if v.start >= span.start and v.end <= span.end]
        claim_anchored = []
        for value_span in inside:
            value = value_span._.value
            anchor = find_anchor(doc[value.head])
            claim.values.append(
                ClaimValue(
                    kind=value.kind,
                    low=value.low,
                    high=value.high,
                    unit=value.unit,
                    text=value.text,
                    start=value.start,
                    end=value.end,
                    anchor=" ".join(anchor),
                )
            )
            claim_anchored.append(_AnchoredValue(value.kind, anchor))
        claims.append(claim)
        anchored.append(claim_anchored)

    topic_links: list[TopicLink] = []
    if matcher is not None:
        matched = matcher.match_claims(doc, claim_spans, anchored)
        for claim, span, hits in zip(claims, claim_spans, matched, strict=True):
            topic_links.extend(
                TopicLink(
                    claim,
                    hit.slug,
                    hit.score,
                    " | ".join(hit.cues),
                    topic_certainty(span, hit.tokens),
                )
                for hit in hits
            )

    mentions = []
    claim_starts = [(c.start, c.end, c) for c in claims]
    for ent in doc.ents:
        name = clean_name(ent.text)
        key = entity_key(name)
        if not key:
            continue
        owner = next((c for start, end, c in claim_starts if start <= ent.start_char < end), None)
        mention = EntityMention(start=ent.start_char, end=ent.end_char, text=ent.text)
        mention.claim = owner
        mentions.append(MentionDraft(key, ent.label_, name, mention))
    return Analysis(sentences, claims, topic_links, mentions)
