"""Calendar and clock values: dates, days of a month, months, weekdays, relative days
("ayer", "antes de ayer") and times of day ("a las 23.11 hora local", "las nueve de la
noche").

Weekdays, months and relative days carry a *direction* (before or after the article's
date, from "pasado"/"próximo" or the verb's tense) so that they can be resolved against the
article's publication date later; without one they stay as written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token
from unidecode import unidecode

from app.nlp.candidates import Candidate, epoch_day
from app.nlp.numbers import NumberReader, Quantity
from app.nlp.phrases import PhraseTable

CLOCK = re.compile(r"(\d{1,2})[.:hH](\d{2})")
MINUTE = 60
HOUR = 3600
DAY = 24 * HOUR
NOON_HOUR = 12


class CalendarReader:
    def __init__(self, data: dict[str, Any], numbers: NumberReader, split) -> None:
        self.numbers = numbers
        self.years = tuple(data["year_range"])
        self.of_words = frozenset(data["links"]["of"])
        self.not_after_day = frozenset(data["weekday_day"]["not_after"])
        self.of_year_words = frozenset(data["links"]["of_year"])
        self.and_words = frozenset(data["links"]["and"])
        self.months: dict[str, int] = data["months"]
        self.weekdays: dict[str, int] = data["weekdays"]
        self.month_parts = PhraseTable(
            (
                (cue, (name, part["days"]))
                for name, part in data["month_parts"].items()
                for cue in part["cues"]
            ),
            split,
        )
        order = data["numeric_date_order"]
        widths = {"day": r"(\d{1,2})", "month": r"(\d{1,2})", "year": r"(\d{4})"}
        self.date_order: list[str] = order
        self.date_re = re.compile("[/.-]".join(widths[part] for part in order))

        clock = data["clock"]
        self.clock_articles = frozenset(clock["articles"])
        self.hour_words = frozenset(clock["hour_words"])
        self.clock_prepositions = frozenset(clock["prepositions"])
        self.day_parts = PhraseTable(
            ((phrase, (add, low, high)) for phrase, add, low, high in clock["day_parts"]), split
        )
        self.fixed_times: dict[str, int] = clock["fixed"]
        self.agreeing: dict[str, list[str]] = clock["agreeing"]
        self.midnight_parts = PhraseTable(((p, True) for p in clock["midnight_parts"]), split)
        self.zones = PhraseTable(((phrase, label) for phrase, label in clock["zones"]), split)
        self.zone_nouns = frozenset(clock["zone_nouns"])
        self.minute_words: dict[str, int] = clock["minute_words"]
        self.clock_qualifiers = PhraseTable(
            [(cue, "about") for cue in clock["about"]]
            + [(cue, "after") for cue in clock["after"]]
            + [(cue, "before") for cue in clock["before"]],
            split,
        )
        self.clock_widths = {
            "about": clock["about_minutes"] * MINUTE,
            "after": clock["after_minutes"] * MINUTE,
            "before": clock["before_minutes"] * MINUTE,
        }

        relative = data["relative_days"]
        self.relative_words: dict[str, int] = relative["words"]
        self.relative_phrases = PhraseTable(
            ((phrase, offset) for phrase, offset in relative["phrases"]), split
        )
        self.not_tomorrow_after = frozenset(relative["not_tomorrow_after"])
        self.tomorrow_or_morning = frozenset(relative["tomorrow_or_morning"])

        direction = data["weekday_direction"]
        self.direction_before = PhraseTable(
            [(w, "last") for w in direction["past"]]
            + [(w, "next") for w in direction["next"]]
            + [(w, "nearest") for w in direction["nearest"]],
            split,
        )
        self.direction_after = PhraseTable(
            [(w, "last") for w in direction["past_after"]]
            + [(w, "next") for w in direction["next_after"]],
            split,
        )
        tense = data["tense"]
        self.past_tenses = frozenset(tense["past"])
        self.future_tenses = frozenset(tense["future"])
        self.future_moods = frozenset(tense["future_moods"])

    # -- which way from the article's date ------------------------------------------------

    def tense_direction(self, token: Token) -> str | None:
        """ "past" or "future" from the tense of the verb governing ``token``, else None."""
        verb = token
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "aux:pass", "cop"})]
        tenses = {t for form in forms for t in form.morph.get("Tense")}
        moods = {m for form in forms for m in form.morph.get("Mood")}
        if tenses & self.future_tenses or moods & self.future_moods:
            return "future"
        if tenses & self.past_tenses:
            return "past"
        return None

    def _direction(self, doc: Doc, start: int, end: int) -> tuple[str | None, int, int]:
        """(direction, start, end) widened over "el pasado martes" / "el martes que viene"."""
        found = None
        before = self.direction_before.ending_at(doc, start)
        if before is not None:
            found, start = before
        after = self.direction_after.starting_at(doc, end)
        if after is not None:
            found, end = after
        tense = self.tense_direction(doc[start])
        if found in (None, "nearest"):
            found = tense
        return found, start, end

    # -- days, months and years -------------------------------------------------------------

    def year_after(self, doc: Doc, k: int) -> int | None:
        """The year in "<month> de 2019" when token k is the link word."""
        if k + 1 >= len(doc) or doc[k].lower_ not in self.of_year_words:
            return None
        text = doc[k + 1].text
        if not text.isdecimal() or len(text) != 4:
            return None
        year = int(text)
        return year if self.years[0] <= year <= self.years[1] else None

    def day_of_month(self, doc: Doc, q: Quantity) -> Candidate | None:
        """ "13 de septiembre de 2023" is a date; without a year, a day of a month."""
        k = q.end
        if q.vague or q.weak or q.scaled or not q.low.is_integer() or not 1 <= q.low <= 31:
            return None
        day_number = int(q.low)
        month = self.months.get(doc[k + 1].lower_) if k + 1 < len(doc) else None
        if month is None or doc[k].lower_ not in self.of_words:
            return self._day_after_weekday(doc, q, day_number)

        if day_number > calendar.monthrange(2000, month)[1]:  # "31 de febrero" (2000: leap)
            return None
        year = self.year_after(doc, k + 2)
        if year is None:
            direction, start, end = self._direction(doc, q.start, k + 2)
            code = month * 100 + day_number
            return Candidate(start, end, "day", code, code, "mmdd", None, code, k + 1, direction)
        try:
            day = epoch_day(date(year, month, day_number))
        except ValueError:  # 29 February of a common year
            return None
        return Candidate(q.start, k + 4, "date", day, day, "epoch_day", None, day, k + 1)

    def _day_after_weekday(self, doc: Doc, q: Quantity, day_number: int) -> Candidate | None:
        """ "el martes 17": a day of the month the article's date tells (``mmdd`` with no
        month, resolved against it, app/nlp/resolve.py)."""
        before = q.start - 1
        if before < 0 or doc[before].lower_ not in self.weekdays or self.is_name(doc, before):
            return None
        if q.end - q.start != 1 or not doc[q.start].text.isdecimal():
            return None  # "el martes dos" is no way to write a date
        after = doc[q.end] if q.end < len(doc) else None
        if after is not None and not self._ends_a_date(after):
            return None  # "el martes 30 heridos", "el lunes 3 %", "el jueves 14 de los heridos"
        direction, _, _ = self._direction(doc, before, before + 1)
        return Candidate(
            q.start,
            q.end,
            "day",
            day_number,
            day_number,
            "mmdd",
            None,
            day_number,
            q.start,
            direction,
        )

    def _ends_a_date(self, token: Token) -> bool:
        """What may follow "el martes 17" when 17 is its day: a stop, a verb, a pronoun, a
        conjunction, a preposition that opens no count or measure ("en la sede")."""
        if token.lower_ in self.not_after_day:
            return False
        return token.is_punct or token.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ", "PRON", "ADP"}

    def month_at(self, doc: Doc, i: int) -> Candidate:
        month = self.months[doc[i].lower_]
        part: str | None = None
        days = None
        start = i
        found = self.month_parts.ending_at(doc, i)
        if found is not None:
            (part, days), start = found
        qualifier = "vague" if part else None
        year = self.year_after(doc, i + 1)
        if year is None:
            direction, start2, end = self._direction(doc, start, i + 1)
            return Candidate(
                min(start, start2),
                end,
                "month",
                month,
                month,
                "month",
                qualifier,
                month,
                i,
                direction,
            )
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = days if days else (1, last)
        low = epoch_day(date(year, month, min(first_day, last)))
        high = epoch_day(date(year, month, min(last_day, last)))
        return Candidate(start, i + 3, "date", low, high, "epoch_day", qualifier, None, i)

    @staticmethod
    def is_name(doc: Doc, i: int) -> bool:
        """ "Domingo Arribas", "el portavoz, Domingo": a capitalised weekday inside a
        sentence that goes with a name is a name."""
        token = doc[i]
        if not token.text[:1].isupper() or token.is_sent_start:
            return False
        after = doc[i + 1] if i + 1 < len(doc) else None
        return token.pos_ == "PROPN" or (after is not None and after.text[:1].isupper())

    def weekday_at(self, doc: Doc, i: int) -> Candidate | None:
        if self.is_name(doc, i):
            return None
        day = self.weekdays[doc[i].lower_]
        direction, start, end = self._direction(doc, i, i + 1)
        return Candidate(start, end, "weekday", day, day, "iso_weekday", None, day, i, direction)

    def numeric_date_at(self, doc: Doc, i: int) -> list[Candidate]:
        """An all-digit date ("13/09/2023") in the language's order of day, month and year."""
        match = self.date_re.fullmatch(doc[i].text)
        if match is None:
            return []
        parts = dict(zip(self.date_order, map(int, match.groups()), strict=True))
        try:
            day = epoch_day(date(parts["year"], parts["month"], parts["day"]))
        except ValueError:
            return []
        return [Candidate(i, i + 1, "date", day, day, "epoch_day", None, day, i)]

    def relative_day_at(self, doc: Doc, i: int) -> list[Candidate]:
        """ "ayer", "antes de ayer", "esta mañana": days from the article's date."""
        found = self.relative_phrases.starting_at(doc, i)
        if found is not None:
            offset, end = found
        elif doc[i].lower_ in self.relative_words:
            ambiguous = doc[i].lower_ in self.tomorrow_or_morning
            if ambiguous and i and doc[i - 1].lower_ in self.not_tomorrow_after:
                return []
            offset, end = self.relative_words[doc[i].lower_], i + 1
        else:
            return []
        return [Candidate(i, end, "day_offset", offset, offset, "day", None, offset, i)]

    # -- clock times -------------------------------------------------------------------

    def _hour(self, doc: Doc, k: int) -> tuple[int, int, bool] | None:
        """(seconds, end, explicit minutes) of an hour written at token k: "23.11", "9",
        "nueve y media"."""
        match = CLOCK.fullmatch(doc[k].text)
        if match is not None:
            hours, minutes = int(match.group(1)), int(match.group(2))
            if hours <= 24 and minutes < 60:
                return hours * HOUR + minutes * MINUTE, k + 1, True
            return None
        number = self.numbers.read_number(doc, k)
        if number is None:
            return None
        end, value, _ = number
        if not value.is_integer() or not 0 <= value <= 24:
            return None
        seconds = int(value) * HOUR
        if end + 1 < len(doc) and doc[end].lower_ in self.and_words:
            word = doc[end + 1].lower_
            if word in self.minute_words:
                return seconds + self.minute_words[word] * MINUTE, end + 2, True
            minutes = self.numbers.read_number(doc, end + 1)  # "las siete y cuarenta"
            if minutes is not None and minutes[1].is_integer() and 0 < minutes[1] < 60:
                return seconds + int(minutes[1]) * MINUTE, minutes[0], True
        return seconds, end, False

    def clock_at(self, doc: Doc, i: int) -> list[Candidate]:
        """A time of day starting at token i: "las 23.11", "la una de la tarde", "22.11 GMT",
        "mediodía"."""
        lower = doc[i].lower_
        if lower in self.fixed_times:
            start = i - 1 if i and doc[i - 1].lower_ in self.clock_articles else i
            before = doc[start - 1] if start else None
            if (
                before is not None
                and before.lower_ in self.clock_prepositions
                and self._agrees(before, doc[start])
            ):
                seconds = self.fixed_times[lower] * MINUTE
                return [self._clock(doc, start, i + 1, seconds, i)]
            return []
        if i and not self._agrees(doc[i - 1], doc[i]):
            return []  # "la semana pasada las 12 familias": no clock time
        if lower not in self.clock_articles:
            # "22.11 GMT": a written clock time with a zone needs no article.
            if CLOCK.fullmatch(doc[i].text) and self.zones.starting_at(doc, i + 1):
                hour = self._hour(doc, i)
                if hour is not None:
                    return [self._clock(doc, i, hour[1], hour[0], i)]
            return []
        if i + 1 >= len(doc):
            return []
        hour = self._hour(doc, i + 1)
        if hour is None:
            return []
        seconds, end, explicit = hour
        marked = explicit
        part = self.day_parts.starting_at(doc, end)
        if part is not None:
            midnight = self.midnight_parts.starting_at(doc, end) is not None
            (add, low, high), end = part
            hours = seconds // HOUR
            if midnight and hours == NOON_HOUR:
                seconds -= NOON_HOUR * HOUR  # "las doce y media de la noche": 00.30
            elif low <= hours <= high:
                seconds = (seconds + add * HOUR) % DAY
            marked = True
        # "las 23.11 hora local": the zone, not an hour word.
        if (
            end < len(doc)
            and doc[end].lower_ in self.hour_words
            and self.zones.starting_at(doc, end) is None
        ):
            end += 1
            marked = True
        preposition = i > 0 and doc[i - 1].lower_ in self.clock_prepositions
        if not (marked or preposition) or seconds > DAY:
            return []
        return [self._clock(doc, i, end, seconds % DAY, i + 1)]

    def _agrees(self, before: Token, article: Token) -> bool:
        """ "pasada la una", "pasadas las dos": a word that agrees with its article."""
        articles = self.agreeing.get(before.lower_)
        return articles is None or article.lower_ in articles

    def _zone(self, doc: Doc, end: int) -> tuple[str, int] | None:
        """The zone a clock time is given in, and where its words end: "a las 6.10 hora
        local", "a las 6.10, hora chilena" (a country's adjective names its own zone)."""
        after_comma = end + 1 if end < len(doc) and doc[end].text == "," else end
        for k in dict.fromkeys((end, after_comma)):
            found = self.zones.starting_at(doc, k)
            if found is not None:
                return found
            if (
                k + 1 < len(doc)
                and doc[k].lower_ in self.zone_nouns
                and doc[k + 1].pos_ == "ADJ"
                and doc[k + 1].is_alpha
            ):
                return unidecode(doc[k + 1].lower_), k + 2
        return None

    def _clock(self, doc: Doc, start: int, end: int, seconds: int, head: int) -> Candidate:
        zone = None
        found = self._zone(doc, end)
        if found is not None:
            zone, end = found
        low = high = float(seconds)
        qualifier = None
        before = self.clock_qualifiers.ending_at(doc, start)
        if before is not None:
            qualifier, start = before
            width = self.clock_widths[qualifier]
            if qualifier == "about":
                low, high = max(0.0, low - width), min(float(DAY), high + width)
            elif qualifier == "after":
                high = min(float(DAY), high + width)
            else:
                low = max(0.0, low - width)
        return Candidate(
            start, end, "time", low, high, "s", qualifier, float(seconds), head, zone=zone
        )
