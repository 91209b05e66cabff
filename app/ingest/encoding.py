"""From an article file's bytes to its text: which encodings are read, and how they are told.

UTF-8 is expected. A byte-order mark declares UTF-8, UTF-16 or UTF-32 and is trusted. A file
that is not UTF-8 is read as Windows-1252 (which includes Latin-1's letters) only when its
bytes read as plausible text in it — charset-normalizer judges that, as it does for
trafilatura — and the caller is told, since that is a guess worth checking. Anything else is
refused with the reason: binary data, or text in an encoding Cotejo does not guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
# Bytes 0x80-0x9F are printable only in Windows-1252; in Latin-1 they are control codes.
_WINDOWS_ONLY = re.compile(rb"[\x80-\x9f]")
# Control characters that no text file holds (tabs, line and page breaks are text); past one
# in this many characters the "text" is binary data that happens to decode.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 100
# Without a mark, UTF-16 is recognised by its zero bytes only in mostly-ASCII text.
_UTF16_NO_MARK = ("utf_16_le", "utf_16_be")


class DecodeError(ValueError):
    """The bytes are not text Cotejo reads; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    # Set when the encoding was guessed rather than declared: what to tell the user.
    note: str = ""


def decode(raw: bytes) -> Decoded:
    """The text of an article file, or DecodeError with the reason."""
    decoded = _decode(raw)
    controls = len(_CONTROLS.findall(decoded.text))
    if controls * _MAX_CONTROL_SHARE > len(decoded.text):
        raise DecodeError(f"binary file ({controls} control characters in it)")
    return decoded


def _decode(raw: bytes) -> Decoded:
    for mark, codec, label in _BOMS:
        if raw.startswith(mark):
            return Decoded(_declared(raw, len(mark), codec, label))
    if b"\x00" in raw:
        return _without_mark(raw)
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _legacy(raw, exc.start)


def _declared(raw: bytes, start: int, codec: str, label: str) -> str:
    try:
        text = raw[start:].decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"starts with a {label} byte-order mark but is not valid {label} "
            f"(invalid data at position {start + exc.start}); re-save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise DecodeError(f"binary file (NUL characters in its {label} text)")
    return text


def _without_mark(raw: bytes) -> Decoded:
    """Zero bytes and no mark: UTF-16 saved without one (mostly ASCII text), or binary."""
    match = from_bytes(raw, cp_isolation=list(_UTF16_NO_MARK)).best()
    if match is not None and len(raw) % 2 == 0:
        try:
            text = raw.decode(match.encoding)
        except UnicodeDecodeError:  # the detector samples; the whole file is checked here
            text = "\x00"
        if "\x00" not in text:
            label = "UTF-16LE" if match.encoding == "utf_16_le" else "UTF-16BE"
            return Decoded(text, f"read as {label}: it has no byte-order mark, check its text")
    raise DecodeError("binary file (contains NUL bytes)")


def _legacy(raw: bytes, first_bad: int) -> Decoded:
    if from_bytes(raw, cp_isolation=["cp1252"]).best() is not None:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined
            pass
        else:
            label = "Windows-1252" if _WINDOWS_ONLY.search(raw) else "Latin-1"
            return Decoded(text, f"read as {label}: it is not UTF-8, check its accents")
    guess = from_bytes(raw).best()
    if guess is None:
        raise DecodeError(
            "binary file, or text in an unknown encoding (not UTF-8, invalid byte at "
            f"position {first_bad}); re-save it as UTF-8"
        )
    raise DecodeError(
        f"not UTF-8 text (invalid byte at position {first_bad}); it looks like "
        f"{guess.encoding}, which Cotejo does not guess: re-save it as UTF-8"
    )
