"""Retention rules: each keeps a record just inside its limit and removes one just outside it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from civictalent.accounts import personal_data as accounts_data
from civictalent.accounts import retention
from civictalent.accounts.models import User
from civictalent.accounts.tasks import apply_retention_rules
from civictalent.core import personal_data as core_data
from civictalent.core.models import AuditEvent
from civictalent.core.scheduler import scheduled_jobs
from civictalent.organisations import personal_data as organisations_data
from civictalent.organisations.models import JoinRequest, Organisation

pytestmark = pytest.mark.django_db

NOW = timezone.now()
MINUTE = timedelta(minutes=1)


def signed_up(email: str, *, joined: datetime, verified: bool = False) -> User:
    user = User.objects.create_user(email=email, password="a long passphrase", date_joined=joined)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def test_accounts_never_confirmed_are_deleted_after_14_days() -> None:
    limit = NOW - accounts_data.UNVERIFIED_ACCOUNT_LIFETIME
    inside = signed_up("inside@example.org", joined=limit + MINUTE)
    outside = signed_up("outside@example.org", joined=limit - MINUTE)
    confirmed = signed_up("confirmed@example.org", joined=limit - MINUTE, verified=True)
    signed_in = signed_up("sso@example.org", joined=limit - MINUTE)
    User.objects.filter(pk=signed_in.pk).update(last_login=limit)
    no_address = User.objects.create_user(email="made-by-a-command@example.org")
    User.objects.filter(pk=no_address.pk).update(date_joined=limit - MINUTE)

    assert accounts_data.unverified_accounts_delete(now=NOW) == 1

    remaining = set(User.objects.values_list("pk", flat=True))
    assert outside.pk not in remaining
    assert {inside.pk, confirmed.pk, signed_in.pk, no_address.pk} <= remaining
    event = AuditEvent.objects.get(action="account.deleted_unverified")
    assert "outside" not in f"{event.summary} {event.changes}"


def test_join_requests_decided_over_a_year_ago_are_deleted(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    limit = NOW - organisations_data.KEEP_DECIDED_JOIN_REQUESTS
    person = make_user()

    def request(status: str, decided_at: datetime | None) -> JoinRequest:
        return JoinRequest.objects.create(
            user=person, organisation=council_a, status=status, decided_at=decided_at
        )

    inside = request(JoinRequest.Status.DECLINED, limit + MINUTE)
    outside = request(JoinRequest.Status.APPROVED, limit - MINUTE)
    pending = request(JoinRequest.Status.PENDING, None)
    JoinRequest.objects.filter(pk=pending.pk).update(created_at=limit - timedelta(days=30))

    assert organisations_data.decided_join_requests_delete(now=NOW) == 1

    assert set(JoinRequest.objects.values_list("pk", flat=True)) == {inside.pk, pending.pk}
    assert not JoinRequest.objects.filter(pk=outside.pk).exists()


def event_at(when: datetime, actor: User | None, summary: str) -> AuditEvent:
    event = AuditEvent.objects.create(
        actor=actor, action="test.changed", target_type="x", target_id="1", summary=summary
    )
    AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return event


def test_audit_events_stop_naming_the_actor_after_two_years(
    make_user: Callable[..., User],
) -> None:
    limit = NOW - core_data.UNLINK_AUDIT_ACTORS_AFTER
    jo = make_user(email="jo@example.org", name="Jo Bloggs")
    inside = event_at(limit + MINUTE, jo, "jo@example.org changed a role")
    outside = event_at(limit - MINUTE, jo, "Jo Bloggs (jo@example.org) changed a role")

    assert core_data.audit_actors_unlink(now=NOW) == 1

    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.actor == jo and inside.summary == "jo@example.org changed a role"
    assert outside.actor is None
    assert "Jo Bloggs" not in outside.summary and "jo@example.org" not in outside.summary
    assert outside.summary.endswith("changed a role"), "what happened stays"


def test_audit_events_are_deleted_after_six_years() -> None:
    limit = NOW - core_data.KEEP_AUDIT_EVENTS
    inside = event_at(limit + MINUTE, None, "kept")
    event_at(limit - MINUTE, None, "too old")

    assert core_data.old_audit_events_delete(now=NOW) == 1

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [inside.pk]


def test_expired_sessions_are_deleted() -> None:
    def session(expires: datetime) -> str:
        store = SessionStore()
        store["_auth_user_id"] = "1"
        store.create()
        Session.objects.filter(pk=store.session_key).update(expire_date=expires)
        return str(store.session_key)

    live = session(NOW + MINUTE)
    session(NOW - MINUTE)

    assert accounts_data.expired_sessions_delete(now=NOW) == 1

    assert list(Session.objects.values_list("pk", flat=True)) == [live]


def test_one_job_applies_every_rule_daily() -> None:
    job = next(job for job in scheduled_jobs() if job.name == "apply-retention-rules")
    assert job.task is apply_retention_rules
    assert set(retention.retention_apply(now=NOW)) == {
        "unverified_accounts",
        "decided_join_requests",
        "audit_actors_unlinked",
        "old_audit_events",
        "expired_sessions",
    }
