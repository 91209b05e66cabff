"""The builder that turns ORM rows into the shared view types of every dashboard page: claim
cards with their sentence around them and their certainty on a topic, findings with only the
compared values highlighted, flags with their current claims."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import pairwise

from sqlalchemy.orm import Session

from app.compare.describe import format_interval
from app.db import queries
from app.db.models import Claim, ClaimValue, Finding, Flag, Review, Topic
from app.services.dashboard.views import (
    ClaimTopicRef,
    ClaimView,
    FindingView,
    FlagView,
    ReviewView,
    Segment,
    SourceRef,
    TopicRef,
    ValueView,
)
from app.services.dashboard.words import (
    describe_slot,
    published_label,
    value_context,
)


class ViewBuilder:
    """Turns ORM rows into views, with the topic palette and sentence context of one request."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.topics = queries.select_topics_by_label(session)
        self.topic_refs = {
            t.id: TopicRef(t.slug, t.label, index % 8) for index, t in enumerate(self.topics)
        }
        self.topics_by_slug = {t.slug: t for t in self.topics}
        self._main_event: tuple[str, ...] | None = None

    @property
    def main_event(self) -> tuple[str, ...]:
        """The scope term of the event the corpus is about ("event:earthquake"): every value
        of the corpus is about it, so it is not repeated on each (other events are)."""
        if self._main_event is None:
            counts = queries.count_event_scopes(self.session)
            best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
            self._main_event = (best[0],) if best else ()
        return self._main_event

    def value(self, value: ClaimValue) -> ValueView:
        return value_view(value, hidden=self.main_event)

    def topic_ref(self, topic: Topic) -> TopicRef:
        return self.topic_refs[topic.id]

    def _windows(self, claims: Sequence[Claim]) -> dict[int, tuple[int, int]]:
        """Each claim's sentence (the context shown around it), or the claim itself."""
        sentences = queries.select_sentences(
            self.session, {c.sentence_id for c in claims if c.sentence_id is not None}
        )
        windows = {}
        for claim in claims:
            sentence = sentences.get(claim.sentence_id) if claim.sentence_id else None
            windows[claim.id] = (
                (sentence.start, sentence.end) if sentence else (claim.start, claim.end)
            )
        return windows

    def _certainties(self, claims: Iterable[Claim]) -> dict[int, dict[int, str]]:
        return queries.select_topic_certainties_of_claims(self.session, {c.id for c in claims})

    def claims(self, claims: Iterable[Claim], topic: Topic | None = None) -> list[ClaimView]:
        """Claim cards: every value of a claim highlighted; with ``topic``, each card carries
        its certainty on that topic."""
        claims = list(claims)
        windows = self._windows(claims)
        certainties = self._certainties(claims)
        topic_id = topic.id if topic is not None else None
        return [
            self._claim(claim, windows[claim.id], certainties.get(claim.id, {}), topic_id)
            for claim in claims
        ]

    def claim(self, claim: Claim, topic: Topic | None = None) -> ClaimView:
        return self.claims([claim], topic)[0]

    def _claim(
        self,
        claim: Claim,
        window: tuple[int, int],
        certainties: dict[int, str],
        topic_id: int | None,
        marked: Sequence[ClaimValue] | None = None,
        fallback: str | None = None,
    ) -> ClaimView:
        """``marked``: the values to highlight (all of the claim's when None); ``fallback``:
        the certainty on ``topic_id`` when the claim has no link to it (the finding's)."""
        article = claim.article
        values = sorted(claim.values, key=lambda v: v.start)
        spans = [(v.start, v.end) for v in (values if marked is None else marked)]
        topics = [
            ClaimTopicRef(ref.slug, ref.label, ref.colour, certainties.get(t.id, claim.certainty))
            for t in claim.topics
            if (ref := self.topic_refs.get(t.id)) is not None
        ]
        on_topic = None
        if topic_id is not None:
            on_topic = certainties.get(topic_id) or fallback or claim.certainty
        return ClaimView(
            id=claim.id,
            fingerprint=claim.fingerprint,
            source=SourceRef(article.source.id, article.source.name),
            article_id=article.id,
            language=article.language,
            start=claim.start,
            end=claim.end,
            text=claim.text,
            certainty=claim.certainty,
            certainty_cue=claim.certainty_cue,
            attributed_to=claim.attributed_to,
            values=[self.value(v) for v in values],
            topics=topics,
            segments=split_segments(article.text, window, (claim.start, claim.end), spans)
            or [Segment(claim.text, "claim")],
            topic_certainty=on_topic,
            published=published_label(article.published_at, article.published_precision),
        )

    def findings(self, rows: Sequence[tuple[Finding, str]]) -> list[FindingView]:
        """Findings whose claims highlight only the two values compared, each claim with its
        certainty on the finding's topic."""
        reviews = queries.select_latest_reviews(self.session, {f.fingerprint for f, _ in rows})
        claims = {c.id: c for f, _ in rows for c in (f.claim_a, f.claim_b)}
        windows = self._windows(list(claims.values()))
        certainties = self._certainties(claims.values())
        views = []
        for finding, state in rows:
            marked_a = compared_values(finding.claim_a, finding.value_a, finding.basis)
            marked_b = compared_values(finding.claim_b, finding.value_b, finding.basis)
            words = [v.measured_word for v in (finding.value_a, finding.value_b) if v]
            views.append(
                FindingView(
                    id=finding.id,
                    fingerprint=finding.fingerprint,
                    topic=self.topic_ref(finding.topic),
                    kind=finding.kind,
                    severity=finding.severity,
                    basis=finding.basis,
                    explanation=finding.explanation,
                    claim_a=self._claim(
                        finding.claim_a,
                        windows[finding.claim_a_id],
                        certainties.get(finding.claim_a_id, {}),
                        finding.topic_id,
                        marked_a,
                        finding.certainty_a,
                    ),
                    claim_b=self._claim(
                        finding.claim_b,
                        windows[finding.claim_b_id],
                        certainties.get(finding.claim_b_id, {}),
                        finding.topic_id,
                        marked_b,
                        finding.certainty_b,
                    ),
                    value_a=self.value(finding.value_a) if finding.value_a else None,
                    value_b=self.value(finding.value_b) if finding.value_b else None,
                    state=state,
                    review=_review_view(reviews.get(finding.fingerprint)),
                    slot=describe_slot(finding.slot or "", finding.basis, words),
                    note=finding.note or "",
                    certainty_a=finding.certainty_a,
                    certainty_b=finding.certainty_b,
                    party_a=finding.party_a,
                    party_b=finding.party_b,
                )
            )
        return views

    def flags(self, flags: Sequence[Flag]) -> list[FlagView]:
        fingerprints = {fp for f in flags for fp in (f.claim_a_fingerprint, f.claim_b_fingerprint)}
        by_fingerprint: dict[str, Claim] = {}
        for claim in queries.select_claims_by_fingerprints(self.session, fingerprints):
            by_fingerprint.setdefault(claim.fingerprint, claim)
        views = {c.fingerprint: c for c in self.claims(by_fingerprint.values())}
        return [
            FlagView(
                id=f.id,
                topic_slug=f.topic_slug,
                fingerprints=(f.claim_a_fingerprint, f.claim_b_fingerprint),
                claim_texts=(f.claim_a_text, f.claim_b_text),
                claims=(views.get(f.claim_a_fingerprint), views.get(f.claim_b_fingerprint)),
                reviewer=f.reviewer,
                note=f.note,
                created_at=f.created_at,
            )
            for f in flags
        ]


