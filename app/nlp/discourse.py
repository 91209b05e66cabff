"""What a value owes to the sentences around it.

- **Another time.** "En 2019, un descarrilamiento mató a seis personas. Murieron también
  40 vacas." A claim anchored in another year ("En marzo de 2019, …") speaks of that time,
  and so do the claims after it in the same paragraph until one gives a time of its own;
  its values get the scope ``year:<year>``. A time ago ("Hace seis años, …") gives its own
  claim the scope ``earlier`` and no more. Comparison drops the article's own year, so only
  other times restrict.
- **Ellipsis.** "La policía cifró en 48.000 los asistentes; los organizadores hablaron de
  medio millón." A figure with nothing counted after it counts what the figure before it
  counted, in the same claim or the one before in the paragraph; so does a bare percentage
  ("el partido A logró el 31 % de los votos y el B, el 28 %").
- **Restatement.** A headline's "Un apagón de 9 horas deja sin luz a la ciudad" repeats
  the body's "la avería duró 9 horas, según la compañía, en un cálculo provisional": the
  same figure of the same thing in one article is one report, so the bare mention takes
  the source and the provisional mark the fuller one gives (when only one source does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from app.nlp.claims import text_of
from app.nlp.concepts import lexicon
from app.nlp.data import load_language_data
from app.nlp.scope import PART, PROVISIONAL

# Kinds that give a claim a time of its own.
TIME_KINDS = frozenset({"date", "day", "month", "weekday", "year", "day_offset"})
# A time anchor opens its claim, within this many tokens ("En marzo de 2019, …").
OPENING_TOKENS = 5
EPOCH = date(1970, 1, 1)
SECONDARY = "secondary"
EARLIER = "earlier"
# Kinds whose figure may leave out what it measures, said by the figure before it.
ELLIPTIC_KINDS = frozenset({"count", "percent"})
# Kinds that describe an event itself (its time, depth, magnitude), not its toll.
EVENT_KINDS = frozenset(
    {"date", "day", "month", "weekday", "year", "time", "length", "magnitude", "duration"}
)


@lru_cache(maxsize=4)
def _words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    data = load_language_data(lang, "scope")["discourse"]
    return frozenset(data["ago_words"]), frozenset(data["not_anchoring_before"])


@lru_cache(maxsize=4)
def _partitive_openings(lang: str) -> tuple[tuple[str, ...], ...]:
    data = load_language_data(lang, "scope")["discourse"]
    return tuple(tuple(p.split()) for p in data["partitive_opening"])


def opening_set(claim: Span) -> tuple[str, int] | None:
    """The set an opening partitive names ("De los heridos atendidos, …" -> injured),
    as the concept key of its noun, and where the set's phrase ends."""
    doc = claim.doc
    if claim.start and doc[claim.start - 1].text == ",":
        # The parser may cut the sentence after the opening: "De los heridos del hospital
        # central, | 41 son policías…".
        claim = doc[claim.start - 1].sent
    for words in _partitive_openings(doc.lang_):
        n = len(words)
        if len(claim) <= n or tuple(t.lower_ for t in claim[:n]) != words:
            continue
        k = n
        while k < len(claim) and claim[k].like_num:
            k += 1  # "De los 74 heridos"
        if k < len(claim) and claim[k].pos_ in {"NOUN", "ADJ"}:
            comma = next((t.i for t in claim[k:] if t.text == ","), claim.end)
            return lexicon(claim.doc.lang_).key_of(claim[k], "count"), comma
    return None


@lru_cache(maxsize=4)
def _containers(lang: str) -> frozenset[str]:
    return frozenset(load_language_data(lang, "scope")["measured"]["container_nouns"])


# Clauses of their own: a count in one is no member of the opening's set.
OWN_CLAUSES = frozenset({"acl", "acl:relcl", "advcl"})
CONTAINER_REACH = 3
OBLIQUE_DEPS = frozenset({"obl", "nmod"})


