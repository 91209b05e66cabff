"""Who gives a figure or a statement, and when it was published: what decides whether two
differing values are a conflict between outlets, a dispute between parties, or an
update.

- Two outlets citing *different parties* (the police against the organisers) report a
  dispute between those parties, not a conflict between themselves.
- Values of one slot published at least ``UPDATE_GAP`` apart are an update when the later
  one supersedes the earlier (a toll that rises through the day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from unidecode import unidecode

from app.compare.facts import ClaimFacts
from app.nlp.data import load_language_data

# Reports closer in time than this describe the same moment.
UPDATE_GAP = timedelta(hours=1)
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4)
def _vocabulary(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words that name a report, words that tell no party apart), from the language data."""
    data = load_language_data(lang, "attribution")["parties"]
    return frozenset(data["report_words"]), frozenset(data["filler"])


@lru_cache(maxsize=4)
def _unnamed_sources(lang: str) -> frozenset[str]:
    return frozenset(load_language_data(lang, "attribution")["parties"]["unnamed_sources"])


def unnamed_source(party: str | None, lang: str = "es") -> bool:
    """ "fuentes sindicales", "según una fuente del ministerio": whoever it is, unnamed."""
    words = _WORD.findall(unidecode(party or "").lower())
    return bool(words) and bool(set(words[:2]) & _unnamed_sources(lang))


# Every pair of a slot asks for its two parties' words: the same few names, over and over.
@lru_cache(maxsize=65536)
def party_words(party: str | None, lang: str = "es") -> frozenset[str]:
    """The words that tell a party: "el último reporte del COEN" and "el reporte de las
    8.00 del COEN" are both the COEN."""
    if not party:
        return frozenset()
    report_words, filler = _vocabulary(lang)
    words = _WORD.findall(unidecode(party).lower())
    return frozenset(
        w
        for w in words
        if w not in filler and w not in report_words and len(w) > 1 and not w.isdigit()
    )


def _named(party: str) -> bool:
    """ "el Instituto Geofísico" or "el IGP" name a party; "el organismo peruano" does not."""
    words = party.split()
    return any(w[:1].isupper() for w in words[1:]) or any(w.isupper() and len(w) > 1 for w in words)


def same_party(a: str | None, b: str | None) -> bool:
    """ "la Delegación del Gobierno" and "la Delegación del Gobierno en Madrid" are one
    party: the words of one include the other's."""
    wa, wb = party_words(a), party_words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def different_parties(
    a: str | None, b: str | None, anaphoric: frozenset[str] = frozenset()
) -> bool:
    """Two parties known to differ: two names that do not overlap, or two descriptions
    with different heads ("la policía", "los organizadores"). A description that can
    stand for a named party ("el organismo", "las autoridades") differs from nothing."""
    if not a or not b or same_party(a, b):
        return False
    for party in (a, b):
        if not _named(party) and party_words(party) & anaphoric:
            return False
    return bool(party_words(a)) and bool(party_words(b))


@dataclass(frozen=True, slots=True)
class Moment:
    at: datetime
    precision: str  # day | minute


def moment(claim: ClaimFacts) -> Moment | None:
    if claim.published is None:
        return None
    at = claim.published
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return Moment(at, claim.published_precision or "minute")


def later_of(a: ClaimFacts, b: ClaimFacts) -> int:
    """1 when b was published clearly after a, -1 when before, 0 when the same moment or
    unknown."""
    ma, mb = moment(a), moment(b)
    if ma is None or mb is None:
        return 0
    if "day" in (ma.precision, mb.precision):
        da, db = _day(a, ma), _day(b, mb)
        return (db > da) - (db < da)
    if abs(mb.at - ma.at) < UPDATE_GAP:
        return 0
    return 1 if mb.at > ma.at else -1


def same_day(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both published the same day, at least one of them known only to the day: their
    order cannot be told from their dates."""
    ma, mb = moment(a), moment(b)
    if ma is None or mb is None or "day" not in (ma.precision, mb.precision):
        return False
    return _day(a, ma) == _day(b, mb)


def _day(claim: ClaimFacts, at: Moment) -> date:
    """The outlet's own day: a dateline's "13 ago" and a report at 00:30 (+02:00) on the
    13th are the same day, though the latter is the 12th in UTC."""
    return claim.published_day or at.at.date()
