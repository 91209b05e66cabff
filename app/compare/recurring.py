"""Things that happen on more than one day: a market's close, a weekly session, the days of
a strike.

When one article dates the same thing on two different days ("al cierre del viernes" and,
further on, "el cierre de este lunes"), that thing recurs, and two outlets that date it on
different days may each mean another occurrence: "la sesión del martes" and "la sesión
del jueves" contradict nothing. Such a slot's days are not compared. One outlet seldom
contradicts itself on the day of a single event; it often names several occurrences of a
recurring one. The story's event and any calamity are left out (an outlet may date the
riot "el viernes" in one claim and, wrongly parsed, "el domingo" in another; "anoche" and
"el martes" may be one night), and so is one claim
that gives two days ("el lunes 17", when the 17th is a Tuesday): a slip, not two closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.compare.relate import relate
from app.compare.slots import SlotEntry, SlotKey, value_pair

DAY_FAMILY = "when"


def recurring_slots(
    slots: Mapping[SlotKey, Sequence[SlotEntry]], kept: frozenset[str]
) -> frozenset[SlotKey]:
    """The day slots, of things other than ``kept`` (the story's event, calamities), some
    article dates in two claims on two days that cannot both be the one day."""
    found = set()
    for key, entries in slots.items():
        if key.family != DAY_FAMILY or key.measured in kept:
            continue
        by_article: dict[int, list[SlotEntry]] = {}
        for entry in entries:
            by_article.setdefault(entry.claim.article, []).append(entry)
        if any(_two_days(group) for group in by_article.values()):
            found.add(key)
    return frozenset(found)


def _two_days(entries: Sequence[SlotEntry]) -> bool:
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            if a.claim.id == b.claim.id:
                continue
            pair = value_pair(a.value, b.value)
            if pair is None:
                continue
            relation = relate(*pair)
            if relation.kind == "conflict" and relation.severity == "hard":
                return True
    return False
