"""How two values of one slot relate: agreement, agreement at a different precision, or a
soft or hard conflict.

Each value has its *strict* interval (what it asserts: "más de dos horas" is
[2 h, open)) and its *likely* interval (what a reader takes it to mean: somewhat more
than two hours, below the next round figure, so (2 h, 3 h)). The rules:

- strict intervals disjoint: **hard** conflict (42 vs "al menos 57"; Wednesday vs Thursday),
  but **soft** when one is an approximate round figure one step of its precision from the
  other ("unas dos horas" vs "tres horas");
- the same interval: **agreement**;
- one contains the other and the narrower one lies within the wider one's likely
  interval: **agreement at a different precision** ("2021" vs "mayo de 2021", "unas
  tres horas" vs "tres horas", "más de 300" vs 350);
- the same round figure, once plain or approximate and once as a floor: **agreement at a
  different precision** ("20.000" vs "más de 20.000", "unas seis horas" vs "más de
  seis horas"), as outlets round a count down to its round figure; "casi 40" still
  stops short of 40;
- an approximate figure that lies just above a floor, or just below a ceiling, that itself
  lies within the approximation: **agreement at a different precision** ("unos 6,1
  millones" vs "más de seis millones");
- two estimates bounded on both sides, the approximate figure inside the other:
  **agreement at a different precision** ("hacia las 14.20" vs "poco después de las dos");
- otherwise they overlap: **soft** conflict ("más de dos horas" vs "tres horas":
  three hours is not "somewhat more than two"; "más de 300" vs "más de 500").
"""

from __future__ import annotations

from dataclasses import dataclass

from app.compare.facts import ValueFacts
from app.nlp.kinds import MONEY, PHYSICAL_KINDS

INF = float("inf")
# Measures of one thing do not differ a hundredfold: "un cuarto de siglo" and "dos minutos"
# under one slot are two lengths of time the slot failed to tell apart, not a conflict.
WORLDS_APART = 100.0
# Sums of money a millionfold apart are a price and a total ("3,20 euros" a share and
# "12.000 millones" the bid), not two readings of one sum; a thousandfold may be one sum
# misread ("12.000 euros" and "12 millones", "3.000 millones" and "3 billones").
MONEY_APART = 1_000_000.0
# How far inside an open bound the likely interval stops: "más de 4" excludes 4 itself
# and the next round figure 5.
EPSILON = 1e-6
FLOORS = frozenset({"more_than", "at_least"})
CEILINGS = frozenset({"less_than", "at_most"})


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # agreement | conflict
    severity: str | None  # hard | soft for conflicts
    note: str = ""  # "different precision" for agreements that are not identical


AGREEMENT = Relation("agreement", None)
PRECISION = Relation("agreement", None, "different precision")
SOFT = Relation("conflict", "soft")
HARD = Relation("conflict", "hard")


def strict(v: ValueFacts) -> tuple[float, float]:
    return (-INF if v.low is None else v.low, INF if v.high is None else v.high)


def likely(v: ValueFacts) -> tuple[float, float]:
    """The interval a reader takes the value to mean (see the module docstring)."""
    low, high = strict(v)
    figure, step = v.nominal, v.step
    if figure is None or not step:
        return low, high
    gap = step * EPSILON
    if v.bound == "more_than":
        return figure + gap, figure + step - gap
    if v.bound == "at_least":
        return figure, figure + step - gap
    if v.bound == "less_than":
        return figure - step + gap, figure - gap
    if v.bound == "at_most":
        return figure - step + gap, figure
    if v.bound == "almost":
        return low, figure - gap
    return low, high


