"""Clock times given in different zones, brought to one.

"volcó a las 02.10 hora canaria" and "a las 03.10 hora peninsular" are one moment; so are
"a las 18.20 hora local (16.20 GMT)" and "16.20 GMT". Times tagged with a zone (their
scope's ``zone:<label>``) are converted to the coverage's local time when the corpus says
how far that zone is from it, which agency copy usually does by giving both ("a las
22.47 (03.47 GMT del jueves)"); otherwise to the zone most of the tagged times use. Zones
with a name in the tz database are converted into one another on the day reported, so
daylight saving time is taken into account.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.compare.facts import ClaimFacts, ValueFacts

ZONE = "zone:"
DAY = 86400
HALF_DAY = DAY // 2
# Clock times on the hour or half hour coincide too often to tell zones apart.
ROUND_SECONDS = 1800
EPOCH_NOON = datetime(1970, 1, 1, 12, tzinfo=UTC)


def _zone(value: ValueFacts) -> str | None:
    return next((t[len(ZONE) :] for t in value.scope if t.startswith(ZONE)), None)


def _exact_time(value: ValueFacts) -> float | None:
    if value.kind != "time" or value.low is None or value.low != value.high:
        return None
    return value.low


def wrap(seconds: float) -> float:
    """Into (-12 h, 12 h]: two readings of one moment are less than half a day apart."""
    seconds %= DAY
    return seconds - DAY if seconds > HALF_DAY else seconds


def learned_offsets(claims: Sequence[ClaimFacts]) -> dict[str, float]:
    """Seconds to add to a zone's time to get local time, from claims that give one moment
    both ways ("a las 18.20 hora local (16.20 GMT)"): the most common difference."""
    found: dict[str, Counter[float]] = {}
    for claim in claims:
        local = [t for v in claim.values if _zone(v) is None and (t := _exact_time(v)) is not None]
        zoned = [
            (z, t)
            for v in claim.values
            if (z := _zone(v)) is not None and (t := _exact_time(v)) is not None
        ]
        if len(local) != 1 or len(zoned) != 1:
            continue
        zone, time = zoned[0]
        found.setdefault(zone, Counter())[wrap(local[0] - time)] += 1
    return {zone: counts.most_common(1)[0][0] for zone, counts in found.items()}


def local_zone(
    claims: Sequence[ClaimFacts], tagged: Counter[str], names: Mapping[str, str], day: datetime
) -> str | None:
    """The tagged zone the untagged times are in, when particular times say so: "volcó a
    las 02.10" in one outlet and "a las 03.10 hora peninsular" and "a las 02.10 hora
    canaria" in others put the untagged time in Canary time. The zone whose conversions
    meet the most untagged times (on the hour or half hour times coincide), if one does."""
    untagged = {
        t
        for c in claims
        for v in c.values
        if _zone(v) is None and (t := _exact_time(v)) is not None and t % ROUND_SECONDS
    }
    zoned = [
        (z, t)
        for c in claims
        for v in c.values
        if (z := _zone(v)) and (t := _exact_time(v)) is not None
    ]
    met: Counter[str] = Counter()
    for target in tagged:
        for zone, time in zoned:
            shift = 0.0 if zone == target else _to(zone, target, names, day)
            if shift is not None and (time + shift) % DAY in untagged:
                met[target] += 1
    best = met.most_common(2)
    if not best or (len(best) > 1 and best[0][1] == best[1][1]):
        return None
    return best[0][0]


def _utc_offset(zone: str, names: Mapping[str, str], day: datetime) -> float | None:
    name = names.get(zone)
    if name is None:
        return None
    offset = day.astimezone(ZoneInfo(name)).utcoffset()
    return offset.total_seconds() if offset is not None else None


def _to(zone: str, target: str, names: Mapping[str, str], day: datetime) -> float | None:
    """Seconds to add to a time in ``zone`` to get it in ``target`` (both in the tz data)."""
    here, there = _utc_offset(zone, names, day), _utc_offset(target, names, day)
    if here is None or there is None:
        return None
    return there - here


def unify_zones(claims: Sequence[ClaimFacts], names: Mapping[str, str]) -> list[ClaimFacts]:
    """The claims with every zone-tagged clock time converted where the conversion is
    known (see the module docstring); ``names`` maps zone labels to tz database names."""
    tagged = Counter(z for c in claims for v in c.values if v.kind == "time" and (z := _zone(v)))
    if not tagged:
        return list(claims)
    learned = learned_offsets(claims)
    published = sorted(c.published for c in claims if c.published is not None)
    # Undated reports are read on the coverage's typical day (daylight saving time).
    typical = published[len(published) // 2] if published else EPOCH_NOON
    local = None if learned else local_zone(claims, tagged, names, typical)
    if local is not None:
        learned = {local: 0.0}
    target = None if learned else tagged.most_common(1)[0][0]
    converted = []
    for claim in claims:
        day = claim.published or typical
        values = _without_repeats(
            claim.values, [_converted(v, learned, target, names, day) for v in claim.values]
        )
        converted.append(replace(claim, values=values) if values != claim.values else claim)
    return converted


def _without_repeats(
    given: Sequence[ValueFacts], converted: Sequence[ValueFacts]
) -> tuple[ValueFacts, ...]:
    """ "a las 16.20 (14.20 GMT)": once converted, the second time repeats the first and
    is left out, so the claim's time is the one written in local time."""
    kept = []
    for before, after in zip(given, converted, strict=True):
        repeated = after is not before and any(
            other is not before
            and other.kind == after.kind
            and (other.low, other.high) == (after.low, after.high)
            for other in given
        )
        if not repeated:
            kept.append(after)
    return tuple(kept)


def _converted(
    value: ValueFacts,
    learned: Mapping[str, float],
    target: str | None,
    names: Mapping[str, str],
    day: datetime,
) -> ValueFacts:
    zone = _zone(value)
    if value.kind != "time" or zone is None or zone == target:
        return value
    if target is None:
        # To local time: learned for this zone, or through a zone learned on the same day.
        shift = learned.get(zone)
        if shift is None:
            shift = next(
                (
                    off + to
                    for known, off in learned.items()
                    if (to := _to(zone, known, names, day)) is not None
                ),
                None,
            )
        label = None
    else:
        shift, label = _to(zone, target, names, day), f"{ZONE}{target}"
    moved = None if shift is None else shifted(value, shift)
    if moved is None:
        return value
    scope = tuple(sorted({t for t in value.scope if not t.startswith(ZONE)} | ({label} - {None})))
    return replace(moved, scope=scope)


def shifted(value: ValueFacts, shift: float) -> ValueFacts | None:
    """A clock time moved round the clock by ``shift`` seconds, or None where it would
    straddle midnight ("hacia las 23.50" an hour on): it is left as it was given."""

    def moved(seconds: float | None) -> float | None:
        return None if seconds is None else (seconds + shift) % DAY

    low, high = moved(value.low), moved(value.high)
    if low is not None and high is not None and low > high:
        return None
    return replace(value, low=low, high=high, nominal=moved(value.nominal))
