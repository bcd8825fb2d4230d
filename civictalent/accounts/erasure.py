"""Delete a person's account (their right to erasure), keeping what they gave the library.

Deleted with the account (the foreign keys cascade): email addresses, two-factor authenticators,
sign-in provider links, council memberships, join requests, saved job searches, admin-site log
entries. Deleted or changed by each app's ``ERASURE`` steps (its ``personal_data.py``): job
alerts for their addresses, copies of emails sent to them, their signed-in sessions, and the
audit log (events are kept for accountability, but the person is unlinked and their name and
addresses taken out of each event's summary and changes). Kept, with the link to them set to
empty (the foreign keys are SET_NULL): job descriptions, versions, suggestions, vacancies,
imports and pay spines they created.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.accounts.models import User
from civictalent.accounts.personal_data import person_of
from civictalent.core.models import AuditEvent
from civictalent.core.personal_data import DELETED_TARGET
from civictalent.core.privacy import ErasureBlocker, ErasureStep
from civictalent.core.registry import contributions


@dataclass(frozen=True)
class ErasureReport:
    """How many records each erasure step deleted or changed, by the step's name."""

    counts: dict[str, int]


def reasons_account_cannot_be_deleted(user: User) -> list[str]:
    """Plain-English reasons, empty when the account may be deleted."""
    blockers: tuple[ErasureBlocker, ...] = contributions("personal_data", "ERASURE_BLOCKERS")
    return [reason for blocker in blockers for reason in blocker.reasons(user)]


def _account_remove(user: User) -> ErasureReport:
    """Delete ``user`` and everything personal tied to them. Call inside a transaction."""
    person = person_of(user)
    steps: tuple[ErasureStep, ...] = contributions("personal_data", "ERASURE")
    counts = {step.name: step.erase(person) for step in steps}
    user.delete()
    return ErasureReport(counts=counts)


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
        report = _account_remove(user)
        _record_deletion("A person deleted their own account", report)
    return report


def account_delete_unverified(*, user: User) -> ErasureReport:
    """Delete an account whose owner never confirmed their email address (retention rule)."""
    report = _account_remove(user)
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
        changes=dict(report.counts),
    )
