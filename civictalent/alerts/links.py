"""Signed links in alert emails: confirm, manage, unsubscribe and feedback.

Each link carries the subscription's id and a digest of its secret, signed with the site's key
and a salt per purpose, so a link made for one purpose never works for another, a forged or
edited link fails its signature, and links die with their subscription (the secret is not in the
link, only a digest of it, and deleting the row leaves nothing to match). Confirm links expire
after seven days; the others work as long as the subscription exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from civictalent.alerts.models import AlertSubscription
from civictalent.core.emails import site_url

CONFIRM = "confirm"
MANAGE = "manage"
UNSUBSCRIBE = "unsubscribe"
FEEDBACK = "feedback"
PURPOSES = (CONFIRM, MANAGE, UNSUBSCRIBE, FEEDBACK)
CONFIRM_LINK_LIFETIME = timedelta(days=7)
MAX_AGE = {CONFIRM: CONFIRM_LINK_LIFETIME}


class BadLinkError(Exception):
    """The link is forged, edited, expired, or its subscription no longer exists."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status  # 400: forged, edited or expired; 404: its alert has gone


@dataclass(frozen=True)
class LinkTarget:
    subscription: AlertSubscription
    run_id: int | None = None


def _salt(purpose: str) -> str:
    return f"civictalent.alerts.{purpose}"


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:20]


def make_token(subscription: AlertSubscription, purpose: str, *, run_id: int | None = None) -> str:
    assert purpose in PURPOSES
    payload: list[int | str] = [subscription.pk, secret_digest(subscription.secret)]
    if run_id is not None:
        payload.append(run_id)
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def read_token(token: str, purpose: str) -> tuple[int, str, int | None]:
    """The subscription id, secret digest and run id a token carries (no database access)."""
    try:
        payload = signing.loads(token, salt=_salt(purpose), max_age=MAX_AGE.get(purpose))
    except signing.SignatureExpired as error:
        raise BadLinkError(
            "This link has expired. Links to confirm an alert work for 7 days: ask for the "
            "alert again."
        ) from error
    except signing.BadSignature as error:
        raise BadLinkError("This link is not valid. Check you copied all of it.") from error
    if (
        not isinstance(payload, list)
        or len(payload) not in (2, 3)
        or not isinstance(payload[0], int)
        or not isinstance(payload[1], str)
        or (len(payload) == 3 and not isinstance(payload[2], int))
    ):
        raise BadLinkError("This link is not valid. Check you copied all of it.")
    return payload[0], payload[1], payload[2] if len(payload) == 3 else None


def resolve(token: str, purpose: str) -> LinkTarget:
    """The subscription a valid link is for, or BadLinkError."""
    subscription_id, digest, run_id = read_token(token, purpose)
    subscription = AlertSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not constant_time_compare(
        digest, secret_digest(subscription.secret)
    ):
        raise BadLinkError(
            "This alert no longer exists. It may have been deleted because it was not "
            "confirmed within 7 days.",
            status=404,
        )
    return LinkTarget(subscription=subscription, run_id=run_id)


def board_path(query_string: str) -> str:
    """The jobs board showing this search."""
    path = reverse("jobs:board")
    return f"{path}?{query_string}" if query_string else path


def confirm_url(subscription: AlertSubscription) -> str:
    return site_url(reverse("alerts:confirm", args=[make_token(subscription, CONFIRM)]))


def manage_path(subscription: AlertSubscription) -> str:
    return reverse("alerts:manage", args=[make_token(subscription, MANAGE)])


def manage_url(subscription: AlertSubscription) -> str:
    return site_url(manage_path(subscription))


def unsubscribe_url(subscription: AlertSubscription) -> str:
    return site_url(reverse("alerts:unsubscribe", args=[make_token(subscription, UNSUBSCRIBE)]))


def feedback_url(subscription: AlertSubscription, run_id: int, answer: str) -> str:
    token = make_token(subscription, FEEDBACK, run_id=run_id)
    return site_url(reverse("alerts:feedback", args=[token, answer]))
