"""Several occurrences of one kind of event in one corpus: a swarm of earthquakes during an
eruption, two explosions an hour apart.

A claim that describes an event by several of its attributes (its magnitude, its depth,
its date and clock time) identifies one occurrence. Two such claims that disagree on every
attribute they share, and share at least two, one of them when it happened, describe two
occurrences ("un sismo de 4,1 a 12 km, el lunes" and "el temblor de 4,7 a 30 km, el
jueves"), not one reported twice with every detail wrong: two outlets may well give one
quake different magnitudes and depths, they seldom give it different days and hours.
Claims that agree on an attribute describe the same occurrence, so a claim giving only "de
magnitud 4,7" joins the Thursday quake's. The attributes of claims of different
occurrences are then never compared; everything else in those claims is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.compare.joined import Joined
from app.compare.parties import different_parties
from app.compare.relate import relate
from app.compare.slots import SlotEntry, SlotKey, value_pair

# Families that identify an occurrence (when, how strong, how deep or how far).
IDENTITY_FAMILIES = frozenset({"when", "time", "magnitude", "length"})
# Attributes two claims must share, all in disagreement, to be two occurrences; one of
# them must say when.
MIN_SHARED = 2
TEMPORAL_FAMILIES = frozenset({"when", "time"})

Profile = dict[SlotKey, list[SlotEntry]]


def occurrences(
    slots: Mapping[SlotKey, Sequence[SlotEntry]], event_concepts: frozenset[str]
) -> dict[int, int]:
    """Claim id -> occurrence number, for the claims of events that occur more than once
    in the corpus. Claims of an event that occurs once get no number."""
    profiles = _profiles(slots, event_concepts)
    ids = sorted(profiles)
    joined = Joined(ids)
    apart: list[tuple[int, int]] = []
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            relation = _relation(profiles[a], profiles[b])
            if relation == "same":
                joined.join(a, b)
            elif relation == "apart":
                apart.append((a, b))
    root = joined.root
    separated = {r for a, b in apart if (ra := root(a)) != (rb := root(b)) for r in (ra, rb)}
    numbers = {r: n for n, r in enumerate(sorted(separated))}
    return {i: numbers[root(i)] for i in ids if root(i) in numbers}


def different_occurrences(a: SlotEntry, b: SlotEntry, numbers: Mapping[int, int]) -> bool:
    na, nb = numbers.get(a.claim.id), numbers.get(b.claim.id)
    return na is not None and nb is not None and na != nb


def _profiles(
    slots: Mapping[SlotKey, Sequence[SlotEntry]], event_concepts: frozenset[str]
) -> dict[int, Profile]:
    """The identifying attributes of each claim that dates or measures an event."""
    profiles: dict[int, Profile] = {}
    of_event: set[int] = set()
    for key, entries in slots.items():
        if key.family not in IDENTITY_FAMILIES:
            continue
        for entry in entries:
            profiles.setdefault(entry.claim.id, {}).setdefault(key, []).append(entry)
            if key.measured in event_concepts and key.family != "length":
                of_event.add(entry.claim.id)
    return {i: p for i, p in profiles.items() if i in of_event}


def _relation(a: Profile, b: Profile) -> str:
    """ "same" when the claims agree on an attribute, "apart" when they share at least
    ``MIN_SHARED`` and disagree on all of them, "" otherwise."""
    first = next(iter(a.values()))[0].claim
    second = next(iter(b.values()))[0].claim
    if first.article == second.article:
        return ""
    disagreements = 0
    temporal = False
    for key in a.keys() & b.keys():
        kinds = {_kind(x, y) for x in a[key] for y in b[key]}
        kinds.discard(None)
        if "agreement" in kinds:
            return "same"
        if kinds == {"hard"}:
            disagreements += 1
            temporal = temporal or key.family in TEMPORAL_FAMILIES
        elif kinds:
            return ""  # a soft difference may be one occurrence reported loosely
    return "apart" if disagreements >= MIN_SHARED and temporal else ""


def _kind(x: SlotEntry, y: SlotEntry) -> str | None:
    if x.claim.article == y.claim.article:
        return None
    if different_parties(x.value.party, y.value.party):
        return None  # two agencies' readings of one quake differ as readings do
    pair = value_pair(x.value, y.value)
    if pair is None:
        return None
    relation = relate(*pair)
    return relation.severity if relation.kind == "conflict" else "agreement"
