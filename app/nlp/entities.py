"""Merging spelling variants of named entities ("Jean-Luc Picard" / "Jean Luc Picard").

Names are compared by a key without accents, case, spaces or punctuation; keys
that are nearly equal (one transliteration letter apart, "Tchaikovsky" /
"Tchaikovskey") merge too, but only for long enough names that start alike, so
that short distinct names ("Rusia" / "Prusia") stay apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from unidecode import unidecode

# Similarity (0-100) above which two keys are the same name spelled differently.
FUZZY_CUTOFF = 90
MIN_FUZZY_KEY_LENGTH = 6
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_WORDS = re.compile(r"[a-z0-9]+")
# Articles and determiners that often precede a name but are not part of it.
_LEADING_DETERMINERS = re.compile(r"^(el|la|los|las|lo|the)\s+", re.IGNORECASE)


def clean_name(text: str) -> str:
    """The name as it should be shown: single spaces, no leading article or quotes."""
    text = " ".join(text.split()).strip(" \"'«»“”‘’.,;:")
    return _LEADING_DETERMINERS.sub("", text)


# Keys are asked for the same few names again and again (every claim, every comparison).
@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """ "Unión Valderana" -> "union-valderana": words kept apart, so that an acronym can be
    matched to the name it abbreviates ("UV")."""
    return "-".join(_WORDS.findall(unidecode(clean_name(text)).lower()))


@lru_cache(maxsize=65536)
def entity_key(text: str) -> str:
    return _NOT_ALNUM.sub("", unidecode(clean_name(text)).lower())


@dataclass
class EntityIndex:
    """Known entities by key, resolving new mentions to an existing id when alike.

    Labels are ignored when merging: the small model calls the same name a person in
    one sentence and a place in the next, and two different entities with the same
    accent-free spelling are rare in one event's coverage.
    """

    ids: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, entity_id: int) -> None:
        self.ids[key] = entity_id

    def resolve(self, key: str) -> int | None:
        if key in self.ids:
            return self.ids[key]
        if len(key) < MIN_FUZZY_KEY_LENGTH:
            return None
        candidates = [k for k in self.ids if k[:1] == key[:1] and len(k) >= MIN_FUZZY_KEY_LENGTH]
        match = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self.ids[match[0]] if match else None
