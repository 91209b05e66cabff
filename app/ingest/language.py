"""Which language an article is written in, with py3langid (its model ships in the wheel).

Cotejo analyses Spanish; an article clearly written in another language is stored as
such and refused for analysis with a message that says which language was found, rather
than read as Spanish and turned into false claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many letters a guess is noise ("Ana Ruiz Soto 2021").
MIN_LETTERS = 60
# Refuse only when the other language is this likely and the expected one this unlikely.
OTHER_LANGUAGE_AT_LEAST = 0.8
EXPECTED_AT_MOST = 0.1
# How many characters are enough to tell (the model reads character n-grams).
SAMPLE_CHARS = 5000
NAMES = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "ca": "Catalan",
    "gl": "Galician",
    "eu": "Basque",
    "nl": "Dutch",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
}


@dataclass(frozen=True, slots=True)
class Detected:
    code: str
    probability: float

    @property
    def name(self) -> str:
        return NAMES.get(self.code, f"language '{self.code}'")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def other_language(text: str, expected: str) -> Detected | None:
    """The language the text is clearly written in, when it is not ``expected``."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    ranked = dict(_identifier().rank(sample))
    best, probability = max(ranked.items(), key=lambda item: item[1])
    if best == expected or probability < OTHER_LANGUAGE_AT_LEAST:
        return None
    if ranked.get(expected, 0.0) > EXPECTED_AT_MOST:
        return None
    return Detected(best, float(probability))