def _member_of(span: Span, whole: str, containers: frozenset[str]) -> bool:
    """Whether a count counts members of the set an opening names: the same thing, nothing
    said, or anything in a set of people the lexicon knows; in the main clause, and not
    as a total ("el total de víctimas asciende a 52")."""
    context = span._.context
    if context is None or not whole:
        return False
    doc = span.doc
    # Another noun counts members of a set of people only as what they are ("30 son
    # vecinos"), not in a phrase of its own ("trasladados en 5 ambulancias").
    other = context.measured not in ("", whole)
    if other and (whole not in lexicon(doc.lang_).concepts or span.root.dep_ in OBLIQUE_DEPS):
        return False
    if any(
        t.lemma_.lower() in containers
        for t in doc[max(span.start - CONTAINER_REACH, 0) : span.start]
    ):
        return False
    node = doc[span.start]
    while node.head.i != node.i:
        if node.dep_ in OWN_CLAUSES:
            return False
        node = node.head
    return True


def _year_of(value) -> int | None:
    if value.kind == "year" and value.low is not None:
        return int(value.low)
    if value.kind == "date" and value.low is not None:
        return (EPOCH + timedelta(days=int(value.low))).year
    return None


def time_anchor(claim: Span, values: Sequence[Span]) -> str | None:
    """The time a claim is set in, when it says so up front: "year:2019" or "earlier"."""
    ago, not_before = _words(claim.doc.lang_)
    doc = claim.doc
    for span in values:
        value = span._.value
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if value.kind == "duration" and before in ago:
            return EARLIER  # "hace seis años, …"
        year = _year_of(value)
        if year is None or before in not_before:
            continue  # "el peor desde 2007": a comparison, not the claim's time
        if _dates_a_participle(doc[value.head], claim):
            continue  # "El museo, inaugurado en 1998, recibe 40.000 visitas": the opening's year
        # "En marzo de 2019, …" sets the claim in that time, and so does a date before any
        # verb ("Tres años antes, el 2 de mayo de 2019, un tren…"); a year further in is
        # usually a point of comparison ("4,8 puntos más que en 2022").
        opening = doc[claim.start : span.start]
        if span.start - claim.start <= OPENING_TOKENS or not any(
            t.pos_ in {"VERB", "AUX"} for t in opening
        ):
            return f"year:{year}"
    return None


def _dates_a_participle(token: Token, claim: Span) -> bool:
    """The year hangs on a participle that describes a thing, below the claim's verb: it
    dates what the participle says was done to the thing, not the claim."""
    words = lexicon(claim.doc.lang_)
    node = token
    while node.head.i != node.i and claim.start <= node.head.i < claim.end:
        node = node.head
        participle = "Part" in node.morph.get("VerbForm") or (
            node.pos_ == "ADJ" and node.lemma_.lower().endswith(tuple(words.participles))
        )
        # "Construido en 1972, el puente…": fronted, the parser makes it an adverbial clause.
        if participle and node.dep_ in {"amod", "acl", "conj", "appos", "advcl"}:
            described = node.head
            # "el puente, de 480 metros y construido en 1972": past the figure's unit
            while described.head.i != described.i and (
                described.pos_ != "NOUN" or any(c.dep_ == "nummod" for c in described.children)
            ):
                described = described.head
            concept = words.of_token(described)
            return concept is None or not concept.event  # not "la cumbre, celebrada en 2019"
    return False


def _paragraph(claim: Span) -> int:
    return text_of(claim.doc).count("\n", 0, claim.start_char)


