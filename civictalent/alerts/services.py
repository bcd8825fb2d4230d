"""Every change to alert subscriptions and their feedback.

No account is needed: the subscriber proves they own the address by clicking the confirmation
link we email, and every later change comes through a signed link (see links.py).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.alerts import links
from civictalent.alerts.models import (
    AlertFeedback,
    AlertRun,
    AlertSubscription,
    Frequency,
    UnsubscribeReason,
)
from civictalent.core.emails import email_queue, render_email
from civictalent.jobs.criteria import SearchCriteria, criteria_from_query_string
from civictalent.jobs.criteria_words import describe_without_visitors_text

UNVERIFIED_LIFETIME = timedelta(days=7)


def _search_words(subscription: AlertSubscription) -> list[str]:
    """For the emails anyone can have sent to any address: none of the asker's own text."""
    return describe_without_visitors_text(criteria_from_query_string(subscription.query_string))


def subscription_request(
    *, email: str, criteria: SearchCriteria, frequency: str
) -> AlertSubscription:
    """Ask for an alert. Emails a confirmation link (or, when the address already has this
    alert, a link to manage it). The caller shows the same page either way, so the page never
    tells anyone whether an address has an alert."""
    if frequency not in Frequency.values:
        raise ValidationError("Choose how often you want emails.")
    email = email.strip().lower()
    query_string = criteria.to_query_string(include_sort=False)
    with transaction.atomic():
        existing = (
            AlertSubscription.objects.select_for_update()
            .filter(email=email, query_string=query_string, unsubscribed_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if existing is not None and existing.verified_at is not None:
            subject, body = render_email(
                "alerts/emails/already_subscribed",
                {
                    "subscription": existing,
                    "search": _search_words(existing),
                    "manage_url": links.manage_url(existing),
                },
            )
            email_queue(to=email, subject=subject, body_text=body)
            return existing
        if existing is None:
            subscription = AlertSubscription.objects.create(
                email=email,
                query_string=query_string,
                frequency=frequency,
                secret=secrets.token_urlsafe(32),
            )
        else:
            # Asked again before confirming: the newest choice of frequency wins.
            subscription = existing
            if subscription.frequency != frequency:
                subscription.frequency = frequency
                subscription.save(update_fields=["frequency"])
        subject, body = render_email(
            "alerts/emails/confirm",
            {
                "subscription": subscription,
                "search": _search_words(subscription),
                "confirm_url": links.confirm_url(subscription),
                "frequency": subscription.get_frequency_display().lower(),
            },
        )
        email_queue(to=email, subject=subject, body_text=body)
    return subscription


FIRST_DIGEST_LOOKS_BACK = {
    Frequency.WEEKLY: timedelta(days=7),
    Frequency.DAILY: timedelta(days=1),
}


def subscription_confirm(*, subscription: AlertSubscription, now: datetime | None = None) -> bool:
    """Confirm an alert. Returns False when it was already confirmed (nothing changes).
    The first digest looks back one period from this moment (a week for weekly alerts, a day for
    daily ones): the jobs someone saw when they signed up are in their first email, as they
    expect, and nothing older."""
    now = now or timezone.now()
    with transaction.atomic():
        looks_back = FIRST_DIGEST_LOOKS_BACK[Frequency(subscription.frequency)]
        updated = AlertSubscription.objects.filter(
            pk=subscription.pk, verified_at__isnull=True
        ).update(verified_at=now, last_sent_at=now - looks_back)
    subscription.refresh_from_db()
    return bool(updated)


def subscription_change_frequency(*, subscription: AlertSubscription, frequency: str) -> None:
    if frequency not in Frequency.values:
        raise ValidationError("Choose how often you want emails.")
    if subscription.unsubscribed_at is not None:
        raise ValidationError("You have unsubscribed from this alert.")
    with transaction.atomic():
        AlertSubscription.objects.filter(pk=subscription.pk).update(frequency=frequency)
    subscription.frequency = frequency


def subscription_unsubscribe(
    *,
    subscription: AlertSubscription,
    reason: str = "",
    comment: str = "",
    now: datetime | None = None,
) -> bool:
    """Stop an alert and forget its address. Returns False if it had already stopped; a reason
    given later is still recorded (the signed link, not the address, finds the alert), so the
    "why" form works after a one-click unsubscribe."""
    if reason and reason not in UnsubscribeReason.values:
        raise ValidationError("Choose a reason from the list, or none.")
    now = now or timezone.now()
    with transaction.atomic():
        stopped = AlertSubscription.objects.filter(
            pk=subscription.pk, unsubscribed_at__isnull=True
        ).update(unsubscribed_at=now, email="")
        fields: dict[str, str] = {}
        if reason:
            fields["unsubscribe_reason"] = reason
        if comment.strip():
            fields["unsubscribe_comment"] = comment.strip()[:500]
        if fields:
            AlertSubscription.objects.filter(pk=subscription.pk).update(**fields)
    subscription.refresh_from_db()
    return bool(stopped)


def feedback_record(
    *, subscription: AlertSubscription, run_id: int, relevant: bool, comment: str | None = None
) -> AlertFeedback:
    """Record "were these jobs relevant?" for one digest. One answer per digest: a later click
    changes it. ``comment`` None leaves any comment as it was."""
    run = AlertRun.objects.filter(pk=run_id, subscription=subscription).first()
    if run is None:
        raise ValidationError("We could not find that email. It may be too old to rate.")
    fields: dict[str, object] = {"relevant": relevant, "subscription": subscription}
    if comment is not None:
        fields["comment"] = comment.strip()[:1000]
    with transaction.atomic():
        # get_or_create survives two clicks at once: the loser reads the winner's row.
        feedback, created = AlertFeedback.objects.get_or_create(run=run, defaults=fields)
        if not created:
            for name, value in fields.items():
                setattr(feedback, name, value)
            feedback.save(update_fields=[*fields])
    return feedback


def subscriptions_delete_unverified(*, now: datetime | None = None) -> int:
    """Delete alerts nobody confirmed within 7 days (their confirm links have expired)."""
    now = now or timezone.now()
    with transaction.atomic():
        _, deleted = AlertSubscription.objects.filter(
            verified_at__isnull=True, created_at__lt=now - UNVERIFIED_LIFETIME
        ).delete()
    return deleted.get(AlertSubscription._meta.label, 0)
