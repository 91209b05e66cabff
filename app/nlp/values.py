"""Value normaliser: finds durations, counts, dates, weekdays, months, years, ordinals and
percentages in a parsed document and turns each into an interval in a canonical unit.

Everything language-specific (units, qualifier cues, month names...) lives in
``data/<lang>/values.toml``; this module only knows how the pieces combine.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab
from text_to_num import alpha2digit, text2num

from app.nlp.data import load_language_data

SPAN_KEY = "values"
EPOCH = date(1970, 1, 1)
# Kinds whose quantity cannot be negative, so "menos de X" means [0, X].
QUANTITY_KINDS = frozenset({"duration", "count", "percent"})

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


@dataclass(frozen=True, slots=True)
class _Quantity:
    """A figure read from tokens ``start:end``, before knowing what it measures."""

    start: int
    end: int
    low: float
    high: float
    vague: bool  # an order of magnitude ("decenas de miles"), not a figure
    weak: bool  # "un", "media": a figure only when a unit or multiplier follows
    scaled: bool  # ends in a multiplier, so a counted noun follows "de"
    percent: bool  # the token itself carried "%" ("30%")
    plain: int | None  # the integer of a single plain-digit token, for years and days


@dataclass(frozen=True, slots=True)
class _Measure:
    """What a quantity measures: value = quantity * scale + extra, over tokens up to end."""

    kind: str
    unit: str
    scale: float
    extra: float
    end: int
    head: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token range
    end: int
    kind: str
    low: float | None
    high: float | None
    unit: str
    qualifier: str | None
    nominal: float | None
    head: int


@lru_cache(maxsize=8)
def _tokenizer(lang: str) -> Language:
    # Cues must be split into tokens exactly as documents are; a blank pipeline suffices.
    return spacy.blank(lang)


@lru_cache(maxsize=4096)
def _words_to_number(text: str, lang: str) -> float | None:
    try:
        return float(text2num(text, lang))
    except (ValueError, IndexError, TypeError):
        return None


@lru_cache(maxsize=4096)
def _ordinal_by_alpha2digit(text: str, lang: str) -> int | None:
    match = re.fullmatch(r"(\d+)[ºª]", alpha2digit(text, lang))
    return int(match.group(1)) if match else None


def _singular_lemma(token: Token) -> str:
    """The counted noun's lemma, repairing two common errors of the small model's lemmatiser."""
    lemma = token.lemma_.lower()
    number = token.morph.get("Number")
    # Plurals left unlemmatised ("dólares", "euros" carry no Number feature); invariant
    # nouns in -is/-us ("crisis", "virus") are left alone.
    if lemma == token.lower_ and number != ["Sing"] and re.search(r"[^iuíú]s$", lemma):
        lemma = lemma[:-2] if re.search(r"[^aeiouáéíóú]es$", lemma) else lemma[:-1]
    groups = re.findall(r"[aeiouáéíóúü]+", lemma)
    if len(groups) == 1 and not re.search("[íú]", groups[0]):
        # Monosyllables take no written accent ("drones" -> "dron", not "drón"); an accented
        # í or ú marks a hiatus, so "día" has two syllables.
        lemma = lemma.translate(str.maketrans("áéó", "aeo"))
    return lemma


def _epoch_day(day: date) -> int:
    return (day - EPOCH).days


class ValueFinder:
    """Compiled language data and matchers for one language and vocabulary."""

    def __init__(self, lang: str, vocab: Vocab) -> None:
        data = load_language_data(lang, "values")
        self.lang = lang
        self.about = float(data["about_tolerance"])
        self.almost = float(data["almost_tolerance"])
        self.years = tuple(data["year_range"])
        self.date_order: list[str] = data["numeric_date_order"]
        self.and_words = frozenset(data["links"]["and"])
        self.of_words = frozenset(data["links"]["of"])
        self.of_year_words = frozenset(data["links"]["of_year"])
        self.articles = frozenset(data["numbers"]["articles"])
        self.not_numbers = frozenset(data["numbers"]["not_numbers"])
        self.prenominal = frozenset(data["prenominal_adjectives"])
        self.multipliers: dict[str, float] = data["multipliers"]
        self.vague: dict[str, list[float]] = data["vague_quantities"]
        self.fractions: dict[str, float] = data["fractions"]
        self.durations: dict[str, float] = data["durations"]
        self.months: dict[str, int] = data["months"]
        self.weekdays: dict[str, int] = data["weekdays"]
        self.ordinals: dict[str, int] = data["ordinals"]
        self.ranges = {start: end for start, end in data["ranges"]["pairs"]}
        self.month_parts = {name: part["days"] for name, part in data["month_parts"].items()}
        self.decimal: str = data["decimal_separator"]
        self.thousands: str = data["thousands_separator"]
        self.number_re, self.ordinal_re = self._compile_patterns(data)
        widths = {"day": r"(\d{1,2})", "month": r"(\d{1,2})", "year": r"(\d{4})"}
        self.date_re = re.compile("[/.-]".join(widths[part] for part in self.date_order))
        self.matcher = self._compile_matcher(lang, vocab, data)

    @staticmethod
    def _compile_patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
        dec, thou = re.escape(data["decimal_separator"]), re.escape(data["thousands_separator"])
        number = re.compile(
            rf"(?P<grouped>\d{{1,3}}(?:{thou}\d{{3}})+(?:{dec}\d+)?)"
            rf"|(?P<local>\d+(?:{dec}\d+)?)"
            rf"|(?P<foreign>\d+{thou}\d+)"  # "2.5": a decimal point that cannot be grouping
        )
        suffixes = "|".join(re.escape(s) for s in data["ordinal_digit_suffixes"])
        ordinal = re.compile(rf"(\d+)\.?(?:{suffixes})")
        return number, ordinal

    @staticmethod
    def _compile_matcher(lang: str, vocab: Vocab, data: dict[str, Any]) -> Matcher:
        cues: dict[str, list[str]] = {"percent": data["percent"]["cues"]}
        cues["fixed"] = data["fixed_expressions"]["cues"]
        for position in ("prefix", "suffix"):
            for qualifier, words in data["qualifiers"][position].items():
                cues[f"{position}:{qualifier}"] = words
        for name, part in data["month_parts"].items():
            cues[f"part:{name}"] = part["cues"]
        matcher = Matcher(vocab)
        make_doc = _tokenizer(lang).make_doc
        for key, words in cues.items():
            patterns = [[{"LOWER": t.lower_} for t in make_doc(w)] for w in words]
            matcher.add(key, patterns)
        return matcher

    # -- entry point ---------------------------------------------------------------------

    def find(self, doc: Doc) -> list[_Candidate]:
        """Chosen candidates, sorted by start, non-overlapping (longest match wins)."""
        if not len(doc):
            return []
        cues = self._match_cues(doc)
        candidates: list[_Candidate] = []
        for i in range(len(doc)):
            candidates.extend(self._candidates_at(doc, i, cues))
        blocked = {i for s, e in cues.get("fixed", {}).items() for i in range(s, e)}
        return self._resolve(candidates, blocked)

    def _match_cues(self, doc: Doc) -> dict[str, dict[int, int]]:
        """Cue kind -> {start token: end token}, keeping the longest cue at each start."""
        found: dict[str, dict[int, int]] = {}
        for match_id, start, end in self.matcher(doc):
            by_start = found.setdefault(doc.vocab.strings[match_id], {})
            by_start[start] = max(end, by_start.get(start, end))
        return found

    def _candidates_at(self, doc: Doc, i: int, cues: dict[str, dict[int, int]]) -> list[_Candidate]:
        found: list[_Candidate] = []
        quantity = self._read_quantity(doc, i)
        if quantity is not None:
            found.extend(self._from_quantity(doc, quantity, cues))
        lower = doc[i].lower_
        if lower in self.ranges:
            found.extend(self._range_at(doc, i, cues))
        if lower in self.durations:
            found.extend(self._bare_unit_at(doc, i, cues))
        if lower in self.months:
            found.append(self._month_at(doc, i, cues))
        if lower in self.weekdays:
            day = self.weekdays[lower]
            found.append(_Candidate(i, i + 1, "weekday", day, day, "iso_weekday", None, day, i))
        found.extend(self._ordinal_at(doc, i))
        found.extend(self._numeric_date_at(doc, i))
        return found

    @staticmethod
    def _resolve(candidates: list[_Candidate], blocked: set[int]) -> list[_Candidate]:
        """Longest match wins; earlier start breaks ties."""
        taken: set[int] = set(blocked)
        chosen: list[_Candidate] = []
        for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
            tokens = set(range(cand.start, cand.end))
            if tokens & taken:
                continue
            taken |= tokens
            chosen.append(cand)
        return sorted(chosen, key=lambda c: c.start)

    # -- figures -------------------------------------------------------------------------

    def _parse_digits(self, text: str) -> float | None:
        match = self.number_re.fullmatch(text)
        if match is None:
            return None
        if match.group("grouped"):
            text = text.replace(self.thousands, "")
        if not match.group("foreign"):
            text = text.replace(self.decimal, ".")
        value = float(text)
        return value if math.isfinite(value) else None

    def _is_number_word(self, word: str) -> bool:
        # text2num reads some ordinals as cardinals ("tercer" -> 3): those are ordinals here.
        return (
            word not in self.not_numbers
            and word not in self.ordinals
            and _words_to_number(word, self.lang) is not None
        )

    def _read_number(self, doc: Doc, i: int) -> tuple[int, float, bool] | None:
        """(end, value, is_article) of the number in digits or words starting at token i."""
        text = doc[i].text
        digits = self._parse_digits(text)
        if digits is not None:
            return i + 1, digits, False
        end, n = i, len(doc)
        # Collect a run of number words, letting "y" join them ("cuarenta y cinco").
        while end < n:
            joins = (
                doc[end].lower_ in self.and_words
                and i < end < n - 1
                and self._is_number_word(doc[end + 1].lower_)
            )
            if not (joins or self._is_number_word(doc[end].lower_)):
                break
            end += 1
        # The longest prefix text2num accepts: "cuatro y cinco" is two numbers.
        while end > i:
            value = _words_to_number(" ".join(t.lower_ for t in doc[i:end]), self.lang)
            if value is not None and doc[end - 1].lower_ not in self.and_words:
                return end, value, end == i + 1 and doc[i].lower_ in self.articles
            end -= 1
        return None

    def _read_quantity(self, doc: Doc, i: int) -> _Quantity | None:
        n = len(doc)
        lower = doc[i].lower_
        if lower in self.vague and (i == 0 or self._read_number(doc, i - 1) is None):
            low, high = self.vague[lower]
            end = i + 1
            # "decenas de millones de": each "de <multiplier>" scales the magnitude.
            while (
                end + 1 < n
                and doc[end].lower_ in self.of_words
                and doc[end + 1].lower_ in self.multipliers
            ):
                factor = self.multipliers[doc[end + 1].lower_]
                low, high, end = low * factor, high * factor, end + 2
            return _Quantity(i, end, low, high, True, False, True, False, None)
        number = self._read_number(doc, i)
        # The tokenizer keeps "30%" as one token.
        inline = self._parse_digits(lower[:-1]) if lower.endswith("%") else None
        percent = inline is not None
        if inline is not None:
            number = (i + 1, inline, False)
        if number is None:
            if lower not in self.fractions:
                return None
            end, value, weak = i + 1, self.fractions[lower], True
        else:
            end, value, weak = number
        if not percent and end < n and doc[end].lower_ in self.fractions and number is not None:
            # "un cuarto", "tres cuartos": a count of fractions.
            value, end, weak = value * self.fractions[doc[end].lower_], end + 1, True
        while not percent and end < n and doc[end].lower_ in self.multipliers:
            value, end = value * self.multipliers[doc[end].lower_], end + 1
        scaled = doc[end - 1].lower_ in self.multipliers
        if scaled:
            weak = False
            factor = self.multipliers[doc[end - 1].lower_]
            if (
                end + 1 < n
                and doc[end].lower_ in self.and_words
                and doc[end + 1].lower_ in self.fractions
            ):
                # "dos millones y medio"
                value, end = value + factor * self.fractions[doc[end + 1].lower_], end + 2
        if not math.isfinite(value):
            return None
        plain = int(doc[i].text) if end == i + 1 and doc[i].text.isdecimal() else None
        return _Quantity(i, end, value, value, False, weak, scaled, percent, plain)

    # -- what a figure measures ----------------------------------------------------------

    def _duration_unit(self, doc: Doc, k: int, after_fraction: bool) -> int | None:
        """Token index of a duration unit at k (or after "de" when a fraction precedes)."""
        if after_fraction and k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1
        if k >= len(doc) or doc[k].lower_ not in self.durations:
            return None
        # "un segundo intento", "un segundo satélite espía": an ordinal adjective, not the
        # unit (the tagger may read the following noun as an adjective too).
        if doc[k].pos_ == "ADJ" and (
            "Ord" in doc[k].morph.get("NumType")
            or (k + 1 < len(doc) and doc[k + 1].pos_ in {"NOUN", "ADJ", "PROPN"})
        ):
            return None
        return k

    def _duration_tail(self, doc: Doc, unit: int) -> tuple[float, int]:
        """(extra seconds, end) for "... y media" or "... y diez minutos" after a unit."""
        scale = self.durations[doc[unit].lower_]
        k = unit + 1
        if k + 1 >= len(doc) or doc[k].lower_ not in self.and_words:
            return 0.0, k
        nxt = doc[k + 1].lower_
        if nxt in self.fractions:
            return scale * self.fractions[nxt], k + 2
        smaller = self._read_quantity(doc, k + 1)
        if smaller is None or smaller.vague:
            return 0.0, k
        unit2 = self._duration_unit(doc, smaller.end, smaller.weak)
        if unit2 is None or self.durations[doc[unit2].lower_] >= scale:
            return 0.0, k
        return smaller.low * self.durations[doc[unit2].lower_], unit2 + 1

    def _measure(self, doc: Doc, q: _Quantity, cues: dict[str, dict[int, int]]) -> _Measure | None:
        if q.percent:
            return _Measure("percent", "%", 1.0, 0.0, q.end, q.start)
        unit = self._duration_unit(doc, q.end, q.weak)
        if unit is not None:
            extra, end = self._duration_tail(doc, unit)
            return _Measure("duration", "s", self.durations[doc[unit].lower_], extra, end, unit)
        if q.end in cues.get("percent", {}):
            return _Measure("percent", "%", 1.0, 0.0, cues["percent"][q.end], q.start)
        if q.weak or self._in_name(doc, q):
            return None
        year_like = q.plain is not None and self.years[0] <= q.plain <= self.years[1]
        noun = self._counted_noun(doc, q)
        # "En 2022 tropas rusas...": a year-like figure counts a noun only if the parse agrees.
        if noun is not None and not (year_like and doc[q.start].head.i != noun):
            return _Measure("count", _singular_lemma(doc[noun]), 1.0, 0.0, noun + 1, noun)
        if year_like:
            return _Measure("year", "year", 1.0, 0.0, q.end, q.start)
        if q.scaled:
            # "3,5 millones" with nothing counted after it.
            return _Measure("count", "", 1.0, 0.0, q.end, q.end - 1)
        return None

    def _counted_noun(self, doc: Doc, q: _Quantity) -> int | None:
        k = q.end
        if q.scaled and k < len(doc) and doc[k].lower_ in self.of_words:
            k += 1
        noun = self._noun_after(doc, k)
        if noun is None and k < len(doc) and doc[k].pos_ == "ADJ" and doc[q.end - 1].head.i == k:
            # A nominalised adjective the figure quantifies: "14 desaparecidos", "7 detenidos".
            noun = k
        if noun is None:
            return None
        lower = doc[noun].lower_
        other = lower in self.months or lower in self.weekdays or lower in self.durations
        return None if other else noun

    def _noun_after(self, doc: Doc, k: int) -> int | None:
        """The noun at token k, perhaps after adjectives that go before nouns ("nuevos")."""
        while k < len(doc):
            token = doc[k]
            if token.pos_ == "NOUN":
                return k
            if token.pos_ != "ADJ":
                return None
            if token.lemma_.lower() not in self.prenominal and token.lower_ not in self.prenominal:
                # The small model tags the first of two nouns as an adjective ("satélite espía").
                return k if k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" else None
            k += 1
        return None

    @staticmethod
    def _in_name(doc: Doc, q: _Quantity) -> bool:
        """A figure that is part of a proper name ("Apolo 11") counts nothing."""
        head = doc[q.start].head
        return head.pos_ == "PROPN" and head.i == q.start - 1

    def _from_quantity(
        self, doc: Doc, q: _Quantity, cues: dict[str, dict[int, int]]
    ) -> list[_Candidate]:
        day = self._day_of_month(doc, q)
        if day is not None:
            return [day]
        measure = self._measure(doc, q, cues)
        if measure is None:
            return []
        low = q.low * measure.scale + measure.extra
        high = q.high * measure.scale + measure.extra
        qualifier = "vague" if q.vague else None
        nominal = None if q.vague else low
        cand = _Candidate(
            q.start,
            measure.end,
            measure.kind,
            low,
            high,
            measure.unit,
            qualifier,
            nominal,
            measure.head,
        )
        return [self._qualify(doc, cand, cues)]

    def _qualify(self, doc: Doc, cand: _Candidate, cues: dict[str, dict[int, int]]) -> _Candidate:
        """Widen a quantity by the qualifier cue just before or after it."""
        if cand.kind not in QUANTITY_KINDS or cand.low is None or cand.high is None:
            return cand
        start, end, qualifier = cand.start, cand.end, None
        # A determiner may sit between cue and figure: "cerca de un 30 %", "casi el 40 %".
        before = doc[cand.start - 1] if cand.start else None
        is_det = before is not None and (before.pos_ == "DET" or before.dep_ == "det")
        gaps = [cand.start, cand.start - 1] if is_det else [cand.start]
        for key, by_start in cues.items():
            position, _, name = key.partition(":")
            if position == "prefix":
                hit = next((s for s, e in by_start.items() if e in gaps), None)
                if hit is not None and (qualifier is None or hit < start):
                    start, qualifier = hit, name
        if qualifier is None:
            for key, by_start in cues.items():
                position, _, name = key.partition(":")
                if position == "suffix" and cand.end in by_start:
                    end, qualifier = by_start[cand.end], name
        if qualifier is None:
            return cand
        low, high = self._widen(qualifier, cand.low, cand.high)
        return _Candidate(
            start, end, cand.kind, low, high, cand.unit, qualifier, cand.nominal, cand.head
        )

    def _widen(self, qualifier: str, low: float, high: float) -> tuple[float | None, float | None]:
        if qualifier in ("more_than", "at_least"):
            return low, None
        if qualifier in ("less_than", "at_most"):
            return 0.0, high
        if qualifier == "about":
            return _round(low - low * self.about), _round(high + high * self.about)
        if qualifier == "almost":
            return _round(low - low * self.almost), high
        return low, high

    # -- ranges and bare units -----------------------------------------------------------

    def _range_at(self, doc: Doc, i: int, cues: dict[str, dict[int, int]]) -> list[_Candidate]:
        """Ranges such as "entre dos y tres horas", "de 3 a 5 misiles"."""
        first = self._read_quantity(doc, i + 1) if i + 1 < len(doc) else None
        if first is None or first.vague:
            return []
        k, first_scale = first.end, None
        unit = self._duration_unit(doc, k, first.weak)
        if unit is not None:
            k, first_scale = unit + 1, self.durations[doc[unit].lower_]
        elif k in cues.get("percent", {}):
            k = cues["percent"][k]
        if k + 1 >= len(doc) or doc[k].lower_ != self.ranges[doc[i].lower_]:
            return []
        second = self._read_quantity(doc, k + 1)
        if second is None or second.vague:
            return []
        measure = self._measure(doc, second, cues)
        if measure is None or measure.kind not in QUANTITY_KINDS | {"year"}:
            return []
        scale = first_scale if first_scale is not None else measure.scale
        low, high = sorted((first.low * scale, second.high * measure.scale + measure.extra))
        return [
            _Candidate(
                i, measure.end, measure.kind, low, high, measure.unit, "between", None, measure.head
            )
        ]

    def _bare_unit_at(self, doc: Doc, i: int, cues: dict[str, dict[int, int]]) -> list[_Candidate]:
        """A unit with a fraction but no figure ("hora y media") means one unit."""
        unit = self._duration_unit(doc, i, after_fraction=False)
        if unit is None:
            return []
        extra, end = self._duration_tail(doc, unit)
        if not extra:
            return []
        seconds = self.durations[doc[unit].lower_] + extra
        cand = _Candidate(i, end, "duration", seconds, seconds, "s", None, seconds, unit)
        return [self._qualify(doc, cand, cues)]

    # -- calendar ------------------------------------------------------------------------

    def _year_after(self, doc: Doc, k: int) -> int | None:
        """The year in "<month> de 2019" when token k is the link word."""
        if k + 1 >= len(doc) or doc[k].lower_ not in self.of_year_words:
            return None
        text = doc[k + 1].text
        if not text.isdecimal() or len(text) != 4:
            return None
        year = int(text)
        return year if self.years[0] <= year <= self.years[1] else None

    def _day_of_month(self, doc: Doc, q: _Quantity) -> _Candidate | None:
        """A day and month: "13 de septiembre de 2023" is a date; without a year, only a month."""
        k = q.end
        if q.vague or q.weak or q.scaled or not q.low.is_integer() or not 1 <= q.low <= 31:
            return None
        if k + 1 >= len(doc) or doc[k].lower_ not in self.of_words:
            return None
        month = self.months.get(doc[k + 1].lower_)
        if month is None:
            return None
        year = self._year_after(doc, k + 2)
        if year is None:
            return _Candidate(q.start, k + 2, "month", month, month, "month", None, month, k + 1)
        try:
            day = _epoch_day(date(year, month, int(q.low)))
        except ValueError:  # "31 de febrero"
            return None
        return _Candidate(q.start, k + 4, "date", day, day, "epoch_day", None, day, k + 1)

    def _month_at(self, doc: Doc, i: int, cues: dict[str, dict[int, int]]) -> _Candidate:
        month = self.months[doc[i].lower_]
        part: str | None = None
        start = i
        for key, by_start in cues.items():
            kind, _, name = key.partition(":")
            if kind == "part":
                hit = next((s for s, e in by_start.items() if e == i), None)
                if hit is not None:
                    part, start = name, hit
        qualifier = "vague" if part else None
        year = self._year_after(doc, i + 1)
        if year is None:
            return _Candidate(start, i + 1, "month", month, month, "month", qualifier, month, i)
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = self.month_parts[part] if part else (1, last)
        low = _epoch_day(date(year, month, min(first_day, last)))
        high = _epoch_day(date(year, month, min(last_day, last)))
        return _Candidate(start, i + 3, "date", low, high, "epoch_day", qualifier, None, i)

    def _numeric_date_at(self, doc: Doc, i: int) -> list[_Candidate]:
        """An all-digit date ("13/09/2023") in the language's order of day, month and year."""
        match = self.date_re.fullmatch(doc[i].text)
        if match is None:
            return []
        parts = dict(zip(self.date_order, map(int, match.groups()), strict=True))
        try:
            day = _epoch_day(date(parts["year"], parts["month"], parts["day"]))
        except ValueError:
            return []
        return [_Candidate(i, i + 1, "date", day, day, "epoch_day", None, day, i)]

    # -- ordinals ------------------------------------------------------------------------

    def _ordinal_at(self, doc: Doc, i: int) -> list[_Candidate]:
        """An ordinal word or digit ranking the noun after it: "tercera reunión", "3.ª edición"."""
        token = doc[i]
        rank: int | None = self.ordinals.get(token.lower_)
        if rank is None:
            match = self.ordinal_re.fullmatch(token.lower_)
            rank = int(match.group(1)) if match else None
        if rank is None and token.is_alpha:
            rank = _ordinal_by_alpha2digit(token.lower_, self.lang)
        if rank is None:
            return []
        noun = self._noun_after(doc, i + 1)
        if noun is None:
            return []
        unit = _singular_lemma(doc[noun])
        return [_Candidate(i, noun + 1, "ordinal", rank, rank, unit, None, rank, noun)]


def _round(x: float) -> float:
    # 40 * 0.9 is 36.00000000000001 in binary; analysts compare these figures for equality.
    return round(x, 6)


def _to_value(doc: Doc, cand: _Candidate) -> Value:
    start = doc[cand.start].idx
    last = doc[cand.end - 1]
    end = last.idx + len(last.text)

    def as_float(x: float | None) -> float | None:
        return None if x is None else float(x)

    return Value(
        kind=cand.kind,
        low=as_float(cand.low),
        high=as_float(cand.high),
        unit=cand.unit,
        text=doc.text[start:end],
        start=start,
        end=end,
        qualifier=cand.qualifier,
        nominal=as_float(cand.nominal),
        head=cand.head,
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
    requires=["token.lemma", "token.pos", "token.dep"],
    assigns=["doc.spans"],
)
def create_values_component(nlp: Language, name: str) -> ValuesComponent:
    return ValuesComponent(nlp)
