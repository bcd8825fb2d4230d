"""Write to the audit log. Called by services inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from civictalent.core.models import AuditEvent


def audit_record(
    *,
    actor: Any,  # the person who acted (a user), or None when the platform acted by itself
    action: str,
    target: models.Model,
    summary: str,
    organisation: Any = None,  # the council it concerns, if any
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
