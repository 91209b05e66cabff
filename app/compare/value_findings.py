"""Findings between the values of one slot: conflicts between outlets, disputes between
parties, updates over time, and agreements.

Every distinct disagreement is kept (no masking): if outlet A gives 42 and 45 and outlet
B gives 57, both 42-vs-57 and 45-vs-57 are findings. Repeats of the same figures between
the same two outlets are one finding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.compare.describe import format_interval
from app.compare.facts import ClaimFacts, FindingDraft, ValueFacts
from app.compare.instances import IDENTITY_FAMILIES, different_occurrences
from app.compare.parties import different_parties, later_of, party_words, same_day, same_party
from app.compare.readings import moment_of, reading_order
from app.compare.relate import Relation, relate, worlds_apart
from app.compare.slots import SlotEntry, SlotKey, value_pair

SNIPPET_CHARS = 90
VAGUE = "vague"
PROVISIONAL = "provisional"
INFERRED_ORDER = "publication times unknown: taken as successive balances (smaller first)"
UNKEPT = "later reports went back to the figure before it"
# Figures of an event's past (a date, a clock time) do not move with later reports.
FIXED_FAMILIES = frozenset({"when", "time"})

# Of an event, these only grow: its count (aftershocks) and the area it covered.
GROWING_FAMILIES = frozenset({"count", "area"})


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Language knowledge comparison needs, read from data by the caller."""

    may_decrease: frozenset[str] = frozenset()  # counts that can fall over time (missing)
    event_concepts: frozenset[str] = frozenset()
    owned_concepts: frozenset[str] = frozenset()  # votes, seats, sentences: someone's
    evolving: frozenset[str] = frozenset()  # what later reports revise: tolls, estimates
    anaphoric_parties: frozenset[str] = frozenset()  # "el organismo": may be a named party
    # (concept, concept it entails): asserting a collapse asserts damage.
    implies: frozenset[tuple[str, str]] = frozenset()
    # Words for whatever the story is about ("los hechos"): they stand for its main event.
    story_concepts: frozenset[str] = frozenset()
    calamities: frozenset[str] = frozenset()  # disasters: one coverage's are one event
    # Every concept the language data names; a measured word outside them is the corpus's
    # own ("lava", "hectárea cultivada").
    concepts: frozenset[str] = frozenset()
    # Concepts of people counted in several roles (inmates who rioted, escaped, died): like
    # a plain noun, they do not say which role a count is of.
    role_concepts: frozenset[str] = frozenset()
    # A figure of one person (an age): it compares only where a name says whose.
    personal_concepts: frozenset[str] = frozenset()
    # Words that say nothing of what a figure measures ("cifra", "hablar"): no evidence
    # that two words name one thing (synonyms.py).
    vague_measures: frozenset[str] = frozenset()
    # Clock-time zone labels and their tz database names (("cet", "Europe/Madrid"), ...).
    zone_names: tuple[tuple[str, str], ...] = ()
    # Participle ending -> infinitive endings (("ado", ("ar",)), ...): "evacuado" -> "evacuar".
    participle_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()


def quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1].rstrip() + "…"
    return f"“{text}”"


def speaker(claim: ClaimFacts, party: str | None) -> str:
    return f"{claim.source} (citing {party})" if party else claim.source


def _shown(value: ValueFacts) -> str:
    return format_interval(value.kind, value.low, value.high, value.unit)


def _adopted(entries: Sequence[SlotEntry], options: CompareOptions) -> dict[tuple, str]:
    """Where parties dispute a slot, the figures each party gives: an outlet giving one
    of them in its own voice states that party's figure as fact."""
    found: dict[tuple, str] = {}
    for entry in entries:
        if entry.value.party:
            found.setdefault((entry.value.low, entry.value.high), entry.value.party)
    parties = list(found.values())
    disputed = any(
        different_parties(a, b, options.anaphoric_parties)
        for i, a in enumerate(parties)
        for b in parties[i + 1 :]
    )
    return found if disputed else {}


