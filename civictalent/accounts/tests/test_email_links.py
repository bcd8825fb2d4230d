"""Links in sign-in emails are on the site's configured address (SITE_URL), whatever host the
request names (issue 15, finding 10).

The Host header is the sender's to choose. A password-reset link built from it would send the
reset key to the sender's server when the account holder clicks it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://civictalent.example"
EVIL = "evil.example:8443"
PASSWORD = "a long and unusual passphrase"


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE


def links_in_last_email_to(address: str) -> list[str]:
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    bodies = [str(message.body)]
    bodies += [str(body) for body, _ in getattr(message, "alternatives", [])]
    found = [link for body in bodies for link in re.findall(r"https?://[^\s\"'<>]+", body)]
    assert found, message.body
    return found


def assert_all_on_site(links: list[str]) -> None:
    assert all(link.startswith(f"{SITE}/") for link in links), links
    assert not any("evil.example" in link for link in links), links


def test_a_password_reset_link_is_on_the_site_address(make_user: Any) -> None:
    make_user(email="sam@example.org")
    Client(HTTP_HOST=EVIL).post("/accounts/password/reset/", {"email": "sam@example.org"})
    links = links_in_last_email_to("sam@example.org")
    assert_all_on_site(links)
    assert any("/accounts/password/reset/key/" in link for link in links), links


def test_a_password_reset_for_an_unknown_address_links_to_sign_up_on_the_site() -> None:
    Client(HTTP_HOST=EVIL).post("/accounts/password/reset/", {"email": "nobody@example.org"})
    links = links_in_last_email_to("nobody@example.org")
    assert_all_on_site(links)
    assert f"{SITE}/accounts/signup/" in links


def test_an_email_confirmation_link_is_on_the_site_address(london: None) -> None:
    Client(HTTP_HOST=EVIL).post(
        "/accounts/signup/",
        {
            "display_name": "Jo",
            "email": "jo@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    links = links_in_last_email_to("jo@example.org")
    assert_all_on_site(links)
    assert any("/accounts/confirm-email/" in link for link in links), links


def test_signing_up_again_links_to_the_reset_page_on_the_site(make_user: Any) -> None:
    make_user(email="sam@example.org")
    cache.clear()
    Client(HTTP_HOST=EVIL).post(
        "/accounts/signup/",
        {
            "display_name": "Sam",
            "email": "sam@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    links = links_in_last_email_to("sam@example.org")
    assert_all_on_site(links)
    assert f"{SITE}/accounts/password/reset/" in links
