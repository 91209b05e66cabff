"""File names as text: always storable, and printed on one line exactly as they are.

A file name on Linux is bytes: it may hold a newline, an escape sequence or bytes that are
not UTF-8 (Python keeps those as lone surrogates, which no database or terminal accepts).
Messages name files, so every name goes through here before it is shown or stored.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import PurePath

# Invisible characters that reorder or hide the text around them: shown, so that a name
# cannot pass itself off as another ("txt.exe" written backwards with U+202E).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f") | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Lone surrogates U+DC80..U+DCFF are how os.fsdecode keeps bytes that are not UTF-8.
_SURROGATE_ESCAPES = range(0xDC80, 0xDD00)


def path_text(path: str | PurePath) -> str:
    """The path as valid Unicode text (an identity to store): bytes that are not UTF-8 become
    ``\\xNN``; everything else is kept as it is."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def printable(name: str | PurePath) -> str:
    """The name as one printable line: control, line-separator and bidi characters and bytes
    that are not UTF-8 appear as Python-style escapes (``\\n``, ``\\x1b``, ``\\u202e``,
    ``\\xe9``); any other character, ``[`` included, is left alone."""
    text = os.fspath(name)
    if text.isprintable():  # the usual case; isprintable is False for every character below
        return text
    return "".join(_shown(char) for char in text)


def _shown(char: str) -> str:
    code = ord(char)
    if code in _SURROGATE_ESCAPES:
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char
