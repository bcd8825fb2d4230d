"""Every page we serve has an upper bound on its database queries, with enough data on it that an
N+1 (a query per row) would break the bound: 25 job descriptions with sections, versions and
suggestions, a dozen members and join requests, salary observations and benchmark cells.

A new page without a row in BUDGETS fails here: measure it, and add a row that leaves a little
room (a query or two), never a multiple. The walker is the permission matrix's
(tests/test_permission_walker.py); each page is read as the first role allowed to see it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.core.health import SCHEDULER, WORKER, heartbeat_record
from civictalent.core.models import AuditEvent
from civictalent.framework.models import Framework, Skill
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JDSuggestion, JDVersion, JobDescription
from civictalent.organisations.models import JoinRequest, Membership, Organisation
from civictalent.salaries.payscales import payscales_load_demo
from tests.pages import AREAS
from tests.test_permission_walker import EXPECTED, url_kwargs, walk

# Most queries a page may run, for the role that reads it (see ROLE_PREFERENCE): what it ran
# when measured, plus one (two for the library and health check, which are changing).
CORE_BUDGETS: dict[str, int] = {
    "core:home": 5,
    "core:accessibility": 5,
    "core:privacy": 5,
    "core:cookies": 5,
    "core:contact": 5,
    "core:healthz": 9,
    # The dashboard: every app's panels, a count and a short list each (core/dashboard.py);
    # measured 19 with the maturity panels (assessments to answer, each council's level).
    "core:dashboard": 20,
    "core:platform": 14,
    "core:audit_log": 8,
    "accounts:profile": 8,
    "accounts:edit_name": 5,
    "organisations:list": 6,
    "organisations:detail": 8,
    "organisations:join": 7,
    "organisations:edit": 7,
    "organisations:members": 9,
    "organisations:member_edit": 8,
    "organisations:member_remove": 8,
    "framework:overview": 10,
    "framework:family": 8,
    "framework:role": 8,
    # Its skills, then one query each for its JDs, open vacancies and London benchmark.
    "framework:level": 12,
    "framework:skills": 7,
    "framework:skill": 8,
    "framework:progression": 7,
    "salaries:overview": 8,
    "salaries:parse": 5,
    "salaries:your_council": 7,
    "salaries:benchmark": 11,
    "salaries:download": 11,
    "salaries:payscales_list": 9,
    "salaries:payscales_resolve": 6,
    "salaries:payscales_spine": 10,
    "salaries:payscales_grade_map": 11,
    "salaries:payscales_spine_template": 5,
    "salaries:payscales_grade_map_template": 5,
    "salaries:payscales_spine_import": 4,
    "salaries:payscales_grade_map_import": 6,
    "jdlibrary:library": 12,
    "jdlibrary:contribute": 8,
    "jdlibrary:detail": 15,
    "jdlibrary:review": 11,
    "jdlibrary:publish": 8,
    "jdlibrary:reuse_docx": 9,
    "jdlibrary:reuse_markdown": 9,
    "jdlibrary:reuse_versions": 9,
    "jdlibrary:reuse_version": 11,
    "jdlibrary:reuse_copy": 9,
    "jdlibrary:curation_compare": 7,
    "jdlibrary:suggestion_create": 9,
    "jdlibrary:curation_mark_exemplar": 7,
    "jdlibrary:curation_unmark_exemplar": 7,
    "healthcheck:checker": 6,
    "healthcheck:scoring": 6,
    "library_health:council_scores": 12,
    "library_health:rescore": 8,
    "library_health:jd_report": 9,
}
BUDGETS: dict[str, int] = {
    **CORE_BUDGETS,
    **{name: budget for area in AREAS for name, budget in area.BUDGETS.items()},
}
ROLE_PREFERENCE = ("admin_a", "editor_a", "platform_admin", "member_a", "member_b", "anonymous")
PAGES = [
    (name, next(role for role in ROLE_PREFERENCE if EXPECTED[name][role] == "ok"))
    for name in EXPECTED
    if "ok" in EXPECTED[name].values()
]


def test_every_page_has_a_budget() -> None:
    pages = {
        name
        for name, _, _, from_package in walk(get_resolver().url_patterns)
        if not from_package and name in EXPECTED and "ok" in EXPECTED[name].values()
    }
    missing = sorted(pages - set(BUDGETS))
    assert not missing, f"pages without a query budget: {missing}"


def build_data(people: dict[str, User | None], *, salaries: bool = True) -> dict[str, Any]:
    """Enough rows of everything that a query per row would show (salary observations and
    benchmark cells, the slow part, only when ``salaries``)."""
    if not Framework.objects.exists():
        framework_load_starter()
    Skill.objects.get_or_create(
        framework=Framework.objects.get(slug="starter"),
        slug="data-visualisation",
        defaults={"name": "Data visualisation"},
    )
    payscales_load_demo()
    heartbeat_record(name=WORKER)
    heartbeat_record(name=SCHEDULER)
    scale = replace(SCALES["test"], users=30, job_descriptions=25, salary_observations=400)
    generate(
        scale=scale,
        seed=1,
        as_of=timezone.localdate(),
        only={"users", "job-descriptions"}
        | ({"salary-observations", "salary-benchmarks"} if salaries else set()),
    )
    council_a = Organisation.objects.get(slug="hackney")
    jds = list(JobDescription.objects.order_by("pk"))
    JobDescription.objects.filter(pk__in=[jd.pk for jd in jds[:15]]).update(
        organisation=council_a, status="published"
    )
    JDVersion.objects.bulk_create(
        JDVersion(job_description=jd, number=number, summary="Edited", snapshot={"title": jd.title})
        for jd in jds
        for number in (2, 3)
    )
    JDSuggestion.objects.bulk_create(
        JDSuggestion(job_description=jd, author=people["member_b"], text="Say what it does.")
        for jd in jds
    )
    newcomers = User.objects.bulk_create(
        User(email=f"newcomer{n}@example.org", display_name=f"Newcomer {n}") for n in range(12)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=council_a) for user in newcomers[:8]
    )
    JoinRequest.objects.bulk_create(
        JoinRequest(user=user, organisation=council_a) for user in newcomers[8:]
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=people["admin_a"],
            organisation=council_a,
            action="test.event",
            target_type="jd",
            target_id=str(jd.pk),
            summary=f"Changed {jd.title}",
        )
        for jd in jds
    )
    for area in AREAS:
        area.build_page_data(people)
    return {"jd": jds[0]}


def kwargs_for(name: str, people: dict[str, User | None], data: dict[str, Any]) -> dict[str, Any]:
    jd = data["jd"]
    if name == "jdlibrary:reuse_version":
        return {"pk": jd.pk, "number": 2}
    if name.startswith("jdlibrary:") and "<int:pk>" in route_of(name):
        return {"pk": jd.pk}
    if name == "library_health:jd_report":
        return {"pk": jd.pk}
    return url_kwargs(name, people)


def route_of(name: str) -> str:
    for found, route, _, _ in walk(get_resolver().url_patterns):
        if found == name:
            return route
    return ""


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), PAGES, ids=[name for name, _ in PAGES])
def test_page_stays_within_its_query_budget(
    name: str,
    role: str,
    people: dict[str, User | None],
    django_assert_max_num_queries: Any,
) -> None:
    data = build_data(people, salaries=name.startswith("salaries:"))
    for area in AREAS:
        area.prepare_data_for(name)
    client = Client()
    user = people[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs_for(name, people, data))
    client.get(url)  # warm caches that live for the whole process (site, content types)

    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(url)

    assert response.status_code == 200, f"{url} as {role}"


# List pages, read again after their lists have doubled: the same number of queries.
LISTS = [
    ("jdlibrary:library", "editor_a", {}),
    ("jdlibrary:curation_compare", "editor_a", {}),
    ("organisations:members", "admin_a", {"slug": "hackney"}),
    ("organisations:list", "anonymous", {}),
    ("core:audit_log", "platform_admin", {}),
    ("healthcheck:scoring", "anonymous", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "kwargs"), LISTS, ids=[name for name, _, _ in LISTS])
def test_list_pages_run_the_same_queries_for_twice_the_rows(
    name: str, role: str, kwargs: dict[str, Any], people: dict[str, User | None]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_data(people, salaries=False)
    client = Client()
    if people[role] is not None:
        client.force_login(people[role])  # type: ignore[arg-type]
    url = reverse(name, kwargs=kwargs)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    more = replace(SCALES["test"], users=60, job_descriptions=50)
    generate(scale=more, seed=1, as_of=timezone.localdate(), only={"users", "job-descriptions"})
    hackney = Organisation.objects.get(slug="hackney")
    JobDescription.objects.update(organisation=hackney)
    extra = User.objects.bulk_create(
        User(email=f"extra{n}@example.org", display_name=f"Extra {n}") for n in range(12)
    )
    Membership.objects.bulk_create(Membership(user=user, organisation=hackney) for user in extra)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200

    assert len(after.captured_queries) == len(before.captured_queries), (
        f"{url} ran {len(before.captured_queries)} queries, then "
        f"{len(after.captured_queries)} with twice the rows"
    )
