"""API tokens: made by a council's admins, shown once, stored as a hash, scoped to the council,
revocable, expiring, rate-limited, audited and documented in the OpenAPI schema."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from civictalent.api.models import ApiToken
from civictalent.api.services import api_token_create, api_token_revoke
from civictalent.core.models import AuditEvent
from civictalent.jobs.tests.vacancy_helpers import draft
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def make_token(admin: Any, council: Organisation, *, scope: str = "read") -> tuple[ApiToken, str]:
    return api_token_create(
        organisation=council, created_by=admin, name="HR system", scope=scope, expires_in_days=30
    )


def call(path: str, secret: str | None) -> Any:
    if secret is None:
        return Client().get(path)
    return Client().get(path, headers={"Authorization": f"Bearer {secret}"})


def test_an_admin_makes_a_token_and_sees_its_secret_once(
    people: dict[str, Any], council_a: Organisation
) -> None:
    client = Client()
    client.force_login(people["admin_a"])
    url = reverse("api_tokens:create", kwargs={"slug": council_a.slug})
    response = client.post(url, {"name": "Our HR system", "scope": "read", "expires_in_days": "90"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("ct_") and secret in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    stored = [str(value) for value in ApiToken.objects.values().get().values()]
    assert secret not in stored, "only a hash of the secret is kept"
    assert token.created_by == people["admin_a"] and token.organisation == council_a
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    listing = client.get(reverse("api_tokens:list", kwargs={"slug": council_a.slug}))
    assert "Our HR system" in listing.content.decode()
    assert secret not in listing.content.decode()
    assert AuditEvent.objects.filter(action="api_token.created", organisation=council_a).exists()


def test_a_token_needs_a_name_and_nothing_is_saved_without_one(
    people: dict[str, Any], council_a: Organisation
) -> None:
    client = Client()
    client.force_login(people["admin_a"])
    url = reverse("api_tokens:create", kwargs={"slug": council_a.slug})
    response = client.post(url, {"name": "  ", "scope": "admin", "expires_in_days": "9999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Say which system will use the token" in page
    assert not ApiToken.objects.exists()


def test_a_token_of_council_a_never_reads_council_b_data(
    people: dict[str, Any], council_a: Organisation, council_b: Organisation
) -> None:
    draft(council_a, people["editor_a"], title="Hackney draft analyst")
    draft(council_b, None, title="Greenwich secret draft")
    _, secret_a = make_token(people["admin_a"], council_a, scope="read_write")

    mine = call("/api/council/vacancies", secret_a)
    assert mine.status_code == 200
    titles = [vacancy["title"] for vacancy in mine.json()]
    assert titles == ["Hackney draft analyst"]
    assert "Greenwich" not in mine.content.decode()
    assert call("/api/council/", secret_a).json()["council_slug"] == council_a.slug


def test_no_wrong_revoked_or_expired_token_gets_in(
    people: dict[str, Any], council_a: Organisation
) -> None:
    token, secret = make_token(people["admin_a"], council_a)
    assert call("/api/council/", None).status_code == 401
    assert call("/api/council/", secret[:-2] + "xx").status_code == 401
    assert call("/api/council/", secret).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert call("/api/council/", secret).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    api_token_revoke(token=token, revoked_by=people["admin_a"])
    assert call("/api/council/", secret).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_each_request_is_audited_and_updates_last_used(
    people: dict[str, Any], council_a: Organisation
) -> None:
    token, secret = make_token(people["admin_a"], council_a)
    assert token.last_used_at is None
    assert call("/api/salaries/parse?text=%C2%A340%2C000", secret).status_code == 200
    assert call("/api/council/vacancies", secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    used = AuditEvent.objects.filter(action="api_token.used", organisation=council_a)
    assert used.count() == 1, "only requests the token authenticated are recorded"
    assert "GET /api/council/vacancies" in used.get().summary


@override_settings(CIVICTALENT_RATE_LIMITS={"api-token": 3})
def test_requests_with_a_token_are_rate_limited_per_token(
    people: dict[str, Any], council_a: Organisation
) -> None:
    _, secret = make_token(people["admin_a"], council_a)
    _, other = make_token(people["admin_a"], council_a)
    statuses = [call("/api/council/", secret).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert call("/api/council/", other).status_code == 200, "each token has its own limit"


def test_a_token_reads_the_benchmarks_like_a_signed_in_person(
    people: dict[str, Any], council_a: Organisation
) -> None:
    from civictalent.framework.services import framework_load_starter

    framework_load_starter()
    _, secret = make_token(people["admin_a"], council_a)
    path = "/api/salaries/benchmarks/level/senior-data-analyst"
    assert call(path, None).status_code == 401
    assert call(path, secret).status_code == 200


def test_members_and_other_councils_admins_cannot_manage_a_councils_tokens(
    people: dict[str, Any], council_a: Organisation
) -> None:
    token, secret = make_token(people["admin_a"], council_a)
    revoke = reverse("api_tokens:revoke", kwargs={"slug": council_a.slug, "token_id": token.pk})
    for role in ("member_a", "editor_a", "member_b"):
        client = Client()
        client.force_login(people[role])
        assert client.post(revoke).status_code == 403
    assert call("/api/council/", secret).status_code == 200
    admin = Client()
    admin.force_login(people["admin_a"])
    assert admin.post(revoke).status_code == 302
    assert call("/api/council/", secret).status_code == 401


def test_an_admin_cannot_revoke_another_councils_token_through_their_own_council(
    people: dict[str, Any], council_a: Organisation, council_b: Organisation
) -> None:
    token_b, secret_b = make_token(people["platform_admin"], council_b)
    admin = Client()
    admin.force_login(people["admin_a"])
    url = reverse("api_tokens:revoke", kwargs={"slug": council_a.slug, "token_id": token_b.pk})
    assert admin.post(url).status_code == 404
    assert call("/api/council/", secret_b).status_code == 200


def test_the_openapi_schema_documents_the_token_scheme() -> None:
    schema = Client().get("/api/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["CouncilToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert {"CouncilToken": []} in schema["paths"]["/api/council/vacancies"]["get"]["security"]
    assert schema["paths"]["/api/salaries/open-data"]["get"].get("security") is None
