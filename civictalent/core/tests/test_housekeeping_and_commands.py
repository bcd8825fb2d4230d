from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.housekeeping import housekeeping_prune
from civictalent.core.models import AuditEvent, OutboundEmail, ScheduledRun

pytestmark = pytest.mark.django_db


def test_old_email_copies_and_run_records_are_deleted_recent_ones_kept() -> None:
    now = timezone.now()
    old = OutboundEmail.objects.create(
        to="a@example.org", subject="s", body_text="b", status="sent"
    )
    OutboundEmail.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=91))
    recent = OutboundEmail.objects.create(
        to="b@example.org", subject="s", body_text="b", status="sent"
    )
    waiting = OutboundEmail.objects.create(to="c@example.org", subject="s", body_text="b")
    OutboundEmail.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(days=200))
    run = ScheduledRun.objects.create(job="worker-heartbeat", period="old")
    ScheduledRun.objects.filter(pk=run.pk).update(enqueued_at=now - timedelta(days=31))
    removed = housekeeping_prune(now=now)
    assert removed["emails"] == 1 and removed["scheduled_runs"] == 1
    remaining = set(OutboundEmail.objects.values_list("pk", flat=True))
    # An email never delivered is kept, whatever its age: it is still owed.
    assert remaining == {recent.pk, waiting.pk}


@pytest.mark.django_db(transaction=True)
def test_createadmin_invites_an_audited_platform_admin_who_chooses_their_own_password() -> None:
    """No password exists until the invited person chooses one, so nobody else can sign in first
    and set up the authenticator app the account must use."""
    out = StringIO()
    call_command("createadmin", "lead@loti.example", "--name", "Lead Admin", stdout=out)
    admin = User.objects.get(email="lead@loti.example")
    assert admin.is_platform_admin and not admin.has_usable_password()
    assert AuditEvent.objects.filter(action="user.platform_admin_created").exists()
    assert "emailed a link" in out.getvalue() and "/accounts/password/" not in out.getvalue()
    (invitation,) = [m for m in mail.outbox if m.to == ["lead@loti.example"]]
    link = re.search(r"https?://\S+(/accounts/password/reset/key/\S+/)", str(invitation.body))
    assert link, invitation.body

    client = Client()
    assert "_auth_user_id" not in client.session
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    passphrase = "a long and unusual passphrase"
    client.post(set_password_url, {"password1": passphrase, "password2": passphrase})
    admin.refresh_from_db()
    assert admin.check_password(passphrase)
    # The link works once.
    again = client.get(link.group(1), follow=True).content.decode().lower()
    assert "this link does not work" in again and "choose a new password" not in again
    # Signed in, the new admin must set up an authenticator app before anything else.
    client.post("/accounts/login/", {"login": "lead@loti.example", "password": passphrase})
    assert client.get("/platform/audit/")["Location"].startswith("/accounts/2fa/totp/activate/")

    with pytest.raises(CommandError, match="already an account"):
        call_command("createadmin", "LEAD@loti.example", stdout=StringIO())
    with pytest.raises(CommandError, match="not an email address"):
        call_command("createadmin", "not-an-address", stdout=StringIO())


def test_createadmin_prints_the_link_only_when_asked() -> None:
    out = StringIO()
    call_command("createadmin", "lead@loti.example", "--print-link", stdout=out)
    assert "/accounts/password/reset/key/" in out.getvalue()


def test_platform_admin_changes_in_the_admin_site_are_audited(
    make_user: Callable[..., User],
) -> None:
    admin = make_user(platform_admin=True, with_authenticator=True)
    person = make_user(name="Jo")
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {"display_name": "Jo", "is_active": "on", "is_platform_admin": "on"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_platform_admin and person.is_staff
    event = AuditEvent.objects.get(action="user.changed_in_admin")
    assert event.actor == admin
    assert event.changes == {"is_platform_admin": ["False", "True"]}
