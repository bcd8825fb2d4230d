"""Every URL is checked against the role matrix. A new view without a declared rule, or without a
row here, fails the build: add the row, and think about who should see the page.

Outcomes: ok (200), login (sent to sign in), deny (403), missing (404), post_only (405: the rule let
the person through to a POST-only action).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from civictalent.accounts.models import User
from civictalent.core.health import SCHEDULER, WORKER, heartbeat_record
from civictalent.core.permissions import THIRD_PARTY_VIEW_MODULES, access_rule_of
from civictalent.framework.models import Framework, Skill
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Membership
from civictalent.salaries.models import GradeMap, PaySpine
from civictalent.salaries.payscales import payscales_load_demo
from tests.pages import AREAS
from tests.pages.matrix import (
    COUNCIL_A_ADMIN_ACTION,
    COUNCIL_A_ADMINS,
    COUNCIL_A_DRAFT_READERS,
    PLATFORM_ADMIN_ONLY,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    matrix,
)

CORE_EXPECTED: dict[str, dict[str, str]] = {
    "core:home": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:privacy": PUBLIC,
    "core:cookies": PUBLIC,
    "core:contact": PUBLIC,
    "core:healthz": PUBLIC,
    "core:dashboard": SIGNED_IN,
    "core:platform": PLATFORM_ADMIN_ONLY,
    "core:audit_log": PLATFORM_ADMIN_ONLY,
    "accounts:profile": SIGNED_IN,
    "accounts:edit_name": SIGNED_IN,
    "organisations:list": PUBLIC,
    "organisations:detail": PUBLIC,
    # Council A's own people are already members, so they cannot ask to join it.
    "organisations:join": matrix("deny", anonymous="login", member_b="ok", platform_admin="ok"),
    "organisations:edit": PLATFORM_ADMIN_ONLY,
    "organisations:members": COUNCIL_A_ADMINS,
    "organisations:member_edit": COUNCIL_A_ADMINS,
    "organisations:member_remove": COUNCIL_A_ADMINS,
    "organisations:decide": COUNCIL_A_ADMIN_ACTION,
    "framework:overview": PUBLIC,
    "framework:family": PUBLIC,
    "framework:role": PUBLIC,
    "framework:level": PUBLIC,
    "framework:skills": PUBLIC,
    "framework:skill": PUBLIC,
    "framework:progression": PUBLIC,
    "salaries:overview": SIGNED_IN,
    "salaries:parse": SIGNED_IN,
    "salaries:your_council": SIGNED_IN,
    "salaries:benchmark": SIGNED_IN,
    "salaries:download": SIGNED_IN,
    "salaries:payscales_list": SIGNED_IN,
    "salaries:payscales_resolve": SIGNED_IN,
    "salaries:payscales_spine": SIGNED_IN,
    "salaries:payscales_grade_map": SIGNED_IN,
    "salaries:payscales_spine_template": SIGNED_IN,
    "salaries:payscales_grade_map_template": SIGNED_IN,
    "salaries:payscales_spine_import": PLATFORM_ADMIN_ONLY,
    "salaries:payscales_grade_map_import": PLATFORM_ADMIN_ONLY,
    "jdlibrary:library": SIGNED_IN,
    "jdlibrary:contribute": matrix(
        "deny", anonymous="login", editor_a="ok", admin_a="ok", platform_admin="ok"
    ),
    # A draft of council A: its editors and the platform admins see it; its editors change it.
    "jdlibrary:detail": matrix(
        "deny", anonymous="login", editor_a="ok", admin_a="ok", platform_admin="ok"
    ),
    "jdlibrary:review": matrix("deny", anonymous="login", editor_a="ok", admin_a="ok"),
    "jdlibrary:publish": matrix("deny", anonymous="login", editor_a="ok", admin_a="ok"),
    "jdlibrary:reuse_docx": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:reuse_markdown": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:reuse_versions": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:reuse_version": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:reuse_copy": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:curation_compare": SIGNED_IN,
    "jdlibrary:suggestion_create": COUNCIL_A_DRAFT_READERS,
    "jdlibrary:suggestion_resolve": matrix(
        "deny", anonymous="login", editor_a="post_only", admin_a="post_only"
    ),
    "jdlibrary:curation_mark_exemplar": PLATFORM_ADMIN_ONLY,
    "jdlibrary:curation_unmark_exemplar": PLATFORM_ADMIN_ONLY,
    "healthcheck:checker": PUBLIC,
    "healthcheck:scoring": PUBLIC,
    # Council A's scores: its own people and platform admins.
    "library_health:council_scores": matrix("ok", anonymous="login", member_b="deny"),
    "library_health:rescore": PLATFORM_ADMIN_ONLY,
    # The report on a draft of council A follows the JD's own rule; applying needs an editor.
    "library_health:jd_report": COUNCIL_A_DRAFT_READERS,
    "library_health:jd_apply": matrix(
        "deny", anonymous="login", editor_a="post_only", admin_a="post_only"
    ),
}

EXPECTED: dict[str, dict[str, str]] = {
    **CORE_EXPECTED,
    **{name: row for area in AREAS for name, row in area.EXPECTED.items()},
}

# Spot checks of views we did not write: the admin site admits platform admins only.
THIRD_PARTY_EXPECTED: dict[str, dict[str, str]] = {
    "admin:index": matrix("admin_login", platform_admin="ok"),
    "admin:mfa_authenticator_changelist": matrix("admin_login", platform_admin="ok"),
    "account_login": matrix("redirect", anonymous="ok"),
    "mfa_index": matrix("ok", anonymous="login"),
    "api:openapi-json": PUBLIC,
}


def module_of(thing: Any) -> str:
    name = thing if isinstance(thing, str) else getattr(thing, "__name__", "")
    return name or ""


def is_third_party_module(module: str) -> bool:
    return any(module.startswith(prefix) for prefix in THIRD_PARTY_VIEW_MODULES)


def walk(
    patterns: list[Any], namespace: str = "", prefix: str = "", third_party: bool = False
) -> Iterator[tuple[str, str, Callable[..., Any], bool]]:
    """Every URL with its full name, route, view, and whether a package we use provides it."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            included = (
                third_party
                or is_third_party_module(module_of(entry.urlconf_module))
                or entry.namespace in {"admin", "api"}
            )
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern), included)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            owner = getattr(entry.callback, "view_class", entry.callback)
            from_package = third_party or is_third_party_module(getattr(owner, "__module__", ""))
            yield name, prefix + str(entry.pattern), entry.callback, from_package


