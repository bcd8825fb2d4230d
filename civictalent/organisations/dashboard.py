"""The councils' panels of the dashboard (core/dashboard.py): for someone in no council, how to
join one; for council admins, requests to join their councils."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from civictalent.core.dashboard import Entry, Panel, Section, noun
from civictalent.organisations.models import JoinRequest
from civictalent.organisations.predicates import council_roles, organisations_where

SHOWN = 5


def join_a_council(user: Any) -> Panel | None:
    """Someone in no council yet (LOTI's platform admins aside): find it and ask to join."""
    if council_roles(user) or getattr(user, "is_platform_admin", False):
        return None
    asked = list(
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING)
        .select_related("organisation")
        .order_by("created_at")
    )
    return Panel(
        section=Section.WORK,
        order=0,
        title="Join your council",
        count=None,
        summary="You do not belong to a council yet. Join yours to write and share its job "
        "descriptions and vacancies.",
        action_text="Find your council",
        action_href=reverse("organisations:list"),
        entries=tuple(
            Entry(
                request.organisation.name,
                reverse("organisations:detail", kwargs={"slug": request.organisation.slug}),
                f"you asked to join on {timezone.localtime(request.created_at):%-d %b}: a "
                "council admin will decide",
            )
            for request in asked
        ),
    )


def join_requests(user: Any) -> Panel | None:
    councils = organisations_where(user, frozenset({"admin"}))
    if not councils:
        return None
    pending = JoinRequest.objects.filter(
        organisation_id__in=councils, status=JoinRequest.Status.PENDING
    )
    count = pending.count()
    found = list(pending.select_related("user", "organisation").order_by("created_at")[:SHOWN])
    first = found[0].organisation if found else None
    return Panel(
        section=Section.COUNCIL,
        order=10,
        title="Requests to join",
        count=count,
        summary=noun(count, "person asks", "people ask") + " to join your council",
        action_text="Decide" if first else "",
        action_href=reverse("organisations:members", kwargs={"slug": first.slug}) if first else "",
        entries=tuple(
            Entry(
                request.user.name,
                reverse("organisations:members", kwargs={"slug": request.organisation.slug}),
                f"asked to join {request.organisation.short_name} on "
                f"{timezone.localtime(request.created_at):%-d %b}",
            )
            for request in found
        ),
        more=max(0, count - len(found)),
        empty="Nobody is waiting to join.",
    )


PANELS = (join_a_council, join_requests)
