"""Finding fingerprints are what a finding means, not the rows or the words it was found in:
a re-worded sentence, a repeat of the same figure, a relabelled outlet or a corpus whose main
event shifts changes none; two different findings never share one."""

from __future__ import annotations

from dataclasses import replace

from app.compare.facts import ClaimFacts
from app.compare.findings import compare_corpus
from app.compare.value_findings import CompareOptions
from app.services.identity import (
    claim_fingerprint,
    draft_meaning,
    fingerprints,
    outlet_key,
    unique_key,
)
from tests.compare.support import at, claim, value

NOON = at(12)
EVENTS = CompareOptions(event_concepts=frozenset({"earthquake", "flood"}))


def prints(*claims: ClaimFacts) -> list[str]:
    drafts = compare_corpus(list(claims), options=EVENTS).findings
    return sorted(fingerprints([draft_meaning(d) for d in drafts]))


def test_rewording_the_sentence_around_a_figure_keeps_the_fingerprint() -> None:
    # A new engine that cuts claims differently: other text, other claim fingerprint, other
    # quote ("78 muertos" / "78 fallecidos"); the same two figures of the same two outlets.
    a = claim("A", value(low=78, text="78 muertos"), published=NOON, text="Hubo 78 muertos.")
    b = claim("B", value(low=87), published=NOON)
    reworded = replace(
        a,
        text="Según el balance, hubo 78 fallecidos en total.",
        fingerprint=claim_fingerprint("a", "Según el balance, hubo 78 fallecidos en total."),
        values=(replace(a.values[0], text="78 fallecidos", unit="fallecido"),),
    )
    assert len(prints(a, b)) == 1
    assert prints(a, b) == prints(reworded, b)


def test_a_relabelled_outlet_with_the_same_key_keeps_the_fingerprint() -> None:
    a = claim("A", value(low=78), published=NOON)
    b = claim("B", value(low=87), published=NOON)
    assert prints(a, b) == prints(replace(a, source="Diario del Norte"), b)
    assert prints(a, b) != prints(replace(a, outlet="another-outlet"), b)


def test_the_corpus_main_event_does_not_rename_a_finding() -> None:
    # The same two tolls; once the corpus is mostly about the earthquake (its main event,
    # dropped from every scope) and once mostly about a flood (then the earthquake stays in
    # the slot's scope): the slot's text changes, the finding does not.
    a = claim("A", value(low=78, scope=("event:earthquake",)), published=NOON)
    b = claim("B", value(low=87, scope=("event:earthquake",)), published=NOON)
    floods = [
        claim(o, value(kind="date", low=19000, measured="flood"), published=NOON) for o in "CDE"
    ]
    alone = compare_corpus([a, b], options=EVENTS).findings
    among = [
        d
        for d in compare_corpus([a, b, *floods], options=EVENTS).findings
        if d.slot.startswith("count")
    ]
    assert alone[0].slot != among[0].slot
    assert fingerprints([draft_meaning(d) for d in alone]) == fingerprints(
        [draft_meaning(d) for d in among]
    )


def test_the_same_figures_in_two_scopes_are_two_findings() -> None:
    a = claim("A", value(low=5), value(low=5, scope=("at:capital",)), published=NOON)
    b = claim("B", value(low=7), value(low=7, scope=("at:capital",)), published=NOON)
    found = prints(a, b)
    assert len(found) == 2 and len(set(found)) == 2


def test_outlet_keys_are_slugs_made_unique() -> None:
    assert outlet_key("El País") == "el-pais"
    assert outlet_key("¡¡!!") == "outlet"
    assert unique_key("el-pais", {"el-pais", "el-pais-2"}) == "el-pais-3"
