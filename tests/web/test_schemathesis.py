"""Schemathesis against the served OpenAPI schema of a live `marsad serve`: generated
requests to every operation (reads and the token-guarded ingest) never get a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.conftest import TOKEN

EXAMPLES = 25  # per operation: bounded, so CI stays short


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx, value) -> bytes:  # the ingest body's second media type: text as it comes
    return str(value).encode("utf-8")


def test_no_operation_answers_with_a_server_error(server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def call(case) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
            response = case.call(timeout=60)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

        call()
    assert operations >= 15
    assert not failures, failures[:10]