def _supersedes(
    earlier: ValueFacts,
    later: ValueFacts,
    key: SlotKey,
    options: CompareOptions,
    readings: bool = False,
) -> bool:
    """A later figure of something reports revise supersedes an earlier one, unless a
    count that only grows fell. Figures read at stated moments (``readings``) are of
    something that changes, whatever it is."""
    if key.family in FIXED_FAMILIES:
        return False
    evolving = readings or key.measured in options.evolving or _accumulates(key, options)
    if PROVISIONAL in earlier.scope:
        return True  # a first estimate may be corrected either way
    if not evolving:
        return False
    if key.family in GROWING_FAMILIES and key.measured not in options.may_decrease:
        lo_e = earlier.low if earlier.low is not None else float("-inf")
        lo_l = later.low if later.low is not None else float("-inf")
        return lo_l >= lo_e
    return True


def compare_slot(
    topic: str,
    label: str,
    key: SlotKey,
    entries: Sequence[SlotEntry],
    options: CompareOptions,
    occurrence: Mapping[int, int] | None = None,
) -> list[FindingDraft]:
    """Findings between the values of one slot. ``occurrence`` numbers the claims of
    events that occur several times (app/compare/instances.py): the attributes of two
    different occurrences are never compared."""
    occurrence = occurrence or {}
    identifying = key.family in IDENTITY_FAMILIES
    ordered = sorted(entries, key=lambda e: (e.claim.source, e.claim.fingerprint, e.value.text))
    # A party's figure stated as fact: for quantities, where parties dispute them.
    adopted = _adopted(ordered, options) if key.family not in FIXED_FAMILIES else {}
    provisional = _provisional_figures(ordered)
    at_odds = _parties_at_odds(ordered, options)
    spikes = _spikes(ordered, key, options)
    drafts: list[FindingDraft] = []
    seen: set[tuple] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if identifying and different_occurrences(a, b, occurrence):
                continue
            draft = _compare(
                topic, label, key, a, b, adopted, provisional, at_odds, spikes, options
            )
            if draft is None:
                continue
            identity = (
                draft.claim_a.source,
                draft.claim_b.source,
                draft.kind,
                (draft.value_a.low, draft.value_a.high),  # type: ignore[union-attr]
                (draft.value_b.low, draft.value_b.high),  # type: ignore[union-attr]
                draft.party_a,
                draft.party_b,
            )
            if identity not in seen:
                seen.add(identity)
                drafts.append(draft)
    return _drop_revised_disputes(drafts)


def _drop_revised_disputes(drafts: list[FindingDraft]) -> list[FindingDraft]:
    """A party's figure that the party itself later revised disputes nothing any more:
    the police's first 60.000 is no longer set against the organisers' 400.000."""
    revised = {
        (party_words(d.party_a), _figure(d.value_a))
        for d in drafts
        if d.kind == "update" and same_party(d.party_a, d.party_b)
    }
    return [
        d
        for d in drafts
        if d.kind != "dispute"
        or not {
            (party_words(d.party_a), _figure(d.value_a)),
            (party_words(d.party_b), _figure(d.value_b)),
        }
        & revised
    ]


def _figure(value: ValueFacts | None) -> tuple:
    return (value.low, value.high) if value is not None else ()


