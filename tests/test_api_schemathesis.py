"""The v1 API against its own OpenAPI schema (schemathesis): for every operation, generated
requests (valid and invalid parameters) never produce a server error, and every response —
status code, content type and body — is one the schema declares.

Bounded and repeatable for `make test`: derandomised, a fixed number of examples per operation
(DESIGN.md §8). The operations are looped over with Hypothesis directly: schemathesis' pytest
loader (`from_fixture`) does not work under pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core import signals
from django.db import close_old_connections
from django.test import override_settings

from cms.wsgi import application

EXAMPLES_PER_OPERATION = 15
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def in_process_requests():
    """Requests run inside the test's transaction, like Django's test client: the WSGI handler
    must not close the test's database connection between requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@override_settings(
    API_THROTTLE_ANON="off", API_THROTTLE_SEARCH="off", API_THROTTLE_PREVIEW="off", ALLOWED_HOSTS=["*"]
)
def test_every_v1_operation_honours_its_schema(api_content, in_process_requests):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14, [operation.label for operation in operations]
    failures = []
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            statuses.append(case.call_and_validate(checks=CHECKS).status_code)

        try:
            check()
        except Exception as failure:  # collect all operations' failures, then report them together
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
    # The run really exercised the API: successes and client errors both among the answers.
    assert len(statuses) >= 5 * len(operations)
    assert 200 in statuses and 400 in statuses
