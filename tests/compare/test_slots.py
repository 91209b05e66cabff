"""Slot keys: what makes two values comparable, and the corpus-wide adjustments."""

from __future__ import annotations

from datetime import date

from app.compare.findings import compare_corpus
from app.compare.slots import calendar_pair, comparable, corpus_of, name_aliases, slot_key
from app.compare.value_findings import CompareOptions
from tests.compare.support import at, claim, epoch_days, value

OPTIONS = CompareOptions(event_concepts=frozenset({"earthquake"}))


def test_the_articles_own_year_is_no_restriction() -> None:
    report = claim("A", value(low=40, scope=("year:2023",)), published=at(8))
    corpus = corpus_of([report], OPTIONS)
    assert slot_key(report, report.values[0], corpus).scope == ()


def test_an_earlier_year_is_a_restriction() -> None:
    report = claim("A", value(low=629, scope=("year:2004",)), published=at(8))
    corpus = corpus_of([report], OPTIONS)
    assert slot_key(report, report.values[0], corpus).scope == ("year:2004",)


def test_a_date_long_before_its_report_is_another_event() -> None:
    old = value("year", 2007, measured="earthquake")
    report = claim("A", old, published=at(8))
    key = slot_key(report, old, corpus_of([report], OPTIONS))
    assert "earlier" in key.scope and "year:2007" in key.scope


def test_a_weekday_compares_with_a_resolved_date() -> None:
    wednesday = value("weekday", 3, measured="meeting")
    thursday = value("date", epoch_days(date(2023, 9, 14)), measured="meeting")
    a, b = calendar_pair(wednesday, thursday)
    assert (a.kind, a.low, b.kind, b.low) == ("weekday", 3, "weekday", 4)


def test_a_weekday_given_with_its_date_is_placed_and_compared() -> None:
    # "el lunes 11 de septiembre" (a Monday) against "el martes 11 de septiembre": the
    # weekday and the date of one claim are one day, not two figures left unplaced.
    day = epoch_days(date(2023, 9, 11))
    monday = claim(
        "A", value("weekday", 1, measured="meeting"), value("date", day, measured="meeting")
    )
    tuesday = claim(
        "B", value("weekday", 2, measured="meeting"), value("date", day, measured="meeting")
    )
    found = compare_corpus([monday, tuesday], options=OPTIONS).findings
    assert ("conflict", "weekday") in [(d.kind, d.basis) for d in found]


def test_a_month_without_a_year_says_nothing_against_a_whole_year() -> None:
    september = value("month", 9, measured="visit")
    year = value("year", 2019, measured="visit")
    assert calendar_pair(september, year) is None


def test_a_magnitude_that_names_only_itself_is_the_main_events() -> None:
    quake = claim("A", value("magnitude", 6.8, measured="earthquake"))
    bare = claim("B", value("magnitude", 7.0, measured="magnitude"))
    corpus = corpus_of([quake, bare], OPTIONS)
    assert slot_key(bare, bare.values[0], corpus) == slot_key(quake, quake.values[0], corpus)


def test_a_person_named_in_full_then_by_surname_is_one_owner() -> None:
    claims = [
        claim("A", value(low=6, scope=("of:julian-ortega-ruiz",))),
        claim("B", value(low=6, scope=("of:julian-ortega",))),
        claim("C", value(low=5, scope=("of:ortega",))),
    ]
    aliases = name_aliases(claims)
    assert aliases["of:ortega"] == aliases["of:julian-ortega"] == "of:julian-ortega-ruiz"


def test_a_surname_two_people_share_stays_apart() -> None:
    claims = [
        claim("A", value(low=6, scope=("of:julian-ortega",))),
        claim("B", value(low=2, scope=("of:marta-ortega",))),
        claim("C", value(low=5, scope=("of:ortega",))),
    ]
    assert "of:ortega" not in name_aliases(claims)


def test_when_a_figure_was_read_is_not_compared() -> None:
    assert comparable(value("time", 30600, measured="flood"))
    assert not comparable(value("time", 30600, measured="flood", scope=("reading",)))


