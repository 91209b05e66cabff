"""Topic matching (TopicMatcher): cue lemmas, anchored values, minimum cues, calendar kinds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from spacy.language import Language

from app.ingest.manifest import TopicSpec
from app.nlp.anchors import find_anchor
from app.nlp.resolve import resolve
from app.nlp.topics import TopicHit, TopicMatcher, cue_words


@dataclass(frozen=True)
class Anchored:
    kind: str
    anchor: tuple[str, ...]


def topic(
    slug: str,
    cues: tuple[str, ...],
    value_kinds: tuple[str, ...] = (),
    requires_value: bool = False,
    min_cues: int = 1,
) -> TopicSpec:
    return TopicSpec(slug, slug, "", cues, value_kinds, requires_value, min_cues)


MEETING_LENGTH = topic("meeting-length", ("reunión", "durar", "cumbre"), ("duration",), True)
MEETING_DAY = topic("meeting-day", ("reunión", "reunir", "celebrar"), ("date",), True)
SUMMIT_YEAR = topic("summit-year", ("cumbre",), ("weekday",), True)
HANDSHAKE = topic("handshake", ("apretón de mano",))  # a lemma phrase
RESIGNATION = topic("resignation", ("ministro", "dimitir"), min_cues=2)
TOLL = topic("toll", ("morir", "muerto"), ("count",), True)
ALL = (MEETING_LENGTH, MEETING_DAY, SUMMIT_YEAR, HANDSHAKE, RESIGNATION, TOLL)


def hits(
    nlp: Language, text: str, published: date | None = None, topics=ALL
) -> list[list[TopicHit]]:
    """Each claim's topics, its values anchored and resolved as ingest stores them."""
    doc = nlp(text)
    claims = list(doc.spans["claims"])
    values = []
    for claim in claims:
        inside = []
        for span in doc.spans["values"]:
            if claim.start <= span.start and span.end <= claim.end:
                value = resolve(span._.value, published)
                if value is not None:
                    inside.append(Anchored(value.kind, find_anchor(doc[value.head])))
        values.append(inside)
    return TopicMatcher(nlp.vocab, topics).match_claims(doc, claims, values)


def slugs(found: list[list[TopicHit]]) -> list[list[str]]:
    return [[hit.slug for hit in claim] for claim in found]


def test_a_value_anchored_to_a_cue_joins_the_topic(nlp: Language) -> None:
    ((hit,),) = hits(nlp, "La reunión duró seis horas.", topics=(MEETING_LENGTH,))
    assert hit.slug == "meeting-length"
    assert (hit.score, hit.cues) == (2, ("durar", "reunión"))
    assert len(hit.tokens) == 2  # one head token per cue occurrence, for local certainty


def test_a_value_anchored_elsewhere_does_not_join(nlp: Language) -> None:
    found = hits(nlp, "Tras la reunión, se dieron un apretón de manos de 40 segundos.")
    # The claim names the meeting, but its only duration is the handshake's.
    assert slugs(found) == [["handshake"]]


def test_a_cue_may_be_written_as_in_the_text(nlp: Language) -> None:
    plural = topic("meetings", ("reuniones",))
    assert slugs(hits(nlp, "Las reuniones terminaron sin acuerdo.", topics=(plural,))) == [
        ["meetings"]
    ]


def test_a_multi_word_cue_is_a_lemma_phrase(nlp: Language) -> None:
    found = hits(nlp, "Los dos líderes se dieron apretones de manos ante la prensa.")
    assert slugs(found) == [["handshake"]]
    (hit,) = found[0]
    assert hit.cues == ("apretón de mano",)


def test_min_cues_counts_distinct_cues(nlp: Language) -> None:
    assert slugs(hits(nlp, "El ministro habló con la prensa.")) == [[]]
    assert slugs(hits(nlp, "El ministro dimitió tras el escándalo.")) == [["resignation"]]


def test_a_topic_without_values_needs_only_its_cues(nlp: Language) -> None:
    assert slugs(hits(nlp, "El apretón de manos fue muy comentado.")) == [["handshake"]]


def test_a_value_of_another_kind_does_not_count(nlp: Language) -> None:
    # A count anchored to "reunión" is no duration of it.
    found = hits(nlp, "La reunión congregó a 300 delegados.", topics=(MEETING_LENGTH,))
    assert slugs(found) == [[]]


@pytest.mark.parametrize("published", [None, date(2023, 9, 14)])
def test_a_weekday_joins_a_date_topic_resolved_or_not(nlp: Language, published) -> None:
    # Resolved against the article's date "el martes" is a date; unresolved it is a weekday.
    # Either way it dates the meeting.
    found = hits(nlp, "Los líderes se reunieron el martes en la capital.", published)
    assert "meeting-day" in slugs(found)[0]


def test_any_calendar_kind_joins_a_calendar_topic(nlp: Language) -> None:
    found = hits(nlp, "La cumbre se celebró en 2019 en Oporto.")
    assert slugs(found) == [["meeting-day", "summit-year"]]


def test_a_calendar_value_does_not_join_a_duration_topic(nlp: Language) -> None:
    found = hits(nlp, "La reunión se celebró el martes.", date(2023, 9, 14), (MEETING_LENGTH,))
    assert slugs(found) == [[]]


def test_each_claim_gets_its_own_topics(nlp: Language) -> None:
    found = hits(nlp, "La cumbre duró cinco horas. En el accidente murieron 12 personas.")
    assert slugs(found) == [["meeting-length"], ["toll"]]


def test_cue_words_drop_stop_words() -> None:
    assert cue_words(["apretón de manos", "la cumbre"]) == frozenset({"apretón", "manos", "cumbre"})
