"""Reading figures from tokens: digits, number words, multipliers, fractions and orders of
magnitude ("decenas de miles"), before anything is known about what they measure.

Everything language-specific comes from ``data/<lang>/values.toml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc
from text_to_num import text2num


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read from tokens ``start:end``."""

    start: int
    end: int
    low: float
    high: float
    vague: bool  # an order of magnitude ("decenas de miles"), not a figure
    weak: bool  # "un", "media": a figure only when a unit or multiplier follows
    scaled: bool  # ends in a multiplier, so a counted noun follows "de"
    percent: bool  # the token itself carried "%" ("30%")
    plain: int | None  # the integer of a single plain-digit token, for years and days
    currency: str | None = None  # the token itself carried a currency sign ("3.000€")


@lru_cache(maxsize=4096)
def words_to_number(text: str, lang: str) -> float | None:
    try:
        return float(text2num(text, lang))
    except (ValueError, IndexError, TypeError):
        return None


class NumberReader:
    """Figures in one language: digit formats, number words and their multipliers."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self.currency_signs: dict[str, str] = {
            sign: code for sign, code in data["currency_prefixes"].items() if len(sign) == 1
        }
        self.and_words = frozenset(data["links"]["and"])
        self.of_words = frozenset(data["links"]["of"])
        self.articles = frozenset(data["numbers"]["articles"])
        self.not_numbers = frozenset(data["numbers"]["not_numbers"])
        self.ordinals = frozenset(data["ordinals"])
        self.multipliers: dict[str, float] = data["multipliers"]
        self.vague: dict[str, list[float]] = data["vague_quantities"]
        self.fractions: dict[str, float] = data["fractions"]
        self.decimal: str = data["decimal_separator"]
        self.thousands: str = data["thousands_separator"]
        dec, thou = re.escape(self.decimal), re.escape(self.thousands)
        self.number_re = re.compile(
            rf"(?P<grouped>\d{{1,3}}(?:{thou}\d{{3}})+(?:{dec}\d+)?)"
            rf"|(?P<local>\d+(?:{dec}\d+)?)"
            rf"|(?P<foreign>\d+{thou}\d+)"  # "2.5": a decimal point that cannot be grouping
        )

    def parse_digits(self, text: str) -> float | None:
        match = self.number_re.fullmatch(text)
        if match is None:
            return None
        if match.group("grouped"):
            text = text.replace(self.thousands, "")
        if not match.group("foreign"):
            text = text.replace(self.decimal, ".")
        value = float(text)
        return value if math.isfinite(value) else None

    def is_number_word(self, word: str) -> bool:
        # text2num reads some ordinals as cardinals ("tercer" -> 3): those are ordinals here.
        return (
            word not in self.not_numbers
            and word not in self.ordinals
            and words_to_number(word, self.lang) is not None
        )

    def read_number(self, doc: Doc, i: int) -> tuple[int, float, bool] | None:
        """(end, value, is_article) of the number in digits or words starting at token i."""
        digits = self.parse_digits(doc[i].text)
        if digits is not None:
            return i + 1, digits, False
        end, n = i, len(doc)
        # Collect a run of number words, letting "y" join them ("cuarenta y cinco").
        while end < n:
            joins = (
                doc[end].lower_ in self.and_words
                and i < end < n - 1
                and self.is_number_word(doc[end + 1].lower_)
            )
            if not (joins or self.is_number_word(doc[end].lower_)):
                break
            end += 1
        # The longest prefix text2num accepts: "cuatro y cinco" is two numbers.
        while end > i:
            value = words_to_number(" ".join(t.lower_ for t in doc[i:end]), self.lang)
            if value is not None and doc[end - 1].lower_ not in self.and_words:
                return end, value, end == i + 1 and doc[i].lower_ in self.articles
            end -= 1
        return None

    def read(self, doc: Doc, i: int) -> Quantity | None:
        """The quantity starting at token i, if any."""
        n = len(doc)
        lower = doc[i].lower_
        if lower in self.vague and (i == 0 or self.read_number(doc, i - 1) is None):
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
            return Quantity(i, end, low, high, True, False, True, False, None)
        number = self.read_number(doc, i)
        # The tokenizer keeps "30%" and "3.000€" as one token (with a sentence's final stop).
        bare = lower.removesuffix(".")
        sign = bare[-1:] if bare[-1:] in ("%", *self.currency_signs) else None
        inline = self.parse_digits(bare[:-1]) if sign else None
        percent = inline is not None and sign == "%"
        currency = self.currency_signs.get(sign) if inline is not None and not percent else None
        if inline is not None:
            number = (i + 1, inline, False)
        if number is None:
            if lower not in self.fractions:
                return None
            if lower in self.ordinals and not (i + 1 < n and doc[i + 1].lower_ in self.of_words):
                return None  # "el cuarto día" is the fourth; "un cuarto de hora" a quarter
            end, value, weak = i + 1, self.fractions[lower], True
        else:
            end, value, weak = number
        if inline is None and end < n and doc[end].lower_ in self.fractions and number is not None:
            # "un cuarto", "tres cuartos": a count of fractions.
            value, end, weak = value * self.fractions[doc[end].lower_], end + 1, True
        while inline is None and end < n and doc[end].lower_ in self.multipliers:
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
        text = doc[i].text
        # Years and days of the month are short; a 5,000-digit token is neither (and Python
        # refuses to convert it).
        short = end == i + 1 and text.isdecimal() and len(text) <= 9
        plain = int(text) if short else None
        return Quantity(i, end, value, value, False, weak, scaled, percent, plain, currency)