def value_view(value: ClaimValue, hidden: Collection[str] = ()) -> ValueView:
    """A value, its scope in words without the ``hidden`` terms (the corpus's own event)."""
    scope = tuple(value.scope or ())
    shown = [t for t in scope if t not in hidden]
    return ValueView(
        id=value.id,
        start=value.start,
        kind=value.kind,
        text=value.text,
        label=format_interval(value.kind, value.low, value.high, value.unit),
        low=value.low,
        high=value.high,
        unit=value.unit,
        measured=value.measured or "",
        measured_word=value.measured_word or "",
        scope=scope,
        modality=value.modality or "actual",
        bound=value.bound,
        aspect=value.aspect or "level",
        certainty=value.certainty or "asserted",
        party=value.party,
        context=value_context(shown, value.modality, value.aspect, value.restriction or ""),
    )


def compared_values(claim: Claim, value: ClaimValue | None, basis: str) -> list[ClaimValue]:
    """The values of ``claim`` a finding compared: none for certainty; for findings stored
    before the compared values were recorded, the claim's values of the compared kind."""
    if basis == "certainty":
        return []
    if value is not None:
        return [value]
    return sorted((v for v in claim.values if v.kind == basis), key=lambda v: v.start)


def _review_view(review: Review | None) -> ReviewView | None:
    if review is None:
        return None
    return ReviewView(review.verdict, review.reviewer, review.note, review.created_at)


def split_segments(
    text: str, window: tuple[int, int], claim: tuple[int, int], values: Sequence[tuple[int, int]]
) -> list[Segment]:
    """Cut ``text[window]`` into context / claim / value runs for highlighting.

    Offsets are article offsets; anything out of range yields no segments.
    """
    start, end = window
    if not 0 <= start < end <= len(text):
        return []
    cuts = {start, end, *claim, *(p for span in values for p in span)}
    points = sorted(p for p in cuts if start <= p <= end)
    segments: list[Segment] = []
    for a, b in pairwise(points):
        if a == b:
            continue
        if not claim[0] <= a < claim[1]:
            role = "context"
        elif any(v0 <= a < v1 for v0, v1 in values):
            role = "value"
        else:
            role = "claim"
        segments.append(Segment(text[a:b], role))
    return segments


__all__ = [
    "ViewBuilder",
    "compared_values",
    "split_segments",
    "value_view",
]
