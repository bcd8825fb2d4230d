"""How a council's adverts are approved, and the spot checks of what councils published
themselves.

A council's admins choose its approval route: their own admins and named publishers approve its
adverts, or LOTI's moderators do (the default). A platform admin may set the route for a council
and lock it, so the council cannot change it. Council admins name publishers from the council's
other members. Every change is audited; a person named (or no longer named) is told by email.

A spot check is not a status change: a platform admin confirms an advert a council published
itself looks right (``vacancy_spot_check_confirm``), or takes it off the board through the
"withdraw" row of the transitions table (lifecycle.vacancy_withdraw).
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.permissions import Refusal
from civictalent.jobs.models import ApprovalRoute, CouncilJobsSettings, Vacancy, VacancyStatus
from civictalent.jobs.services.common import vacancy_locked
from civictalent.jobs.services.notices import people_tell, site_link
from civictalent.organisations.models import Membership, Organisation, Role
from civictalent.organisations.services import membership_publisher_set

# How the audit log and pages finish "adverts are approved by ...".
APPROVED_BY = {
    ApprovalRoute.LOTI: "LOTI's moderators",
    ApprovalRoute.COUNCIL: "its own council admins and named publishers",
}
LOCKED_MESSAGE = (
    "LOTI has set how {council}'s adverts are approved, so it cannot be changed here. To ask "
    "for a change, contact LOTI through the Contact link at the foot of the page."
)


def council_approval_update(
    *,
    organisation: Organisation,
    actor: User,
    route: str,
    locked: bool | None = None,
) -> CouncilJobsSettings:
    """Set who approves the council's adverts (``route``, an ApprovalRoute value). A platform
    admin may also lock the route (``locked`` True) or unlock it; None leaves the lock as it is.
    Refusal for anyone else; ValidationError, and nothing saved, for a locked route."""
    council = organisation.short_name
    if not actor.has_perm("jobs.manage_approval", organisation):
        raise Refusal(
            f"Only {council}'s council admins choose how its adverts are approved",
            instead="Ask one of your council admins to change it.",
        )
    if locked is not None and not actor.has_perm("jobs.lock_approval", organisation):
        raise Refusal(
            "Only LOTI's platform admins lock how a council's adverts are approved",
            instead="You can still choose the route while LOTI has not locked it.",
        )
    if route not in ApprovalRoute.values:
        raise ValidationError({"approval_route": ["Choose who approves your council's adverts."]})
    with transaction.atomic():
        jobs_settings, _ = CouncilJobsSettings.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        if (
            jobs_settings.approval_locked
            and route != jobs_settings.approval_route
            and not actor.has_perm("jobs.lock_approval", organisation)
        ):
            raise ValidationError({"approval_route": [LOCKED_MESSAGE.format(council=council)]})
        chosen = {
            "approval_route": route,
            "approval_locked": jobs_settings.approval_locked if locked is None else locked,
        }
        changes = {
            name: [getattr(jobs_settings, name), value]
            for name, value in chosen.items()
            if getattr(jobs_settings, name) != value
        }
        if not changes:
            return jobs_settings
        for name, value in chosen.items():
            setattr(jobs_settings, name, value)
        jobs_settings.full_clean()
        jobs_settings.save()
        audit_record(
            actor=actor,
            action="jobs_settings.approval_changed",
            target=jobs_settings,
            organisation=organisation,
            summary=f"{actor.email} set {council}'s adverts to be approved by "
            f"{APPROVED_BY[ApprovalRoute(route)]}"
            + (
                ", locked by LOTI"
                if chosen["approval_locked"]
                else (", unlocked" if "approval_locked" in changes else "")
            ),
            changes=changes,
        )
    return jobs_settings


def council_publishers_update(
    *, organisation: Organisation, actor: User, publishers: Collection[int]
) -> list[Membership]:
    """Name exactly these memberships (ids) the council's publishers, from its members who are
    not admins (admins approve anyway). Each change is audited and the person is emailed.
    Returns the memberships that changed."""
    if not actor.has_perm("organisations.name_publishers", organisation):
        raise Refusal(
            f"Only {organisation.short_name}'s council admins name its publishers",
            instead="Ask one of your council admins to name you, or someone else, a publisher.",
        )
    members = list(
        Membership.objects.filter(organisation=organisation)
        .exclude(role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
    )
    unknown = set(publishers) - {membership.pk for membership in members}
    if unknown:
        raise ValidationError(
            {"publishers": ["Choose publishers from the council's members who are not admins."]}
        )
    changed: list[Membership] = []
    now = timezone.now()
    with transaction.atomic():
        for membership in members:
            wanted = membership.pk in publishers
            if membership.is_publisher == wanted:
                continue
            saved = membership_publisher_set(
                membership=membership, is_publisher=wanted, changed_by=actor
            )
            people_tell(
                [saved.user],
                template="publisher_named" if wanted else "publisher_removed",
                key=f"publisher-{saved.pk}-{int(now.timestamp())}-{int(wanted)}",
                context={
                    "organisation": organisation,
                    "named_by": actor,
                    "link": site_link("jobs:moderation"),
                    "approves_own": _approves_own(organisation),
                },
            )
            changed.append(saved)
    return changed


def _approves_own(organisation: Organisation) -> bool:
    return CouncilJobsSettings.objects.filter(
        organisation=organisation, approval_route=ApprovalRoute.COUNCIL
    ).exists()


def vacancy_spot_check_confirm(*, vacancy: Vacancy, moderator: User) -> Vacancy:
    """A platform admin has checked an advert a council published itself, and it looks right:
    it leaves the spot-check list. Audited."""
    if not moderator.has_perm("jobs.moderate"):
        raise Refusal(
            "Only LOTI's moderators spot-check what councils publish",
            instead="If an advert looks wrong, tell LOTI through the Contact link.",
        )
    with transaction.atomic():
        locked = vacancy_locked(vacancy)
        if not locked.self_published or locked.status != VacancyStatus.PUBLISHED:
            raise ValidationError(
                "Only a published advert a council approved itself is spot-checked: this one "
                f"is {locked.get_status_display().lower()}"
                + ("." if locked.self_published else ", approved by LOTI.")
            )
        if locked.spot_checked_at is not None:
            return locked
        locked.spot_checked_at = timezone.now()
        locked.save(update_fields=["spot_checked_at", "updated_at"])
        audit_record(
            actor=moderator,
            action="vacancy.spot_checked",
            target=locked,
            organisation=locked.organisation,
            summary=f"{moderator.email} spot-checked the vacancy {locked.title!r}, which "
            f"{locked.organisation.short_name} published itself: it looks right",
            changes={"spot_checked_at": [None, locked.spot_checked_at.isoformat()]},
        )
    return locked
