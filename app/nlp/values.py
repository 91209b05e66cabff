"""The value normaliser: finds figures, calendar and clock values in a parsed document and
turns each into an interval in a canonical unit.

The readers each know one family (``numbers``, ``measures``, ``calendar``, ``ordinals``,
``scales``, ``qualifiers``); this module proposes candidates at every token, widens them by their
qualifiers and keeps the longest non-overlapping ones. Everything language-specific lives
in ``data/<lang>/values.toml``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from app.nlp.calendar import CalendarReader
from app.nlp.candidates import Candidate, granularity
from app.nlp.claims import text_of
from app.nlp.concepts import lexicon
from app.nlp.data import load_language_data
from app.nlp.kinds import RANGE_KINDS
from app.nlp.measures import MeasureReader
from app.nlp.numbers import NumberReader, Quantity
from app.nlp.ordinals import OrdinalReader
from app.nlp.phrases import PhraseTable
from app.nlp.qualifiers import Qualifiers
from app.nlp.scales import ScaleReader
from app.nlp.temperatures import TEMPERATURE, TemperatureReader

SPAN_KEY = "values"

INLINE_SIGN_STOPS = frozenset({"%.", "€.", "$.", "£."})
# "entre 180 y 220 millones": a first figure below ten times the second's shares its multiplier.
SHARED_MULTIPLIER_ORDER = 10

if not Span.has_extension("value"):
    Span.set_extension("value", default=None)


@dataclass(frozen=True, slots=True)
class Value:
    kind: str
    low: float | None
    high: float | None
    unit: str
    text: str
    start: int
    end: int
    qualifier: str | None
    nominal: float | None
    head: int
    direction: str | None = None
    zone: str | None = None
    step: float | None = None


@lru_cache(maxsize=8)
def _tokenizer(lang: str) -> Language:
    # Cues must be split into tokens exactly as documents are; a blank pipeline suffices.
    return spacy.blank(lang)


def _splitter(lang: str):
    make_doc = _tokenizer(lang).make_doc

    def split(text: str) -> tuple[str, ...]:
        return tuple(t.lower_ for t in make_doc(text))

    return split


class ValueFinder:
    """Compiled language data and matchers for one language and vocabulary."""

    def __init__(self, lang: str, vocab: Vocab) -> None:
        data = load_language_data(lang, "values")
        split = _splitter(lang)
        self.numbers = NumberReader(lang, data)
        self.measures = MeasureReader(data, load_language_data(lang, "morphology"), split)
        self.calendar = CalendarReader(data, self.numbers, split)
        self.ordinals = OrdinalReader(lang, data, self.measures)
        self.scales = ScaleReader(data, self.numbers)
        self.temperatures = TemperatureReader(data, split, self.numbers.parse_digits)
        self.qualifiers = Qualifiers(vocab, data, split)
        self.ranges = {start: end for start, end in data["ranges"]["pairs"]}
        self.alternatives = frozenset(data["ranges"]["alternatives"])
        self.magnitude_nouns = frozenset(data["magnitude"]["nouns"])
        self.magnitude_after = PhraseTable(
            ((phrase, None) for phrase in data["magnitude"]["scale_phrases"]), split
        )
        self.of_words = frozenset(data["links"]["of"])
        self.matcher = Matcher(vocab)
        make_doc = _tokenizer(lang).make_doc
        for key, words in (
            ("percent", data["percent"]["cues"]),
            ("fixed", data["fixed_expressions"]["cues"]),
        ):
            self.matcher.add(key, [[{"LOWER": t.lower_} for t in make_doc(w)] for w in words])

    # -- entry point ---------------------------------------------------------------------

    def find(self, doc: Doc) -> list[Candidate]:
        """Chosen candidates, sorted by start, non-overlapping (longest match wins)."""
        if not len(doc):
            return []
        cues = self._match_cues(doc)
        qualifier_cues = self.qualifiers.match(doc)
        candidates: list[Candidate] = []
        for i in range(len(doc)):
            for cand in self._candidates_at(doc, i, cues):
                if cand.qualifier in (None, "vague"):
                    cand = self.qualifiers.qualify(doc, cand, qualifier_cues)
                # After the bounds: "más de diez grados bajo cero" is colder than -10.
                if cand.kind == TEMPERATURE and (
                    below := self.temperatures.below_zero(doc, cand.end)
                ):
                    cand = self.temperatures.negated(cand, below)
                candidates.append(cand)
        blocked = {i for s, e in cues.get("fixed", {}).items() for i in range(s, e)}
        return _carry_currency(doc, self._resolve(candidates, blocked))

    def _match_cues(self, doc: Doc) -> dict[str, dict[int, int]]:
        found: dict[str, dict[int, int]] = {}
        for match_id, start, end in self.matcher(doc):
            by_start = found.setdefault(doc.vocab.strings[match_id], {})
            by_start[start] = max(end, by_start.get(start, end))
        return found

    def _candidates_at(self, doc: Doc, i: int, cues: dict[str, dict[int, int]]) -> list[Candidate]:
        found: list[Candidate] = []
        percent = cues.get("percent", {})
        quantity = self.numbers.read(doc, i)
        if quantity is not None:
            found.extend(self._from_quantity(doc, quantity, percent))
            found.extend(self._alternative_at(doc, quantity, percent))
        lower = doc[i].lower_
        if lower in self.ranges:
            found.extend(self._range_at(doc, i, percent))
        if lower in self.measures.durations:
            found.extend(self._bare_unit_at(doc, i))
        if lower in self.calendar.months:
            found.append(self.calendar.month_at(doc, i))
        if lower in self.calendar.weekdays:
            weekday = self.calendar.weekday_at(doc, i)
            if weekday is not None:
                found.append(weekday)
        if lower in self.magnitude_nouns:
            found.extend(self._magnitude_at(doc, i))
        found.extend(self.calendar.clock_at(doc, i))
        found.extend(self.calendar.relative_day_at(doc, i))
        found.extend(self.ordinals.at(doc, i))
        found.extend(self.scales.at(doc, i))
        found.extend(self.calendar.numeric_date_at(doc, i))
        found.extend(self.temperatures.signed_at(doc, i))
        return found

    @staticmethod
    def _resolve(candidates: list[Candidate], blocked: set[int]) -> list[Candidate]:
        """Longest match wins; earlier start breaks ties."""
        taken: set[int] = set(blocked)
        chosen: list[Candidate] = []
        for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
            tokens = set(range(cand.start, cand.end))
            if tokens & taken:
                continue
            taken |= tokens
            chosen.append(cand)
        return sorted(chosen, key=lambda c: c.start)

    # -- figures -------------------------------------------------------------------------

    def _from_quantity(self, doc: Doc, q: Quantity, percent: dict[int, int]) -> list[Candidate]:
        day = self.calendar.day_of_month(doc, q)
        if day is not None:
            return [day]
        magnitude = self.magnitude_after.starting_at(doc, q.end)
        if magnitude is not None and not q.vague:
            _, end = magnitude
            return [self._candidate(q, "magnitude", "magnitude", 1.0, 0.0, end, q.start)]
        if self.temperatures.below_zero(doc, q.end) is not None:
            # "doce bajo cero": a temperature with no unit (its sign is read in ``find``)
            return [
                self._candidate(q, TEMPERATURE, self.temperatures.unit, 1.0, 0.0, q.end, q.start)
            ]
        measure = self.measures.measure(doc, q, percent, self.numbers.read)
        if measure is None:
            return []
        start = q.start
        sign = self.measures.currency_before(doc, q.start) if measure.kind == "money" else None
        if sign is not None and measure.end == q.end and not q.currency:
            start = sign[1]  # "US$ 500": the sign is part of the value
        return [
            self._candidate(
                q,
                measure.kind,
                measure.unit,
                measure.scale,
                measure.extra,
                measure.end,
                measure.head,
                start,
            )
        ]

    @staticmethod
    def _candidate(
        q: Quantity,
        kind: str,
        unit: str,
        scale: float,
        extra: float,
        end: int,
        head: int,
        start: int | None = None,
    ) -> Candidate:
        # Round away binary noise: three tenths of a point is 0.3, not 0.30000000000000004.
        low = round(q.low * scale + extra, 9)
        high = round(q.high * scale + extra, 9)
        # "dos horas y media" is stated to the half hour; "seis horas" to the hour.
        step = None if q.vague else granularity(q.low) * scale
        if extra and step is not None:
            step = min(step, extra)
        return Candidate(
            q.start if start is None else start,
            end,
            kind,
            low,
            high,
            unit,
            "vague" if q.vague else None,
            None if q.vague else low,
            head,
            step=step,
        )

    def _magnitude_at(self, doc: Doc, i: int) -> list[Candidate]:
        """ "magnitud 6,8", "de magnitud 7", "una magnitud de 6,2", "magnitud preliminar de
        5,9"."""
        k = i + 1
        while k < i + 3 and k + 1 < len(doc) and doc[k].pos_ == "ADJ":
            k += 1
        if k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1
        elif k > i + 1:
            return []  # "magnitud considerable 7" is no reading we trust
        if k >= len(doc):
            return []
        q = self.numbers.read(doc, k)
        if q is None or q.vague or q.weak:
            return []
        start = i - 1 if i and doc[i - 1].lower_ in self.of_words else i
        return [self._candidate(q, "magnitude", "magnitude", 1.0, 0.0, q.end, i, start)]

    # -- ranges and bare units -----------------------------------------------------------

    def _scale_of_first(self, doc: Doc, first: Quantity, percent: dict[int, int]):
        """(end, scale) after the first figure of a range, which may carry its own unit."""
        unit = self.measures.duration_unit(doc, first.end, first.weak)
        if unit is not None:
            return unit + 1, self.measures.durations[doc[unit].lower_]
        found = self.measures.unit_at(doc, first.end)
        if found is not None:
            return found[1], found[0].factor
        if first.end in percent:
            return percent[first.end], None
        return first.end, None

    def _range_between(
        self, doc: Doc, start: int, first: Quantity, k: int, percent: dict[int, int]
    ) -> list[Candidate]:
        second = self.numbers.read(doc, k) if k < len(doc) else None
        if second is None or second.vague or first.vague:
            return []
        measure = self.measures.measure(doc, second, percent, self.numbers.read)
        if measure is None or measure.kind not in RANGE_KINDS:
            return []
        _, first_scale = self._scale_of_first(doc, first, percent)
        scale = first_scale if first_scale is not None else measure.scale
        scale *= self._shared_multiplier(doc, first, second)
        low, high = sorted((first.low * scale, second.high * measure.scale + measure.extra))
        return [
            Candidate(
                start,
                measure.end,
                measure.kind,
                low,
                high,
                measure.unit,
                "between",
                None,
                measure.head,
            )
        ]

    def _shared_multiplier(self, doc: Doc, first: Quantity, second: Quantity) -> float:
        """ "entre 180 y 220 millones": the first figure takes the second's multiplier, when
        it has none and is of the second's order ("entre 800.000 y 1,2 millones" is not)."""
        if first.scaled or not second.scaled or second.high is None:
            return 1.0
        factor = self.numbers.multipliers.get(doc[second.end - 1].lower_, 1.0)
        base = second.high / factor
        return factor if first.low < base * SHARED_MULTIPLIER_ORDER else 1.0

    def _past_article(self, doc: Doc, k: int) -> int:
        """Skip a determiner before a figure: "entre un 1,5 % y un 2 %", "de los 300 a los 400"."""
        if k + 1 < len(doc) and doc[k].pos_ == "DET" and self.numbers.read(doc, k + 1):
            return k + 1
        return k

    def _range_at(self, doc: Doc, i: int, percent: dict[int, int]) -> list[Candidate]:
        """Ranges such as "entre dos y tres horas", "de 3 a 5 misiles"."""
        first = self.numbers.read(doc, self._past_article(doc, i + 1)) if i + 1 < len(doc) else None
        if first is None:
            return []
        k, _ = self._scale_of_first(doc, first, percent)
        if k + 1 >= len(doc) or doc[k].lower_ != self.ranges[doc[i].lower_]:
            return []
        return self._range_between(doc, i, first, self._past_article(doc, k + 1), percent)

    def _alternative_at(
        self, doc: Doc, first: Quantity, percent: dict[int, int]
    ) -> list[Candidate]:
        """ "dos o tres días", "15-20 detenidos": two figures, one unit after the second."""
        k = first.end
        if k + 1 >= len(doc) or doc[k].lower_ not in self.alternatives or first.weak:
            return []
        return self._range_between(doc, first.start, first, k + 1, percent)

    def _bare_unit_at(self, doc: Doc, i: int) -> list[Candidate]:
        """A unit with a fraction but no figure ("hora y media") means one unit."""
        unit = self.measures.duration_unit(doc, i, after_fraction=False)
        if unit is None:
            return []
        extra, end = self.measures.duration_tail(doc, unit, self.numbers.read)
        if not extra:
            return []
        seconds = self.measures.durations[doc[unit].lower_] + extra
        return [Candidate(i, end, "duration", seconds, seconds, "s", None, seconds, unit)]


