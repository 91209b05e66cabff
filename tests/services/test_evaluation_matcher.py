"""How ``cotejo eval`` matches a finding to a gold entry (app/services/evaluation.py)."""

from __future__ import annotations

from app.services.evaluation import ClaimText, Matcher, Produced
from app.services.gold import GoldFinding, Ref

CLAIMS = [
    ClaimText(1, "Diario A", "Los bomberos descartan que una vela causara el fuego.", 0),
    ClaimText(
        2, "Diario A", "El jefe de bomberos descartó que una vela estuviera en el origen.", 60
    ),
    ClaimText(3, "Diario B", "El fuego lo provocó una vela.", 0),
]
PROPOSITIONS = {1: {("cause>vela", "denied")}, 2: {("cause>vela", "denied")},
                3: {("cause>vela", "asserted")}}  # fmt: skip
GOLD = GoldFinding(
    "cause", "conflict", "hard",
    Ref("Diario B", "El fuego lo provocó una vela"),
    Ref("Diario A", "descartó que una vela estuviera en el origen"),
)  # fmt: skip


def finding(claim_a: int, statement_a: tuple[str, str] | None) -> Produced:
    return Produced(
        1, "hard", claim_a, 3, None, None, "", None, None, statement_a, ("cause>vela", "asserted")
    )


def test_another_sentence_of_the_outlet_stating_the_same_thing_matches() -> None:
    matcher = Matcher(CLAIMS, {}, PROPOSITIONS)
    # The engine chose the headline (claim 1), the gold the body (claim 2).
    assert matcher.matches(finding(1, ("cause>vela", "denied")), GOLD)


def test_a_sentence_stating_it_with_another_certainty_does_not() -> None:
    matcher = Matcher(CLAIMS, {}, PROPOSITIONS)
    assert not matcher.matches(finding(1, ("cause>vela", "hedged")), GOLD)
    assert not matcher.matches(finding(1, ("cause>rayo", "denied")), GOLD)
    assert not matcher.matches(finding(1, None), GOLD)
