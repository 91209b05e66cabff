"""Turning a processed spaCy ``Doc`` into the rows that store its analysis.

Kept apart from the ingest workflow so the mapping from spans to rows reads in
one place: sentences, claims with certainty and attribution, values with their
anchors, entity mentions, and the topics each claim joins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from app.compare.discover import strongest
from app.db.models import Claim, ClaimProposition, ClaimValue, EntityMention, Sentence
from app.nlp.anchors import find_anchor
from app.nlp.certainty import certainty_at
from app.nlp.entities import clean_name, entity_key
from app.nlp.resolve import resolve
from app.nlp.topics import TopicMatcher
from app.services.identity import claim_fingerprint

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


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


def topic_certainty(span: Span, tokens: tuple[int, ...]) -> str:
    """The most qualified certainty around the topic's cues: a topic that is denied
    anywhere in the claim is denied there."""
    labels = [certainty_at(span.doc[i], span).label for i in tokens]
    return strongest(labels) if labels else span._.certainty.label


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


def _dated(doc: Doc, value_span: Span) -> bool:
    """A weekday followed by its date: "el lunes 3 de mayo", "el lunes, 3 de mayo"."""
    if value_span._.value.kind != "weekday":
        return False
    after = value_span.end
    while after < len(doc) and doc[after].is_punct:
        after += 1
    return any(
        v.start == after and v._.value.kind in {"day", "date"} for v in doc.spans.get("values", [])
    )


def _weekday_before(doc: Doc, value_span: Span) -> int | None:
    """The weekday written right before a day of the month: "el martes 17" -> 2."""
    if value_span._.value.kind != "day":
        return None
    before = [v for v in doc.spans.get("values", []) if v.end == value_span.start]
    weekdays = [v._.value.low for v in before if v._.value.kind == "weekday"]
    return int(weekdays[0]) if weekdays and weekdays[0] is not None else None


def _value_row(doc: Doc, value_span: Span, published: date | None) -> ClaimValue | None:
    """The stored form of a value, relative dates resolved; None when it means nothing
    outside its article ("ayer" in an undated article)."""
    value = resolve(
        value_span._.value, published, _dated(doc, value_span), _weekday_before(doc, value_span)
    )
    if value is None:
        return None
    context = value_span._.context
    return ClaimValue(
        kind=value.kind,
        low=value.low,
        high=value.high,
        unit=value.unit,
        text=value.text,
        start=value.start,
        end=value.end,
        anchor=" ".join(find_anchor(doc[value.head])),
        nominal=value.nominal,
        bound=value.qualifier,
        step=value.step,
        measured=context.measured if context else "",
        measured_word=context.measured_word if context else "",
        aspect="change" if context and context.change else "level",
        restriction=context.qualifier if context else "",
        scope=list(context.scope) if context else [],
        modality=context.modality if context else "actual",
        certainty=context.certainty if context else "asserted",
        party=context.party if context else None,
    )


def analyse_doc(
    doc: Doc, outlet: str, matcher: TopicMatcher | None, published: date | None = None
) -> Analysis:
    """Rows for one article's analysis (not yet added to a session); ``outlet`` is the
    outlet's key, which the claims' fingerprints are made of."""
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
            fingerprint=claim_fingerprint(outlet, span.text),
        )
        claim.sentence = sentence_at.get(span.sent.start)
        inside = [v for v in value_spans if v.start >= span.start and v.end <= span.end]
        claim_anchored = []
        for value_span in inside:
            row = _value_row(doc, value_span, published)
            if row is None:
                continue
            claim.values.append(row)
            claim_anchored.append(_AnchoredValue(row.kind, tuple(row.anchor.split())))
        claim.propositions = [
            ClaimProposition(
                key=p.key,
                head_word=p.head_word[:200],
                arg_word=p.arg_word[:200],
                agent=p.agent[:200],
                certainty=p.certainty,
                party=p.party,
                start=p.start,
                end=p.end,
            )
            for p in span._.propositions
        ]
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
