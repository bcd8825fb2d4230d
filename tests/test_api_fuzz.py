"""The API fuzzed from its own OpenAPI schema with Schemathesis, in process (WSGI).

Every operation gets generated requests, valid and invalid; each response must not be a 500
and must match the schema (status code, content type, body). Bounded and derandomised so a
run takes seconds and fails the same way twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

FUZZ_SETTINGS = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def loaded_framework(db: None) -> Iterator[None]:
    """The starter framework, so title mapping and roles answer from real data.

    Schemathesis calls the WSGI application directly, so Django's request signals would close
    the test's database connection after each request (on PostgreSQL, ending the test's
    transaction). Django's own test client unhooks them the same way."""
    from civictalent.framework.services import framework_load_starter

    framework_load_starter()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ_SETTINGS
def test_api_conforms_to_its_schema(case: schemathesis.Case, loaded_framework: None) -> None:
    cache.clear()  # the API's rate limit is tested elsewhere; here every request is answered
    response = case.call_and_validate()
    assert response.status_code < 500


@pytest.mark.django_db
@schema.include(path_regex="benchmarks").parametrize()
@FUZZ_SETTINGS
def test_api_conforms_to_its_schema_signed_in(
    case: schemathesis.Case, loaded_framework: None, make_user: Any
) -> None:
    """The signed-in operations, with a session: past the 401, into the selectors."""
    client = Client()
    client.force_login(make_user())
    cache.clear()
    response = case.call_and_validate(cookies={"sessionid": client.cookies["sessionid"].value})
    assert response.status_code < 500
