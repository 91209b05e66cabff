"""When an article was published: from its manifest, its HTML metadata, or the dateline
that opens wire copy ("Rabat, 27 sep (EFE).-", "9 de septiembre, Madrid. –").

A dateline seldom gives the year; it then takes the year the other dated articles of the
same batch share, and is dropped when there is none (a guessed year would turn a month's
figures into "updates").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

import htmldate

from app.nlp.data import load_language_data

# A dateline opens one of the first lines, within this many characters.
DATELINE_CHARS = 160
DATELINE_LINES = 3
_DATELINE = re.compile(
    # optional place: "Rabat, ", "Valdemora (Altaria), "
    r"^[\W_]*(?:[^\W\d_][^\n,.;:()]{0,40}?(?:\s*\([^()\n]{1,30}\))?[,.]\s*)?"
    r"(?P<day>\d{1,2})\s+(?:de\s+)?(?P<month>[^\W\d_]{3,10})\.?"  # "27 sep" / "9 de septiembre"
    r"(?:\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?",  # "de 2023"
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Published:
    at: datetime | date
    precision: str  # day | minute
    origin: str  # manifest | html | dateline

    @property
    def day(self) -> date:
        return self.at.date() if isinstance(self.at, datetime) else self.at


def from_manifest(value: date | datetime | None) -> Published | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return Published(value, "minute", "manifest")
    return Published(value, "day", "manifest")


def parse_published(text: str, zone: tzinfo) -> date | datetime:
    """A publication date typed into a form, as a TOML date or datetime would give it: a day
    ("2023-09-13"), or a time with its UTC offset ("2023-09-13T08:30+02:00", "...Z"); a time
    without one is in ``zone`` (the server's configured zone). ValueError says what is wrong."""
    value = text.strip()
    if len(value) == len("2023-09-13"):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    try:
        # A browser's datetime-local field sends "2023-09-13T08:30"; a space is accepted too.
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"'{value}' is not a date such as 2023-09-13 or a date and time such as "
            "2023-09-13T08:30 or 2023-09-13T08:30+02:00"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)


def from_html(html: str) -> Published | None:
    """The page's own publication time (meta tags, JSON-LD), never a guess from its text."""
    try:
        found = htmldate.find_date(
            html, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True, extensive_search=False
        )
    except Exception:  # htmldate trips on some markup (a page rooted in <svg>): no date known
        return None
    if not found:
        return None
    try:
        at = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None
    # htmldate gives midnight when the page states only a day.
    precision = "day" if (at.hour, at.minute, at.second) == (0, 0, 0) else "minute"
    return Published(at if precision == "minute" else at.date(), precision, "html")


@dataclass(frozen=True, slots=True)
class Dateline:
    day: int
    month: int
    year: int | None


def dateline(text: str, lang: str = "es") -> Dateline | None:
    """The dateline of the first lines (a headline may come first)."""
    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        found = _dateline_of(line, lang)
        if found is not None:
            return found
    return None


def _dateline_of(line: str, lang: str) -> Dateline | None:
    data = load_language_data(lang, "values")
    months = {**data["months"], **data["month_abbreviations"]}
    match = _DATELINE.match(line[:DATELINE_CHARS])
    if match is None:
        return None
    month = months.get(match.group("month").lower())
    if month is None:
        return None
    year = int(match.group("year")) if match.group("year") else None
    day = int(match.group("day"))
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays possible
    except ValueError:
        return None
    return Dateline(day, month, year)


def from_dateline(found: Dateline, batch_years: list[int]) -> Published | None:
    year = found.year
    if year is None:
        if not batch_years:
            return None
        year = max(set(batch_years), key=batch_years.count)
    try:
        return Published(date(year, found.month, found.day), "day", "dateline")
    except ValueError:
        return None
