"""The maturity app's panels of the dashboard (core/dashboard.py): assessments waiting for the
person's answers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from civictalent.core.dashboard import Entry, Panel, Section, noun
from civictalent.maturity.assessment_selectors import assessments_waiting_for

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


PANELS = (assessments_to_answer,)
