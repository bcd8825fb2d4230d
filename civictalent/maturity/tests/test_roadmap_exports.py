"""The investment case (opened with python-docx) and the public team structures page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.maturity.models import CouncilProfile, RoadmapAction, TeamStructure
from civictalent.maturity.tests.factories_roadmap import make_submitted_assessment
from civictalent.maturity.tests.test_roadmap_pages import client_for, plan_data, url
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db
__all__ = ["plan_data"]


def document_text(content: bytes) -> tuple[list[str], list[list[list[str]]], Any]:
    from docx import Document

    document = Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return paragraphs, tables, document


def test_the_investment_case_has_the_gap_roles_cost_evidence_and_actions(
    people: dict[str, Any], plan_data: Any, council_a: Organisation
) -> None:
    RoadmapAction.objects.create(
        organisation=council_a, title="Recruit a data engineer", owner="Head of data"
    )
    response = client_for(people["member_a"]).get(url("investment_case"))
    assert response.status_code == 200
    assert "investment-case-hackney.docx" in response["Content-Disposition"]
    paragraphs, tables, document = document_text(response.content)
    text = "\n".join(paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h[:2] in {"1.", "2.", "3.", "4.", "5."}] == [
        "1. The gap",
        "2. The roles",
        "3. The cost",
        "4. The evidence",
        "5. The actions",
    ]
    assert document.core_properties.title.startswith("Investment case")
    assert "stage 2 of 5" in text and "Spring 2026" in text
    # The gap: lowest topics, London hidden with fewer than five other councils.
    gap = tables[0]
    assert gap[0] == ["Topic", "Your score (level)", "London median"]
    assert gap[1][0] == "Topic 0" and gap[1][2].startswith("Hidden")
    # The roles: the plan table, with the hidden role not costed.
    roles = [row for table in tables for row in table if row[0].startswith("Data engineering")]
    assert roles[0][2:] == ["1.5", "£40,000", "£78,000"]
    assert roles[1][3] == "Hidden" and roles[1][4].startswith("Not costed")
    # The cost: the totals, "at least" where something is hidden, and the method.
    cost = next(table for table in tables if table[0][0] == "Priority")
    assert cost[1] == ["Must have now", "2", "3", "at least £143,000 (1 role not costed)"]
    assert cost[-1][0] == "All"
    assert "30% for employer's pension and National Insurance" in text
    # The evidence and the actions.
    assert "submitted on 20 April 2026 with 0 contributors" in text
    assert "illustrative" in text
    actions = next(table for table in tables if table[0][0] == "Action")
    assert actions[1] == ["Recruit a data engineer", "Head of data", "No date", "Not started"]


def test_the_investment_case_without_an_assessment_says_so(
    people: dict[str, Any], council_a: Organisation
) -> None:
    response = client_for(people["editor_a"]).get(url("investment_case"))
    paragraphs, _, _ = document_text(response.content)
    text = "\n".join(paragraphs)
    assert "has not submitted a maturity assessment yet" in text
    assert "No actions recorded yet." in text


def test_team_structures_are_counted_and_small_cells_hidden(
    people: dict[str, Any], council_a: Organisation
) -> None:
    councils = list(Organisation.objects.exclude(pk=council_a.pk).order_by("pk")[:7])
    # Six hub-and-spoke councils at level 2; one centralised at level 3.
    for council in councils[:6]:
        CouncilProfile.objects.create(organisation=council, structure=TeamStructure.HUB_AND_SPOKE)
        make_submitted_assessment(council, level=2)
    CouncilProfile.objects.create(organisation=councils[6], structure=TeamStructure.CENTRALISED)
    make_submitted_assessment(councils[6], level=3)
    CouncilProfile.objects.create(
        organisation=council_a,
        structure=TeamStructure.DECENTRALISED,
        central_team_people=4,
        structure_notes="Analysts sit in each directorate.",
    )
    anonymous = Client().get(reverse("maturity:team_structures")).content.decode()
    hub_row = anonymous.split("Hub and spoke</th>")[1].split("</tr>")[0]
    assert ">6<" in hub_row  # level 2 and the row total
    central_row = anonymous.split("Centralised</th>")[1].split("</tr>")[0]
    assert ">1<" not in central_row and "fewer than 5" in central_row
    for council in [*councils, council_a]:
        assert council.name not in anonymous and f">{council.short_name}<" not in anonymous
    assert "Analysts sit in each directorate" not in anonymous
    own = client_for(people["member_a"]).get(reverse("maturity:team_structures")).content.decode()
    assert "Hackney says its structure is <strong>decentralised</strong>" in own
    assert "Analysts sit in each directorate" in own
    other = client_for(people["member_b"]).get(reverse("maturity:team_structures")).content.decode()
    assert "Analysts sit in each directorate" not in other
