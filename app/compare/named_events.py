"""Events named by a place: the story's own, or another one it mentions.

In the coverage of a fire in the Sierra Alta, "el incendio de Robledal" that one outlet
mentions in passing is another fire; in the coverage of the Robledal fire it is the story's
own. A name that few of the outlets use at all names another event, whose figures are told
apart from the main event's (SECONDARY); a name the coverage shares is the main event's and
narrows nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.compare.facts import ClaimFacts, ValueFacts
from app.compare.slots import SECONDARY
from app.nlp.entities import name_key

NAMED = "named:"
# A name used by at most this share of the outlets is another event's.
OTHER_EVENT_SHARE = 1 / 3


def mark_named_events(claims: Sequence[ClaimFacts]) -> list[ClaimFacts]:
    names = {t[len(NAMED) :] for c in claims for v in c.values for t in v.scope if _named(t)}
    if not names:
        return list(claims)
    users: dict[str, set[str]] = {name: set() for name in names}
    for claim in claims:
        text = f"-{name_key(claim.text)}-"
        for name in names:
            if f"-{name}-" in text:
                users[name].add(claim.source)
    outlets = len({c.source for c in claims})
    others = {n for n, found in users.items() if len(found) <= outlets * OTHER_EVENT_SHARE}
    return [_marked(claim, others) for claim in claims]


def _named(term: str) -> bool:
    return term.startswith(NAMED)


def _marked(claim: ClaimFacts, others: set[str]) -> ClaimFacts:
    if not any(_named(t) for v in claim.values for t in v.scope):
        return claim
    return replace(claim, values=tuple(_value(v, others) for v in claim.values))


def _value(value: ValueFacts, others: set[str]) -> ValueFacts:
    named = {t[len(NAMED) :] for t in value.scope if _named(t)}
    if not named:
        return value
    scope = {t for t in value.scope if not _named(t)}
    if named & others:
        scope.add(SECONDARY)
    return replace(value, scope=tuple(sorted(scope)))