def _compare(
    topic: str,
    label: str,
    key: SlotKey,
    a: SlotEntry,
    b: SlotEntry,
    adopted: dict[tuple, str],
    provisional: set[tuple],
    at_odds: list[tuple[str, str]],
    spikes: Mapping[int, list[ValueFacts]],
    options: CompareOptions,
) -> FindingDraft | None:
    pair = value_pair(a.value, b.value)
    if pair is None:
        return None
    relation = relate(*pair)
    if relation.kind == "conflict" and VAGUE in (a.value.bound, b.value.bound):
        return None  # "miles de personas" is an order of magnitude, no figure to contradict
    if relation.kind == "conflict" and worlds_apart(*pair):
        return None  # "un cuarto de siglo" and "dos minutos" were never the same length
    party_a = a.value.party or adopted.get((a.value.low, a.value.high))
    party_b = b.value.party or adopted.get((b.value.low, b.value.high))
    note = _adoption_note(a, party_a) or _adoption_note(b, party_b)
    same_outlet = a.claim.source == b.claim.source
    # A provisional figure is revised by a firm one, whenever each was published: an
    # outlet may repeat the first estimate after others carried the revision.
    order = _provisional_order(a, b, provisional) if same_party(party_a, party_b) else 0
    if order == 0 and a.claim.article != b.claim.article:
        order = later_of(a.claim, b.claim)
    if relation.kind == "conflict" and order == 0 and _order_unknown(a.claim, b.claim):
        order = _growth_order(a.value, b.value, key, options)
        if order:
            note = "; ".join(n for n in (note, INFERRED_ORDER) if n)
    if relation.kind == "conflict" and order == 0:
        order = _provisional_order(a, b, provisional)
    # "a las 9.00 el agua estaba a 27 metros" and, later, "bajó a 19 metros": readings of
    # a changing state are ordered by when they were read, and one moment's contradict.
    readings = moment_of(a.value) is not None or moment_of(b.value) is not None
    if readings and a.claim.article != b.claim.article:
        reading = reading_order(a.claim, a.value, b.claim, b.value)
        order = order if reading is None else reading
    # Parties that contradict each other side by side dispute the figure at every moment:
    # the organisers' later, higher crowd figure is no update of the police's.
    if relation.kind == "conflict" and _in_dispute(party_a, party_b, at_odds):
        return _draft(topic, label, key, a, b, relation, "dispute", note, party_a, party_b)
    # Reports of different moments first: a toll that rose is an update whoever gave it.
    if relation.kind == "conflict" and order != 0:
        earlier, later = (a, b) if order > 0 else (b, a)
        back = spikes.get(later.value.id, ())
        if any(_agree(earlier.value, z) for z in back):
            note = "; ".join(n for n in (note, UNKEPT) if n)
        elif _supersedes(earlier.value, later.value, key, options, readings):
            pa, pb = (party_a, party_b) if order > 0 else (party_b, party_a)
            return _draft(topic, label, key, earlier, later, relation, "update", note, pa, pb)
    if different_parties(party_a, party_b, options.anaphoric_parties):
        if relation.kind == "agreement":
            if same_outlet:
                return None
            return _draft(topic, label, key, a, b, relation, "agreement", note, party_a, party_b)
        return _draft(topic, label, key, a, b, relation, "dispute", note, party_a, party_b)
    if a.claim.article == b.claim.article or same_outlet:
        return None
    return _draft(topic, label, key, a, b, relation, relation.kind, note, party_a, party_b)


def _agree(a: ValueFacts, b: ValueFacts) -> bool:
    pair = value_pair(a, b)
    return pair is not None and relate(*pair).kind == "agreement"


def _spikes(
    entries: Sequence[SlotEntry], key: SlotKey, options: CompareOptions
) -> dict[int, list[ValueFacts]]:
    """Rises that later reports undo: of a count that only grows, 46 injured at 13.00,
    64 from one outlet at 17.00 and 46 again at 19.00 make the 64 no update of the 46
    before it but a contradiction. A figure is such a spike when no other outlet gives
    it, no later report keeps it (or goes higher), and a later report of another outlet
    gives again the figure the latest report before it gave; a stale outlet repeating
    an older figure (12, then 20, then 31, then 12 again) undoes nothing. Returns, per
    spike value id, the later figures that undo it."""
    if key.family not in GROWING_FAMILIES or key.measured in options.may_decrease:
        return {}
    found: dict[int, list[ValueFacts]] = {}
    for spike in entries:
        value, source = spike.value, spike.claim.source
        if value.low is None:
            continue
        others = [e for e in entries if e.claim.source != source]
        if any(_agree(value, e.value) for e in others):
            continue  # another outlet gives it too
        after = [
            e for e in entries if later_of(spike.claim, e.claim) > 0 and e.value.bound != VAGUE
        ]
        if any(
            _agree(value, e.value) or (e.value.low is not None and e.value.low >= value.low)
            for e in after
        ):
            continue  # kept, or outgrown ("decenas de heridos" keeps nothing)
        before = [e for e in others if later_of(e.claim, spike.claim) > 0]
        latest = [e for e in before if not any(later_of(e.claim, f.claim) > 0 for f in before)]
        undo = [
            e.value
            for e in after
            if e.claim.source != source and any(_agree(e.value, x.value) for x in latest)
        ]
        if undo:
            found[value.id] = undo
    return found


def _parties_at_odds(
    entries: Sequence[SlotEntry], options: CompareOptions
) -> list[tuple[str, str]]:
    """Pairs of parties one article sets against each other with incompatible figures
    ("la policía cifró en 10.000 los asistentes; los organizadores, en 60.000")."""
    found: list[tuple[str, str]] = []
    by_article: dict[object, list[SlotEntry]] = {}
    for entry in entries:
        if entry.value.party:
            by_article.setdefault(entry.claim.article, []).append(entry)
    for group in by_article.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pa, pb = a.value.party, b.value.party
                if not different_parties(pa, pb, options.anaphoric_parties):
                    continue
                if relate(a.value, b.value).kind == "conflict":
                    found.append((pa, pb))  # type: ignore[arg-type]
    return found


