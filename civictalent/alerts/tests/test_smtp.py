"""A digest through a real SMTP server on loopback arrives with its one-click headers."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from civictalent.alerts.digests import digests_send
from civictalent.alerts.models import AlertSubscription
from civictalent.core.models import OutboundEmail
from civictalent.jobs.models import Vacancy

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_a_digest_goes_through_smtp_with_list_unsubscribe_headers(
    smtp_server: tuple[Inbox, int],
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, port = smtp_server
    alert = make_alert(email="reader@example.org", query_string="q=data")
    make_vacancy(title="Data analyst")

    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_TIMEOUT=5,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = digests_send(frequency="weekly")

    assert report.emails == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT
    [(_sender, recipients, raw)] = inbox.messages
    assert recipients == [alert.email]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(message["List-Unsubscribe"]).strip().startswith("<http")  # may be folded
    assert "/alerts/unsubscribe/" in message["List-Unsubscribe"]
    assert message["Subject"] == "1 new job matches your alert"
    kinds = {part.get_content_type() for part in message.walk()}
    assert {"text/plain", "text/html"} <= kinds
