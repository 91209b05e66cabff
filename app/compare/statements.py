"""Certainty findings: two outlets that state the same proposition with different
certainty (one asserts the arms transfer, the other reports it denied).

Only claims sharing a proposition (app/nlp/propositions.py) are compared, each with the
certainty it gives that proposition; a proposition only mentioned ("en cuanto a un
acuerdo, dijo que...") is never compared. Claims attributed to two different parties
are a dispute between the parties, not a conflict between the outlets. Claims that give
the same thing different figures state different things ("la lava cubre 97 hectáreas",
"el satélite calcula que cubre 64"): their figures are compared, not their certainty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.compare.facts import ClaimFacts, FindingDraft, PropositionFacts
from app.compare.parties import different_parties, unnamed_source
from app.compare.relate import relate
from app.compare.value_findings import quote, speaker
from app.nlp.proposition_keys import named

MENTIONED = "mentioned"
DENIED = "denied"
QUALIFIED = frozenset({DENIED, "hedged"})
CERTAINTY_CONFLICTS = {
    frozenset({"asserted", "denied"}): "hard",
    frozenset({"asserted", "hedged"}): "soft",
}
CERTAINTY_WORDS = {
    "asserted": "asserts",
    "hedged": "reports as speculation or unconfirmed",
    "denied": "reports as denied",
}


@dataclass(frozen=True, slots=True)
class StatementEntry:
    claim: ClaimFacts
    proposition: PropositionFacts


def _agents_agree(a: PropositionFacts, b: PropositionFacts) -> bool:
    """ "Rusia envió armas" and "EE. UU. envió armas" are different statements; agents
    named by common nouns ("los guardias", "su personal") may be one another."""
    return not (named(a.agent) and named(b.agent)) or a.agent == b.agent


def _doubt_on_who(a: PropositionFacts, b: PropositionFacts) -> bool:
    """ "negó que sus guardias abrieran la verja" against "la verja se abrió": what is
    denied or doubted is who did it, which the other does not say."""
    return any(
        x.certainty in QUALIFIED and x.agent and not y.agent and y.certainty == "asserted"
        for x, y in ((a, b), (b, a))
    )


def relate_certainty(a: str, b: str) -> tuple[str, str | None] | None:
    if MENTIONED in (a, b):
        return None
    if a == b:
        return "agreement", None
    severity = CERTAINTY_CONFLICTS.get(frozenset({a, b}))
    return ("conflict", severity) if severity else None


def _own_voice_first(entry: StatementEntry) -> tuple:
    return (entry.proposition.party is not None, entry.claim.source, entry.claim.fingerprint)


def compare_statement(
    topic: str,
    label: str,
    key: str,
    entries: Sequence[StatementEntry],
    anaphoric: frozenset[str] = frozenset(),
) -> list[FindingDraft]:
    """One finding per pair of outlets and kind of relation: the claims in the outlets'
    own voice are preferred as its two sides."""
    ordered = sorted(entries, key=_own_voice_first)
    drafts: dict[tuple, FindingDraft] = {}
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.claim.source == b.claim.source or not _agents_agree(a.proposition, b.proposition):
                continue
            if _doubt_on_who(a.proposition, b.proposition):
                continue
            if _different_figures(a.claim, b.claim):
                continue
            relation = relate_certainty(a.proposition.certainty, b.proposition.certainty)
            if relation is None:
                continue
            kind, severity = relation
            parties = (a.proposition.party, b.proposition.party)
            if severity == "soft" and any(map(_a_partys_doubt, (a, b))):
                continue
            if kind == "conflict" and different_parties(*parties, anaphoric):
                kind = "dispute"
            first, second = sorted((a, b), key=lambda e: e.claim.source)
            identity = (first.claim.source, second.claim.source, kind, severity)
            if identity not in drafts:
                drafts[identity] = _draft(topic, label, key, first, second, kind, severity)
    return list(drafts.values())


def _a_partys_doubt(entry: StatementEntry) -> bool:
    """ "El ministerio estima que el paro habría costado…", "varios testigos creen que…":
    a party that is not sure is no outlet doubting what another asserts. Unnamed sources
    are the outlet's own way of reporting the unconfirmed ("según fuentes del Gobierno,
    estaría dispuesto a…"): that doubt is the outlet's."""
    proposition = entry.proposition
    return (
        proposition.certainty == "hedged"
        and proposition.party is not None
        and not unnamed_source(proposition.party)
    )


def _different_figures(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both claims measure something the same way and no figure of one agrees with one of
    the other."""
    pairs = [
        (x, y)
        for x in a.values
        for y in b.values
        if x.kind == y.kind and x.measured and x.measured == y.measured and x.unit == y.unit
    ]
    return bool(pairs) and all(relate(x, y).kind == "conflict" for x, y in pairs)


def _draft(
    topic: str,
    label: str,
    key: str,
    a: StatementEntry,
    b: StatementEntry,
    kind: str,
    severity: str | None,
) -> FindingDraft:
    def side(entry: StatementEntry) -> str:
        words = CERTAINTY_WORDS[entry.proposition.certainty]
        return f"{speaker(entry.claim, entry.proposition.party)} {words} {quote(entry.claim.text)}"

    verdict = {
        "agreement": "both report it the same way",
        "conflict": f"{severity} conflict of certainty",
        "dispute": "the parties disagree; the outlets report them",
    }[kind]
    return FindingDraft(
        topic=topic,
        kind=kind,
        severity=severity,
        basis="certainty",
        claim_a=a.claim,
        claim_b=b.claim,
        explanation=f"{label}: {side(a)}; {side(b)} — {verdict}.",
        slot=key,
        certainty_a=a.proposition.certainty,
        certainty_b=b.proposition.certainty,
        party_a=a.proposition.party,
        party_b=b.proposition.party,
    )
