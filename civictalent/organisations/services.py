"""Every change to organisations, memberships and join requests. Each one is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civictalent.core.admin_audit import personal_data_view_record
from civictalent.core.audit import audit_record
from civictalent.core.emails import email_queue, render_email, site_url
from civictalent.core.models import AuditEvent
from civictalent.core.predicates import is_platform_admin
from civictalent.organisations.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationDomain,
    Role,
    domain_validator,
)
from civictalent.organisations.predicates import is_council_admin, is_council_member

if TYPE_CHECKING:
    from civictalent.accounts.models import User  # the user model, named by settings


def _link(path: str) -> str:
    return site_url(path)


def _people_to_tell_about_requests(organisation: Organisation) -> list[User]:
    """The council's admins; the platform admins if the council has none yet."""
    admins = list(
        get_user_model().objects.filter(
            memberships__organisation=organisation, memberships__role=Role.ADMIN, is_active=True
        )
    )
    return admins or list(get_user_model().objects.filter(is_platform_admin=True, is_active=True))


def join_request_create(
    *, user: User, organisation: Organisation, message: str = ""
) -> JoinRequest:
    """Ask to join a council. Its admins are emailed."""
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(f"You are already a member of {organisation.short_name}.")
    existing = JoinRequest.objects.filter(
        user=user, organisation=organisation, status=JoinRequest.Status.PENDING
    ).first()
    if existing is not None:
        raise ValidationError(
            f"You asked to join {organisation.short_name} on "
            f"{timezone.localtime(existing.created_at):%-d %B %Y}. A council admin will decide "
            "soon; we will email you."
        )
    with transaction.atomic():
        try:
            join_request = JoinRequest.objects.create(
                user=user, organisation=organisation, message=message.strip()
            )
        except IntegrityError:
            raise ValidationError(
                f"You have already asked to join {organisation.short_name}."
            ) from None
        audit_record(
            actor=user,
            action="join_request.created",
            target=join_request,
            organisation=organisation,
            summary=f"{user.email} asked to join {organisation.short_name}",
        )
        review_url = _link(reverse("organisations:members", args=[organisation.slug]))
        for admin in _people_to_tell_about_requests(organisation):
            subject, body = render_email(
                "organisations/emails/join_request_received",
                {
                    "admin": admin,
                    "requester": user,
                    "organisation": organisation,
                    "join_request": join_request,
                    "review_url": review_url,
                },
            )
            email_queue(to=admin.email, subject=subject, body_text=body)
    return join_request


def join_request_decide(
    *, join_request: JoinRequest, decided_by: User, approve: bool, note: str = ""
) -> JoinRequest:
    """Approve (the person becomes a member) or decline a request. The person is emailed."""
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise ValidationError(
                f"This request was already {locked.get_status_display().lower()}."
            )
        locked.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        locked.decided_by = decided_by
        locked.decided_at = timezone.now()
        locked.decision_note = note.strip()
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        organisation = locked.organisation
        if approve:
            Membership.objects.get_or_create(
                user=locked.user, organisation=organisation, defaults={"role": Role.MEMBER}
            )
        audit_record(
            actor=decided_by,
            action="join_request.approved" if approve else "join_request.declined",
            target=locked,
            organisation=organisation,
            summary=f"{decided_by.email} {'approved' if approve else 'declined'} "
            f"{locked.user.email}'s request to join {organisation.short_name}",
            changes={"status": [JoinRequest.Status.PENDING, locked.status]},
        )
        subject, body = render_email(
            "organisations/emails/join_request_decided",
            {
                "join_request": locked,
                "organisation": organisation,
                "account_url": _link(reverse("accounts:profile")),
            },
        )
        email_queue(to=locked.user.email, subject=subject, body_text=body)
    return locked


def membership_join_by_verified_email(*, user: User, email: str) -> Membership | None:
    """A verified address at a council's registered domain makes its owner a member."""
    domain = email.rsplit("@", 1)[-1].lower()
    match = (
        OrganisationDomain.objects.select_related("organisation")
        .filter(domain=domain, organisation__is_active=True)
        .first()
    )
    if match is None:
        return None
    organisation = match.organisation
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": Role.MEMBER}
        )
        if not created:
            return membership
        JoinRequest.objects.filter(
            user=user, organisation=organisation, status=JoinRequest.Status.PENDING
        ).update(
            status=JoinRequest.Status.APPROVED,
            decided_at=timezone.now(),
            decision_note="Joined automatically with a verified council email address.",
        )
        audit_record(
            actor=user,
            action="membership.joined_by_domain",
            target=membership,
            organisation=organisation,
            summary=f"{user.email} joined {organisation.short_name} with a verified @{domain} "
            "address",
        )
    return membership


def _ensure_another_admin_remains(membership: Membership) -> None:
    if membership.role != Role.ADMIN:
        return
    others = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMIN
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            f"{membership.user.name} is the only council admin of "
            f"{membership.organisation.short_name}. Make someone else a council admin first."
        )


def membership_change_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    if role not in Role.values:
        raise ValidationError(f"{role!r} is not a role. Choose member, editor or council admin.")
    if role == membership.role:
        return membership
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != Role.ADMIN:
            _ensure_another_admin_remains(membership)
        old_role = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=changed_by,
            action="membership.role_changed",
            target=membership,
            organisation=membership.organisation,
            summary=f"{changed_by.email} made {membership.user.email} "
            f"{Role(role).label.lower()} of {membership.organisation.short_name}",
            changes={"role": [old_role, role]},
        )
        subject, body = render_email(
            "organisations/emails/role_changed",
            {"membership": membership, "organisation": membership.organisation},
        )
        email_queue(to=membership.user.email, subject=subject, body_text=body)
    return membership


