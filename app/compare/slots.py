"""Slots: the values of a corpus that measure the same thing in the same scope.

A slot is (kind family, what is measured, what narrows it, level or change, scope,
modality): "30 muertos en la capital" and "41 muertos" are different slots, so are a
speed limit and a speed, a forecast and a result, an aftershock's magnitude and the main
shock's. Only values of one slot are ever compared.

Two corpus-wide adjustments keep the scope from over-splitting: the event most of the
corpus is about ("event:earthquake" in an earthquake's coverage) is the default scope,
so "el terremoto dejó 40 muertos" meets "40 muertos"; and a year that is the article's
own ("las elecciones de 2026" in a 2026 article) is no restriction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date

from app.compare.clock_halves import EITHER_HALF, in_the_same_half
from app.compare.facts import ClaimFacts, ValueFacts
from app.compare.parties import different_parties
from app.compare.readings import MOMENT
from app.compare.synonyms import Placed, figure_synonyms, participle_verbs

# Kinds compared through the calendar: a year, a month, a day of a month, a date and a
# weekday can describe the same day.
CALENDAR_KINDS = frozenset({"date", "day", "month", "weekday", "year"})
# Kinds whose unit must match (money in different currencies never compares).
UNIT_KINDS = frozenset({"money", "scale"})  # euros and dollars, categories and levels
# Ordinals identify things ("la tercera cumbre") rather than measure them; they compare
# only when they rank a position ("quedó en tercer lugar").
RANK_UNITS = frozenset({"lugar", "puesto", "posición", "plaza"})
EPOCH = date(1970, 1, 1)
MONTH_DAYS = 31
# Kinds whose figure counts things that may be counted in different roles.
ROLE_KINDS = frozenset({"count"})
# A date more than this many days before its report is about something else.
EARLIER_DAYS = 180


def family(kind: str) -> str:
    return "when" if kind in CALENDAR_KINDS else kind


@dataclass(frozen=True, slots=True)
class SlotKey:
    family: str
    measured: str
    restriction: str
    aspect: str
    scope: tuple[str, ...]
    modality: str
    unit: str

    @property
    def text(self) -> str:
        scope = ",".join(self.scope)
        return "|".join(
            (self.family, self.measured, self.restriction, self.aspect, scope, self.modality,
             self.unit)
        )  # fmt: skip

    @property
    def topic_key(self) -> str:
        """Slots of one topic: the same thing measured, whatever the scope."""
        return f"{self.family}|{self.measured}|{self.unit}"


def slot_without_scope(text: str) -> str:
    """A slot's text (``SlotKey.text``) without its scope, the part that depends on the
    rest of the corpus (its main event and year, the names it abbreviates)."""
    names = [f.name for f in fields(SlotKey)]
    parts = text.split("|")
    if len(parts) != len(names):
        return text  # cut short when stored (findings.slot): kept whole
    del parts[names.index("scope")]
    return "|".join(parts)


@dataclass(frozen=True, slots=True)
class SlotEntry:
    claim: ClaimFacts
    value: ValueFacts


@dataclass(frozen=True, slots=True)
class Corpus:
    """What is common to the whole corpus: its main event, main year and typical date."""

    main_event: str | None
    main_years: frozenset[str]
    reference_day: int | None  # the median publication day (days since 1970)
    event_concepts: frozenset[str] = frozenset()
    tallies: frozenset[str] = frozenset()  # what is counted or owned (deaths, votes)
    # Owned measures (votes, seats, sentences) that several owners have in this corpus:
    # a figure of one of them with no owner cannot be placed.
    contested: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)  # "of:uv" -> "of:union-valderana"
    story: frozenset[str] = frozenset()  # "los hechos", "la tragedia": the main event
    # Things counted in several roles in this corpus (buzos trapped, rescued, that got
    # out): a count of one of them that names no role cannot be placed.
    roles: frozenset[str] = frozenset()
    calamities: frozenset[str] = frozenset()
    # What this corpus names several ways, by its figures (synonyms.py):
    # ("count", "interno") -> "preso".
    synonyms: dict[tuple[str, str], str] = field(default_factory=dict)
    # A participle's measured word -> the verb this corpus also measures by (synonyms.py).
    verbs: dict[str, str] = field(default_factory=dict)
    personal: frozenset[str] = frozenset()  # ages: one person's, compared only when named


def _epoch_day(day: date) -> int:
    return (day - EPOCH).days


def corpus_of(claims: Sequence[ClaimFacts], options) -> Corpus:
    events: Counter[str] = Counter()
    years: Counter[str] = Counter()
    days: list[int] = []
    for claim in claims:
        for value in claim.values:
            events.update(t.removeprefix("event:") for t in value.scope if t.startswith("event:"))
            if value.measured in options.event_concepts:
                events[value.measured] += 1
        if claim.published is not None:
            years[f"year:{claim.published.year}"] += 1
            days.append(_epoch_day(claim.published.date()))
    owners: dict[str, set[str]] = {}
    for claim in claims:
        for value in claim.values:
            if value.measured in options.owned_concepts:
                owners.setdefault(value.measured, set()).update(
                    t for t in value.scope if t.startswith("of:")
                )
    roles: dict[str, set[str]] = {}
    for claim in claims:
        for value in claim.values:
            # A concept names its role already ("fallecidos", "evacuados"); a plain noun
            # ("buzos", "turistas") or a concept of people ("reclusos") does not.
            plain = (
                value.measured not in options.concepts or value.measured in options.role_concepts
            )
            if value.kind in ROLE_KINDS and value.restriction and plain:
                roles.setdefault(value.measured, set()).add(value.restriction)
    main_event = events.most_common(1)[0][0] if events else None
    reference = sorted(days)[len(days) // 2] if days else None
    corpus = Corpus(
        main_event,
        frozenset(y for y, _ in years.most_common(1)),
        reference,
        options.event_concepts,
        options.evolving | options.owned_concepts,
        frozenset(m for m, found in owners.items() if len(found) > 1),
        name_aliases(claims),
        options.story_concepts,
        frozenset(m for m, found in roles.items() if len(found) > 1),
        options.calamities,
        verbs=participle_verbs(
            (v.measured for c in claims for v in c.values), options.participle_endings
        ),
        personal=options.personal_concepts,
    )
    placed = [
        Placed(claim, value, key.measured, (key.family, *_context(key)))
        for claim in claims
        for value in claim.values
        if comparable(value, corpus)
        for key in (slot_key(claim, value, corpus),)
    ]
    synonyms = figure_synonyms(placed, options.concepts, options.vague_measures)
    return replace(corpus, synonyms=synonyms)


def _context(key: SlotKey) -> tuple:
    """What a slot is besides its family and what it measures."""
    return (key.restriction, key.aspect, key.scope, key.modality, key.unit)


def story_names(corpus: Corpus) -> frozenset[str]:
    """What names the story's event in this corpus: its main event, the words for whatever
    a story is about, and nothing at all ("lo originó un rayo"). Not another calamity: in a
    fire's coverage "un rayo provocó el apagón" is about the blackout."""
    if corpus.main_event is None:
        return frozenset({""})
    return frozenset({"", corpus.main_event, *corpus.story})


