"""Subscribing: the page, double opt-in, rate limits, and links that are forged or old."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.alerts import links, ratelimit
from civictalent.alerts.models import AlertSubscription
from civictalent.alerts.services import subscriptions_delete_unverified
from civictalent.framework.models import JobFamily
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def link_in(body: object, name: str) -> str:
    """The path of the first /alerts/<name>/ link in an email."""
    found = re.search(rf"{re.escape(settings.SITE_URL)}(/alerts/{name}/\S+/)", str(body))
    assert found, f"no {name} link in:\n{body}"
    return found.group(1)


def subscribe(
    client: Client, query: str, capture: Any, *, email: str = "Candidate@Example.org"
) -> Any:
    with capture(execute=True):
        return client.post(
            f"{reverse('alerts:subscribe')}?{query}", {"email": email, "frequency": "weekly"}
        )


def test_the_page_says_the_search_in_words_with_names(
    client: Client, council_a: Organisation, council_b: Organisation, family: JobFamily
) -> None:
    response = client.get(
        reverse("alerts:subscribe"),
        {"q": "data", "family": family.slug, "council": ["greenwich", "hackney"], "sort": "salary"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Keywords: data" in page
    assert f"Role family: {family.name}" in page
    assert f"Council: {council_b.short_name} or {council_a.short_name}" in page
    assert re.search(r'value="weekly"[^>]*checked', page)  # weekly unless they choose daily


def test_subscribing_creates_an_unconfirmed_alert_and_emails_a_link(
    client: Client, council_a: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    response = subscribe(
        client, "council=hackney&q=data&sort=salary", django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    alert = AlertSubscription.objects.get()
    assert alert.email == "candidate@example.org"
    assert alert.query_string == "q=data&council=hackney"  # canonical, without the sort
    assert alert.verified_at is None and len(alert.secret) >= 40
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["candidate@example.org"]
    assert "Council: Hackney" in mail.outbox[0].body

    confirm = link_in(mail.outbox[0].body, "confirm")
    assert client.get(confirm).status_code == 200  # a page with a button: scanners change nothing
    alert.refresh_from_db()
    assert alert.verified_at is None

    response = client.post(confirm)

    alert.refresh_from_db()
    assert "Your alert is confirmed" in response.content.decode()
    # The first weekly digest looks back a week, so it lists the jobs the person just saw.
    assert alert.verified_at is not None
    assert alert.last_sent_at == alert.verified_at - datetime.timedelta(days=7)

    again = client.post(confirm)  # replayed: says so, changes nothing
    assert "already confirmed" in again.content.decode()
    verified_at = alert.verified_at
    alert.refresh_from_db()
    assert alert.verified_at == verified_at


def test_the_page_does_not_say_whether_an_address_already_has_the_alert(
    client: Client,
    make_alert: Callable[..., AlertSubscription],
    django_capture_on_commit_callbacks: Any,
) -> None:
    existing = make_alert(email="candidate@example.org", query_string="q=data")

    first = subscribe(client, "q=data", django_capture_on_commit_callbacks)
    second = subscribe(
        client, "q=data", django_capture_on_commit_callbacks, email="new@example.org"
    )

    def main_text(response: Any) -> str:
        return re.sub(r"\S+@example\.org", "ADDRESS", response.content.decode())

    assert main_text(first) == main_text(second)
    assert AlertSubscription.objects.filter(email="candidate@example.org").count() == 1
    # The owner is told, with a way to manage it, and is not subscribed twice.
    told = next(m for m in mail.outbox if m.to == ["candidate@example.org"])
    assert "already has" in told.body
    token = link_in(told.body, "manage").split("/")[-2]
    assert links.resolve(token, links.MANAGE).subscription == existing


def test_an_unconfirmed_alert_asked_for_again_is_reused(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    subscribe(client, "q=data", django_capture_on_commit_callbacks)
    subscribe(client, "q=data", django_capture_on_commit_callbacks)

    assert AlertSubscription.objects.count() == 1
    assert len(mail.outbox) == 2  # a fresh confirmation link each time


def test_a_bad_address_gets_an_error_linked_from_the_summary(client: Client) -> None:
    response = client.post(
        reverse("alerts:subscribe"), {"email": "not an address", "frequency": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_email"' in page and "Enter an email address in the correct format" in page
    assert "Choose how often you want emails" in page
    assert not AlertSubscription.objects.exists()


def test_sign_ups_are_limited_per_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(ratelimit.SIGNUPS_PER_ADDRESS_PER_DAY):
        assert (
            subscribe(client, f"q=word{n}", django_capture_on_commit_callbacks).status_code == 200
        )

    response = subscribe(client, "q=another", django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert "too many alerts today" in response.content.decode()
    assert AlertSubscription.objects.count() == ratelimit.SIGNUPS_PER_ADDRESS_PER_DAY
    assert (
        subscribe(
            client, "q=another", django_capture_on_commit_callbacks, email="other@example.org"
        ).status_code
        == 200
    )


def test_sign_ups_are_limited_per_client_without_storing_the_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(ratelimit.SIGNUPS_PER_CLIENT_PER_HOUR):
        response = subscribe(
            client, "q=data", django_capture_on_commit_callbacks, email=f"p{n}@example.org"
        )
        assert response.status_code == 200

    response = subscribe(
        client, "q=data", django_capture_on_commit_callbacks, email="late@example.org"
    )

    assert response.status_code == 429
    assert "too many sign-ups from your connection" in response.content.decode()
    assert not AlertSubscription.objects.filter(email="late@example.org").exists()
    other = Client(REMOTE_ADDR="192.0.2.77")
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(
            reverse("alerts:subscribe"), {"email": "late@example.org", "frequency": "daily"}
        )
    assert response.status_code == 200
    from django.core.cache import cache

    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("127.0.0.1" in key or "192.0.2.77" in key for key in keys)


@pytest.mark.parametrize("purpose", [links.CONFIRM, links.MANAGE, links.UNSUBSCRIBE])
def test_forged_and_edited_links_change_nothing(
    client: Client, make_alert: Callable[..., AlertSubscription], purpose: str
) -> None:
    alert = make_alert(verified=purpose != links.CONFIRM)
    token = links.make_token(alert, purpose)
    other_purpose = links.MANAGE if purpose != links.MANAGE else links.UNSUBSCRIBE
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # a changed signature
        links.make_token(alert, other_purpose),  # a link made for something else
        "eyJhIjoxfQ:1abcde:not-a-real-signature",
    ]
    name = {
        "confirm": "alerts:confirm",
        "manage": "alerts:manage",
        "unsubscribe": "alerts:unsubscribe",
    }[purpose]
    before = AlertSubscription.objects.values().get(pk=alert.pk)

    for bad in forged:
        response = client.post(
            reverse(name, args=[bad]), {"action": "unsubscribe", "frequency": "daily"}
        )
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()

    assert AlertSubscription.objects.values().get(pk=alert.pk) == before


def test_a_link_whose_secret_changed_or_alert_was_deleted_does_nothing(
    client: Client, make_alert: Callable[..., AlertSubscription]
) -> None:
    alert = make_alert()
    token = links.make_token(alert, links.UNSUBSCRIBE)
    AlertSubscription.objects.filter(pk=alert.pk).update(secret="rotated")

    assert client.post(reverse("alerts:unsubscribe", args=[token])).status_code == 404
    alert.refresh_from_db()
    assert alert.unsubscribed_at is None

    alert.delete()
    assert client.get(reverse("alerts:unsubscribe", args=[token])).status_code == 404


def test_confirm_links_expire_after_seven_days(
    client: Client, make_alert: Callable[..., AlertSubscription], monkeypatch: pytest.MonkeyPatch
) -> None:
    alert = make_alert(verified=False)
    token = links.make_token(alert, links.CONFIRM)
    later = timezone.now().timestamp() + 7 * 24 * 3600 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(reverse("alerts:confirm", args=[token]))

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    alert.refresh_from_db()
    assert alert.verified_at is None


def test_unconfirmed_alerts_are_deleted_after_seven_days(
    make_alert: Callable[..., AlertSubscription],
) -> None:
    old = make_alert(verified=False, email="old@example.org")
    recent = make_alert(verified=False, email="recent@example.org")
    confirmed = make_alert(email="confirmed@example.org")
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    AlertSubscription.objects.filter(pk__in=[old.pk, confirmed.pk]).update(
        created_at=eight_days_ago
    )

    assert subscriptions_delete_unverified() == 1

    assert set(AlertSubscription.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}


def test_confirmation_emails_carry_none_of_the_askers_text(
    client: Client, council_a: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    """Anyone can have a confirmation sent to any address: a phrase with a link, or a made-up
    council, must not travel from our trusted sender to a stranger."""
    phrase = "Claim your refund at https://evil.example/pay now"
    query = (
        f"q={phrase.replace(' ', '+').replace(':', '%3A').replace('/', '%2F')}"
        "&council=hackney&council=visit-evil-example"
    )
    subscribe(client, query, django_capture_on_commit_callbacks, email="victim@example.org")

    body = str(mail.outbox[-1].body)
    assert "evil" not in body.lower() and "refund" not in body.lower()
    assert "Keywords: the words you typed" in body
    assert "Council: Hackney" in body
    # The alert itself keeps the whole search, and the confirm page (on our site) shows it.
    alert = AlertSubscription.objects.get()
    assert "refund" in alert.query_string
    confirm_page = client.get(link_in(body, "confirm")).content.decode()
    assert "Claim your refund" in confirm_page
