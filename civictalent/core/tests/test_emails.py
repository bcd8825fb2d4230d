import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from civictalent.core.emails import email_queue, email_send, emails_retry_due, retry_delay
from civictalent.core.models import OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> int:
    """A loopback port with nothing listening: a real mail server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_queued_email_is_sent_after_the_transaction_commits() -> None:
    with transaction.atomic():
        email = email_queue(to="sam@example.org", subject="Hello", body_text="Body")
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]


def test_nothing_is_sent_when_the_transaction_rolls_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        email_queue(to="sam@example.org", subject="Hello", body_text="Body")
        raise RuntimeError("the change failed")
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_same_idempotency_key_sends_once() -> None:
    email_queue(
        to="sam@example.org", subject="Digest", body_text="1", idempotency_key="digest:1:w47"
    )
    email_queue(
        to="sam@example.org", subject="Digest", body_text="1", idempotency_key="digest:1:w47"
    )
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_mail_server_down_keeps_the_email_and_retries_later() -> None:
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=2,
    ):
        email = email_queue(to="sam@example.org", subject="Hello", body_text="Body")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.READY
    assert email.attempts == 1
    assert "ConnectionRefused" in email.last_error
    assert email.next_attempt_at is not None and email.next_attempt_at > timezone.now()
    # Not due yet: a retry pass does nothing.
    assert emails_retry_due() == 0
    # Once due, and with the server back, the retry delivers it.
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert emails_retry_due() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1


@override_settings(EMAIL_MAX_ATTEMPTS=2)
def test_an_email_fails_for_good_after_the_last_attempt() -> None:
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_TIMEOUT=2,
    ):
        email = email_queue(to="sam@example.org", subject="Hello", body_text="Body")
        OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
        assert email_send(email_id=email.pk) == OutboundEmail.Status.FAILED
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at is None


def test_an_email_left_sending_by_a_dead_worker_is_offered_again() -> None:
    email = OutboundEmail.objects.create(
        to="sam@example.org",
        subject="Hello",
        body_text="Body",
        status=OutboundEmail.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    assert emails_retry_due() == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT


def test_a_sent_email_is_never_sent_again() -> None:
    email = email_queue(to="sam@example.org", subject="Hello", body_text="Body")
    assert email_send(email_id=email.pk) == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_retry_delay_grows_and_is_capped() -> None:
    delays = [retry_delay(attempt) for attempt in range(1, 8)]
    assert delays == sorted(delays)
    assert delays[0] == timedelta(minutes=1)
    assert delays[-1] == timedelta(hours=6)
