"""The roadmap's pages: who may see and change them, the costed plan, one-click JDs, the
investment case and the team structures."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civictalent.core.models import AuditEvent
from civictalent.jdlibrary.models import JDStatus, JobDescription, Visibility
from civictalent.maturity import roadmap_selectors
from civictalent.maturity.models import (
    CapabilityCoverage,
    CouncilProfile,
    Coverage,
    RoadmapAction,
    TeamStructure,
)
from civictalent.maturity.tests.factories_roadmap import (
    make_benchmark,
    make_capability,
    make_exemplar,
    make_submitted_assessment,
    role_levels,
)
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_data(council_a: Organisation, council_b: Organisation) -> dict[str, Any]:
    levels = role_levels(4)
    governance = make_capability(
        "Data governance", stage=1, roles=[(levels[0], "0.5", "1.0", "2.0")]
    )
    engineering = make_capability(
        "Data engineering",
        stage=2,
        roles=[(levels[1], "1.0", "1.5", "2.0"), (levels[2], "0.5", "0.5", "1.0")],
    )
    science = make_capability("Data science", stage=3, roles=[(levels[3], "0.5", "1.0", "1.0")])
    make_benchmark(levels[0], 5_000_000)
    make_benchmark(levels[1], 4_000_000)
    make_benchmark(levels[2], None)  # hidden
    make_benchmark(levels[3], 6_000_000)
    make_submitted_assessment(
        council_a,
        level=1,
        name="Autumn 2025",
        submitted_at=datetime.datetime(2025, 11, 3, 10, tzinfo=datetime.UTC),
    )
    make_submitted_assessment(
        council_a,
        level=2,
        name="Spring 2026",
        submitted_at=datetime.datetime(2026, 4, 20, 10, tzinfo=datetime.UTC),
        topic_scores=["1.50", "2.25", "3.00"],
    )
    CapabilityCoverage.objects.create(
        organisation=council_a, capability=governance, status=Coverage.PARTLY
    )
    exemplar = make_exemplar(council_b, levels[0], title="Data governance lead (exemplar)")
    return {
        "levels": levels,
        "governance": governance,
        "engineering": engineering,
        "science": science,
        "exemplar": exemplar,
    }


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"maturity:{name}", kwargs={"slug": "hackney", **kwargs})


def test_the_roadmap_shows_the_costed_plan(people: dict[str, Any], plan_data: Any) -> None:
    response = client_for(people["member_a"]).get(url("roadmap"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stage 2 of 5" in body and "Spring 2026" in body
    # Must have now: engineering (not covered) before governance (partly covered).
    assert body.index("Data engineering") < body.index("Data governance")
    # Medium council, 30% on-costs: 40,000 x 1.5 x 1.3 = £78,000; 50,000 x 1 x 1.3 = £65,000.
    assert "£78,000" in body and "£65,000" in body
    assert "Not costed" in body and "At least £143,000 (1 role not costed)" in body
    # Next stage: data science, 60,000 x 1 x 1.3 = £78,000.
    assert "Data science" in body
    level = plan_data["levels"][0]
    assert reverse("framework:level", kwargs={"slug": level.slug}) in body
    assert reverse("salaries:benchmark", kwargs={"kind": "level", "slug": level.slug}) in body
    assert reverse("jdlibrary:detail", kwargs={"pk": plan_data["exemplar"].pk}) in body
    # A member reads; only editors change or start a JD.
    assert url("profile") not in body and "Start a job description" not in body


def test_an_editor_sees_the_edit_links_and_the_one_click_button(
    people: dict[str, Any], plan_data: Any
) -> None:
    body = client_for(people["editor_a"]).get(url("roadmap")).content.decode()
    assert url("profile") in body and url("coverage") in body and url("action_add") in body
    copy = reverse("jdlibrary:reuse_copy", kwargs={"pk": plan_data["exemplar"].pk})
    assert f'action="{copy}"' in body and "Start a job description from this exemplar" in body


def test_one_click_starts_a_draft_for_the_council(
    people: dict[str, Any], plan_data: Any, council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    body = editor.get(url("roadmap")).content.decode()
    exemplar = plan_data["exemplar"]
    assert f'name="organisation" value="{council_a.pk}"' in body
    response = editor.post(
        reverse("jdlibrary:reuse_copy", kwargs={"pk": exemplar.pk}),
        {"organisation": str(council_a.pk)},
    )
    draft = JobDescription.objects.exclude(pk=exemplar.pk).get()
    assert draft.organisation == council_a and draft.status == JDStatus.DRAFT
    assert draft.role_level_id == exemplar.role_level_id
    assert response.status_code == 302
    assert response["Location"] == reverse("jdlibrary:review", kwargs={"pk": draft.pk})


def test_an_exemplar_the_person_may_not_see_is_not_offered(
    people: dict[str, Any], plan_data: Any, council_b: Organisation
) -> None:
    JobDescription.objects.filter(pk=plan_data["exemplar"].pk).update(
        visibility=Visibility.COUNCIL, licence="", sharing_consent_at=None
    )
    body = client_for(people["editor_a"]).get(url("roadmap")).content.decode()
    assert "Data governance lead (exemplar)" not in body


def test_another_councils_member_is_refused_everything(
    people: dict[str, Any], plan_data: Any
) -> None:
    client = client_for(people["member_b"])
    for name in ("roadmap", "profile", "coverage", "action_add", "investment_case"):
        assert client.get(url(name)).status_code == 403, name


def test_a_member_reads_but_cannot_change(people: dict[str, Any], plan_data: Any) -> None:
    client = client_for(people["member_a"])
    assert client.get(url("roadmap")).status_code == 200
    assert (
        client.post(url("profile"), {"size": "large", "on_costs_percent": "20"}).status_code == 403
    )
    assert client.post(url("action_add"), {"title": "x", "owner": "y"}).status_code == 403
    assert not CouncilProfile.objects.exists() and not RoadmapAction.objects.exists()


def test_a_platform_admin_reading_is_audited(people: dict[str, Any], plan_data: Any) -> None:
    assert client_for(people["platform_admin"]).get(url("roadmap")).status_code == 200
    assert (
        AuditEvent.objects.filter(
            actor=people["platform_admin"], action="personal_data.viewed"
        ).count()
        == 1
    )
    client_for(people["member_a"]).get(url("roadmap"))
    assert not AuditEvent.objects.filter(actor=people["member_a"]).exists()


def test_the_profile_changes_the_costs(people: dict[str, Any], plan_data: Any) -> None:
    editor = client_for(people["editor_a"])
    response = editor.post(
        url("profile"),
        {
            "size": "large",
            "on_costs_percent": "20",
            "structure": TeamStructure.HUB_AND_SPOKE,
            "central_team_people": "12",
            "service_team_people": "",
            "structure_notes": "Analysts in children's services.",
        },
    )
    assert response.status_code == 302
    profile = CouncilProfile.objects.get()
    assert profile.size == "large" and profile.on_costs_percent == Decimal(20)
    # Large: governance 2 FTE x £50,000 x 1.2 = £120,000.
    assert "£120,000" in editor.get(url("roadmap")).content.decode()


def test_bad_profile_input_is_explained_and_nothing_saved(
    people: dict[str, Any], plan_data: Any
) -> None:
    response = client_for(people["editor_a"]).post(
        url("profile"), {"size": "huge", "on_costs_percent": "150", "central_team_people": "-2"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "On-costs must be 100% or less." in body
    assert not CouncilProfile.objects.exists()


def test_coverage_is_saved_all_at_once(
    people: dict[str, Any], plan_data: Any, council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    data = {
        f"capability_{plan_data['governance'].pk}": "covered",
        f"capability_{plan_data['engineering'].pk}": "partly",
        f"capability_{plan_data['science'].pk}": "none",
    }
    assert editor.post(url("coverage"), data).status_code == 302
    assert roadmap_selectors.coverage_of(council_a) == {
        plan_data["governance"].pk: "covered",
        plan_data["engineering"].pk: "partly",
    }
    # One missing answer: an error, and nothing of the form saved.
    data[f"capability_{plan_data['governance'].pk}"] = "none"
    del data[f"capability_{plan_data['science'].pk}"]
    response = editor.post(url("coverage"), data)
    assert (
        response.status_code == 200
        and "Choose whether your council covers" in response.content.decode()
    )
    assert roadmap_selectors.coverage_of(council_a)[plan_data["governance"].pk] == "covered"


def test_actions_are_added_changed_and_deleted(
    people: dict[str, Any], plan_data: Any, council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    response = editor.post(
        url("action_add"),
        {
            "title": "Recruit a data governance lead",
            "capability": str(plan_data["governance"].pk),
            "owner": "Chief data officer",
            "due_day": "30",
            "due_month": "9",
            "due_year": "2026",
            "status": "not_started",
        },
    )
    assert response.status_code == 302
    action = RoadmapAction.objects.get()
    assert action.organisation == council_a and action.due_on == datetime.date(2026, 9, 30)
    assert "Recruit a data governance lead" in editor.get(url("roadmap")).content.decode()
    edit = url("action_edit", pk=action.pk)
    response = editor.post(
        edit, {"title": "Recruit a lead", "owner": "CDO", "status": "in_progress"}
    )
    action.refresh_from_db()
    assert response.status_code == 302 and action.status == "in_progress" and action.due_on is None
    assert editor.post(edit, {"delete": "1"}).status_code == 302
    assert not RoadmapAction.objects.exists()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "2026"), "must be a real date"),
        (("", "2", "2026"), "must include a day"),
        (("1", "two", "2026"), "as numbers"),
        (("1", "2", "26"), "four digits"),
    ],
)
def test_a_bad_due_date_is_explained(
    people: dict[str, Any], plan_data: Any, parts: tuple[str, str, str], message: str
) -> None:
    day, month, year = parts
    response = client_for(people["editor_a"]).post(
        url("action_add"),
        {
            "title": "A",
            "owner": "B",
            "status": "done",
            "due_day": day,
            "due_month": month,
            "due_year": year,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and message in body and 'href="#id_due_day"' in body
    assert not RoadmapAction.objects.exists()


def test_another_councils_action_is_not_found(
    people: dict[str, Any], plan_data: Any, council_b: Organisation
) -> None:
    theirs = RoadmapAction.objects.create(organisation=council_b, title="Theirs", owner="Them")
    response = client_for(people["editor_a"]).get(url("action_edit", pk=theirs.pk))
    assert response.status_code == 404


def test_the_roadmap_reads_in_a_fixed_number_of_queries(
    people: dict[str, Any], plan_data: Any, council_a: Organisation
) -> None:
    from civictalent.maturity.tests.factories_roadmap import make_capability as more

    user = people["editor_a"]

    def count() -> int:
        from civictalent.organisations.predicates import council_roles

        council_roles(user)
        with CaptureQueriesContext(connection) as queries:
            roadmap_selectors.roadmap_data(council_a, user)
        return len(queries.captured_queries)

    before = count()
    levels = role_levels(8)
    for number in range(6):
        more(f"Extra {number}", stage=1, roles=[(levels[4 + number % 4], "1", "1", "1")])
    for level in levels[4:]:
        make_benchmark(level, 3_000_000)
        make_exemplar(council_a, level, title=f"Exemplar {level.pk}")
    assert count() == before
    assert before <= 10