def _in_dispute(a: str | None, b: str | None, at_odds: list[tuple[str, str]]) -> bool:
    return any(
        (same_party(a, x) and same_party(b, y)) or (same_party(a, y) and same_party(b, x))
        for x, y in at_odds
    )


def _provisional_figures(entries: Sequence[SlotEntry]) -> set[tuple]:
    """(article, low, high) of figures an article marks as provisional anywhere (its
    headline may give the same figure without saying so)."""
    return {
        (e.claim.article, e.value.low, e.value.high)
        for e in entries
        if PROVISIONAL in e.value.scope
    }


def _provisional_order(a: SlotEntry, b: SlotEntry, provisional: set[tuple]) -> int:
    """A provisional figure against a firm one: the firm one revises it."""
    pa = (a.claim.article, a.value.low, a.value.high) in provisional
    pb = (b.claim.article, b.value.low, b.value.high) in provisional
    return int(pa and not pb) - int(pb and not pa)


def _order_unknown(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Neither report's time places it before the other: one is undated, or both are of
    one day and one gives only its date."""
    if a.article == b.article:
        return False
    return a.published is None or b.published is None or same_day(a, b)


def _growth_order(a: ValueFacts, b: ValueFacts, key: SlotKey, options: CompareOptions) -> int:
    """Two counts whose order is unknown: a toll that only grows was smaller first, so
    the reports are successive balances, not a contradiction."""
    if key.family != "count" or key.measured in options.may_decrease:
        return 0
    if key.measured not in options.evolving and not _accumulates(key, options):
        return 0
    low_a = a.low if a.low is not None else float("-inf")
    low_b = b.low if b.low is not None else float("-inf")
    return (low_b > low_a) - (low_b < low_a)


def _accumulates(key: SlotKey, options: CompareOptions) -> bool:
    """Counts and areas that grow as an event goes on: how many aftershocks, fires or
    attacks, the area a fire or a flood covered, and the area of anything the language
    data does not know ("la lava cubre 64 hectáreas", then 97: an area in the coverage of
    an unfolding event is what it has burnt, flooded or covered so far). A count of an
    unknown thing may be fixed (the gates of a stadium) and is not assumed to grow."""
    if key.family not in GROWING_FAMILIES:
        return False
    if key.measured in options.event_concepts:
        return True
    return key.family == "area" and key.measured not in options.concepts


def _adoption_note(entry: SlotEntry, party: str | None) -> str:
    if party and not entry.value.party:
        return f"{entry.claim.source} states {party}'s figure as fact"
    return ""


VERDICTS = {
    ("conflict", "hard"): "the two cannot both be true",
    ("conflict", "soft"): "the figures overlap but differ in value or precision",
    ("agreement", None): "they agree",
    ("dispute", "hard"): "the parties give incompatible figures; the outlets report them",
    ("dispute", "soft"): "the parties' figures overlap but differ",
    ("update", "hard"): "a later figure, not a contradiction",
    ("update", "soft"): "a later figure, not a contradiction",
}


def _draft(
    topic: str,
    label: str,
    key: SlotKey,
    a: SlotEntry,
    b: SlotEntry,
    relation: Relation,
    kind: str,
    note: str,
    party_a: str | None,
    party_b: str | None,
) -> FindingDraft:
    severity = relation.severity if kind != "agreement" else None
    verdict = VERDICTS[(kind, severity)]
    if kind == "agreement" and relation.note:
        verdict = "the same figure at a different precision"
    notes = "; ".join(n for n in (relation.note, note) if n)

    def side(entry: SlotEntry, party: str | None) -> str:
        return (
            f"{speaker(entry.claim, party)} gives {_shown(entry.value)} ({quote(entry.value.text)})"
        )

    return FindingDraft(
        topic=topic,
        kind=kind,
        severity=severity,
        basis=a.value.kind if a.value.kind == b.value.kind else key.family,
        claim_a=a.claim,
        claim_b=b.claim,
        explanation=f"{label}: {side(a, party_a)}; {side(b, party_b)} — {verdict}.",
        value_a=a.value,
        value_b=b.value,
        slot=key.text,
        note=notes,
        certainty_a=a.value.certainty,
        certainty_b=b.value.certainty,
        party_a=party_a,
        party_b=party_b,
    )
