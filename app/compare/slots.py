"""Slots: the values inside a topic that measure the same thing.

A slot is (value kind, unit) within one topic, holding only values anchored to
one of the topic's cues. Counts of missiles and counts of drones are different
slots; a handshake's duration never enters a topic about the meeting's length.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from app.compare.facts import ClaimFacts, TopicFacts, ValueFacts

# Units that name the counted or ranked noun: they must match for values to compare.
NOUN_UNIT_KINDS = frozenset({"count", "ordinal"})


class SlotKey(NamedTuple):
    kind: str
    unit: str


class SlotEntry(NamedTuple):
    claim: ClaimFacts
    value: ValueFacts


def _epoch_day(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def as_comparable(value: ValueFacts) -> ValueFacts:
    """A year is a date interval: "en 2019" and "en abril de 2019" then compare (soft)."""
    if value.kind != "year" or value.low is None or value.high is None:
        return value
    first, last = int(value.low), int(value.high)
    if not 1 <= first <= last <= 9999:
        return value
    return replace(
        value,
        kind="date",
        unit="epoch_day",
        low=_epoch_day(date(first, 1, 1)),
        high=_epoch_day(date(last, 12, 31)),
    )


def slot_key(value: ValueFacts) -> SlotKey:
    return SlotKey(value.kind, value.unit if value.kind in NOUN_UNIT_KINDS else "")


def build_slots(topic: TopicFacts, claims: Sequence[ClaimFacts]) -> dict[SlotKey, list[SlotEntry]]:
    slots: dict[SlotKey, list[SlotEntry]] = defaultdict(list)
    for claim in claims:
        for value in claim.values:
            if value.kind in topic.value_kinds and not topic.cue_words.isdisjoint(value.anchor):
                comparable = as_comparable(value)
                slots[slot_key(comparable)].append(SlotEntry(claim, comparable))
    return dict(slots)
