"""Stored emails never hold a live account link where an admin or a backup holder can read it:
the text is sealed while it waits and forgotten once sent or given up."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings

from civictalent.accounts.models import User
from civictalent.core.backup import database_backup
from civictalent.core.models import OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True)

RESET_LINK = re.compile(r"/accounts/password/reset/key/[^\s\"<]+/")


def raw_columns(email_id: int) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body_text, body_html, headers FROM core_outboundemail WHERE id = %s",
            [email_id],
        )
        body_text, body_html, headers = cursor.fetchone()
    return str(body_text), str(body_html), str(headers)


def request_reset(email: str) -> None:
    Client().post("/accounts/password/reset/", {"email": email})


def test_a_sent_reset_email_keeps_no_link(make_user: Callable[..., User]) -> None:
    make_user(email="sam@example.org")
    request_reset("sam@example.org")
    delivered = mail.outbox[-1]
    assert RESET_LINK.search(str(delivered.body)), "the person still gets the link"
    stored = OutboundEmail.objects.get(to="sam@example.org")
    assert stored.status == OutboundEmail.Status.SENT
    assert (stored.body_text, stored.body_html, stored.headers) == ("", "", {})
    assert stored.subject == delivered.subject, "who, what and when stay for the record"
    assert not RESET_LINK.search(" ".join(raw_columns(stored.pk)))


@override_settings(EMAIL_BACKEND="civictalent.core.tests.test_outbox_secrets.RefusingBackend")
def test_a_waiting_email_is_sealed_in_the_database_and_in_backups(
    make_user: Callable[..., User], tmp_path: Path
) -> None:
    make_user(email="sam@example.org")
    request_reset("sam@example.org")
    waiting = OutboundEmail.objects.get(to="sam@example.org")
    assert waiting.status == OutboundEmail.Status.READY
    link = RESET_LINK.search(waiting.body_text)
    assert link, "the code that sends it still reads the text"
    body_text, body_html, _ = raw_columns(waiting.pk)
    assert body_text.startswith("sealed:") and link.group(0) not in body_text + body_html
    if connection.vendor == "sqlite":
        target = tmp_path / "backup.sqlite3"
        database_backup(target)
        assert link.group(0).encode() not in target.read_bytes()
        assert b"password/reset/key" not in target.read_bytes()


@override_settings(EMAIL_BACKEND="civictalent.core.tests.test_outbox_secrets.RefusingBackend")
def test_the_admin_site_never_shows_an_emails_text(
    make_user: Callable[..., User], people: dict[str, Any]
) -> None:
    make_user(email="sam@example.org")
    request_reset("sam@example.org")
    waiting = OutboundEmail.objects.get(to="sam@example.org")
    link = RESET_LINK.search(waiting.body_text)
    assert link
    client = Client()
    client.force_login(people["platform_admin"])
    page = client.get(f"/admin/core/outboundemail/{waiting.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "sam@example.org" in html
    assert "password/reset/key" not in html and "Body text" not in html


def test_text_sealed_with_a_retired_key_is_not_sent_blank(
    make_user: Callable[..., User], settings: Any
) -> None:
    email = OutboundEmail.objects.create(to="sam@example.org", subject="Hello", body_text="Hi")
    settings.SECRET_KEY = "a-different-key-after-rotation"
    from civictalent.core.emails import email_send

    assert email_send(email_id=email.pk) == OutboundEmail.Status.FAILED
    assert "secret key" in OutboundEmail.objects.get(pk=email.pk).last_error
    settings.SECRET_KEY_FALLBACKS = ["test-only-not-secret"]
    assert OutboundEmail.objects.get(pk=email.pk).body_text == "", "forgotten, not kept"


class RefusingBackend:
    """A mail server that is down: every email stays waiting in the outbox."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")