def comparable(value: ValueFacts, corpus: Corpus | None = None) -> bool:
    """Values that can take part in a comparison at all."""
    if not value.measured:
        return False  # nothing says what it measures: comparing it would be a guess
    if value.kind == "ordinal":
        return value.unit in RANK_UNITS
    if READING in value.scope:
        return False  # "el balance de las 8.00": when a report was made
    owned = corpus is not None and value.measured in corpus.contested | corpus.personal
    if owned and not any(t.startswith("of:") for t in value.scope):
        # "27 escaños" in a sentence about three parties: whose? "un hombre de 47 años"
        # and "un hombre de 28 años" may be two men.
        return False
    if corpus is not None and value.measured in corpus.roles and not value.restriction:
        return False  # "los seis buzos" where some are trapped and some got out: which?
    if corpus is not None and family(value.kind) in {"when", "time"}:
        # The date of an event, not of a toll ("el jueves, 213 muertos" dates a report).
        return value.measured not in corpus.tallies or value.measured in corpus.event_concepts
    return value.kind != "day_offset"


def _earlier(claim: ClaimFacts, value: ValueFacts, corpus: Corpus) -> bool:
    """A date well before the report is another, earlier event's ("el de Pisco, en 2007")."""
    if family(value.kind) != "when" or value.kind == "weekday":
        return False
    comparable_value = as_comparable(value)
    if comparable_value.kind != "date" or comparable_value.high is None:
        return False
    reference = _epoch_day(claim.published.date()) if claim.published else corpus.reference_day
    return reference is not None and comparable_value.high < reference - EARLIER_DAYS


