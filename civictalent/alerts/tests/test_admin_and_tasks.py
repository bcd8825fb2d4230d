"""The scheduler's tasks, and the admin site's view of alerts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.alerts.models import AlertRun, AlertSubscription
from civictalent.alerts.tasks import (
    delete_unverified_subscriptions,
    send_daily_digests,
    send_weekly_digests,
)
from civictalent.jobs.models import Vacancy

pytestmark = pytest.mark.django_db


def test_the_scheduled_tasks_send_digests_and_delete_stale_sign_ups(
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    django_capture_on_commit_callbacks: Any,
) -> None:
    weekly = make_alert(email="weekly@example.org")
    daily = make_alert(email="daily@example.org", frequency="daily")
    stale = make_alert(email="stale@example.org", verified=False)
    AlertSubscription.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    make_vacancy()

    with django_capture_on_commit_callbacks(execute=True):
        weekly_result = send_weekly_digests.call()
        daily_result = send_daily_digests.call()

    assert weekly_result["emails"] == 1 and daily_result["emails"] == 1
    assert set(AlertRun.objects.values_list("subscription_id", flat=True)) == {weekly.pk, daily.pk}
    assert delete_unverified_subscriptions.call() == 1
    assert not AlertSubscription.objects.filter(pk=stale.pk).exists()


def test_platform_admins_see_and_delete_alerts_but_cannot_edit_them(
    make_user: Callable[..., User], make_alert: Callable[..., AlertSubscription]
) -> None:
    alert = make_alert(email="someone@example.org")
    admin = make_user(platform_admin=True, with_authenticator=True)
    client = Client()
    client.force_login(admin)

    listing = client.get("/admin/alerts/alertsubscription/")
    detail = client.get(f"/admin/alerts/alertsubscription/{alert.pk}/change/")
    edit = client.post(
        f"/admin/alerts/alertsubscription/{alert.pk}/change/", {"email": "new@example.org"}
    )

    assert listing.status_code == 200 and "someone@example.org" in listing.content.decode()
    assert detail.status_code == 200 and alert.secret not in detail.content.decode()
    assert edit.status_code == 403
    assert client.get("/admin/alerts/alertsubscription/add/").status_code == 403
    assert client.get("/admin/alerts/alertrun/").status_code == 200
    assert client.get("/admin/alerts/alertfeedback/").status_code == 200
    response = client.post(f"/admin/alerts/alertsubscription/{alert.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AlertSubscription.objects.filter(pk=alert.pk).exists()
