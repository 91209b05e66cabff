"""What one corpus names several ways, found from its figures: when one outlet gives 2.870
"reclusos" and another 2.870 "internos", or one has "el vertido" start at 23.40 and
another "el derrame", the two words name one thing in this coverage. No word list can
know that "el corte" is the blackout or "los custodios" the guards; the figures can.

Precision first: a link needs a figure too particular to be a coincidence (2.870, 23.41;
not 200, 1 million or 10.15), given by two different outlets under the same restriction,
scope and modality. Counts and clock times coincide most (14 ambulances and 14 injured,
the first call at the minute of the crash), so for them one coincidence is not enough:
two pairs of values must meet. Two words an article gives figures of that cannot be the
same are two things; two concepts of the language data are never merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.compare.facts import ClaimFacts, ValueFacts

# Families whose figures identify what they measure when they are particular enough.
FIGURE_FAMILIES = frozenset(
    {"count", "volume", "flow", "mass", "length", "area", "money", "percent", "time"}
)
# Families whose particular figures still coincide by chance: a link needs two meetings.
COINCIDENT_FAMILIES = frozenset({"count", "time", "percent"})
MEETINGS_NEEDED = 2
# The least figure that is particular: small counts (3 dead, 4 trapped) coincide.
LEAST_PARTICULAR = 10
# Clock times on the quarter hour are as common as round figures.
ROUND_SECONDS = 900
# Significant digits that make a figure particular: 2.870 and 31, not 200 or 1 million; a
# figure of two ending in 5 (15 %, 25.000) is as round as one ending in 0.
PARTICULAR_DIGITS = 2


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
    mantissa = f"{abs(figure):.9e}".split("e")[0].replace(".", "").rstrip("0")
    if len(mantissa) < PARTICULAR_DIGITS:
        return None
    if len(mantissa) == PARTICULAR_DIGITS and mantissa.endswith("5"):
        return None
    return figure


def figure_synonyms(
    placed: Sequence[Placed], concepts: frozenset[str], vague: frozenset[str] = frozenset()
) -> dict[tuple[str, str], str]:
    """(family, measured word) -> the word that stands for its group in this corpus. A
    figure is evidence for its own family only: the lava flow that began when the eruption
    did may reach the sea on another day. ``vague`` words say nothing of what they measure
    ("la cifra", "hablaba de 300"), nor does the kind itself ("el volumen"), nor the
    figure's own party: no figure is evidence for them."""
    synonyms: dict[tuple[str, str], str] = {}
    for family in sorted({p.context[0] for p in placed}):
        of_family = [
            p
            for p in placed
            if p.context[0] == family
            and p.measured not in vague
            and p.measured != p.value.kind
            and not _names_party(p)
        ]
        needed = MEETINGS_NEEDED if family in COINCIDENT_FAMILIES else 1
        for word, canonical in _family_synonyms(of_family, concepts, needed).items():
            synonyms[(family, word)] = canonical
    return synonyms


def _family_synonyms(
    placed: Sequence[Placed], concepts: frozenset[str], needed: int
) -> dict[str, str]:
    meetings: Counter[tuple[str, str]] = Counter()
    by_figure: dict[tuple, list[Placed]] = {}
    in_article: dict[tuple, dict[str, list[ValueFacts]]] = {}
    for p in placed:
        figure = particular_figure(p.context[0], p.value)
        if figure is not None:
            by_figure.setdefault((*p.context, figure), []).append(p)
        # Within one slot context: "2.870 reclusos" and "200 internos participaron" in one
        # article are the whole and a part, not two things.
        article = in_article.setdefault((p.claim.article, *p.context), {})
        article.setdefault(p.measured, []).append(p.value)
    for group in by_figure.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                apart = a.measured != b.measured and a.claim.outlet != b.claim.outlet
                if apart and not (a.measured in concepts and b.measured in concepts):
                    meetings[_pair(a.measured, b.measured)] += 1
    links = {pair for pair, n in meetings.items() if n >= needed}
    # One article giving the two words figures that cannot be one ("unos 1.300
    # evacuados" and "unos 60 incomunicados") counts them as two things.
    vetoes = {
        _pair(x, y)
        for words in in_article.values()
        for x, xs in words.items()
        for y, ys in words.items()
        if x < y and not any(_overlap(u, v) for u in xs for v in ys)
    }
    counts = Counter(p.measured for p in placed)
    return _groups(links, vetoes, concepts, lambda w: (w in concepts, counts[w], w))


def _overlap(a: ValueFacts, b: ValueFacts) -> bool:
    low_a = a.low if a.low is not None else float("-inf")
    low_b = b.low if b.low is not None else float("-inf")
    high_a = a.high if a.high is not None else float("inf")
    high_b = b.high if b.high is not None else float("inf")
    return low_a <= high_b and low_b <= high_a


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


def participle_verbs(
    words: Iterable[str], endings: Sequence[tuple[str, tuple[str, ...]]]
) -> dict[str, str]:
    """A participle's word -> its verb, when the corpus measures by that verb too: one
    outlet's "12 vecinos evacuados" and another's "evacuaron a 15 vecinos" count one
    thing. ``endings``: participle ending -> the infinitive endings to try (("ado",
    ("ar",)), ("ido", ("er", "ir")))."""
    known = set(words)
    verbs: dict[str, str] = {}
    for word in sorted(known):
        for ending, infinitives in endings:
            if not word.endswith(ending) or " " in word:
                continue
            found = [v for e in infinitives if (v := word[: -len(ending)] + e) in known]
            if len(found) == 1:
                verbs[word] = found[0]
    return verbs