_NAME_LINKS = frozenset({"de", "del", "la", "el", "los", "las", "y", "e"})


def name_aliases(claims: Sequence[ClaimFacts]) -> dict[str, str]:
    """Scope names that abbreviate another name of the corpus: "of:uv" -> "of:union-
    valderana" when "Unión Valderana" occurs (its initials); an owner's shorter name to its
    fullest ("of:ferrer" -> "of:tomas-ferrer")."""
    names: set[tuple[str, str]] = {
        tuple(t.split(":", 1))  # type: ignore[misc]
        for c in claims
        for v in c.values
        for t in v.scope
        if t.startswith(("of:", "at:", "from:"))
    }
    long_names: dict[tuple[str, str], str] = {}
    for prefix, name in names:
        words = [w for w in name.split("-") if w not in _NAME_LINKS]
        if len(words) >= 2:
            long_names.setdefault((prefix, "".join(w[0] for w in words)), name)
    aliases = {}
    for prefix, name in names:
        target = long_names.get((prefix, name))
        if "-" not in name and target:
            aliases[f"{prefix}:{name}"] = f"{prefix}:{target}"
    people = {name for prefix, name in names if prefix == "of"}
    for name in people:
        target = _fullest_name(name, people)
        if target is not None:
            aliases[f"of:{name}"] = f"of:{target}"
    return aliases


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _fullest_name(name: str, names: set[str]) -> str | None:
    """ "ferrer" and "tomas-ferrer" -> "tomas-ferrer-sanz": a person named in full once,
    then by surname or without the second surname. Only when the longer names holding it
    are one another's parts; "ferrer" stays itself when there are a Tomás and a Luis Ferrer."""
    words = name.split("-")
    if all(w in _NAME_LINKS for w in words):
        return None
    holders = [n.split("-") for n in names if n != name and _contains(n.split("-"), words)]
    if not holders:
        return None
    fullest = max(holders, key=len)
    if not all(_contains(fullest, h) for h in holders):
        return None
    return "-".join(fullest)


def slot_key(claim: ClaimFacts, value: ValueFacts, corpus: Corpus) -> SlotKey:
    own_year = f"year:{claim.published.year}" if claim.published else None
    scope = tuple(
        corpus.aliases.get(term, term)
        for term in value.scope
        if term != f"event:{corpus.main_event}"
        and term != own_year
        and term not in corpus.main_years
    )
    # A reading's moment orders figures of one slot (readings.py); it is no scope of its own.
    # Nor is the half of the day an hour in words leaves open (clock_halves.py).
    scope = tuple(
        t for t in scope if t not in {PROVISIONAL, EITHER_HALF} and not t.startswith(MOMENT)
    )
    if _earlier(claim, value, corpus):
        # Two earlier events are told apart by their year.
        year = date.fromordinal(EPOCH.toordinal() + int(as_comparable(value).high or 0)).year
        scope = tuple(sorted({*scope, "earlier", f"year:{year}"}))
    measured = corpus.verbs.get(value.measured, value.measured)
    if measured in corpus.story and corpus.main_event:
        measured = corpus.main_event  # "los hechos ocurrieron el viernes": the story's event
    if _calamity_of_the_story(measured, value, scope, corpus):
        measured = corpus.main_event  # "la crecida del martes" in a mine accident's coverage
    if measured == value.kind and value.kind in SELF_DESCRIBED and corpus.main_event:
        # "una magnitud de 6,8" says only its kind: of the corpus's main event, like "un
        # sismo de magnitud 6,8" (an aftershock is told apart by its scope).
        measured = corpus.main_event
    measured = corpus.synonyms.get((family(value.kind), measured), measured)
    return SlotKey(
        family=family(value.kind),
        measured=measured,
        restriction=value.restriction,
        aspect=value.aspect,
        scope=scope,
        modality=value.modality,
        unit=value.unit if value.kind in UNIT_KINDS else "",
    )


