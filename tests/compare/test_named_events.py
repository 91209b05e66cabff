"""Events named by a place (named_events.py): the story's own, or another one."""

from __future__ import annotations

from app.compare.named_events import mark_named_events
from tests.compare.support import claim, value


def _area(name: str, hectares: float):
    return value("area", hectares, measured="fire", scope=("event:fire", f"named:{name}"))


def test_a_name_few_outlets_use_is_another_event() -> None:
    main = [
        claim(s, value("area", 900, measured="fire"), text="El fuego de Arvedo.") for s in "ABC"
    ]
    other = claim("D", _area("robledal", 300), text="El incendio de Robledal quemó 300.")
    marked = mark_named_events([*main, other])
    assert marked[-1].values[0].scope == ("event:fire", "secondary")
    assert marked[:3] == main


def test_a_name_the_coverage_shares_is_the_main_events() -> None:
    named = claim("A", _area("arvedo", 900), text="El incendio de Arvedo quemó 900.")
    others = [claim(s, value("area", 950, measured="fire"), text="Arde Arvedo.") for s in "BC"]
    marked = mark_named_events([named, *others])
    assert marked[0].values[0].scope == ("event:fire",)
