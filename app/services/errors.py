"""The one error type of user input the services refuse: names the field, carries the status."""

from __future__ import annotations


class InputError(ValueError):
    """An input refused before anything is stored; names the offending field (or file).

    ``status`` is the HTTP status the web layer answers with (422 unless said otherwise).
    """

    def __init__(self, field: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


# Row ids are INTEGER columns: 32-bit on PostgreSQL (64-bit on SQLite, but no id there
# gets near 2**31). Anything larger cannot name a row, and PostgreSQL would fail on it.
MAX_ID = 2**31 - 1


def parse_id(raw: str | None, field: str) -> int | None:
    """A row id typed into a form: None when empty, InputError when not a usable id.

    Only ASCII digits count ("²".isdigit() is true, but it is no number), and the id must
    fit a database integer, so nothing odd reaches a query.
    """
    text = (raw or "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 10 or not 1 <= int(text) <= MAX_ID:
        raise InputError(field, f"{field} must be an id: a whole number from 1 to {MAX_ID}.")
    return int(text)


def refuse_nul(value: str, field: str) -> str:
    """``value`` unchanged; InputError if it holds a NUL character, which no name or note
    needs and a PostgreSQL text column cannot store."""
    if "\x00" in value:
        raise InputError(field, f"{field} must not contain NUL characters.")
    return value
