"""The engine on an event it was never tuned on: an earthquake, with its own topics.toml.

Nothing about the seed event may leak into the engine; this corpus shares no topic,
cue or wording with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db.session import open_database
from app.services.export import build_export
from app.services.ingest import ingest_paths
from tests.databases import database_url

ARTICLES = {
    "norte.txt": (
        "Un terremoto de magnitud 6,8 sacudió el sur del país el martes por la noche.\n"
        "Las autoridades confirmaron 42 muertos y más de 300 heridos.\n"
        "El temblor duró unos 30 segundos, según el servicio sismológico nacional.\n"
        "El gobierno negó que la presa de la región haya sufrido daños.\n"
    ),
    "sur.txt": (
        "El sismo, que se registró el miércoles de madrugada, dejó al menos 57 muertos.\n"
        "Los equipos de rescate trabajaron durante más de doce horas para sacar a los "
        "supervivientes.\n"
        "El movimiento de tierra duró casi un minuto, dijeron testigos.\n"
        "Según fuentes locales, la presa habría sufrido grietas importantes.\n"
    ),
    "centro.txt": (
        "El terremoto del martes causó 42 muertos, informó el ministerio del Interior.\n"
        "La presa sufrió daños en su estructura, confirmó el ingeniero jefe.\n"
        "El temblor se sintió durante 30 segundos en la capital.\n"
    ),
}
# The three reports are of the same morning: differing figures are conflicts, not updates.
SOURCES = """
[[source]]
file = "norte.txt"
name = "Diario Norte"
published = 2024-03-06T09:00:00+01:00

[[source]]
file = "sur.txt"
name = "Radio Sur"
published = 2024-03-06T09:20:00+01:00

[[source]]
file = "centro.txt"
name = "Gaceta Centro"
published = 2024-03-06T09:10:00+01:00
"""
TOPICS = """
[[topic]]
slug = "death-toll"
label = "Death toll"
cues = ["muerto", "fallecido", "víctima"]
value_kinds = ["count"]
requires_value = true

[[topic]]
slug = "quake-duration"
label = "How long the quake lasted"
cues = ["temblor", "sismo", "terremoto", "durar", "movimiento de tierra", "sentir"]
value_kinds = ["duration"]
requires_value = true

[[topic]]
slug = "quake-day"
label = "When it struck"
cues = ["terremoto", "sismo", "temblor", "registrar", "sacudir"]
value_kinds = ["weekday"]
requires_value = true

[[topic]]
slug = "dam-damage"
label = "Damage to the dam"
cues = ["presa"]
"""


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, nlp) -> dict:
    folder = tmp_path_factory.mktemp("quake")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.toml").write_text(SOURCES, encoding="utf-8")
    (folder / "topics.toml").write_text(TOPICS, encoding="utf-8")
    session_factory = open_database(database_url(Path(folder), "quake.sqlite3"))
    report = ingest_paths(session_factory, nlp, [folder])
    assert report.failed == []
    with session_factory() as session:
        return build_export(session)


def _findings(export: dict, topic: str) -> set[tuple[str, str | None, frozenset[str]]]:
    """(kind, severity, {(source, value texts)}) for every finding of a topic."""
    sources = {s["id"]: s["name"] for s in export["sources"]}
    claims = {c["id"]: c for c in export["claims"]}
    return {
        (
            f["kind"],
            f["severity"],
            frozenset(sources[claims[i]["source_id"]] for i in f["claim_ids"]),
        )
        for f in export["findings"]
        if f["topic"] == topic
    }


def test_counts_compare_as_intervals(export: dict) -> None:
    assert _findings(export, "death-toll") == {
        ("agreement", None, frozenset({"Diario Norte", "Gaceta Centro"})),  # 42 and 42
        ("conflict", "hard", frozenset({"Diario Norte", "Radio Sur"})),  # 42 vs at least 57
        ("conflict", "hard", frozenset({"Gaceta Centro", "Radio Sur"})),
    }


def test_approximate_durations_and_the_rescue_effort_stay_apart(export: dict) -> None:
    assert _findings(export, "quake-duration") == {
        # "unos 30 segundos" and "30 segundos": the same figure at a different precision.
        ("agreement", None, frozenset({"Diario Norte", "Gaceta Centro"})),
        # "el servicio sismológico" may be the same body as any named one, so it never makes
        # a dispute: ~30 s against the witnesses' "casi un minuto" is a conflict.
        ("conflict", "hard", frozenset({"Diario Norte", "Radio Sur"})),
        # Gaceta Centro states 30 s in its own voice: a conflict with Radio Sur.
        ("conflict", "hard", frozenset({"Gaceta Centro", "Radio Sur"})),
    }
    durations = [
        (v["low"], v["high"])
        for c in export["claims"]
        if "quake-duration" in c["topics"]
        for v in c["values"]
        if v["kind"] == "duration"
    ]
    # The rescue lasted "más de doce horas": a duration, but not the quake's.
    assert (43200.0, None) not in durations


def test_weekdays_conflict(export: dict) -> None:
    assert ("conflict", "hard", frozenset({"Diario Norte", "Radio Sur"})) in _findings(
        export, "quake-day"
    )


def test_denial_and_rumour_against_assertion_are_disputes_between_their_parties(
    export: dict,
) -> None:
    # The government denies damage, the chief engineer confirms it, local sources say the
    # dam may have cracked: each outlet reports a different party.
    assert _findings(export, "dam-damage") == {
        ("dispute", "hard", frozenset({"Diario Norte", "Gaceta Centro"})),  # denied vs asserted
        ("dispute", "soft", frozenset({"Radio Sur", "Gaceta Centro"})),  # hedged vs asserted
    }
