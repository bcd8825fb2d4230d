"""What the health check holds about people: who asked for a re-score (core/privacy.py)."""

from __future__ import annotations

from civictalent.core.privacy import Person, PersonalDataSource, Rows, rows
from civictalent.healthcheck.models import RescoreRun


def health_check_rescores(person: Person) -> Rows:
    return rows(
        RescoreRun.objects.filter(requested_by=person.user)
        .order_by("started_at")
        .values("id", "rules_version", "started_at", "finished_at")
    )


SOURCES = (
    PersonalDataSource(
        "health_check_rescores.json",
        health_check_rescores,
        ("healthcheck.RescoreRun.requested_by",),
    ),
)