def membership_publisher_set(
    *, membership: Membership, is_publisher: bool, changed_by: User
) -> Membership:
    """Name the member a publisher of the council's job adverts, or stop. Audited; the caller
    (the jobs board, which knows where approving happens) tells the person."""
    if not changed_by.has_perm("organisations.name_publishers", membership.organisation):
        raise PermissionDenied(
            f"Only {membership.organisation.short_name}'s council admins name its publishers."
        )
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("user", "organisation")
        membership = locked.get(pk=membership.pk)
        if membership.is_publisher == is_publisher:
            return membership
        membership.is_publisher = is_publisher
        membership.save(update_fields=["is_publisher"])
        named = "named" if is_publisher else "stopped"
        audit_record(
            actor=changed_by,
            action="membership.publisher_named" if is_publisher else "membership.publisher_removed",
            target=membership,
            organisation=membership.organisation,
            summary=f"{changed_by.email} {named} {membership.user.email} "
            f"{'a publisher' if is_publisher else 'being a publisher'} of "
            f"{membership.organisation.short_name}'s job adverts",
            changes={"is_publisher": [not is_publisher, is_publisher]},
        )
    return membership


def membership_remove(*, membership: Membership, removed_by: User) -> None:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_another_admin_remains(membership)
        audit_record(
            actor=removed_by,
            action="membership.removed",
            target=membership,
            organisation=membership.organisation,
            summary=f"{removed_by.email} removed {membership.user.email} from "
            f"{membership.organisation.short_name}",
            changes={"role": [membership.role, None]},
        )
        subject, body = render_email(
            "organisations/emails/removed",
            {"membership": membership, "organisation": membership.organisation},
        )
        email_queue(to=membership.user.email, subject=subject, body_text=body)
        membership.delete()


def normalise_domains(raw: str) -> list[str]:
    """Split a comma- or line-separated list of domains, lower-cased, without duplicates."""
    seen: list[str] = []
    for part in raw.replace(",", "\n").splitlines():
        domain = part.strip().lower().removeprefix("@")
        if domain and domain not in seen:
            domain_validator(domain)
            seen.append(domain)
    return seen


def organisation_update(
    *,
    organisation: Organisation,
    changed_by: User,
    is_loti_member: bool,
    website: str,
    domains: list[str],
) -> Organisation:
    """Platform admins set LOTI membership, website and the email domains that auto-join."""
    taken = (
        OrganisationDomain.objects.filter(domain__in=domains)
        .exclude(organisation=organisation)
        .select_related("organisation")
    )
    clashes = [f"{d.domain} belongs to {d.organisation.short_name}" for d in taken]
    if clashes:
        raise ValidationError(
            "Each domain can belong to one organisation: " + "; ".join(clashes) + "."
        )
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        old_domains = sorted(organisation.domains.values_list("domain", flat=True))
        changes: dict[str, list[object]] = {}
        if organisation.is_loti_member != is_loti_member:
            changes["is_loti_member"] = [organisation.is_loti_member, is_loti_member]
        if organisation.website != website:
            changes["website"] = [organisation.website, website]
        if old_domains != sorted(domains):
            changes["domains"] = [old_domains, sorted(domains)]
        if not changes:
            return organisation
        organisation.is_loti_member = is_loti_member
        organisation.website = website
        organisation.full_clean()
        organisation.save(update_fields=["is_loti_member", "website"])
        organisation.domains.exclude(domain__in=domains).delete()
        for domain in domains:
            OrganisationDomain.objects.get_or_create(organisation=organisation, domain=domain)
        audit_record(
            actor=changed_by,
            action="organisation.updated",
            target=organisation,
            organisation=organisation,
            summary=f"{changed_by.email} changed {', '.join(changes)} of {organisation.short_name}",
            changes=changes,
        )
    return organisation


def council_private_view_record(
    *, request: HttpRequest, organisation: Organisation, what: str, target: Any = None
) -> AuditEvent | None:
    """Record a platform admin reading a council's private page (``what``, for example
    "Hackney's roadmap"; ``target`` the object read, the council by default), unless they are a
    member of that council (then it is their own council's work)."""
    user: Any = request.user
    if not is_platform_admin(user) or is_council_member(user, organisation):
        return None
    read = target if target is not None else organisation
    return personal_data_view_record(
        request=request,
        target_type=read._meta.label,
        target_id=str(read.pk),
        summary=f"{user} viewed {what}",
        organisation=organisation,
    )


def council_people_view_record(
    *, request: HttpRequest, organisation: Organisation
) -> AuditEvent | None:
    """Record a platform admin reading a council's members and join requests, unless they are
    an admin of that council themselves (then it is their own council's everyday work)."""
    user: Any = request.user
    if not is_platform_admin(user) or is_council_admin(user, organisation):
        return None
    return personal_data_view_record(
        request=request,
        target_type=organisation._meta.label,
        target_id=str(organisation.pk),
        summary=f"{user} viewed the members and join requests of {organisation.short_name}",
        organisation=organisation,
    )
