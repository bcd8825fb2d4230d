"""Write to the audit log. Called by services inside their transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from civictalent.core.models import AuditEvent

if TYPE_CHECKING:
    from civictalent.accounts.models import User
    from civictalent.organisations.models import Organisation


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    summary: str,
    organisation: Organisation | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        organisation=organisation,
        target_type=target._meta.label,
        target_id=str(target.pk),
        summary=summary[:300],
        changes=changes or {},
    )
