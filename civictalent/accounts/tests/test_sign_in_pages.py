"""The sign-in pages are GOV.UK pages, not django-allauth's defaults: sentence case, labels and no
placeholders, an error summary at the top whose every line links to its field, the error beside
the field, and "Error: " before the title when the form has problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from civictalent.accounts.adapters import ACCOUNT_ERROR_MESSAGES
from civictalent.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # make_user's

# allauth's own words that people saw, in title case or in its phrasing.
ALLAUTH_DEFAULTS = [
    "Sign In",
    "Sign Up",
    "Signup",
    "Remember Me",
    "Password Reset",
    "Reset My Password",
    "Forgot Password",
    "and/or",
    "Change Password",
    "Confirm Access",
    "Verify Your Email",
]

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/key/1-forged/",
]


def main_of(page: str) -> str:
    return page.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def title_of(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match
    return " ".join(match.group(1).split())


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_each_sign_in_page_is_in_govuk_words_with_no_placeholders(url: str) -> None:
    response = Client().get(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "placeholder" not in page, f"{url} has a placeholder"
    for words in ALLAUTH_DEFAULTS:
        assert words not in page, f"{url} shows allauth's {words!r}"
    assert main_of(page).count("<h1") == 1


def test_the_sign_in_page_follows_the_govuk_pattern() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert title_of(page).startswith("Sign in ")
    assert '<label class="govuk-label" for="id_login">Email address</label>' in page
    assert '<label class="govuk-label" for="id_password">Password</label>' in page
    assert "Keep me signed in on this device" in page
    assert ">Forgotten your password?</a>" in page
    assert ">Create an account</a>" in page


def test_a_wrong_password_is_in_an_error_summary_linked_to_the_field(
    make_user: Callable[..., User],
) -> None:
    user = make_user(email="jo@hackney.gov.uk")
    response = Client().post("/accounts/login/", {"login": user.email, "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert title_of(page).startswith("Error: Sign in")
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    message = ACCOUNT_ERROR_MESSAGES["email_password_mismatch"]
    assert f'<a href="#id_login">{message}</a>' in summary, "unlinked error in the summary"
    assert "and/or" not in page
    # The summary comes before the heading, as GOV.UK's pattern puts it.
    assert page.index("govuk-error-summary") < page.index("<h1")


def test_sign_up_errors_link_to_each_field_and_sit_beside_it(london: None) -> None:
    response = Client().post(
        "/accounts/signup/",
        {"display_name": "", "email": "not an email", "password1": PASSWORD, "password2": "x"},
    )
    page = response.content.decode()
    assert title_of(page).startswith("Error: Create an account")
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'<a href="#(id_[a-z0-9_]+)">', summary)
    assert {"id_display_name", "id_email", "id_password2"} <= set(links), links
    for field in ("id_display_name", "id_email", "id_password2"):
        assert f'id="{field}-error"' in page, f"no error beside {field}"
    assert "Enter the same password in both boxes" in page
    assert "Enter your name" in page and "like name@example.com" in page


def test_an_empty_sign_in_says_what_to_enter() -> None:
    page = Client().post("/accounts/login/", {}).content.decode()
    assert "This field is required" not in page
    assert '<a href="#id_login">Enter your email address</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page


def test_a_reset_request_with_no_address_is_in_the_summary() -> None:
    page = Client().post("/accounts/password/reset/", {"email": ""}).content.decode()
    assert title_of(page).startswith("Error: Reset your password")
    assert '<a href="#id_email">' in page


def test_the_second_step_pages_use_govuk_words(make_user: Callable[..., User], client: Any) -> None:
    admin = make_user(platform_admin=True, with_authenticator=True)
    client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter your security code" in page
    assert "placeholder" not in page and "Two-Factor Authentication" not in page
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"}).content.decode()
    assert title_of(wrong).startswith("Error: Enter your security code")
    assert '<a href="#id_code">' in wrong


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/3rdparty/",
        "/accounts/2fa/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/logout/",
    ],
)
def test_the_signed_in_account_pages_use_govuk_words(
    url: str, make_user: Callable[..., User]
) -> None:
    client = Client()
    client.force_login(make_user())
    response = client.get(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "placeholder" not in page
    for words in ALLAUTH_DEFAULTS:
        assert words not in page, f"{url} shows allauth's {words!r}"