def test_every_view_declares_a_rule_and_has_a_row_in_the_matrix() -> None:
    ours = []
    for name, route, view, from_package in walk(get_resolver().url_patterns):
        if from_package:
            continue
        assert access_rule_of(view) is not None, f"{route} ({name}) declares no access rule"
        assert name in EXPECTED, f"{route} ({name}) has no row in the permission matrix"
        ours.append(name)
    assert sorted(set(ours)) == sorted(EXPECTED), "the matrix lists URLs that no longer exist"


def url_kwargs(name: str, people: dict[str, User | None]) -> dict[str, Any]:
    for area in AREAS:
        found = area.url_kwargs(name, people)
        if found is not None:
            return found
    if name in {"organisations:member_edit", "organisations:member_remove"}:
        membership = Membership.objects.get(user=people["member_a"])
        return {"slug": "hackney", "membership_id": membership.pk}
    if name == "organisations:decide":
        from civictalent.organisations.models import JoinRequest

        applicant = people["member_b"]
        assert applicant is not None
        request = JoinRequest.objects.create(
            user=applicant,
            organisation=Membership.objects.get(user=people["member_a"]).organisation,
        )
        return {"slug": "hackney", "request_id": request.pk}
    if name.startswith("organisations:") and name != "organisations:list":
        return {"slug": "hackney"}
    framework_slugs = {
        "framework:family": "data",
        "framework:role": "data-analyst",
        "framework:level": "senior-data-analyst",
        "framework:skill": "data-visualisation",
    }
    if name in framework_slugs:
        return {"slug": framework_slugs[name]}
    if name == "jdlibrary:suggestion_resolve":
        from civictalent.jdlibrary.models import JDSuggestion, JobDescription

        jd = JobDescription.objects.create(
            organisation=Membership.objects.get(user=people["member_a"]).organisation,
            title="Data analyst",
        )
        suggestion = JDSuggestion.objects.create(job_description=jd, text="Say what it does.")
        return {"pk": suggestion.pk}
    if name.startswith("jdlibrary:") and name not in {
        "jdlibrary:library",
        "jdlibrary:contribute",
        "jdlibrary:curation_compare",
    }:
        from civictalent.jdlibrary.models import JDVersion, JobDescription

        jd = JobDescription.objects.create(
            organisation=Membership.objects.get(user=people["member_a"]).organisation,
            title="Data analyst",
        )
        JDVersion.objects.create(job_description=jd, number=1, summary="Created", snapshot={})
        return {"pk": jd.pk, "number": 1} if name == "jdlibrary:reuse_version" else {"pk": jd.pk}
    if name == "library_health:council_scores":
        return {"pk": Membership.objects.get(user=people["member_a"]).organisation_id}
    if name in {"library_health:jd_report", "library_health:jd_apply"}:
        from civictalent.jdlibrary.models import JobDescription

        jd = JobDescription.objects.create(
            organisation=Membership.objects.get(user=people["member_a"]).organisation,
            title="Data analyst",
        )
        return {"pk": jd.pk}
    if name == "salaries:benchmark":
        return {"kind": "level", "slug": "senior-data-analyst"}
    if name == "salaries:download":
        return {"kind": "level", "slug": "senior-data-analyst", "file_format": "csv"}
    if name == "salaries:payscales_spine":
        return {"pk": PaySpine.objects.order_by("pk").first().pk}  # type: ignore[union-attr]
    if name == "salaries:payscales_grade_map":
        return {"pk": GradeMap.objects.order_by("pk").first().pk}  # type: ignore[union-attr]
    return {}