def _within(inner: tuple[float, float], outer: tuple[float, float]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def one_step_from_approximate(a: ValueFacts, b: ValueFacts) -> bool:
    """ "unas dos horas" vs "tres horas": a round figure given as approximate, one step
    of its own precision from the other; a reader sees a loose estimate, not a flat
    contradiction. The other is read as its reader takes it: "más de 50" lies beyond
    one step of "unos 40", "al menos 50" does not."""
    for approximate, other in ((a, b), (b, a)):
        if approximate.bound != "about" or approximate.nominal is None or not approximate.step:
            continue
        near, far = likely(other)
        if max(near - approximate.nominal, approximate.nominal - far) <= approximate.step:
            return True
    return False


def worlds_apart(a: ValueFacts, b: ValueFacts) -> bool:
    """Physical measures a hundredfold apart, sums of money a millionfold (counts may be:
    a police and an organisers' crowd figure)."""
    money = a.kind == b.kind == MONEY
    if not money and (a.kind not in PHYSICAL_KINDS or b.kind not in PHYSICAL_KINDS):
        return False
    factor = MONEY_APART if money else WORLDS_APART
    # One's floor that many times the other's ceiling, also with no ceiling of its own
    # ("más de un siglo" and "tres horas"); an open floor's ceiling is its figure, read
    # pragmatically ("más de dos horas" and "una década").
    return any(
        x.low is not None and (top := _ceiling(y)) is not None and top > 0 and x.low / top >= factor
        for x, y in ((a, b), (b, a))
    )


def _ceiling(v: ValueFacts) -> float | None:
    if v.high is not None:
        return v.high
    return v.nominal if v.bound in FLOORS else None


def _figure(v: ValueFacts) -> float | None:
    if v.nominal is not None:
        return v.nominal
    return v.low if v.low is not None and v.low == v.high else None


def same_round_figure(a: ValueFacts, b: ValueFacts) -> bool:
    """ "400.000" and "más de 400.000": one figure, given once as a floor."""
    figure = _figure(a)
    if figure is None or figure != _figure(b):
        return False
    bounds = {a.bound, b.bound}
    return bool(bounds & FLOORS) and bounds <= FLOORS | {None, "about"}


def approximately_past_a_bound(a: ValueFacts, b: ValueFacts) -> bool:
    """ "unos 6,1 millones" and "más de seis millones": the estimate is where the floor's
    reader puts it, and the floor is inside the estimate's margin."""
    for approximate, bounded in ((a, b), (b, a)):
        if approximate.bound != "about" or approximate.nominal is None:
            continue
        if bounded.bound not in FLOORS | CEILINGS or bounded.nominal is None or not bounded.step:
            continue
        low, high = likely(bounded)
        near = strict(approximate)
        past = approximate.nominal != bounded.nominal  # "unos 400" / "más de 400" is above
        if past and low <= approximate.nominal <= high and near[0] <= bounded.nominal <= near[1]:
            return True
    return False


def two_estimates_of_one_figure(a: ValueFacts, b: ValueFacts) -> bool:
    """ "hacia las 14.20" and "poco después de las dos": two loose estimates, each bounded
    on both sides, where the approximate figure lies inside the other; "unos 40" and
    "casi 45" do not meet so, nor does "unos 400" the open "más de 300"."""
    for approximate, other in ((a, b), (b, a)):
        if approximate.bound != "about" or approximate.nominal is None or other.bound is None:
            continue
        low, high = strict(other)
        if low > -INF and high < INF and low < approximate.nominal < high:
            return True
    return False


def relate(a: ValueFacts, b: ValueFacts) -> Relation:
    sa, sb = strict(a), strict(b)
    if sa[1] < sb[0] or sb[1] < sa[0]:
        return SOFT if one_step_from_approximate(a, b) else HARD
    if sa == sb:
        return AGREEMENT
    if _within(sb, sa) and _within(likely(b), likely(a)):
        return PRECISION
    if _within(sa, sb) and _within(likely(a), likely(b)):
        return PRECISION
    if same_round_figure(a, b) or approximately_past_a_bound(a, b):
        return PRECISION
    if two_estimates_of_one_figure(a, b):
        return PRECISION
    return SOFT
