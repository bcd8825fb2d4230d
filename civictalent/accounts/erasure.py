"""Delete a person's account (their right to erasure), keeping what they gave the library.

Deleted with the account (the foreign keys cascade): email addresses, two-factor authenticators,
sign-in provider links, council memberships, join requests, saved job searches, admin-site log
entries. Deleted here: job alerts for their addresses, copies of emails sent to them, and their
signed-in sessions. Kept, with the link to them set to empty (the foreign keys are SET_NULL):
job descriptions, versions, suggestions, vacancies, imports and pay spines they created. Audit
events are kept for accountability, but the person is unlinked and their name and addresses are
taken out of each event's summary and changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.accounts.personal_data import email_addresses_of
from civictalent.core.models import AuditEvent

DELETED_PERSON = "a deleted person"
DELETED_TARGET = "deleted"
DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


@dataclass(frozen=True)
class ErasureReport:
    alerts: int
    emails: int
    audit_events_anonymised: int
    sessions: int


def councils_needing_another_admin(user: User) -> list[str]:
    """Names of the councils where ``user`` is the only council admin."""
    from civictalent.organisations.models import Membership, Role

    theirs = Membership.objects.filter(user=user, role=Role.ADMIN).select_related("organisation")
    return [
        membership.organisation.name
        for membership in theirs
        if not Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(user=user)
        .exists()
    ]


def is_last_platform_admin(user: User) -> bool:
    if not user.is_platform_admin:
        return False
    return (
        not User.objects.filter(is_platform_admin=True, is_active=True).exclude(pk=user.pk).exists()
    )


def reasons_account_cannot_be_deleted(user: User) -> list[str]:
    """Plain-English reasons, empty when the account may be deleted."""
    reasons = [
        f"You are the only council admin of {name}. Make someone else a council admin of "
        f"{name} first, on its members page."
        for name in councils_needing_another_admin(user)
    ]
    if is_last_platform_admin(user):
        reasons.append("You are the only platform admin. Make someone else a platform admin first.")
    return reasons


def scrub_text(text: str, *, addresses: list[str], name: str) -> str:
    """``text`` with every one of the person's addresses, and their name, replaced."""
    for address in addresses:
        text = re.sub(re.escape(address), DELETED_PERSON, text, flags=re.IGNORECASE)
    if len(name.strip()) >= 3:
        text = re.sub(rf"\b{re.escape(name.strip())}\b", DELETED_PERSON, text)
    return text


def audit_events_anonymise(*, user: User, addresses: list[str], name: str) -> int:
    """Unlink ``user`` from the audit log and take their name and addresses out of the text of
    every event that mentions them. The events themselves stay."""
    mentions = Q(actor=user) | Q(target_type=User._meta.label, target_id=str(user.pk))
    for address in addresses:
        mentions |= Q(summary__icontains=address)
    if len(name.strip()) >= 3:
        mentions |= Q(summary__icontains=name.strip())
    changed = []
    for event in AuditEvent.objects.filter(mentions).iterator(chunk_size=500):
        event.actor = None if event.actor_id == user.pk else event.actor
        if event.target_type == User._meta.label and event.target_id == str(user.pk):
            # SQLite may give a later account the same id: keep the event off their record.
            event.target_id = DELETED_TARGET
        event.summary = scrub_text(event.summary, addresses=addresses, name=name)[:300]
        event.changes = json.loads(
            scrub_text(json.dumps(event.changes), addresses=addresses, name=name)
        )
        changed.append(event)
    AuditEvent.objects.bulk_update(
        changed, ["actor", "target_id", "summary", "changes"], batch_size=500
    )
    # Events that only name them in their changes (not found above) lose the link anyway.
    AuditEvent.objects.filter(actor=user).update(actor=None)
    return len(changed)


def sessions_end(user: User) -> int:
    """Delete every unexpired signed-in session of ``user`` (on the database session store)."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=theirs).delete()
    return len(theirs)


def _account_remove(user: User, *, name: str) -> ErasureReport:
    """Delete ``user`` and everything personal tied to them. Call inside a transaction."""
    from civictalent.alerts.models import AlertSubscription
    from civictalent.core.models import OutboundEmail

    addresses = email_addresses_of(user)
    by_address = Q(pk__in=[])
    to_address = Q(pk__in=[])
    for address in addresses:
        by_address |= Q(email__iexact=address)
        to_address |= Q(to__iexact=address)
    _, alerts = AlertSubscription.objects.filter(by_address).delete()
    _, emails = OutboundEmail.objects.filter(to_address).delete()
    anonymised = audit_events_anonymise(user=user, addresses=addresses, name=name)
    sessions = sessions_end(user)
    user.delete()
    return ErasureReport(
        alerts=alerts.get(AlertSubscription._meta.label, 0),
        emails=emails.get(OutboundEmail._meta.label, 0),
        audit_events_anonymised=anonymised,
        sessions=sessions,
    )


def account_delete(*, user: User) -> ErasureReport:
    """Delete the account of ``user`` at their request, in one transaction.

    Refused (ValidationError) while they are the only admin of a council or the only platform
    admin. Records an ``account.deleted`` audit event that holds no email address or name.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        reasons = reasons_account_cannot_be_deleted(user)
        if reasons:
            raise ValidationError(reasons)
        report = _account_remove(user, name=user.display_name)
        _record_deletion("A person deleted their own account", report)
    return report


def account_delete_unverified(*, user: User) -> ErasureReport:
    """Delete an account whose owner never confirmed their email address (retention rule)."""
    report = _account_remove(user, name=user.display_name)
    _record_deletion(
        "An account whose email address was never confirmed was deleted after 14 days",
        report,
        action="account.deleted_unverified",
    )
    return report


def _record_deletion(summary: str, report: ErasureReport, action: str = "account.deleted") -> None:
    AuditEvent.objects.create(
        actor=None,
        action=action,
        target_type=User._meta.label,
        target_id=DELETED_TARGET,
        summary=summary,
        changes={
            "alerts_deleted": report.alerts,
            "emails_deleted": report.emails,
            "audit_events_anonymised": report.audit_events_anonymised,
            "sessions_ended": report.sessions,
        },
    )
