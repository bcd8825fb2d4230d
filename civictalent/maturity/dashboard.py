"""The maturity app's panels of the dashboard (core/dashboard.py): assessments waiting for the
person's answers, and each of their councils' maturity and roadmap."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from civictalent.core.dashboard import Entry, Panel, Section, noun
from civictalent.maturity.assessment_selectors import assessments_waiting_for
from civictalent.maturity.models import Assessment, AssessmentStatus
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import council_roles

SHOWN = 5


def assessments_to_answer(user: Any) -> Panel | None:
    """Open assessments the person was invited to answer; nothing for anyone never invited."""
    waiting = assessments_waiting_for(user)
    found = list(waiting[: SHOWN + 1])
    if not found:
        return None
    count = len(found) if len(found) <= SHOWN else waiting.count()
    return Panel(
        section=Section.WORK,
        order=40,
        title="Maturity assessments waiting for your answers",
        count=count,
        summary=noun(count, "assessment") + " to answer",
        entries=tuple(
            Entry(
                assessment.name,
                reverse("maturity:assessment", kwargs={"pk": assessment.pk}),
                f"{assessment.organisation.short_name}, started {assessment.started_at:%-d %b %Y}",
            )
            for assessment in found[:SHOWN]
        ),
        more=max(0, count - SHOWN),
    )


def council_maturity(user: Any) -> Panel | None:
    """For a council admin (who starts assessments and answers for the plan): each of their
    councils' latest submitted level, and one click to its assessments and its roadmap. Two
    queries; nothing for anyone who is no council's admin."""
    administered = [pk for pk, role in council_roles(user).items() if role == "admin"]
    if not administered:
        return None
    councils = list(Organisation.objects.filter(pk__in=administered).order_by("short_name")[:SHOWN])
    if not councils:
        return None
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
        organisation__in=councils, status=AssessmentStatus.SUBMITTED
    ).order_by("organisation_id", "-submitted_at", "-pk"):
        latest.setdefault(assessment.organisation_id, assessment)

    def detail(council: Organisation) -> str:
        found = latest.get(council.pk)
        if found is None:
            return "no submitted assessment yet"
        return f"level {found.overall_level} of 5 in {found.name}"

    first = councils[0]
    return Panel(
        section=Section.COUNCIL,
        order=40,
        title="Maturity and roadmap",
        count=None,
        summary="Where your council stands, and which roles to fund next",
        action_text="See the roadmap",
        action_href=reverse("maturity:roadmap", kwargs={"slug": first.slug}),
        entries=tuple(
            Entry(
                f"{council.short_name}'s maturity assessments",
                reverse("maturity:council", kwargs={"slug": council.slug}),
                detail(council),
            )
            for council in councils
        ),
    )


PANELS = (assessments_to_answer, council_maturity)
