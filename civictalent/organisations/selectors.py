from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role

if TYPE_CHECKING:
    from civictalent.accounts.models import User  # the user model, named by settings


def organisations_for_listing() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).annotate(member_count=Count("memberships"))


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def pending_join_requests(organisation: Organisation) -> QuerySet[JoinRequest]:
    return (
        organisation.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def memberships_of_user(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def join_requests_of_user(user: User) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(user=user).select_related("organisation")


def admin_counts(organisation: Organisation) -> dict[str, int]:
    return organisation.memberships.aggregate(
        admins=Count("pk", filter=Q(role="admin")), total=Count("pk")
    )


def council_editors(organisation_id: int) -> list[User]:
    """The active people who may write the council's job descriptions and vacancies: its
    editors and admins, by email address."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=[Role.EDITOR, Role.ADMIN],
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def council_publishers(organisation_id: int) -> list[User]:
    """The active people who approve the council's job adverts when it approves its own: its
    admins and its named publishers, by email address."""
    return list(
        get_user_model()
        .objects.filter(
            Q(memberships__role=Role.ADMIN) | Q(memberships__is_publisher=True),
            memberships__organisation_id=organisation_id,
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def council_admins(organisation_id: int) -> list[User]:
    """The council's active admins, by email address."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=Role.ADMIN,
            is_active=True,
        )
        .order_by("email")
    )
