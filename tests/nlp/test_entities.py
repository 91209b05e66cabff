"""Entity names: display form, merge key, and merging of spelling variants."""

from __future__ import annotations

import pytest

from app.nlp.entities import EntityIndex, clean_name, entity_key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("  Kim   Jong-un ", "Kim Jong-un"),
        ("«Vostochny»", "Vostochny"),
        ("el Kremlin", "Kremlin"),
        ("La Moneda,", "Moneda"),
        ("Los Ángeles", "Ángeles"),  # a known limit: leading articles always go
        ("Lavrov.", "Lavrov"),
    ],
)
def test_clean_name(text: str, name: str) -> None:
    assert clean_name(text) == name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Kim Jong Un", "KIM JONG-UN"),
        ("Sergéi Shoigú", "Sergei Shoigu"),
        ("«Ria Novosti»", "RIA Novosti"),
        ("Zubrovia-Este", "Zubrovia Este"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert entity_key(a) == entity_key(b)
    assert entity_key(a).isalnum() and entity_key(a).islower()


def index_of(*names: str) -> EntityIndex:
    index = EntityIndex()
    for entity_id, name in enumerate(names, start=1):
        index.add(entity_key(name), entity_id)
    return index


@pytest.mark.parametrize(
    ("known", "mention", "expected"),
    [
        # Exact after normalisation.
        ("Kim Jong-un", "Kim Jong Un", 1),
        # One transliteration letter apart, long names starting alike.
        ("Vostochny", "Vostochney", 1),
        ("Dmitry Peskov", "Dmitri Peskov", 1),
        ("Tarvoslandia", "Tarvoslandya", 1),  # made up
        # Short names one letter apart are different places.
        ("Rusia", "Prusia", None),
        ("Perú", "Peri", None),
        # Long but different names stay apart.
        ("Pyongyang", "Pyeongchang", None),
        ("Valdoria del Norte", "Valdoria del Sur", None),  # made up
        # Names that start differently never merge fuzzily.
        ("Vostochny", "Bostochny", None),
    ],
)
def test_index_resolves_variants_only(known: str, mention: str, expected: int | None) -> None:
    assert index_of(known).resolve(entity_key(mention)) == expected


def test_index_picks_the_closest_known_name() -> None:
    index = index_of("Vladivostok", "Vostochny", "Valdoria del Norte")
    assert index.resolve(entity_key("Vostochney")) == 2
    assert index.resolve(entity_key("Vladivostock")) == 1
    assert index.resolve(entity_key("Moscú")) is None


def test_labels_do_not_split_an_entity() -> None:
    # The small model tags one name PER in one sentence and LOC in the next: one entity.
    index = EntityIndex()
    index.add(entity_key("Kim Jong-un"), 7)  # first seen as PER
    assert index.resolve(entity_key("Kim Jong Un")) == 7  # later tagged LOC: still the same
