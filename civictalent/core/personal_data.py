"""What core holds about people: copies of emails sent to them, the audit log, admin-site changes.

See core/privacy.py for what each list means.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.core.privacy import (
    ErasureStep,
    Person,
    PersonalDataSource,
    RetentionRule,
    Rows,
    address_filter,
    rows,
    scrub_text,
)

DELETED_TARGET = "deleted"
UNLINK_AUDIT_ACTORS_AFTER = timedelta(days=2 * 365)
KEEP_AUDIT_EVENTS = timedelta(days=6 * 365)


def _about(person: Person) -> Q:
    return Q(target_type=person.user._meta.label, target_id=str(person.user.pk))


def emails_sent_to_you(person: Person) -> Rows:
    return rows(
        OutboundEmail.objects.filter(address_filter("to", person.addresses))
        .order_by("created_at")
        .values("to", "subject", "body_text", "status", "created_at", "sent_at")
    )


def audit_events(person: Person) -> Rows:
    """What the audit log records you doing, and what it records being done to your account."""
    return rows(
        AuditEvent.objects.filter(Q(actor=person.user) | _about(person))
        .order_by("created_at", "id")
        .values("created_at", "action", "target_type", "target_id", "summary", "changes")
    )


def admin_site_changes(person: Person) -> Rows:
    from django.contrib.admin.models import LogEntry

    return rows(
        LogEntry.objects.filter(user=person.user)
        .order_by("action_time")
        .values("action_time", "content_type__model", "object_id", "object_repr", "action_flag")
    )


def emails_delete(person: Person) -> int:
    _, deleted = OutboundEmail.objects.filter(address_filter("to", person.addresses)).delete()
    return deleted.get(OutboundEmail._meta.label, 0)


def audit_events_anonymise(person: Person) -> int:
    """Unlink the person from the audit log and take their name and addresses out of the text of
    every event that mentions them. The events themselves stay."""
    user, addresses, name = person.user, person.addresses, person.name
    mentions = Q(actor=user) | _about(person)
    for address in addresses:
        mentions |= Q(summary__icontains=address)
    if len(name.strip()) >= 3:
        mentions |= Q(summary__icontains=name.strip())
    changed = []
    for event in AuditEvent.objects.filter(mentions).iterator(chunk_size=500):
        event.actor = None if event.actor_id == user.pk else event.actor
        if event.target_type == user._meta.label and event.target_id == str(user.pk):
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


def audit_actors_unlink(now: datetime) -> int:
    """Two years on, an audit event no longer says who acted: the actor is unlinked and their
    name and address are taken out of its text. What happened, when, and to what, stay."""
    old = AuditEvent.objects.filter(
        created_at__lt=now - UNLINK_AUDIT_ACTORS_AFTER, actor__isnull=False
    ).select_related("actor")
    changed = []
    for event in old.iterator(chunk_size=500):
        actor: Any = event.actor
        event.summary = scrub_text(event.summary, addresses=[actor.email], name=actor.display_name)
        event.actor = None
        changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["actor", "summary"], batch_size=500)
    return len(changed)


def old_audit_events_delete(now: datetime) -> int:
    """Delete audit events older than six years (the privacy notice promises six)."""
    deleted, _ = AuditEvent.objects.filter(created_at__lt=now - KEEP_AUDIT_EVENTS).delete()
    return deleted


SOURCES = (
    PersonalDataSource("emails_sent_to_you.json", emails_sent_to_you),
    PersonalDataSource("audit_log.json", audit_events, ("core.AuditEvent.actor",)),
    PersonalDataSource("admin_site_changes.json", admin_site_changes, ("admin.LogEntry.user",)),
)
ERASURE = (
    ErasureStep("emails_deleted", emails_delete),
    ErasureStep("audit_events_anonymised", audit_events_anonymise),
)
RETENTION = (
    RetentionRule("audit_actors_unlinked", audit_actors_unlink),
    RetentionRule("old_audit_events", old_audit_events_delete),
)
