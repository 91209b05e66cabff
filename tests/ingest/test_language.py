"""Language detection (app/ingest/language.py): another language is named when it is clear;
Spanish is never refused, nor is a text too short to tell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ingest.language import MIN_LETTERS, Detected, other_language

ENGLISH = (
    "The two leaders met on Wednesday at the space centre and discussed military "
    "cooperation for several hours, officials said after the talks."
)
CATALAN = (
    "Els dos líders es van reunir dimecres al centre espacial i van parlar de cooperació "
    "militar durant diverses hores, segons van explicar fonts oficials."
)
PORTUGUESE = (
    "Os dois líderes reuniram-se na quarta-feira no centro espacial e discutiram a "
    "cooperação militar durante várias horas, disseram as autoridades."
)
SPANISH = [
    "Los dos líderes se reunieron el miércoles en el centro espacial y hablaron de "
    "cooperación militar durante varias horas, según fuentes oficiales.",
    "El alcalde de Valdeluna inauguró ayer el nuevo puente sobre el río, que costó tres "
    "millones de euros.",
    "Unas 40 personas resultaron heridas en el choque de dos trenes cerca de la estación.",
    "La policía cifró en 30.000 los manifestantes; los sindicatos hablaron de medio millón.",
    "«No habrá subida de impuestos este año», aseguró la ministra de Hacienda en Madrid.",
    "El Real Club Deportivo ganó la final por dos goles a uno ante más de 40.000 aficionados.",
    "Según el primer balance, el temporal dejó 12 muertos y cortes de luz en 20 municipios.",
    "El Gobierno de Kim Jong-un y el Kremlin negaron cualquier acuerdo sobre armas.",
    # An English quote inside Spanish copy.
    "El portavoz respondió en inglés «we will not negotiate under pressure» y después "
    "abandonó la sala de prensa sin aceptar más preguntas de los periodistas.",
]


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [(ENGLISH, "en", "English"), (CATALAN, "ca", "Catalan"), (PORTUGUESE, "pt", "Portuguese")],
)
def test_another_language_is_detected(text: str, code: str, name: str) -> None:
    found = other_language(text, "es")
    assert found is not None
    assert (found.code, found.name) == (code, name)
    assert 0.8 <= found.probability <= 1.0


def test_the_expected_language_is_never_other() -> None:
    assert other_language(ENGLISH, "en") is None


@pytest.mark.parametrize("text", SPANISH)
def test_spanish_is_never_refused(text: str) -> None:
    assert other_language(text, "es") is None


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(SPANISH), min_size=1, max_size=6))
def test_spanish_paragraphs_in_any_order_are_never_refused(sentences: list[str]) -> None:
    assert other_language(" ".join(sentences), "es") is None


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=400), expected=st.sampled_from(["es", "en", "ca"]))
def test_a_text_with_few_letters_is_never_refused(text: str, expected: str) -> None:
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS:
        assert other_language(text, expected) is None


@pytest.mark.parametrize(
    "text",
    [
        "The meeting lasted four hours.",
        "Kim Jong-un Putin 2023",
        "Breaking news: live updates",
        "",
    ],
)
def test_short_text_is_never_refused(text: str) -> None:
    assert other_language(text, "es") is None


def test_an_unlisted_language_is_named_by_its_code() -> None:
    assert Detected("sw", 0.9).name == "language 'sw'"