def apply(claims: Sequence[Span], values_of: dict[int, list[Span]]) -> None:
    """Set the anchored time and the elliptic counted noun on each claim's value contexts."""
    anchor: str | None = None
    paragraph = -1
    previous: dict[str, Any] = {}
    secondary = False
    for claim in claims:
        values = values_of.get(claim.start, [])
        if _paragraph(claim) != paragraph:
            paragraph, anchor, secondary = _paragraph(claim), None, False
            previous = {}
        # "Un nuevo seísmo sacudió la zona. Se produjo a las 7.59, a 10 km de profundidad."
        secondary = secondary or any(
            span._.context is not None and SECONDARY in span._.context.scope for span in values
        )
        own_time = any(v._.value.kind in TIME_KINDS for v in values)
        found = time_anchor(claim, values)
        if found is not None or own_time:
            anchor = found
        # "Hace un año, la marcha reunió a 250.000 personas. La policía contó ayer 48.000":
        # a time ago sets its own claim only; the next one is back in the present.
        here = anchor
        if anchor == EARLIER:
            anchor = None
        whole, opening_end = opening_set(claim) or ("", claim.start)
        # The set an opening names is split by the counts after it that count its members:
        # "De los 27 supervivientes, 23 fueron trasladados y 4 siguen graves"; not "De los
        # tres hospitales, el central recibió 30 heridos", "el total de víctimas asciende a
        # 52" or "donde trabajan 300 médicos".
        parts = {
            s.start
            for s in values
            if s._.value.kind == "count"
            and s.start > opening_end
            and _member_of(s, whole, _containers(claim.doc.lang_))
        }
        for span in values:
            context = span._.context
            if context is None:
                continue
            value = span._.value
            if here and value.kind not in TIME_KINDS and here not in context.scope:
                context = replace(context, scope=tuple(sorted({*context.scope, here})))
            if secondary and value.kind in EVENT_KINDS and SECONDARY not in context.scope:
                context = replace(context, scope=tuple(sorted({*context.scope, SECONDARY})))
            if span.start in parts and context.measured not in ("", whole):
                # "De los heridos, 33 (son) manifestantes": injured protesters.
                context = replace(context, qualifier=whole)
            if span.start in parts:
                # "De los 27 supervivientes, 23 fueron trasladados": some of them
                context = replace(context, scope=tuple(sorted({*context.scope, PART})))
            before = previous.get(value.kind)
            if value.kind in ELLIPTIC_KINDS and not context.measured and before is not None:
                context = replace(
                    context,
                    measured=before.measured,
                    measured_word=before.measured_word,
                    qualifier=context.qualifier or before.qualifier,
                )
            span._.context = context
            if value.kind in ELLIPTIC_KINDS and context.measured:
                previous[value.kind] = context


def restate(values: Sequence[Span]) -> None:
    """Give a bare repetition of a figure the source and provisional mark of the fuller
    mention elsewhere in the article (see the module docstring)."""
    groups: dict[tuple, list[Span]] = {}
    for span in values:
        context, value = span._.context, span._.value
        if context is None or not context.measured or value.low is None:
            continue
        # A magnitude measured as "magnitude" says no more than its kind: it joins the one
        # thing the same figure measures elsewhere ("un sismo de magnitud 6,1").
        generic = context.measured == value.kind
        key = (value.kind, value.low, value.high, context.change)
        groups.setdefault(key, []).append(span)
        groups.setdefault((*key, "" if generic else context.measured), []).append(span)
    for key, spans in groups.items():
        measured = {s._.context.measured for s in spans} - {key[0]}
        if len(key) == 4 and len(measured) != 1:
            continue  # different things with the same figure; their own groups handle them
        contexts = [s._.context for s in spans]
        parties = {c.party.lower() for c in contexts if c.party}
        party = next((c.party for c in contexts if c.party), None) if len(parties) == 1 else None
        provisional = any(PROVISIONAL in c.scope for c in contexts)
        for span in spans:
            context = span._.context
            if party and context.party is None:
                context = replace(context, party=party)
            if provisional and PROVISIONAL not in context.scope and context.party in (None, party):
                context = replace(context, scope=tuple(sorted({*context.scope, PROVISIONAL})))
            span._.context = context