def outcome_of(response: Any) -> str:
    status = response.status_code
    if status == 200:
        return "ok"
    if status == 403:
        return "deny"
    if status == 404:
        return "missing"
    if status == 405:
        return "post_only"
    if status == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "admin_login"
        if location.startswith("/accounts/login/"):
            return "login"
        return "redirect"
    return f"status {status}"


ALL_CASES = [
    (name, role) for name, row in {**EXPECTED, **THIRD_PARTY_EXPECTED}.items() for role in ROLES
]


def prepare_data_for(name: str) -> None:
    """Only what the URL needs, so the matrix stays quick (it runs for every URL and role)."""
    if name == "core:healthz":
        heartbeat_record(name=WORKER)
        heartbeat_record(name=SCHEDULER)
    if name.startswith(("framework:", "salaries:")) and not Framework.objects.exists():
        framework_load_starter()
    if name == "framework:skill":
        Skill.objects.get_or_create(
            framework=Framework.objects.get(slug="starter"),
            slug="data-visualisation",
            defaults={"name": "Data visualisation"},
        )
    if name.startswith("salaries:payscales_"):
        payscales_load_demo()
    for area in AREAS:
        area.prepare_data_for(name)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), ALL_CASES, ids=[f"{n}-{r}" for n, r in ALL_CASES])
def test_role_matrix(name: str, role: str, people: dict[str, User | None]) -> None:
    from django.urls import reverse

    prepare_data_for(name)
    expected = {**EXPECTED, **THIRD_PARTY_EXPECTED}[name][role]
    client = Client()
    user = people[role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, kwargs=url_kwargs(name, people)))
    assert outcome_of(response) == expected, f"{name} as {role}"
