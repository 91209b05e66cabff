"""Topic discovery: value topics, statement topics, labels, slugs and topics.toml merges."""

from __future__ import annotations

from app.compare.discover import slugify, story_cause, strongest
from app.compare.facts import TopicFacts
from app.compare.findings import compare_corpus, topic_status
from tests.compare.support import claim, statement, value


def test_a_value_topic_needs_two_outlets() -> None:
    alone = compare_corpus([claim("A", value(low=3, measured="misil"))])
    both = compare_corpus(
        [claim("A", value(low=3, measured="misil")), claim("B", value(low=4, measured="misil"))]
    )
    assert alone.topics == []
    assert [t.label for t in both.topics] == ["Misil: count"]


def test_slots_of_one_measured_thing_are_one_topic() -> None:
    national = claim("A", value(low=41))
    regional = claim("B", value(low=30, scope=("at:capital",)))
    other = claim("C", value(low=40))
    (topic,) = compare_corpus([national, regional, other]).topics
    assert len(topic.slots) == 2
    assert set(topic.certainty) == {national.id, regional.id, other.id}


def test_statement_topics_group_propositions_sharing_their_claims() -> None:
    both = (statement("transfer>weapons", "asserted"), statement("agreement>weapons", "asserted"))
    a = claim("A", propositions=both)
    b = claim("B", propositions=both)
    denied = (statement("transfer>weapons", "denied"), statement("agreement>weapons", "denied"))
    c = claim("C", propositions=denied)
    topics = compare_corpus([a, b, c]).topics
    assert [sorted(t.statements) for t in topics] == [["agreement>weapons", "transfer>weapons"]]


def test_slugs_are_stable_and_readable() -> None:
    assert slugify("Muertos: count", "count|death|") == slugify("Muertos: count", "count|death|")
    assert slugify("Muertos: count", "count|death|").startswith("muertos-count-")
    assert slugify("Reunión", "a") != slugify("Reunión", "b")


def test_a_defined_topic_takes_over_what_its_cues_already_hold() -> None:
    a = claim("A", value("duration", 14400, measured="meeting"))
    b = claim("B", value("duration", 18000, measured="meeting"))
    defined = TopicFacts("meeting-duration", "How long it lasted", ("duration",), True)
    comparison = compare_corpus([a, b], [defined], {"meeting-duration": {a.id, b.id}})
    assert [t.slug for t in comparison.topics] == ["meeting-duration"]
    assert {d.topic for d in comparison.findings} == {"meeting-duration"}


def test_the_most_qualified_certainty_is_a_claims_certainty_on_a_topic() -> None:
    assert strongest(["asserted", "denied", "hedged"]) == "denied"
    assert strongest(["asserted", "hedged"]) == "hedged"


def test_topic_status() -> None:
    assert topic_status(1, []) == "single-source"
    assert topic_status(1, ["update"]) == "update"
    assert topic_status(2, ["conflict"]) == "conflict"
    assert topic_status(2, ["conflict", "agreement"]) == "mixed"
    assert topic_status(2, ["dispute", "agreement"]) == "dispute"
    assert topic_status(2, ["agreement", "update"]) == "update"
    assert topic_status(2, []) == "mixed"


def test_a_cause_of_the_storys_event_is_one_statement_whatever_names_the_event() -> None:
    story = frozenset({"", "fire", "incident", "corte"})
    # "un rayo provocó el incendio", "el fuego lo originó un rayo", "lo originó un rayo"
    assert story_cause("cause@fire>rayo", story) == "cause>rayo"
    assert story_cause("cause@>rayo", story) == "cause>rayo"
    # "un rayo provocó el corte de la carretera" stays a cause of something else
    assert story_cause("cause@carretera>rayo", story) == "cause@carretera>rayo"
    assert story_cause("abrir>puerta", story) == "abrir>puerta"
