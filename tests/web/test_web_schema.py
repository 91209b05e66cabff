"""The OpenAPI schema tells the truth: schemathesis sends every API operation generated
requests, valid and invalid, and checks each answer against what the schema declares
(status codes, bodies, headers, content types, and that no request gets a 500).

Against the ASGI app itself, on the database of the run (SQLite, or PostgreSQL in
`make test-postgres`), with a fixed seed and a bounded number of examples.
"""

from __future__ import annotations

from pathlib import Path

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis import GenerationMode

from app.config import Settings
from app.web.app import create_app
from tests.databases import database_url

from .conftest import insert_corpus

# Per operation and mode (valid, invalid requests): about 50 cases per operation.
EXAMPLES = 25
SEED = 20261208


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    folder: Path = tmp_path_factory.mktemp("schema")
    app = create_app(
        Settings(database_url=database_url(folder), allowed_hosts=["testserver", "localhost"])
    )
    insert_corpus(app.state.session_factory)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def run_operation(operation, mode: GenerationMode) -> int:
    """Hypothesis's run of one operation in one mode; the number of cases sent."""
    sent = 0

    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.seed(SEED)
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    def check(case: schemathesis.Case) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate()

    check()
    return sent


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_the_one_the_schema_declares(api_schema, mode: GenerationMode) -> None:
    failures, sent = [], {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        name = f"{operation.method.upper()} {operation.path}"
        try:
            sent[name] = run_operation(operation, mode)
        except hypothesis.errors.Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, name
            continue  # nothing in the request could be invalid: no parameter, no body
        except (Exception, BaseExceptionGroup) as exc:  # every operation is run and reported
            failures.append(f"{name}: {exc}")
    print(f"schemathesis {mode}: {sum(sent.values())} cases over {len(sent)} operations")
    assert not failures, "\n\n".join(failures)
    assert len(sent) >= (12 if mode is GenerationMode.POSITIVE else 10) and all(sent.values())
