"""Background tasks for job alerts: one-line wrappers over services."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def send_weekly_digests() -> dict[str, Any]:
    from civictalent.alerts.digests import digests_send

    return digests_send(frequency="weekly").as_dict()


@task()
def send_daily_digests() -> dict[str, Any]:
    from civictalent.alerts.digests import digests_send

    return digests_send(frequency="daily").as_dict()


@task()
def delete_unverified_subscriptions() -> int:
    from civictalent.alerts.services import subscriptions_delete_unverified

    return subscriptions_delete_unverified()
