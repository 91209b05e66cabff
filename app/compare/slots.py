"""Slots: the values inside a topic that measure the same thing.

A slot is (value kind, unit) within one topic, holding only values anchored to
one of the topic's cues. Counts of missiles and counts of drones are different
slots; a handshake's duration never enters a topic about the meeting's length.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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


def slot_key(value: ValueFacts) -> SlotKey:
    return SlotKey(value.kind, value.unit if value.kind in NOUN_UNIT_KINDS else "")


def build_slots(topic: TopicFacts, claims: Sequence[ClaimFacts]) -> dict[SlotKey, list[SlotEntry]]:
    slots: dict[SlotKey, list[SlotEntry]] = defaultdict(list)
    for claim in claims:
        for value in claim.values:
            if value.kind in topic.value_kinds and not topic.cue_words.isdisjoint(value.anchor):
                slots[slot_key(value)].append(SlotEntry(claim, value))
    return dict(slots)
