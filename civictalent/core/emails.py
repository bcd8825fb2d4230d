"""The email outbox: queue an email with the change that caused it, send it after commit, retry.

Every email the platform sends (including allauth's) goes through ``email_queue``, so nothing is
lost when the mail server is down: the row stays READY and ``emails_retry_due`` tries again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from civictalent.core.models import OutboundEmail

logger = logging.getLogger(__name__)

# A row left SENDING this long belongs to a worker that died; it is offered again.
STUCK_SENDING_AFTER = timedelta(minutes=15)


def retry_delay(attempts: int) -> timedelta:
    """Back off 1, 4, 16, 64... minutes, capped at six hours."""
    return timedelta(minutes=min(4 ** max(attempts - 1, 0), 360))


def site_url(path: str) -> str:
    """A full address for a link in an email, on the site's configured address (SITE_URL):
    emails are often built by the worker, with no request to take the host from."""
    return f"{settings.SITE_URL}{path}"


def render_email(template_prefix: str, context: dict[str, Any]) -> tuple[str, str]:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` into (subject, body)."""
    context = {"service_name": settings.SERVICE_NAME, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def email_queue(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    headers: dict[str, str] | None = None,
    idempotency_key: str | None = None,
) -> OutboundEmail:
    """Queue one email. Call inside the caller's transaction; sending starts after commit."""
    fields = {
        "to": to,
        "subject": subject[:200],
        "body_text": body_text,
        "body_html": body_html,
        "headers": headers or {},
    }
    if idempotency_key:
        try:
            with transaction.atomic():
                email, created = OutboundEmail.objects.get_or_create(
                    idempotency_key=idempotency_key, defaults=fields
                )
        except IntegrityError:
            email, created = OutboundEmail.objects.get(idempotency_key=idempotency_key), False
        if not created:
            return email
    else:
        email = OutboundEmail.objects.create(**fields)
    transaction.on_commit(lambda: _enqueue_send(email.pk))
    return email


def _enqueue_send(email_id: int) -> None:
    from civictalent.core.tasks import send_email

    try:
        send_email.enqueue(email_id)
    except Exception:
        # The row is safe in the outbox; the scheduled retry will pick it up.
        logger.exception("Could not enqueue email %s; it will be retried", email_id)


def email_send(*, email_id: int) -> str:
    """Send one queued email if it is due. Returns the status it ends in."""
    now = timezone.now()
    claimed = (
        OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.READY)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=OutboundEmail.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    )
    email = OutboundEmail.objects.get(pk=email_id)
    if not claimed:
        return email.status
    if not email.body_text:
        email.status = OutboundEmail.Status.FAILED
        email.last_error = (
            "The text could not be read: it was sealed with a secret key that is no longer "
            "configured (see SECRET_KEY_FALLBACKS in docs/operations.md)."
        )
        _forget_the_text(email)
        email.save(update_fields=["status", "last_error", "body_text", "body_html", "headers"])
        return email.status
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=email.headers,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception as error:
        failed_for_good = email.attempts >= settings.EMAIL_MAX_ATTEMPTS
        email.status = (
            OutboundEmail.Status.FAILED if failed_for_good else OutboundEmail.Status.READY
        )
        email.next_attempt_at = None if failed_for_good else now + retry_delay(email.attempts)
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        if failed_for_good:
            _forget_the_text(email)
        email.save(
            update_fields=[
                "status",
                "next_attempt_at",
                "last_error",
                "body_text",
                "body_html",
                "headers",
            ]
        )
        logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
        return email.status
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    _forget_the_text(email)
    email.save(
        update_fields=["status", "sent_at", "last_error", "body_text", "body_html", "headers"]
    )
    return email.status


def _forget_the_text(email: OutboundEmail) -> None:
    """Keep who, what subject, when and how it went; drop the text and headers, which can hold
    sign-in, reset and unsubscribe links (an admin or a backup holder could follow them)."""
    email.body_text = ""
    email.body_html = ""
    email.headers = {}


def emails_retry_due() -> int:
    """Offer again every email that is due: retries whose wait is over, and stuck sends."""
    now = timezone.now()
    OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENDING, claimed_at__lte=now - STUCK_SENDING_AFTER
    ).update(status=OutboundEmail.Status.READY, next_attempt_at=None)
    due_ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.READY)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", flat=True)[:1000]
    )
    for email_id in due_ids:
        _enqueue_send(email_id)
    return len(due_ids)
