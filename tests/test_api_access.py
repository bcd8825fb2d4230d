"""Every API operation is in the role matrix, and is called as each role with valid inputs.

The operations are read from the live OpenAPI schema, so a new operation without a row in
API_EXPECTED fails the build: add the row, and think about who should call it. Council B's
council-only figures never come back to council A's people or to anonymous callers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell
from tests.pages.matrix import PUBLIC, ROLES, matrix

# Outcomes: ok (200), unauthorised (401: sign in first), deny (403).
SIGNED_IN_API = matrix("ok", anonymous="unauthorised")

API_EXPECTED: dict[str, dict[str, str]] = {
    "GET /api/framework/map-title": PUBLIC,
    "GET /api/framework/roles": PUBLIC,
    "GET /api/salaries/parse": PUBLIC,
    # Like the benchmark pages: signed-in people only.
    "GET /api/salaries/benchmarks/{kind}/{slug}": SIGNED_IN_API,
    "POST /api/health-check/check": PUBLIC,
    # Open data: anyone, no key.
    "GET /api/salaries/open-data": PUBLIC,
    # A council's API token only (civictalent/api/tests/test_api_tokens.py): a session is not
    # enough, whoever is signed in.
    "GET /api/council/": matrix("unauthorised"),
    "GET /api/council/vacancies": matrix("unauthorised"),
}

# A figure (in pence) and a council no one in council A may see through the API.
PRIVATE_PENCE = 9_876_500
LEVEL = "senior-data-analyst"


@dataclass(frozen=True)
class Call:
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None


# Valid, minimal inputs for each operation.
CALLS: dict[str, Call] = {
    "GET /api/framework/map-title": Call(
        "/api/framework/map-title", {"title": "Senior data analyst"}
    ),
    "GET /api/framework/roles": Call("/api/framework/roles"),
    "GET /api/salaries/parse": Call("/api/salaries/parse", {"text": "£40,000 to £45,000"}),
    "GET /api/salaries/benchmarks/{kind}/{slug}": Call(
        f"/api/salaries/benchmarks/level/{LEVEL}", {"period": "last12"}
    ),
    "POST /api/health-check/check": Call(
        "/api/health-check/check", body={"text": "Data analyst. Salary £40,000. Apply by May."}
    ),
    "GET /api/salaries/open-data": Call("/api/salaries/open-data"),
    "GET /api/council/": Call("/api/council/"),
    "GET /api/council/vacancies": Call("/api/council/vacancies"),
}


def operations_of(schema: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def outcome_of(status: int) -> str:
    return {200: "ok", 401: "unauthorised", 403: "deny", 404: "missing"}.get(
        status, f"status {status}"
    )


def call(client: Client, operation: str) -> Any:
    spec = CALLS[operation]
    if spec.body is not None:
        return client.post(spec.path, data=json.dumps(spec.body), content_type="application/json")
    return client.get(spec.path, spec.query)


def client_as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_every_api_operation_has_a_row_and_a_call() -> None:
    schema = Client().get("/api/openapi.json").json()
    live = operations_of(schema)
    assert live, "the OpenAPI schema lists no operations"
    missing = sorted(live - set(API_EXPECTED))
    assert not missing, f"API operations with no row in API_EXPECTED: {missing}"
    gone = sorted(set(API_EXPECTED) - live)
    assert not gone, f"API_EXPECTED lists operations that no longer exist: {gone}"
    assert set(CALLS) == set(API_EXPECTED), "every operation needs valid inputs in CALLS"
    for operation, row in API_EXPECTED.items():
        assert set(row) == set(ROLES), f"{operation}: the row must give every role"


def test_the_schema_agrees_with_the_api_object() -> None:
    from civictalent.api.api import api

    assert operations_of(api.get_openapi_schema()) == set(API_EXPECTED)


CASES = [(operation, role) for operation in API_EXPECTED for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "role"), CASES, ids=[f"{o}-{r}" for o, r in CASES])
def test_api_role_matrix(operation: str, role: str, people: dict[str, User | None]) -> None:
    framework_load_starter()
    response = call(client_as(people[role]), operation)
    assert outcome_of(response.status_code) == API_EXPECTED[operation][role], (
        f"{operation} as {role}: {response.status_code} {response.content[:300]!r}"
    )
    if response.status_code == 200:
        assert response["Content-Type"].startswith("application/json")


def _private_cells(council_b: Organisation) -> None:
    """Council B's own figures for the level, as the benchmark refresh would store them."""
    level = RoleLevel.objects.get(slug=LEVEL, framework__is_default=True)
    stats = {m: {"p10": 1, "p25": 2, "p50": PRIVATE_PENCE, "p75": 4, "p90": 5} for m in ("mid",)}
    for period in ("last12", "all"):
        BenchmarkCell.objects.create(
            subject=f"role_level:{level.pk}",
            geography=f"council:{council_b.pk}",
            period=period,
            count=40,
            councils=1,
            largest_council_share=Decimal("1.000"),
            stats=stats,
        )


LEAKY_ROLES = ("anonymous", "member_a", "editor_a", "admin_a")


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API_EXPECTED))
def test_council_b_figures_never_come_back_through_the_api(
    operation: str, people: dict[str, User | None], council_b: Organisation
) -> None:
    framework_load_starter()
    _private_cells(council_b)
    for role in LEAKY_ROLES:
        response = call(client_as(people[role]), operation)
        body = response.content.decode()
        assert str(PRIVATE_PENCE) not in body, f"{operation} as {role} shows council B's figures"
        assert council_b.short_name not in body, f"{operation} as {role} names council B"
        assert f"council:{council_b.pk}" not in body


ANSWER_CHECKS: dict[str, Callable[[Any], bool]] = {
    "GET /api/framework/map-title": lambda data: data["role"] == "Data analyst",
    "GET /api/framework/roles": lambda data: any(row["slug"] == "data-analyst" for row in data),
    "GET /api/salaries/parse": lambda data: bool(data),
    "GET /api/salaries/benchmarks/{kind}/{slug}": lambda data: (
        [cell["area"] for cell in data["cells"]] == ["London", "Inner London", "Outer London"]
    ),
    "POST /api/health-check/check": lambda data: 0 <= data["score"] <= 100,
    "GET /api/salaries/open-data": lambda data: data["licence"] == "Open Government Licence v3.0",
    "GET /api/council/": lambda data: data["council_slug"] == "greenwich",
    "GET /api/council/vacancies": lambda data: data == [],
}
TOKEN_ONLY = {"GET /api/council/", "GET /api/council/vacancies"}


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(API_EXPECTED))
def test_each_operation_answers_with_real_data(
    operation: str, people: dict[str, User | None], council_b: Organisation
) -> None:
    """The calls above are valid: a signed-in person gets a real answer, not an empty shell."""
    framework_load_starter()
    _private_cells(council_b)
    client = client_as(people["member_b"])
    if operation in TOKEN_ONLY:
        from civictalent.api.services import api_token_create

        _, secret = api_token_create(
            organisation=council_b,
            created_by=people["platform_admin"],
            name="Greenwich HR",
            scope="read",
            expires_in_days=30,
        )
        client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = call(client, operation)
    assert response.status_code == 200
    assert ANSWER_CHECKS[operation](response.json()), response.content[:300]
