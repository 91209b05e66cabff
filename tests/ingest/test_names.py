"""File names as text: printed on one line as they are, stored as valid Unicode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ingest.names import path_text, printable


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("nota.txt", "nota.txt"),
        ("[bold]nota[/bold] [x].txt", "[bold]nota[/bold] [x].txt"),  # markup is no concern here
        ("reunión año.txt", "reunión año.txt"),
        ("línea\nnueva\r\t.txt", "línea\\nnueva\\r\\t.txt"),
        ("bell\x07esc\x1b[31m.txt", "bell\\x07esc\\x1b[31m.txt"),
        ("txt.\u202eexe", "txt.\\u202eexe"),  # a name that would display as "txt.exe" reversed
        ("line\u2028sep.txt", "line\\u2028sep.txt"),
        ("espacio\u00a0duro.txt", "espacio\u00a0duro.txt"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),  # Latin-1 bytes in a Linux file name
    ],
)
def test_printable_shows_each_character_as_it_is(name: str, shown: str) -> None:
    assert printable(name) == shown
    assert printable(Path(name)) == shown
    assert "\n" not in printable(name)
    printable(name).encode("utf-8")  # never a lone surrogate


def test_path_text_keeps_the_name_and_makes_it_storable() -> None:
    assert path_text("/a/línea\nnueva.txt") == "/a/línea\nnueva.txt"
    assert path_text(Path(os.fsdecode(b"/a/caf\xe9.txt"))) == "/a/caf\\xe9.txt"
