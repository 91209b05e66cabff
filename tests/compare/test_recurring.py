"""A thing one article dates on two days recurs: its days are not compared across outlets
(app/compare/recurring.py)."""

from __future__ import annotations

from datetime import date

from app.compare.findings import compare_corpus
from app.compare.value_findings import CompareOptions
from tests.compare.support import at, claim, epoch_days, value

OPTIONS = CompareOptions(event_concepts=frozenset({"riot"}))
MONDAY, TUESDAY, FRIDAY = date(2023, 9, 4), date(2023, 9, 5), date(2023, 9, 8)


def day(source: str, when: date, measured: str, article: int):
    figure = value("date", epoch_days(when), measured=measured)
    return claim(source, figure, published=at(20), article=article)


def hard(*claims) -> list[tuple[str, str]]:
    found = compare_corpus(list(claims), options=OPTIONS).findings
    return sorted(
        (d.claim_a.source, d.claim_b.source)
        for d in found
        if d.kind == "conflict" and d.severity == "hard"
    )


def test_a_thing_one_article_dates_on_two_days_is_not_compared() -> None:
    # A names Friday's close and Monday's; B's Tuesday close contradicts neither.
    a_friday, a_monday = day("A", FRIDAY, "cierre", 1), day("A", MONDAY, "cierre", 1)
    assert hard(a_friday, a_monday, day("B", TUESDAY, "cierre", 2)) == []


def test_a_thing_each_article_dates_once_still_conflicts() -> None:
    assert hard(day("A", MONDAY, "cierre", 1), day("B", TUESDAY, "cierre", 2)) == [("A", "B")]


def test_an_event_dated_twice_by_one_article_still_conflicts() -> None:
    # Events are what coverage is about: a second day in one article is a slip or a parse.
    a_monday, a_friday = day("A", MONDAY, "riot", 1), day("A", FRIDAY, "riot", 1)
    assert ("A", "B") in hard(a_monday, a_friday, day("B", TUESDAY, "riot", 2))


def test_two_days_in_one_claim_are_a_slip_not_two_occurrences() -> None:
    # "el lunes 5", when the 5th is a Tuesday: one claim, one close, dated wrongly.
    both = claim(
        "A",
        value("weekday", MONDAY.isoweekday(), measured="cierre"),
        value("date", epoch_days(TUESDAY), measured="cierre"),
        published=at(20),
        article=1,
    )
    assert hard(both, day("B", FRIDAY, "cierre", 2)) != []
