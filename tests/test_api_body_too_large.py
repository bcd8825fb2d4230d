"""A request body over DATA_UPLOAD_MAX_MEMORY_SIZE gets the API's documented JSON error (413),
not the site's HTML error page (issue 15)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory

from civictalent.core.views import bad_request

pytestmark = pytest.mark.django_db

CHECK = "/api/health-check/check"


def too_large_body() -> str:
    return json.dumps({"text": "x" * (3 * 1024 * 1024)})


def test_a_body_over_the_limit_gets_a_json_413_saying_what_to_do() -> None:
    assert len(too_large_body()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = Client().post(CHECK, too_large_body(), content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert "too large" in detail and "MB" in detail


def test_the_413_is_in_the_schema_for_operations_that_take_a_body() -> None:
    schema = Client().get("/api/openapi.json").json()
    responses = schema["paths"][CHECK]["post"]["responses"]
    assert "413" in responses
    assert responses["413"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorOut")


def test_other_paths_keep_the_html_error_page() -> None:
    body = "text=" + "x" * (3 * 1024 * 1024)
    response = Client(raise_request_exception=False).post(
        "/health-check/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_body_within_the_limit_is_still_checked() -> None:
    response = Client().post(CHECK, {"text": "We offer hybrid working."}, "application/json")
    assert response.status_code == 200
    assert "score" in response.json()


def test_an_api_request_refused_before_the_api_runs_still_gets_json(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    response = Client(raise_request_exception=False, HTTP_HOST="evil.example").get(
        "/api/framework/roles"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["detail"], str)


def test_a_body_too_large_for_a_middleware_on_an_api_path_is_a_json_413() -> None:
    request = RequestFactory().post(CHECK)
    response = bad_request(request, RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert json.loads(response.content)["detail"].startswith("The request body is too large")
