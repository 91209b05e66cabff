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
CALENDAR_KINDS = frozenset({"date", "weekday", "day", "day_offset"})


def moment_text(parts: Sequence[Span]) -> str:
    """The readings on one verb as one moment: "el jueves a las 21.00", "las 21.00 del
    jueves" -> "weekday=4 21:00"; "ayer" -> "day_offset=-1"; the clock last."""
    days = sorted(
        f"{v._.value.kind}={v._.value.low:g}"
        for v in parts
        if v._.value.kind in CALENDAR_KINDS and v._.value.low is not None
    )
    clocks = sorted(
        int(v._.value.low) // 60
        for v in parts
        if v._.value.kind == "time" and v._.value.low is not None
    )
    clock = [f"{m // 60:02d}:{m % 60:02d}" for m in clocks[:1]]
    return " ".join(days + clock)


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


def _mark_reading(span: Span) -> None:
    context = span._.context
    span._.context = replace(context, scope=tuple(sorted({*context.scope, READING})))


def stamp_readings(values: Sequence[Span]) -> None:
    """Give the figures of one claim the moment they were read at, when the claim says it:
    the reading time's verb is the figure's clause verb or one it hangs from. The readings
    on one verb make one moment ("el lunes a las 9.00")."""
    doc = values[0].doc if values else None
    on_verb: dict[int, list[Span]] = {}
    for v in values:
        if v._.context is None or v._.value.kind not in MOMENT_KINDS:
            continue
        if READING not in v._.context.scope:
            continue
        anchors = _verb_chain(doc[v._.value.head], 0, len(doc))
        if anchors:
            on_verb.setdefault(anchors[0].i, []).append(v)
    for anchor, readings in on_verb.items():
        heads = {r._.value.head for r in readings}
        # "del martes" in "a las 21.00 del martes", "a las 9.00" in "el lunes a las 9.00":
        # a day or a time hanging from a reading is part of its moment.
        calendar = [
            v
            for v in values
            if v not in readings
            and v._.context is not None
            and v._.value.kind in CALENDAR_KINDS | {"time"}
            and doc[v._.value.head].head.i in heads
        ]
        when = moment_text([*readings, *calendar])
        if not when:
            continue
        for day in calendar:
            _mark_reading(day)
        for value in values:
            context = value._.context
            if context is None or value._.value.kind in UNOWNED_KINDS or value in calendar:
                continue
            if any(t.startswith(MOMENT) for t in context.scope):
                continue
            depth = ARGUMENT_DEPTH + (value._.value.kind not in NOUN_KINDS)
            chain = _verb_chain(doc[value._.value.head], CLAUSE_LEVELS, depth)
            if any(verb.i == anchor for verb in chain):
                scope = tuple(sorted({*context.scope, MOMENT + when}))
                value._.context = replace(context, scope=scope)
