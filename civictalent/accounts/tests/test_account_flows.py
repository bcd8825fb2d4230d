from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from civictalent.accounts.models import User
from civictalent.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase"


def sign_up(client: Client, email: str, name: str = "Jo Bloggs") -> None:
    response = client.post(
        "/accounts/signup/",
        {"display_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def confirmation_link(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", str(message.body))
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1]


def test_sign_up_verify_and_sign_in(london: None) -> None:
    client = Client()
    sign_up(client, "jo@example.org")
    user = User.objects.get(email="jo@example.org")
    assert user.display_name == "Jo Bloggs"
    assert not EmailAddress.objects.get(user=user).verified
    # Unverified: sign-in is refused until the address is verified.
    response = client.post("/accounts/login/", {"login": "jo@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    message = mail.outbox[-1]
    assert "Civic Talent" in message.body and "from !" not in message.body
    link = confirmation_link("jo@example.org")
    assert "Confirm" in client.get(link).content.decode()
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post("/accounts/login/", {"login": "JO@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_verifying_a_council_address_joins_the_council(council_a: Organisation) -> None:
    client = Client()
    sign_up(client, "alex@hackney.gov.uk")
    user = User.objects.get(email="alex@hackney.gov.uk")
    assert not Membership.objects.filter(user=user).exists()
    client.post(confirmation_link("alex@hackney.gov.uk"))
    membership = Membership.objects.get(user=user)
    assert membership.organisation == council_a
    assert membership.role == Role.MEMBER


def test_signing_up_twice_with_one_email_creates_one_account(london: None) -> None:
    sign_up(Client(), "jo@example.org")
    mail.outbox.clear()
    cache.clear()  # allauth sends one email per address per 3 minutes: let that time pass
    response = Client().post(
        "/accounts/signup/",
        {
            "display_name": "Someone Else",
            "email": "Jo@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    # Same answer as a new sign-up (nobody learns who has an account), but no second account:
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="jo@example.org").count() == 1
    assert User.objects.get(email="jo@example.org").display_name == "Jo Bloggs"
    assert len(mail.outbox) == 1
    assert "already" in mail.outbox[0].body.lower()


@pytest.mark.parametrize("key", ["forged-key", "MQ:1tZZZZ:forgedsignature"])
def test_forged_confirmation_links_change_nothing(london: None, key: str) -> None:
    sign_up(Client(), "jo@example.org")
    response = Client().post(f"/accounts/confirm-email/{key}/")
    assert response.status_code in {200, 404}
    page = response.content.decode()
    assert "expired or is invalid" in page or "Page not found" in page
    assert not EmailAddress.objects.get(email="jo@example.org").verified


def test_password_reset_sends_a_link_that_works(make_user) -> None:
    user = make_user(email="sam@example.org")
    client = Client()
    client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    message = mail.outbox[-1]
    link = re.search(r"/accounts/password/reset/key/[^\s]+/", str(message.body))
    assert link
    response = client.get(link.group(0), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(0)
    client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")


def test_a_forged_password_reset_link_is_refused(make_user) -> None:
    user = make_user(email="sam@example.org")
    response = Client().get("/accounts/password/reset/key/1-forged/", follow=True)
    assert "This link does not work" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


def test_council_admins_must_set_up_an_authenticator_first(
    council_a: Organisation, make_user
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN, password=PASSWORD)
    client = Client()
    client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    response = client.get("/organisations/hackney/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate")
    # Setting up MFA itself, and signing out, stay reachable.
    # Turning MFA on asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert "authenticator" in page.content.decode().lower()
    assert client.get("/accounts/logout/").status_code == 200


def test_platform_admins_must_set_up_an_authenticator_first(make_user) -> None:
    client = Client()
    client.force_login(make_user(platform_admin=True))
    assert client.get("/platform/audit/")["Location"].startswith("/accounts/2fa/totp/activate")


def test_members_are_offered_but_not_forced_to_use_mfa(council_a: Organisation, make_user) -> None:
    client = Client()
    client.force_login(make_user(organisation=council_a))
    response = client.get("/account/")
    assert response.status_code == 200
    assert "Two-factor authentication" in response.content.decode()


def test_a_person_changes_their_display_name(make_user) -> None:
    user = make_user()
    client = Client()
    client.force_login(user)
    response = client.post("/account/name/", {"display_name": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    client.post("/account/name/", {"display_name": "Sam <b>Patel</b>"})
    user.refresh_from_db()
    assert user.display_name == "Sam <b>Patel</b>"
    assert "Sam &lt;b&gt;Patel&lt;/b&gt;" in client.get("/account/").content.decode()


def test_changing_email_verifies_the_new_address_before_it_replaces_the_old(make_user) -> None:
    user = make_user(email="old@example.org", password=PASSWORD)
    client = Client()
    client.post("/accounts/login/", {"login": "old@example.org", "password": PASSWORD})
    response = client.post("/accounts/email/", {"email": "new@example.org", "action_add": ""})
    if response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]:
        client.post(response["Location"], {"password": PASSWORD})
        client.post("/accounts/email/", {"email": "new@example.org", "action_add": ""})
    user.refresh_from_db()
    assert user.email == "old@example.org"  # nothing changes until the new address is verified
    client.post(confirmation_link("new@example.org"))
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert EmailAddress.objects.get(user=user, email="new@example.org").verified
    assert not EmailAddress.objects.filter(user=user, email="old@example.org").exists()


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how many passwords it hashes."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@override_settings(
    PASSWORD_HASHERS=["civictalent.accounts.tests.test_account_flows.CountingHasher"]
)
def test_signing_up_hashes_the_password_whether_or_not_the_address_has_an_account(
    london: None,
) -> None:
    """Timing must not tell who has an account: both paths do the costly work once."""
    CountingHasher.hashed = 0
    sign_up(Client(), "new@example.org")
    new_address = CountingHasher.hashed
    cache.clear()
    CountingHasher.hashed = 0
    sign_up(Client(), "new@example.org")
    existing_address = CountingHasher.hashed
    assert new_address == existing_address == 1
