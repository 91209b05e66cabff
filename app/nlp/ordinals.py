"""Ordinals ranking the noun after them: "tercera reunión", "3.ª edición", "el 1er lugar"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc
from text_to_num import alpha2digit

from app.nlp.candidates import Candidate
from app.nlp.measures import MeasureReader


@lru_cache(maxsize=4096)
def _ordinal_by_alpha2digit(text: str, lang: str) -> int | None:
    match = re.fullmatch(r"(\d+)[ºª]", alpha2digit(text, lang))
    return int(match.group(1)) if match else None


class OrdinalReader:
    def __init__(self, lang: str, data: dict[str, Any], measures: MeasureReader) -> None:
        self.lang = lang
        self.words: dict[str, int] = data["ordinals"]
        suffixes = "|".join(re.escape(s) for s in data["ordinal_digit_suffixes"])
        self.digits = re.compile(rf"(\d{{1,6}})\.?(?:{suffixes})")
        self.measures = measures

    def at(self, doc: Doc, i: int) -> list[Candidate]:
        token = doc[i]
        rank: int | None = self.words.get(token.lower_)
        if rank is None:
            match = self.digits.fullmatch(token.lower_)
            rank = int(match.group(1)) if match else None
        if rank is None and token.is_alpha:
            rank = _ordinal_by_alpha2digit(token.lower_, self.lang)
        if rank is None:
            return []
        noun = self.measures.noun_after(doc, i + 1)
        if noun is None:
            return []
        unit = self.measures.singular(doc[noun])
        return [Candidate(i, noun + 1, "ordinal", rank, rank, unit, None, rank, noun)]
