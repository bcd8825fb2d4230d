"""What the library holds about people: who wrote, changed and suggested, and who asked for the
library to be re-scored (core/privacy.py).

The job descriptions stay with the council when the person goes (the foreign keys are emptied).
"""

from __future__ import annotations

from civictalent.core.privacy import Person, PersonalDataSource, Rows, rows
from civictalent.jdlibrary.models import JDSuggestion, JDVersion, JobDescription, RescoreRun


def job_descriptions_created(person: Person) -> Rows:
    return rows(
        JobDescription.objects.filter(created_by=person.user)
        .order_by("created_at")
        .values("id", "title", "organisation__name", "status", "created_at")
    )


def job_description_versions(person: Person) -> Rows:
    return rows(
        JDVersion.objects.filter(author=person.user)
        .order_by("created_at")
        .values("job_description_id", "job_description__title", "number", "summary", "created_at")
    )


def job_description_suggestions(person: Person) -> Rows:
    written = JDSuggestion.objects.filter(author=person.user).values(
        "id", "job_description__title", "text", "status", "created_at"
    )
    resolved = JDSuggestion.objects.filter(resolved_by=person.user).values(
        "id", "job_description__title", "status", "resolved_at", "response"
    )
    return [
        *({"you": "wrote", **row} for row in written.order_by("created_at")),
        *({"you": "resolved", **row} for row in resolved.order_by("resolved_at")),
    ]


def health_check_rescores(person: Person) -> Rows:
    return rows(
        RescoreRun.objects.filter(requested_by=person.user)
        .order_by("started_at")
        .values("id", "rules_version", "started_at", "finished_at")
    )


SOURCES = (
    PersonalDataSource(
        "job_descriptions_created.json",
        job_descriptions_created,
        ("jdlibrary.JobDescription.created_by",),
    ),
    PersonalDataSource(
        "job_description_versions.json", job_description_versions, ("jdlibrary.JDVersion.author",)
    ),
    PersonalDataSource(
        "job_description_suggestions.json",
        job_description_suggestions,
        ("jdlibrary.JDSuggestion.author", "jdlibrary.JDSuggestion.resolved_by"),
    ),
    PersonalDataSource(
        "health_check_rescores.json",
        health_check_rescores,
        ("jdlibrary.RescoreRun.requested_by",),
    ),
)
