"""How long we keep personal data, enforced daily: every app's ``RETENTION`` rules.

Each app lists its rules in its own ``personal_data.py`` (core/privacy.py); ``retention_apply``
applies them all, and the ``apply-retention-rules`` scheduled job runs it
(civictalent/accounts/schedule.py). Two rules are scheduled jobs of their own: copies of sent
emails (90 days, core/housekeeping.py) and unconfirmed job alerts (7 days, alerts/services.py).
docs/data-protection.md lists them all.
"""

from __future__ import annotations

from datetime import datetime

from civictalent.core.privacy import RetentionRule
from civictalent.core.registry import contributions


def retention_rules() -> tuple[RetentionRule, ...]:
    return contributions("personal_data", "RETENTION")


def retention_apply(*, now: datetime) -> dict[str, int]:
    """Apply every app's retention rules; returns how many records each removed, by name."""
    return {rule.name: rule.apply(now) for rule in retention_rules()}
