"""When the mail server is down or misbehaves, nothing is lost: each email stays in the outbox,
unsent, with its attempts counted and a clear last error; once a working server is back, the
retry job delivers each email exactly once.

Every server here is real and on loopback: a port with nothing listening, raw socket servers that
drop the connection (after the greeting, or after the message but before accepting it), say 421
or say nothing at all, an aiosmtpd server answering 451, and a working aiosmtpd server. Django's
real SMTP backend talks to them.
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from civictalent.core.emails import email_queue, emails_retry_due
from civictalent.core.models import OutboundEmail

pytestmark = pytest.mark.django_db

RECIPIENTS = ["first@example.org", "second@example.org", "third@example.org"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def smtp_settings(port: int) -> Any:
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=1,
    )


# --- Servers --------------------------------------------------------------------------------


class Inbox:
    """An aiosmtpd handler that keeps what it is given (or refuses it with ``reply``)."""

    def __init__(self, reply: str = "250 Message accepted for delivery") -> None:
        self.reply = reply
        self.subjects: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.reply.startswith("250"):
            content = envelope.content.decode(errors="replace")
            subject = next(
                line.removeprefix("Subject: ")
                for line in content.splitlines()
                if line.startswith("Subject: ")
            )
            self.subjects.append(subject)
        return self.reply


@contextmanager
def aiosmtpd_server(inbox: Inbox) -> Iterator[int]:
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@contextmanager
def raw_server(conversation: Callable[[socket.socket], None]) -> Iterator[int]:
    """A bare TCP server on loopback that runs ``conversation`` with each client."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    running = threading.Event()
    running.set()

    def serve() -> None:
        while running.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            with client:
                client.settimeout(5)
                with suppress(OSError):
                    conversation(client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        running.clear()
        thread.join(timeout=5)
        listener.close()


def drops_after_greeting(client: socket.socket) -> None:
    client.sendall(b"220 mail.example ESMTP\r\n")


def says_421_busy(client: socket.socket) -> None:
    client.sendall(b"421 4.3.2 Too busy, try again later\r\n")


def says_nothing(client: socket.socket) -> None:
    client.recv(1024)  # waits, silent, until the client gives up


class DropsAfterData:
    """Speaks SMTP up to the end of the message, then hangs up instead of accepting it."""

    def __init__(self) -> None:
        self.messages_dropped = 0

    def __call__(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        client.sendall(b"220 mail.example ESMTP\r\n")
        for line in reader:
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                client.sendall(b"250 mail.example\r\n")
            elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                client.sendall(b"250 OK\r\n")
            elif command == b"DATA":
                client.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                for body_line in reader:
                    if body_line == b".\r\n":
                        self.messages_dropped += 1
                        return  # hang up without "250": the message was never accepted
            else:
                client.sendall(b"502 Not implemented\r\n")


# --- Helpers ---------------------------------------------------------------------------------


@pytest.fixture
def queue(django_capture_on_commit_callbacks: Any) -> Callable[[], list[OutboundEmail]]:
    """Queue one email to each recipient; the outbox tries to send each straight away."""

    def run() -> list[OutboundEmail]:
        with django_capture_on_commit_callbacks(execute=True):
            return [
                email_queue(
                    to=to, subject=f"Hello {to}", body_text="Body.\n", body_html="<p>Hi</p>"
                )
                for to in RECIPIENTS
            ]

    return run


def wait_is_over() -> None:
    """Time passes: every retry's wait is over."""
    OutboundEmail.objects.filter(status=OutboundEmail.Status.READY).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def retry(django_capture_on_commit_callbacks: Any) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return emails_retry_due()


def assert_kept_unsent(attempts: int, error: str) -> None:
    emails = list(OutboundEmail.objects.order_by("to"))
    assert sorted(e.to for e in emails) == sorted(RECIPIENTS), "nothing lost"
    for email in emails:
        assert email.status == OutboundEmail.Status.READY
        assert email.sent_at is None
        assert email.attempts == attempts
        assert error in email.last_error, email.last_error
        assert email.next_attempt_at is not None and email.next_attempt_at > timezone.now()


def assert_delivered_exactly_once(inbox: Inbox) -> None:
    assert Counter(inbox.subjects) == Counter(f"Hello {to}" for to in RECIPIENTS)
    for email in OutboundEmail.objects.all():
        assert email.status == OutboundEmail.Status.SENT and email.last_error == ""
        assert email.sent_at is not None


# --- Tests -----------------------------------------------------------------------------------


@contextmanager
def nothing_listening() -> Iterator[int]:
    yield free_port()


@contextmanager
def refusing_with_451() -> Iterator[int]:
    with aiosmtpd_server(Inbox(reply="451 4.3.0 Temporary local problem, try again")) as port:
        yield port


BROKEN_SERVERS: dict[str, tuple[Callable[[], Any], str]] = {
    "connection refused": (nothing_listening, "ConnectionRefusedError"),
    "dropped after the greeting": (
        lambda: raw_server(drops_after_greeting),
        "SMTPServerDisconnected",
    ),
    "421 at the greeting": (lambda: raw_server(says_421_busy), "SMTPConnectError: (421"),
    "451 to the message": (refusing_with_451, "SMTPDataError: (451"),
    "silent until the timeout": (lambda: raw_server(says_nothing), "timed out"),
}


@pytest.mark.parametrize("broken", BROKEN_SERVERS, ids=list(BROKEN_SERVERS))
def test_a_broken_mail_server_loses_nothing_and_the_retry_delivers_each_once(
    broken: str,
    queue: Callable[[], list[OutboundEmail]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    server, error = BROKEN_SERVERS[broken]
    with server() as port, smtp_settings(port):
        queue()
        assert_kept_unsent(attempts=1, error=error)
        assert retry(django_capture_on_commit_callbacks) == 0, "no retry before the wait is over"
        wait_is_over()
        assert retry(django_capture_on_commit_callbacks) == len(RECIPIENTS)
        assert_kept_unsent(attempts=2, error=error)

    inbox = Inbox()
    with aiosmtpd_server(inbox) as port, smtp_settings(port):
        wait_is_over()
        assert retry(django_capture_on_commit_callbacks) == len(RECIPIENTS)
        assert_delivered_exactly_once(inbox)
        wait_is_over()
        assert retry(django_capture_on_commit_callbacks) == 0  # nothing left to send
    assert_delivered_exactly_once(inbox)
    assert all(e.attempts == 3 for e in OutboundEmail.objects.all())


def test_a_server_that_hangs_up_before_accepting_the_message_gets_it_again(
    queue: Callable[[], list[OutboundEmail]], django_capture_on_commit_callbacks: Any
) -> None:
    dropping = DropsAfterData()
    with raw_server(dropping) as port, smtp_settings(port):
        queue()
    assert dropping.messages_dropped == len(RECIPIENTS), "the whole message was sent, then cut"
    assert_kept_unsent(attempts=1, error="SMTPServerDisconnected")

    inbox = Inbox()
    with aiosmtpd_server(inbox) as port, smtp_settings(port):
        wait_is_over()
        retry(django_capture_on_commit_callbacks)
    assert_delivered_exactly_once(inbox)


@override_settings(EMAIL_MAX_ATTEMPTS=2)
def test_after_the_last_attempt_the_email_is_marked_failed_and_kept(
    queue: Callable[[], list[OutboundEmail]], django_capture_on_commit_callbacks: Any
) -> None:
    with nothing_listening() as port, smtp_settings(port):
        queue()
        wait_is_over()
        retry(django_capture_on_commit_callbacks)
        wait_is_over()
        assert retry(django_capture_on_commit_callbacks) == 0, "a failed email is not retried"

    emails = list(OutboundEmail.objects.all())
    assert len(emails) == len(RECIPIENTS)
    for email in emails:
        assert (email.status, email.attempts) == (OutboundEmail.Status.FAILED, 2)
        assert "ConnectionRefusedError" in email.last_error and email.next_attempt_at is None
        # Who, what subject and why it failed are kept; the text is forgotten, as after sending,
        # because it can hold a sign-in link.
        assert email.to in RECIPIENTS and email.subject == f"Hello {email.to}"
        assert email.body_text == "" and email.headers == {}
