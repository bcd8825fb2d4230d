"""Background tasks for accounts: one-line wrappers over services."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def apply_retention_rules() -> dict[str, int]:
    from civictalent.accounts.retention import retention_apply

    return retention_apply(now=timezone.now())
