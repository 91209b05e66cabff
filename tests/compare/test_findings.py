"""app.compare on hand-built facts: no spaCy, no database."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from app.compare.describe import format_interval
from app.compare.facts import ClaimFacts, FindingDraft, TopicFacts, ValueFacts
from app.compare.findings import compare_topic, relate_intervals, topic_status
from app.services.comparison import finding_fingerprint

H = 3600.0


def value(
    kind: str,
    low: float | None,
    high: float | None,
    *,
    unit: str = "",
    text: str = "",
    anchor: tuple[str, ...] = ("reunión", "durar"),
) -> ValueFacts:
    return ValueFacts(kind, low, high, unit or ("s" if kind == "duration" else ""), text, anchor)


def claim(
    id: int,
    source: str,
    *values: ValueFacts,
    certainty: str = "asserted",
    lemmas: str = "reunión durar líder",
    cues: str = "reunión",
    text: str | None = None,
) -> ClaimFacts:
    return ClaimFacts(
        id=id,
        source=source,
        fingerprint=f"fp-{source}-{id}",
        text=text or f"claim {id} of {source}",
        certainty=certainty,
        attributed_to=None,
        values=values,
        lemmas=frozenset(lemmas.split()),
        cues=frozenset(cues.split()),
    )


def topic(*kinds: str, requires_value: bool = True, cue_words: str = "reunión durar") -> TopicFacts:
    return TopicFacts(
        slug="duration",
        label="How long it lasted",
        value_kinds=kinds or ("duration",),
        requires_value=requires_value,
        cue_words=frozenset(cue_words.split()),
    )


def summary(drafts: list[FindingDraft]) -> list[tuple]:
    return sorted((d.kind, d.severity, d.basis, d.claim_a.id, d.claim_b.id) for d in drafts)


# --- relate_intervals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (value("duration", 5 * H, 5 * H), value("duration", 5 * H, 5 * H), ("agreement", None)),
        (value("duration", 4 * H, None), value("duration", 4 * H, None), ("agreement", None)),
        (value("duration", 3 * H, 5 * H), value("duration", 4 * H, 6 * H), ("conflict", "soft")),
        # "más de cuatro horas" against "cinco horas": the open end contains 5 h.
        (value("duration", 4 * H, None), value("duration", 5 * H, 5 * H), ("conflict", "soft")),
        (value("duration", None, 2 * H), value("duration", H, H), ("conflict", "soft")),
        # Touching ends overlap.
        (value("duration", 3 * H, 4 * H), value("duration", 4 * H, 5 * H), ("conflict", "soft")),
        (value("duration", 3 * H, 3 * H), value("duration", 5 * H, 5 * H), ("conflict", "hard")),
        (value("duration", 4 * H, None), value("duration", 3 * H, 3 * H), ("conflict", "hard")),
        (value("duration", None, 2 * H), value("duration", 3 * H, None), ("conflict", "hard")),
        (value("weekday", 3, 3), value("weekday", 4, 4), ("conflict", "hard")),
        (value("weekday", 3, 3), value("weekday", 3, 3), ("agreement", None)),
    ],
)
def test_relate_intervals(a: ValueFacts, b: ValueFacts, expected: tuple[str, str | None]) -> None:
    assert relate_intervals(a, b) == expected
    assert relate_intervals(b, a) == expected  # symmetric


# --- compare_topic: values ------------------------------------------------------------------


def test_soft_duration_conflict_between_two_sources() -> None:
    a = claim(1, "Outlet A", value("duration", 4 * H, None, text="más de cuatro horas"))
    b = claim(2, "Outlet B", value("duration", 5 * H, 5 * H, text="cinco horas"))

    (draft,) = compare_topic(topic(), [b, a])

    assert (draft.kind, draft.severity, draft.basis) == ("conflict", "soft", "duration")
    assert (draft.claim_a.source, draft.claim_b.source) == ("Outlet A", "Outlet B")
    assert draft.topic == "duration"
    explanation = draft.explanation
    for expected in ("Outlet A", "Outlet B", "4 h or more", "5 h", "más de cuatro horas"):
        assert expected in explanation
    assert "\n" not in explanation


def test_claims_of_the_same_source_are_never_compared() -> None:
    claims = [
        claim(1, "Outlet A", value("duration", 3 * H, 3 * H)),
        claim(2, "Outlet A", value("duration", 5 * H, 5 * H)),
    ]
    assert compare_topic(topic(), claims) == []


def test_values_not_anchored_to_the_topic_cues_are_ignored() -> None:
    # The handshake case: a 40-second value measures a handshake, not the meeting.
    meeting = claim(1, "Outlet A", value("duration", 4 * H, None))
    handshake = claim(2, "Outlet B", value("duration", 36, 44, anchor=("apretón", "mano")))
    assert compare_topic(topic(), [meeting, handshake]) == []

    talks = claim(3, "Outlet C", value("duration", 5 * H, 5 * H, anchor=("conversación", "durar")))
    assert summary(compare_topic(topic(), [meeting, handshake, talks])) == [
        ("conflict", "soft", "duration", 1, 3)
    ]


def test_value_kinds_outside_the_topic_are_ignored() -> None:
    a = claim(1, "Outlet A", value("year", 2019, 2019))
    b = claim(2, "Outlet B", value("year", 2023, 2023))
    assert compare_topic(topic("duration"), [a, b]) == []


def test_counts_of_different_nouns_are_separate_slots() -> None:
    missiles = claim(1, "Outlet A", value("count", 2, 2, unit="misil", anchor=("reunión",)))
    drones = claim(2, "Outlet B", value("count", 4, 4, unit="dron", anchor=("reunión",)))
    more_missiles = claim(3, "Outlet C", value("count", 3, 3, unit="misil", anchor=("reunión",)))
    count_topic = topic("count")

    assert compare_topic(count_topic, [missiles, drones]) == []
    assert summary(compare_topic(count_topic, [missiles, drones, more_missiles])) == [
        ("conflict", "hard", "count", 1, 3)
    ]


def test_durations_compare_whatever_their_written_unit() -> None:
    # Durations are normalised to seconds, so "90 minutos" meets "hora y media".
    a = claim(1, "Outlet A", value("duration", 5400, 5400, text="90 minutos"))
    b = claim(2, "Outlet B", value("duration", 1.5 * H, 1.5 * H, text="hora y media"))
    assert summary(compare_topic(topic(), [a, b])) == [("agreement", None, "duration", 1, 2)]


def test_one_finding_per_pair_of_sources_and_slot_the_strongest() -> None:
    # Outlet A gives the same figure twice; B contradicts one and agrees with none:
    # one finding for the pair, the hard conflict.
    claims = [
        claim(1, "Outlet A", value("duration", 3 * H, 3 * H)),
        claim(2, "Outlet A", value("duration", 4 * H, None)),
        claim(3, "Outlet B", value("duration", 5 * H, 5 * H)),
    ]
    assert summary(compare_topic(topic(), claims)) == [("conflict", "hard", "duration", 1, 3)]


def test_three_sources_give_one_finding_per_pair() -> None:
    claims = [
        claim(1, "Outlet A", value("duration", 5 * H, 5 * H)),
        claim(2, "Outlet B", value("duration", 5 * H, 5 * H)),
        claim(3, "Outlet C", value("duration", 2 * H, 2 * H)),
    ]
    assert summary(compare_topic(topic(), claims)) == [
        ("agreement", None, "duration", 1, 2),
        ("conflict", "hard", "duration", 1, 3),
        ("conflict", "hard", "duration", 2, 3),
    ]


def test_result_does_not_depend_on_input_order() -> None:
    claims = [
        claim(1, "Outlet A", value("duration", 3 * H, 3 * H)),
        claim(2, "Outlet A", value("duration", 4 * H, None)),
        claim(3, "Outlet B", value("duration", 5 * H, 5 * H)),
        claim(4, "Outlet B", value("duration", 3 * H, 3 * H)),
        claim(5, "Outlet C", value("duration", 4 * H, 5 * H)),
        claim(6, "Outlet C", certainty="denied", lemmas="reunión durar negar"),
    ]
    the_topic = topic(requires_value=False)
    expected = compare_topic(the_topic, claims)
    assert expected
    for order in itertools.islice(itertools.permutations(claims), 0, None, 37):
        assert compare_topic(the_topic, list(order)) == expected
    rng = random.Random(7)
    for _ in range(20):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        assert compare_topic(the_topic, shuffled) == expected


# --- compare_topic: certainty ---------------------------------------------------------------

ARMS_LEMMAS = "acuerdo arma negociar líder"


@pytest.mark.parametrize(
    ("certainty_a", "certainty_b", "expected"),
    [
        ("asserted", "denied", ("conflict", "hard")),
        ("asserted", "hedged", ("conflict", "soft")),
        ("asserted", "asserted", ("agreement", None)),
        ("hedged", "hedged", ("agreement", None)),
        ("hedged", "denied", None),  # neither asserts anything: not compared
    ],
)
def test_certainty_findings(
    certainty_a: str, certainty_b: str, expected: tuple[str, str | None] | None
) -> None:
    arms = topic(requires_value=False, cue_words="arma acuerdo")
    a = claim(1, "Outlet A", certainty=certainty_a, lemmas=ARMS_LEMMAS, cues="arma")
    b = claim(2, "Outlet B", certainty=certainty_b, lemmas=ARMS_LEMMAS, cues="arma")

    drafts = compare_topic(arms, [a, b])

    if expected is None:
        assert drafts == []
    else:
        (draft,) = drafts
        assert (draft.kind, draft.severity, draft.basis) == (*expected, "certainty")
        assert "Outlet A" in draft.explanation and "Outlet B" in draft.explanation


def test_certainty_compares_only_claims_that_name_the_same_cue_word() -> None:
    arms = topic(requires_value=False, cue_words="arma munición intercambio")
    a = claim(1, "Outlet A", lemmas=ARMS_LEMMAS, cues="arma")
    other_cue = claim(2, "Outlet B", certainty="denied", lemmas=ARMS_LEMMAS, cues="munición")
    assert compare_topic(arms, [a, other_cue]) == []


def test_cue_phrases_sharing_a_word_are_about_the_same_thing() -> None:
    # "intercambio de arma" and "arma" both name the arms.
    arms = topic(requires_value=False, cue_words="arma intercambio")
    a = ClaimFacts(
        1,
        "Outlet A",
        "fp-a",
        "a",
        "asserted",
        None,
        (),
        frozenset(ARMS_LEMMAS.split()),
        frozenset({"intercambio de arma"}),
    )
    b = claim(2, "Outlet B", certainty="denied", lemmas=ARMS_LEMMAS, cues="arma")
    assert summary(compare_topic(arms, [a, b])) == [("conflict", "hard", "certainty", 1, 2)]


def test_value_topics_never_compare_certainty() -> None:
    a = claim(1, "Outlet A", certainty="asserted")
    b = claim(2, "Outlet B", certainty="denied")
    assert compare_topic(topic(requires_value=True), [a, b]) == []


# --- topic_status ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_count", "kinds", "status"),
    [
        (0, [], "single-source"),
        (1, [], "single-source"),
        (1, ["conflict"], "single-source"),
        (2, ["conflict"], "conflict"),
        (2, ["conflict", "conflict"], "conflict"),
        (2, ["agreement"], "agreement"),
        (3, ["agreement", "conflict"], "mixed"),
        # Several sources that never speak about the same thing.
        (2, [], "mixed"),
    ],
)
def test_topic_status(source_count: int, kinds: list[str], status: str) -> None:
    assert topic_status(source_count, kinds) == status


def test_topic_status_of_compared_claims() -> None:
    claims = [
        claim(1, "Outlet A", value("duration", 5 * H, 5 * H)),
        claim(2, "Outlet B", value("duration", 5 * H, 5 * H)),
        claim(3, "Outlet C", value("duration", 2 * H, 2 * H)),
    ]
    drafts = compare_topic(topic(), claims)
    sources = len({c.source for c in claims})
    assert topic_status(sources, (d.kind for d in drafts)) == "mixed"
    assert topic_status(sources, (d.kind for d in drafts if d.kind == "conflict")) == "conflict"


# --- describe.format_interval ---------------------------------------------------------------


def epoch_days(day: date) -> float:
    return float((day - date(1970, 1, 1)).days)


@pytest.mark.parametrize(
    ("kind", "low", "high", "unit", "text"),
    [
        ("duration", 5 * H, 5 * H, "s", "5 h"),
        ("duration", 4 * H, None, "s", "4 h or more"),
        ("duration", None, 3 * H, "s", "up to 3 h"),
        ("duration", 1.5 * H, 1.5 * H, "s", "1 h 30 min"),
        ("duration", 36, 44, "s", "36 s–44 s"),
        ("duration", 3 * 86400, 3 * 86400, "s", "3 d"),
        ("weekday", 3, 3, "", "Wednesday"),
        ("weekday", 7, 7, "", "Sunday"),
        ("month", 9, 9, "", "September"),
        ("date", epoch_days(date(2023, 9, 13)), epoch_days(date(2023, 9, 13)), "", "2023-09-13"),
        (
            "date",
            epoch_days(date(2023, 9, 12)),
            epoch_days(date(2023, 9, 14)),
            "",
            "2023-09-12–2023-09-14",
        ),
        # A whole month or year reads as such ("en abril de 2019", "en 2019").
        ("date", epoch_days(date(2019, 4, 1)), epoch_days(date(2019, 4, 30)), "", "April 2019"),
        ("date", epoch_days(date(2019, 1, 1)), epoch_days(date(2019, 12, 31)), "", "2019"),
        ("year", 2019, 2019, "", "2019"),
        ("ordinal", 3, 3, "cumbre", "3rd (cumbre)"),
        ("ordinal", 11, 11, "", "11th"),
        ("count", 4, 4, "dron", "4 (dron)"),
        ("count", 10_000_000, None, "proyectil", "10,000,000 or more (proyectil)"),
    ],
)
def test_format_interval(
    kind: str, low: float | None, high: float | None, unit: str, text: str
) -> None:
    assert format_interval(kind, low, high, unit) == text


def test_a_year_compares_with_a_date_inside_it() -> None:
    # "en 2019" and "en abril de 2019": the year is the wider interval, a soft conflict.
    prior = topic("year", "date", cue_words="cumbre")
    a = claim(1, "Outlet A", value("year", 2019, 2019, anchor=("cumbre",)))
    april = (epoch_days(date(2019, 4, 1)), epoch_days(date(2019, 4, 30)))
    b = claim(2, "Outlet B", value("date", *april, unit="epoch_day", anchor=("cumbre",)))
    c = claim(3, "Outlet C", value("year", 2018, 2018, anchor=("cumbre",)))
    assert summary(compare_topic(prior, [a, b, c])) == [
        ("conflict", "hard", "date", 1, 3),
        ("conflict", "hard", "date", 2, 3),
        ("conflict", "soft", "date", 1, 2),
    ]


def test_two_count_slots_between_the_same_claims_are_two_findings() -> None:
    topic = TopicFacts("attack", "Attack", ("count",), True, frozenset({"lanzar"}))

    def claim(source: str, missiles: float) -> ClaimFacts:
        return ClaimFacts(
            id=hash(source) % 1000,
            source=source,
            fingerprint=source,
            text="...",
            certainty="asserted",
            attributed_to=None,
            values=(
                ValueFacts("count", missiles, missiles, "misil", "misiles", ("misil", "lanzar")),
                ValueFacts("count", 5, 5, "dron", "drones", ("dron", "lanzar")),
            ),
            lemmas=frozenset(),
            cues=frozenset({"lanzar"}),
        )

    drafts = compare_topic(topic, [claim("A", 10), claim("B", 300)])
    by_unit = {d.value_a.unit: (d.kind, d.severity) for d in drafts}
    assert by_unit == {"misil": ("conflict", "hard"), "dron": ("agreement", None)}
    assert len({finding_fingerprint(d) for d in drafts}) == 2
