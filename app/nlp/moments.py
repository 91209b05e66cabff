"""The moment a figure was read at: "a las 9.00 el embalse estaba al 40 %", "según el
parte de las 18.00, el fuego había quemado 900 hectáreas".

A figure given with such a moment is a reading of something that changes; comparison
orders two readings by it rather than calling them a conflict (app/compare/
value_findings.py). The moment is a scope term, ``moment:<when>`` ("moment:09:00",
"moment:weekday=2 21:00"), which does not split slots (app/compare/slots.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from app.nlp.measured import measured_reader
from app.nlp.scope import MOMENT_KINDS, READING, UNOWNED_KINDS

MOMENT = "moment:"
# How far up a figure's clause may be from the verb its moment is on: "a las 9.00 el
# director precisó que el agua se ubica ya en 27 metros".
CLAUSE_LEVELS = 3
# How deep below its verb a counted noun may be and still be what the verb reads ("la
# cifra de evacuados ascendía a 40"); deeper, it describes something named on the way ("el
# número de vecinos de los 12 barrios ascendía a 40" does not read the 12). A measure hangs
# by its unit, one level further down ("tenía vientos de 200 km/h").
ARGUMENT_DEPTH = 2
NOUN_KINDS = frozenset({"count", "ordinal"})
CALENDAR_KINDS = frozenset({"date", "weekday", "day"})


def moment_text(reading: Span, calendar: Sequence[Span]) -> str:
    """ "las 21.00 del jueves" -> "weekday=4 21:00"; "el martes" -> "weekday=2"."""
    parts = [f"{v._.value.kind}={v._.value.low:g}" for v in calendar]
    value = reading._.value
    if value.kind == "time" and value.low is not None:
        minutes = int(value.low) // 60
        parts.append(f"{minutes // 60:02d}:{minutes % 60:02d}")
    elif value.kind in CALENDAR_KINDS and value.low is not None:
        parts.insert(0, f"{value.kind}={value.low:g}")
    return " ".join(parts)


def _depth(token: Token, verb: Token) -> int:
    depth, node = 0, token
    while node.i != verb.i and node.head.i != node.i:
        node, depth = node.head, depth + 1
    return depth


def _verb_chain(token: Token, levels: int, depth: int) -> list[Token]:
    """The clause verb of a token and the verbs its clause hangs from; nothing when the
    token is deeper than ``depth`` below its verb."""
    reader = measured_reader(token.doc.lang_)
    chain: list[Token] = []
    node = reader.clause_verb(token)
    if node is not None and node.dep_ == "cop":
        node = node.head  # "a las 7.00 el río estaba a 3 metros": the predicate's clause
    if node is None or _depth(token, node) > depth:
        return chain
    while node is not None and len(chain) <= levels:
        chain.append(node)
        if node.head.i == node.i:
            break
        node = reader.clause_verb(node.head)
    return chain


def stamp_readings(values: Sequence[Span]) -> None:
    """Give the figures of one claim the moment they were read at, when the claim says it:
    the reading time's verb is the figure's clause verb or one it hangs from."""
    readings = [
        v
        for v in values
        if v._.context is not None
        and v._.value.kind in MOMENT_KINDS
        and READING in v._.context.scope
    ]
    if not readings:
        return
    doc = values[0].doc
    for reading in readings:
        head = doc[reading._.value.head]
        anchors = _verb_chain(head, 0, len(doc))
        if not anchors:
            continue
        calendar = [
            v
            for v in values
            if v is not reading
            and v._.value.kind in CALENDAR_KINDS
            and doc[v._.value.head].head.i == head.i
        ]
        when = moment_text(reading, calendar)
        if not when:
            continue
        for day in calendar:  # "del martes" in "a las 21.00 del martes" dates the reading too
            day._.context = replace(
                day._.context, scope=tuple(sorted({*day._.context.scope, READING}))
            )
        for value in values:
            context = value._.context
            if context is None or value._.value.kind in UNOWNED_KINDS or value in calendar:
                continue
            if any(t.startswith(MOMENT) for t in context.scope):
                continue
            depth = ARGUMENT_DEPTH + (value._.value.kind not in NOUN_KINDS)
            chain = _verb_chain(doc[value._.value.head], CLAUSE_LEVELS, depth)
            if anchors[0] in chain:
                scope = tuple(sorted({*context.scope, MOMENT + when}))
                value._.context = replace(context, scope=scope)