def _calamity_of_the_story(
    measured: str, value: ValueFacts, scope: tuple[str, ...], corpus: Corpus
) -> bool:
    """When a disaster is the story, another disaster's day or hour is its day or hour
    (a flood that traps miners, the fire aboard a plane that falls), unless it is dated as
    an earlier event or told apart as another one."""
    return (
        corpus.main_event in corpus.calamities
        and measured in corpus.calamities
        and measured != corpus.main_event
        and family(value.kind) in ("when", "time")
        and not scope
    )


# More different figures of one slot in one claim than this are a table, not a statement.
MAX_FIGURES_TOLD_APART = 6
# Kinds whose value may name only itself ("la magnitud fue de 6,8", "el parte habla de 900
# hectáreas").
SELF_DESCRIBED = frozenset({"magnitude", "area"})
# A magnitude this far from the corpus's usual one is another quake (an aftershock).
OTHER_MAGNITUDE = 1.0
# Families a claim about another event carries that event's values in.
EVENT_FAMILIES = frozenset({"when", "time", "length", "magnitude", "duration"})
SECONDARY = "secondary"
# A figure marked as preliminary ("magnitud preliminar de 6,6"): no scope of its own.
PROVISIONAL = "provisional"
READING = "reading"  # when another figure was read (app/nlp/scope.py): dates no event


def mark_secondary_events(claims: Sequence[ClaimFacts]) -> list[ClaimFacts]:
    """Claims that give a magnitude far from the corpus's main one speak of another event:
    "el temblor sentido este jueves fue de magnitud 4,6 y se produjo a 9,7 km de
    profundidad" is an aftershock's date, magnitude and depth, not the main shock's."""
    figures: Counter[tuple[str, float]] = Counter()
    for claim in claims:
        for v in claim.values:
            if v.kind == "magnitude" and v.low is not None and SECONDARY not in v.scope:
                figures[(v.measured, round(v.low, 1))] += 1
    main: dict[str, float] = {}
    for (measured, figure), _ in figures.most_common():
        main.setdefault(measured, figure)
    if not main:
        return list(claims)
    marked = []
    for claim in claims:
        other = any(
            v.kind == "magnitude"
            and v.low is not None
            and v.measured in main
            and abs(v.low - main[v.measured]) >= OTHER_MAGNITUDE
            for v in claim.values
        )
        if other:
            values = tuple(
                replace(v, scope=tuple(sorted({*v.scope, SECONDARY})))
                if family(v.kind) in EVENT_FAMILIES
                else v
                for v in claim.values
            )
            claim = replace(claim, values=values)
        marked.append(claim)
    return marked