def test_words_for_the_story_stand_for_its_main_event() -> None:
    options = CompareOptions(
        event_concepts=frozenset({"earthquake"}), story_concepts=frozenset({"incident"})
    )
    quake = claim("A", value("date", 19600, measured="earthquake"))
    facts = claim("B", value("date", 19601, measured="incident"))  # "los hechos ocurrieron…"
    corpus = corpus_of([quake, facts], options)
    assert slot_key(facts, facts.values[0], corpus) == slot_key(quake, quake.values[0], corpus)
    alone = corpus_of([facts], options)  # no main event: the word stands for itself
    assert slot_key(facts, facts.values[0], alone).measured == "incident"


def test_a_bare_area_is_the_main_events() -> None:
    options = CompareOptions(event_concepts=frozenset({"fire"}))
    burned = claim("A", value("area", 9e6, measured="fire"))
    reported = claim("B", value("area", 9.5e6, measured="area"))  # "el parte habla de 950 ha"
    corpus = corpus_of([burned, reported], options)
    assert slot_key(reported, reported.values[0], corpus) == slot_key(
        burned, burned.values[0], corpus
    )


def test_a_count_that_names_no_role_is_not_placed_where_the_noun_has_several() -> None:
    options = CompareOptions(concepts=frozenset({"death"}))
    trapped = claim("A", value(low=9, measured="buzo", restriction="trapped"))
    out = claim("B", value(low=3, measured="buzo", restriction="sal"))
    bare = claim("C", value(low=12, measured="buzo"))
    corpus = corpus_of([trapped, out, bare], options)
    assert comparable(trapped.values[0], corpus)
    assert not comparable(bare.values[0], corpus)


def test_a_concept_of_people_names_no_role_itself() -> None:
    # "los presos" rioted, escaped and were moved: "2.870 reclusos" alone says which of none.
    options = CompareOptions(
        concepts=frozenset({"inmates", "escaped"}), role_concepts=frozenset({"inmates"})
    )
    escaped = claim("A", value(low=8, measured="inmates", restriction="escaped"))
    moved = claim("B", value(low=150, measured="inmates", restriction="traslad"))
    bare = claim("C", value(low=2870, measured="inmates"))
    corpus = corpus_of([escaped, moved, bare], options)
    assert comparable(escaped.values[0], corpus)
    assert not comparable(bare.values[0], corpus)


def test_a_concept_names_its_role_itself() -> None:
    # "40 fallecidos" and "murieron 40 turistas" need no role to be placed.
    options = CompareOptions(concepts=frozenset({"death"}))
    claims = [
        claim("A", value(low=40, restriction="joven")),
        claim("B", value(low=41, restriction="caus")),
        claim("C", value(low=42)),
    ]
    corpus = corpus_of(claims, options)
    assert comparable(claims[2].values[0], corpus)


def test_another_calamitys_day_is_the_main_calamitys() -> None:
    # "la crecida del martes" in the coverage of a mine accident dates the accident.
    options = CompareOptions(
        event_concepts=frozenset({"accident", "flood", "meeting"}),
        calamities=frozenset({"accident", "flood"}),
    )
    accident = claim("A", value("date", 19600, measured="accident"))
    other = claim("B", value("time", 30600, measured="accident"))
    flood = claim("C", value("date", 19601, measured="flood"))
    corpus = corpus_of([accident, other, flood], options)
    assert corpus.main_event == "accident"
    assert slot_key(flood, flood.values[0], corpus) == slot_key(
        accident, accident.values[0], corpus
    )
    # Not a count of the flood, not an earlier flood, not a meeting about it.
    count = claim("C", value("count", 3, measured="flood"))
    assert slot_key(count, count.values[0], corpus).measured == "flood"
    earlier = claim("C", value("date", 19601, measured="flood", scope=("secondary",)))
    assert slot_key(earlier, earlier.values[0], corpus).measured == "flood"
    meeting = claim("C", value("date", 19602, measured="meeting"))
    assert slot_key(meeting, meeting.values[0], corpus).measured == "meeting"


def test_an_age_is_compared_only_for_a_named_person() -> None:
    # "un vecino de 47 años" and "un vecino de 52 años" may be two neighbours.
    options = CompareOptions(personal_concepts=frozenset({"age"}))
    nameless = claim("A", value("duration", 1.48e9, measured="age"))
    named = claim("B", value("duration", 1.48e9, measured="age", scope=("of:ana-ruiz",)))
    corpus = corpus_of([nameless, named], options)
    assert not comparable(nameless.values[0], corpus)
    assert comparable(named.values[0], corpus)
