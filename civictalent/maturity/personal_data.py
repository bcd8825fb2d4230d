"""What the maturity app holds about people (core/privacy.py).

Assessments: the person's answers and evidence notes, the assessments they were invited to, and
the ones they started, submitted or settled questions of. When a person deletes their account,
their answers go (all of them: those of open assessments would otherwise still count, and a
submitted assessment's results are kept as its scores, which name nobody); the assessments they
started or submitted stay with the council, without their name.

Capability model: the versions a platform admin saved. Roadmaps: the council profiles a person
last changed and the actions they added. These keep the council's work when the person goes
(their name is emptied: the foreign keys are ``SET_NULL``).
"""

from __future__ import annotations

from django.db.models import Q

from civictalent.core.privacy import ErasureStep, Person, PersonalDataSource, Rows, rows
from civictalent.maturity.models import (
    Answer,
    Assessment,
    CapabilityVersion,
    Contributor,
    CouncilProfile,
    RoadmapAction,
    Settlement,
)


def maturity_answers(person: Person) -> Rows:
    return rows(
        Answer.objects.filter(user=person.user)
        .order_by("assessment_id", "question_id")
        .values(
            "assessment__organisation__name",
            "assessment__name",
            "question__topic__name",
            "question__text",
            "level",
            "not_sure",
            "evidence",
            "updated_at",
        )
    )


def maturity_contributions(person: Person) -> Rows:
    invited = Contributor.objects.filter(user=person.user).values(
        "assessment__organisation__name", "assessment__name", "invited_at"
    )
    invited_others = Contributor.objects.filter(invited_by=person.user).exclude(user=person.user)
    return [
        *({"you": "were invited", **row} for row in invited.order_by("invited_at")),
        *(
            {"you": "invited someone", **row}
            for row in invited_others.order_by("invited_at").values(
                "assessment__name", "invited_at"
            )
        ),
    ]


def maturity_assessments_led(person: Person) -> Rows:
    return rows(
        Assessment.objects.filter(Q(started_by=person.user) | Q(submitted_by=person.user))
        .order_by("started_at")
        .values("organisation__name", "name", "status", "started_at", "submitted_at")
    ) + [
        {"you": "settled a disagreement", **row}
        for row in Settlement.objects.filter(settled_by=person.user)
        .order_by("settled_at")
        .values("assessment__name", "question__text", "level", "reason", "settled_at")
    ]


def capability_versions_saved(person: Person) -> Rows:
    return rows(
        CapabilityVersion.objects.filter(changed_by=person.user)
        .order_by("changed_at")
        .values("capability__name", "number", "summary", "changed_at")
    )


def roadmap_changes(person: Person) -> Rows:
    return [
        {"you": "changed the council's profile", **row}
        for row in CouncilProfile.objects.filter(updated_by=person.user)
        .order_by("updated_at")
        .values("organisation__name", "size", "structure", "on_costs_percent", "updated_at")
    ] + [
        {"you": "added a roadmap action", **row}
        for row in RoadmapAction.objects.filter(created_by=person.user)
        .order_by("created_at")
        .values("organisation__name", "title", "owner", "due_on", "status", "created_at")
    ]


def maturity_answers_delete(person: Person) -> int:
    deleted, _ = Answer.objects.filter(user=person.user).delete()
    return deleted


SOURCES: tuple[PersonalDataSource, ...] = (
    PersonalDataSource("maturity_answers.json", maturity_answers, ("maturity.Answer.user",)),
    PersonalDataSource(
        "maturity_contributions.json",
        maturity_contributions,
        ("maturity.Contributor.user", "maturity.Contributor.invited_by"),
    ),
    PersonalDataSource(
        "maturity_assessments_led.json",
        maturity_assessments_led,
        (
            "maturity.Assessment.started_by",
            "maturity.Assessment.submitted_by",
            "maturity.Settlement.settled_by",
        ),
    ),
)
SOURCES += (
    PersonalDataSource(
        "capability_versions_saved.json",
        capability_versions_saved,
        ("maturity.CapabilityVersion.changed_by",),
    ),
    PersonalDataSource(
        "maturity_roadmap_changes.json",
        roadmap_changes,
        ("maturity.CouncilProfile.updated_by", "maturity.RoadmapAction.created_by"),
    ),
)
ERASURE = (ErasureStep("maturity_answers_deleted", maturity_answers_delete),)
