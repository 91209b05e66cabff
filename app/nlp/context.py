"""The context of each value inside a claim: what it measures, its scope and modality,
how sure the claim is of it and who gives it. Comparison pairs values only when all of
these match (app/compare/slots.py)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from app.nlp import discourse
from app.nlp.attribution import speaker_at
from app.nlp.certainty import certainty_at
from app.nlp.measured import measured_reader
from app.nlp.measures import stance_at
from app.nlp.modality import modality_reader
from app.nlp.moments import stamp_readings
from app.nlp.scope import scope_reader

if not Span.has_extension("context"):
    Span.set_extension("context", default=None)


@dataclass(frozen=True, slots=True)
class ValueContext:
    measured: str  # concept key of what the value measures ("" when nothing says)
    measured_word: str  # that word as written
    change: bool  # a change ("subió un 2 %"), not a level
    qualifier: str  # what narrows a count ("descarril" for derailed wagons)
    scope: tuple[str, ...]
    modality: str  # actual | expected | limit | requested
    certainty: str  # asserted | hedged | denied, judged at the value
    party: str | None  # who gives the value, if the claim attributes it


def value_context(value_span: Span, claim: Span) -> ValueContext:
    doc = claim.doc
    lang = doc.lang_
    value = value_span._.value
    head = doc[value.head]
    span = range(value_span.start, value_span.end)
    # "medio millón" with nothing counted: what it counts is said elsewhere (discourse.py).
    bare = value.kind == "count" and not value.unit
    measured = None if bare else measured_reader(lang).read(doc, value.kind, value.head, span)
    # "los heridos, una treintena según los bomberos": the noun it stands beside, unless
    # that noun has a figure of its own ("158 votos a favor, 131 en contra").
    beside = head.head
    appositive = head.dep_ == "appos" and beside.pos_ == "NOUN" and beside.i < head.i
    counted = any(c.dep_ == "nummod" or c.like_num for c in beside.children)
    if bare and appositive and not counted:
        measured = measured_reader(lang).read(doc, value.kind, beside.i, range(0))
    measured_token = doc[measured.token] if measured is not None else None
    scope = scope_reader(lang).terms(
        value_span, value.kind, head, measured_token, claim, value.zone
    )
    return ValueContext(
        measured=measured.key if measured else "",
        measured_word=measured.word if measured else "",
        change=measured.change if measured else False,
        # "y 131 en contra": a bare count's side of the vote
        qualifier=measured.qualifier if measured else stance_at(doc, value_span.end),
        scope=scope,
        modality=modality_reader(lang).read(head, claim),
        certainty=certainty_at(head, claim, span).label,
        party=speaker_at(head, claim),
    )


@Language.component(
    "cotejo_value_context",
    requires=["doc.spans", "token.dep", "token.lemma", "token.morph"],
    assigns=["span._.context"],
)
def annotate_value_context(doc: Doc) -> Doc:
    values = list(doc.spans.get("values", []))
    claims = list(doc.spans.get("claims", []))
    values_of: dict[int, list[Span]] = {}
    for claim in claims:
        for value_span in values:
            if claim.start <= value_span.start and value_span.end <= claim.end:
                value_span._.context = value_context(value_span, claim)
                values_of.setdefault(claim.start, []).append(value_span)
    discourse.apply(claims, values_of)
    discourse.restate([v for v in values if v._.context is not None])
    for group in values_of.values():
        stamp_readings(group)
    return doc