def build_slots(claims: Iterable[ClaimFacts], corpus: Corpus) -> dict[SlotKey, list[SlotEntry]]:
    """Values by slot. Several different figures of one slot in one claim cannot be told
    apart ("UV obtuvo 27 escaños, frente a los 25 de AS" when AS's owner is missed): none
    of them is placed, unless each is given by a different party ("el 1,6 % del Fondo,
    frente al 2,1 % que espera el Gobierno")."""
    slots: dict[SlotKey, list[SlotEntry]] = {}
    for claim in claims:
        keyed = [(slot_key(claim, v, corpus), v) for v in claim.values if comparable(v, corpus)]
        by_key: dict[SlotKey, list[ValueFacts]] = {}
        for key, value in keyed:
            by_key.setdefault(key, []).append(value)
        placed = {key: _told_apart(values) for key, values in by_key.items()}
        for key, value in keyed:
            if placed[key]:
                slots.setdefault(key, []).append(SlotEntry(claim, value))
    return slots


def _told_apart(values: Sequence[ValueFacts]) -> bool:
    """Each distinct figure once: a long claim repeating one figure stays linear. A weekday
    and a date are parts of one day ("el lunes 3 de mayo"), not two figures."""
    figures: dict[tuple, ValueFacts] = {}
    for value in values:
        figures.setdefault((value.kind, value.low, value.high), value)
        if len(figures) > MAX_FIGURES_TOLD_APART:
            return False
    distinct = list(figures.values())
    return all(
        different_parties(a.party, b.party)
        for i, a in enumerate(distinct)
        for b in distinct[i + 1 :]
        if a.kind == b.kind
    )


def as_comparable(value: ValueFacts) -> ValueFacts:
    """A year is a date interval: "en 2019" and "en abril de 2019" then compare."""
    if value.kind != "year" or value.low is None or value.high is None:
        return value
    first, last = int(value.low), int(value.high)
    if not 1 <= first <= last <= 9999:
        return value
    return replace(
        value,
        kind="date",
        unit="epoch_day",
        low=_epoch_day(date(first, 1, 1)),
        high=_epoch_day(date(last, 12, 31)),
    )


def _single_day(value: ValueFacts) -> date | None:
    if value.kind != "date" or value.low is None or value.low != value.high:
        return None
    return date.fromordinal(EPOCH.toordinal() + int(value.low))


def value_pair(a: ValueFacts, b: ValueFacts) -> tuple[ValueFacts, ValueFacts] | None:
    """Two values of one slot in the form they compare in: calendar values through
    ``calendar_pair``, clock times in one half of the day, others as they are."""
    if family(a.kind) == "when":
        return calendar_pair(a, b)
    if a.kind == "time" and b.kind == "time":
        return in_the_same_half(a, b)
    return a, b


def calendar_pair(a: ValueFacts, b: ValueFacts) -> tuple[ValueFacts, ValueFacts] | None:
    """Two calendar values in a common form, or None when they cannot be compared: a
    weekday against a date is compared as weekdays, a day of a month against a date as
    days of a month, a year against a date as dates."""
    a, b = as_comparable(a), as_comparable(b)
    if a.kind == b.kind:
        return a, b
    for x, y, flip in ((a, b, False), (b, a, True)):
        day = _single_day(y)
        converted = None
        if x.kind == "weekday" and day is not None:
            iso = float(day.isoweekday())
            converted = replace(y, kind="weekday", unit="iso_weekday", low=iso, high=iso)
        elif x.kind == "day" and day is not None:
            code = float(day.month * 100 + day.day)
            converted = replace(y, kind="day", unit="mmdd", low=code, high=code)
        elif x.kind == "month" and y.kind == "date" and y.low is not None and y.high is not None:
            first = date.fromordinal(EPOCH.toordinal() + int(y.low))
            last = date.fromordinal(EPOCH.toordinal() + int(y.high))
            # A month without a year says nothing against a whole year.
            if first.year == last.year and (last - first).days <= MONTH_DAYS:
                converted = replace(
                    y, kind="month", unit="month", low=float(first.month), high=float(last.month)
                )
        elif x.kind == "month" and y.kind == "day" and y.low is not None:
            month = float(int(y.low) // 100)
            converted = replace(y, kind="month", unit="month", low=month, high=month)
        if converted is not None:
            return (converted, x) if flip else (x, converted)
    return None
