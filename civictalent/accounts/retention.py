"""How long we keep personal data about people with accounts, enforced daily.

``retention_apply`` applies every rule below; the ``apply-retention-rules`` scheduled job runs
it (civictalent/accounts/schedule.py). Other rules live with the data they govern: copies of sent
emails (90 days) in core/housekeeping.py, and unconfirmed job alerts (7 days) in alerts/services.py.
docs/data-protection.md lists them all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from civictalent.accounts.erasure import DB_SESSION_ENGINES, account_delete_unverified, scrub_text
from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent

UNVERIFIED_ACCOUNT_LIFETIME = timedelta(days=14)
KEEP_DECIDED_JOIN_REQUESTS = timedelta(days=365)
UNLINK_AUDIT_ACTORS_AFTER = timedelta(days=2 * 365)
KEEP_AUDIT_EVENTS = timedelta(days=6 * 365)


def unverified_accounts_delete(*, now: datetime) -> int:
    """Delete accounts made by signing up whose owner never confirmed the address, 14 days on.

    Only accounts that have an unconfirmed address, no confirmed one, and have never signed in:
    accounts made by commands or demo data (no address rows) and people who signed in through
    their council's identity provider are left alone.
    """
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    unverified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=False)
    stale = User.objects.filter(
        Exists(unverified),
        ~Exists(verified),
        last_login__isnull=True,
        is_platform_admin=False,
        is_staff=False,
        date_joined__lt=now - UNVERIFIED_ACCOUNT_LIFETIME,
    )
    deleted = 0
    for user in stale.iterator():
        with transaction.atomic():
            account_delete_unverified(user=user)
        deleted += 1
    return deleted


def decided_join_requests_delete(*, now: datetime) -> int:
    """Delete join requests a council decided more than a year ago (the membership, or its
    absence, is the lasting record)."""
    from civictalent.organisations.models import JoinRequest

    _, deleted = (
        JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .filter(decided_at__lt=now - KEEP_DECIDED_JOIN_REQUESTS)
        .delete()
    )
    return deleted.get(JoinRequest._meta.label, 0)


def audit_actors_unlink(*, now: datetime) -> int:
    """Two years on, an audit event no longer says who acted: the actor is unlinked and their
    name and address are taken out of its text. What happened, when, and to what, stay."""
    old = AuditEvent.objects.filter(
        created_at__lt=now - UNLINK_AUDIT_ACTORS_AFTER, actor__isnull=False
    ).select_related("actor")
    changed = []
    for event in old.iterator(chunk_size=500):
        actor = event.actor
        assert actor is not None
        event.summary = scrub_text(event.summary, addresses=[actor.email], name=actor.display_name)
        event.actor = None
        changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["actor", "summary"], batch_size=500)
    return len(changed)


def old_audit_events_delete(*, now: datetime) -> int:
    """Delete audit events older than six years (the privacy notice promises six)."""
    deleted, _ = AuditEvent.objects.filter(created_at__lt=now - KEEP_AUDIT_EVENTS).delete()
    return deleted


def expired_sessions_delete(*, now: datetime) -> int:
    """Delete signed-in sessions past their expiry (14 days after the last visit)."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


def retention_apply(*, now: datetime) -> dict[str, int]:
    """Apply every retention rule of this module; returns how many records each removed."""
    return {
        "unverified_accounts": unverified_accounts_delete(now=now),
        "decided_join_requests": decided_join_requests_delete(now=now),
        "audit_actors_unlinked": audit_actors_unlink(now=now),
        "old_audit_events": old_audit_events_delete(now=now),
        "expired_sessions": expired_sessions_delete(now=now),
    }
