"""What one corpus names several ways, found from its figures: when one outlet gives 2.870
"reclusos" and another 2.870 "internos", or one has "el vertido" start at 23.40 and
another "el derrame", the two words name one thing in this coverage. No word list can
know that "el corte" is the blackout or "los custodios" the guards; the figures can.

Precision first: a link needs a figure too particular to be a coincidence (2.870, 23.40;
not 200 or 10.00), given by two different outlets under the same restriction, scope and
modality; two words an outlet gives different figures of in one article are two things,
and two concepts of the language data are never merged (31 dead and 31 injured happen).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.compare.facts import ClaimFacts, ValueFacts

# Families whose figures identify what they measure when they are particular enough.
FIGURE_FAMILIES = frozenset(
    {"count", "volume", "flow", "mass", "length", "area", "money", "percent", "time"}
)
# The least figure that is particular: small counts (3 dead, 4 trapped) coincide.
LEAST_PARTICULAR = 10
# A clock time on the hour or half hour is as common as a round figure.
ROUND_SECONDS = 1800


@dataclass(frozen=True, slots=True)
class Placed:
    """A value with the slot it would have but for what it measures."""

    claim: ClaimFacts
    value: ValueFacts
    measured: str
    context: tuple  # family, restriction, aspect, scope, modality, unit


def particular_figure(family: str, value: ValueFacts) -> float | None:
    """The value's figure when it is exact and too particular to be a coincidence."""
    if family not in FIGURE_FAMILIES or value.bound is not None:
        return None
    if value.low is None or value.low != value.high:
        return None
    figure = value.low
    if family == "time":
        return figure if figure % ROUND_SECONDS else None
    if abs(figure) < LEAST_PARTICULAR:
        return None
    digits = f"{abs(figure):.6g}".replace(".", "").replace("e", "").strip("0")
    return figure if len(digits) >= 2 else None


def figure_synonyms(
    placed: Sequence[Placed], concepts: frozenset[str], vague: frozenset[str] = frozenset()
) -> dict[tuple[str, str], str]:
    """(family, measured word) -> the word that stands for its group in this corpus. A
    figure is evidence for its own family only: the lava flow that began when the eruption
    did may reach the sea on another day. ``vague`` words say nothing of what they measure
    ("la cifra", "hablaba de 300"): no figure is evidence for them."""
    synonyms: dict[tuple[str, str], str] = {}
    for family in sorted({p.context[0] for p in placed}):
        of_family = [
            p
            for p in placed
            if p.context[0] == family and p.measured not in vague and not _names_party(p)
        ]
        for word, canonical in _family_synonyms(of_family, concepts).items():
            synonyms[(family, word)] = canonical
    return synonyms


def _family_synonyms(placed: Sequence[Placed], concepts: frozenset[str]) -> dict[str, str]:
    links: set[tuple[str, str]] = set()
    by_figure: dict[tuple, list[Placed]] = {}
    figures_in_article: dict[tuple, dict[str, set[float | None]]] = {}
    for p in placed:
        family = p.context[0]
        figure = particular_figure(family, p.value)
        if figure is not None:
            by_figure.setdefault((*p.context, figure), []).append(p)
        exact = p.value.low if p.value.low == p.value.high else None
        article = figures_in_article.setdefault((p.claim.article, *p.context), {})
        article.setdefault(p.measured, set()).add(exact)
    for group in by_figure.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                apart = a.measured != b.measured and a.claim.outlet != b.claim.outlet
                if apart and not (a.measured in concepts and b.measured in concepts):
                    links.add(_pair(a.measured, b.measured))
    vetoes = {
        _pair(x, y)
        for words in figures_in_article.values()
        for x, xs in words.items()
        for y, ys in words.items()
        if x < y and not (xs & ys)
    }
    counts = Counter(p.measured for p in placed)
    return _groups(links, vetoes, concepts, lambda w: (w in concepts, counts[w], w))


def _names_party(placed: Placed) -> bool:
    """A measured word that is who gives the figure ("la Delegación cifró en 30.000…"):
    a misreading, no evidence of what is measured."""
    party = (placed.value.party or "").lower()
    return bool(party) and placed.measured.lower() in party.split()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _groups(
    links: set[tuple[str, str]],
    vetoes: set[tuple[str, str]],
    concepts: frozenset[str],
    rank: Callable[[str], tuple],
) -> dict[str, str]:
    """Union of linked words, refusing any union that would join a vetoed pair or two
    concepts (a plain word linked to both "pasajeros" and "asistentes" joins neither)."""
    group: dict[str, set[str]] = {}
    for a, b in sorted(links):
        ga, gb = group.get(a, {a}), group.get(b, {b})
        if ga is gb or any(_pair(x, y) in vetoes for x in ga for y in gb):
            continue
        if (ga & concepts) and (gb & concepts):
            continue
        joined = ga | gb
        for word in joined:
            group[word] = joined
    canonical: dict[str, str] = {}
    for word, members in group.items():
        canonical[word] = max(members, key=rank)
    return {w: c for w, c in canonical.items() if w != c}