def _to_value(doc: Doc, cand: Candidate) -> Value:
    start = doc[cand.start].idx
    last = doc[cand.end - 1]
    end = last.idx + len(last.text)
    if text_of(doc)[end - 2 : end] in INLINE_SIGN_STOPS:
        end -= 1  # "3.000€." at a sentence's end is one token; the stop is not the value's

    def as_float(x: float | None) -> float | None:
        return None if x is None else float(x)

    return Value(
        kind=cand.kind,
        low=as_float(cand.low),
        high=as_float(cand.high),
        unit=cand.unit,
        text=text_of(doc)[start:end],
        start=start,
        end=end,
        qualifier=cand.qualifier,
        nominal=as_float(cand.nominal),
        head=cand.head,
        direction=cand.direction,
        zone=cand.zone,
        step=cand.step,
    )


@lru_cache(maxsize=8)
def _finder(lang: str, vocab: Vocab) -> ValueFinder:
    return ValueFinder(lang, vocab)


def find_values(doc: Doc) -> list[Value]:
    """All values in the document, sorted by start, non-overlapping (longest match wins)."""
    return [_to_value(doc, c) for c in _finder(doc.lang_, doc.vocab).find(doc)]


class ValuesComponent:
    """Pipeline component: ``doc.spans["values"]`` with each span's ``._.value`` set."""

    def __init__(self, nlp: Language) -> None:
        self.finder = _finder(nlp.lang, nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for cand in self.finder.find(doc):
            span = doc[cand.start : cand.end]
            span._.value = _to_value(doc, cand)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory(
    "cotejo_values",
    requires=["token.lemma", "token.pos", "token.dep", "token.morph"],
    assigns=["doc.spans"],
)
def create_values_component(nlp: Language, name: str) -> ValuesComponent:
    return ValuesComponent(nlp)


# A bare amount ("96.400 millones") is money when the amounts just before it were.
CURRENCY_REACH_SENTENCES = 2
LARGE_AMOUNT = 1e6
MONEY_ONLY = frozenset({"money"})


def _names_money(token: Token) -> bool:
    concept = lexicon(token.doc.lang_).of_token(token)
    return concept is not None and concept.kinds == MONEY_ONLY


def _carry_currency(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """ "un techo de gasto de 94.600 millones de euros, frente a los 91.640 millones
    aprobados este año": the second amount leaves its currency out. A large count of
    nothing (or of a participle: "millones aprobados") takes the currency of the large
    amounts in its sentence and the one before, when they are all money in one currency;
    a count of something among them ("3 millones de personas") leaves it a count."""
    sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
    starts = sorted(sentence_of)
    out: list[Candidate] = []
    recent: list[tuple[Candidate, int]] = []
    article_currencies = {c.unit for c in chosen if c.kind == "money"}
    for cand in chosen:
        where = sentence_of[starts[bisect_right(starts, cand.start) - 1]]
        large = cand.low is not None and abs(cand.low) >= LARGE_AMOUNT
        if not large or cand.kind not in ("count", "money"):
            out.append(cand)
            continue
        recent = [(c, at) for c, at in recent if where - at < CURRENCY_REACH_SENTENCES]
        head = doc[cand.head]
        participle = head.pos_ == "ADJ" or "Part" in head.morph.get("VerbForm")
        bare = cand.kind == "count" and (not cand.unit or (participle and head.i == cand.end - 1))
        units = {c.unit if c.kind == "money" else None for c, _ in recent}
        if bare and not (len(units) == 1 and None not in units) and _names_money(head):
            # "los 4,1 millones malversados": only money is embezzled; the article's one
            # currency is its unit.
            units = article_currencies
        if bare and len(units) == 1 and None not in units:
            end = cand.end - bool(cand.unit)
            # The participle is left out of the amount, which heads on its last figure word.
            cand = replace(cand, kind="money", unit=units.pop(), end=end, head=end - 1)
        recent.append((cand, where))
        out.append(cand)
    return out
