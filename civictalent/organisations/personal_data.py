"""What organisations hold about people: memberships and requests to join (core/privacy.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from civictalent.core.privacy import (
    ErasureBlocker,
    Person,
    PersonalDataSource,
    RetentionRule,
    Rows,
    rows,
)
from civictalent.organisations.models import JoinRequest, Membership, Role

KEEP_DECIDED_JOIN_REQUESTS = timedelta(days=365)


def memberships(person: Person) -> Rows:
    return rows(
        Membership.objects.filter(user=person.user)
        .order_by("organisation__short_name")
        .values("organisation__name", "role", "created_at")
    )


def join_requests(person: Person) -> Rows:
    return rows(
        JoinRequest.objects.filter(user=person.user)
        .order_by("created_at")
        .values("organisation__name", "message", "status", "created_at", "decided_at")
    )


def join_requests_decided(person: Person) -> Rows:
    return rows(
        JoinRequest.objects.filter(decided_by=person.user)
        .order_by("decided_at")
        .values("id", "organisation__name", "status", "decided_at", "decision_note")
    )


def councils_needing_another_admin(user: Any) -> list[str]:
    """Names of the councils where ``user`` is the only council admin."""
    theirs = Membership.objects.filter(user=user, role=Role.ADMIN).select_related("organisation")
    return [
        membership.organisation.name
        for membership in theirs
        if not Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(user=user)
        .exists()
    ]


def only_council_admin_reasons(user: Any) -> list[str]:
    return [
        f"You are the only council admin of {name}. Make someone else a council admin of "
        f"{name} first, on its members page."
        for name in councils_needing_another_admin(user)
    ]


def decided_join_requests_delete(now: datetime) -> int:
    """Delete join requests a council decided more than a year ago (the membership, or its
    absence, is the lasting record)."""
    _, deleted = (
        JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .filter(decided_at__lt=now - KEEP_DECIDED_JOIN_REQUESTS)
        .delete()
    )
    return deleted.get(JoinRequest._meta.label, 0)


SOURCES = (
    PersonalDataSource("council_memberships.json", memberships, ("organisations.Membership.user",)),
    PersonalDataSource("join_requests.json", join_requests, ("organisations.JoinRequest.user",)),
    PersonalDataSource(
        "join_requests_you_decided.json",
        join_requests_decided,
        ("organisations.JoinRequest.decided_by",),
    ),
)
ERASURE_BLOCKERS = (ErasureBlocker(only_council_admin_reasons),)
RETENTION = (RetentionRule("decided_join_requests", decided_join_requests_delete),)
