"""Hand-built facts for comparison tests: no spaCy, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.compare.facts import ClaimFacts, PropositionFacts, ValueFacts

H = 3600.0
_ids = iter(range(1, 1_000_000))


def value(
    kind: str = "count",
    low: float | None = 0,
    high: float | None = None,
    *,
    measured: str = "death",
    unit: str = "",
    scope: tuple[str, ...] = (),
    bound: str | None = None,
    nominal: float | None = None,
    step: float | None = None,
    party: str | None = None,
    modality: str = "actual",
    text: str | None = None,
    restriction: str = "",
    aspect: str = "level",
) -> ValueFacts:
    high = low if high is None and bound is None else high
    return ValueFacts(
        kind=kind,
        low=low,
        high=high,
        unit=unit or {"duration": "s", "count": measured}.get(kind, ""),
        text=text or f"{kind} {low}",
        id=next(_ids),
        nominal=nominal if nominal is not None else (low if bound else None),
        bound=bound,
        step=step,
        measured=measured,
        measured_word=measured,
        scope=scope,
        modality=modality,
        party=party,
        restriction=restriction,
        aspect=aspect,
    )


def claim(
    source: str,
    *values: ValueFacts,
    propositions: tuple[PropositionFacts, ...] = (),
    published: datetime | None = None,
    precision: str | None = None,
    article: int | None = None,
    text: str | None = None,
    day: date | None = None,
) -> ClaimFacts:
    number = next(_ids)
    return ClaimFacts(
        id=number,
        source=source,
        outlet=source.lower(),
        fingerprint=f"fp-{source}-{number}",
        text=text or f"claim {number} of {source}",
        certainty="asserted",
        attributed_to=None,
        values=values,
        lemmas=frozenset(),
        article=article if article is not None else number,
        published=published,
        published_precision=precision or ("minute" if published else None),
        published_day=day,
        propositions=propositions,
    )


def statement(
    key: str = "transfer>weapons",
    certainty: str = "asserted",
    party: str | None = None,
    agent: str = "",
) -> PropositionFacts:
    head, _, arg = key.partition(">")
    return PropositionFacts(key, head, arg, agent, certainty, party)


def at(hour: int, day: int = 9) -> datetime:
    return datetime(2023, 9, day, hour, 0, tzinfo=UTC)


def epoch_days(day: date) -> float:
    return float((day - date(1970, 1, 1)).days)
