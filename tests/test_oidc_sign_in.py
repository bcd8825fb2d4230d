"""Sign-in through OpenID Connect, end to end, against a real provider on loopback.

The provider is panva's ``oidc-provider`` (tests/oidc/provider.mjs), set up the way Microsoft Entra
ID looks to the platform: an issuer ``.../TENANT/v2.0``, a confidential client that sends its
secret in the body, the openid, profile and email scopes, and Entra's claims (oid, tid, name,
preferred_username, email). The platform's Entra settings come from ``openid_connect_apps()`` with
only the server address pointed at the loopback issuer. A real Chromium signs in on the provider's
own pages and comes back through allauth's callback.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.organisations.models import Membership, Organisation
from conftest import require
from tests.browser import AccessibilityAudit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PROVIDER_SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
OIDC_PROVIDER_PACKAGE = ROOT / "node_modules" / "oidc-provider" / "package.json"
PROVIDER_ID = "entra"
BUTTON_NAME = "Microsoft (council account)"
CLIENT_ID = "civic-talent-test-client"
CLIENT_SECRET = "not-a-real-secret-only-for-tests"  # the loopback provider's, not a real one
TENANT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
# Who the provider knows (see ACCOUNTS in provider.mjs).
AMARA = {
    "login": "amara",
    "oid": "6f1b0c3e-2a4d-4e8f-9b7a-1c2d3e4f5a6b",
    "email": "amara.okafor@hackney.gov.uk",
    "name": "Okafor, Amara",  # the `name` claim, not given_name + family_name
}
SAM = {
    "login": "sam",
    "email": "sam.patel@hackney.gov.uk",
    "name": "Sam Patel",
}
READY_TIMEOUT_SECONDS = 30


def pairwise_sub(login: str) -> str:
    """The ``sub`` the provider gives this person for our app (Entra's is per app, too)."""
    digest = hashlib.sha256(f"{login}:{CLIENT_ID}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@pytest.fixture(scope="module")
def oidc_provider(live_server: Any) -> Iterator[dict[str, Any]]:
    """Start the loopback provider for this module; always stop it afterwards."""
    node = shutil.which("node")
    require(node is not None, "Node.js is not installed (apt-get install nodejs)")
    require(OIDC_PROVIDER_PACKAGE.exists(), "oidc-provider is not installed (npm ci)")
    assert node is not None
    callback = reverse("openid_connect_callback", kwargs={"provider_id": PROVIDER_ID})
    env = {
        **os.environ,
        "OIDC_TEST_REDIRECT_URI": live_server.url + callback,
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_TEST_TENANT_ID": TENANT_ID,
    }
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own script
            [node, str(PROVIDER_SCRIPT)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        try:
            assert process.stdout is not None
            ready, _, _ = select.select([process.stdout], [], [], READY_TIMEOUT_SECONDS)
            line = process.stdout.readline() if ready else ""
            if not line:
                errors.seek(0)
                pytest.fail(
                    "the OpenID Connect provider did not start:\n"
                    + errors.read().decode(errors="replace")
                )
            yield json.loads(line)
        finally:
            if process.stdin:
                process.stdin.close()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def entra(
    oidc_provider: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """The platform's own Entra settings, with the server address moved to the loopback issuer."""
    from config.settings.base import openid_connect_apps

    monkeypatch.setenv("ENTRA_TENANT_ID", TENANT_ID)
    monkeypatch.setenv("ENTRA_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("ENTRA_CLIENT_SECRET", CLIENT_SECRET)
    for name in ("ENTRA_BUTTON_NAME", "OIDC_SERVER_URL", "OIDC_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    (app,) = openid_connect_apps()
    assert app["provider_id"] == PROVIDER_ID
    assert app["settings"]["server_url"] == f"https://login.microsoftonline.com/{TENANT_ID}/v2.0"
    app["settings"]["server_url"] = oidc_provider["issuer"]
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [app]}}
    return app


def start_sign_in(page: Any, base: str, audit: AccessibilityAudit | None = None) -> None:
    """From our sign-in page to the provider: choose the button, then confirm."""
    page.goto(base + "/accounts/login/")
    if audit:
        audit.check(page)
    page.get_by_role("link", name=f"Sign in with {BUTTON_NAME}").click()
    page.wait_for_url(re.compile(rf"/accounts/oidc/{PROVIDER_ID}/login/(\?.*)?$"))
    if audit:
        audit.check(page)
    page.get_by_role("button", name="Continue").click()


def sign_in_at_provider(page: Any, issuer: str, login: str) -> None:
    """The provider's own pages: sign in, then agree to share the profile and email."""
    page.wait_for_url(f"{issuer}/interaction/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password: the test provider does not check it")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(f"{issuer}/interaction/**")
    page.get_by_role("button", name="Continue").click()


def consent_without_following_the_redirect(page: Any, issuer: str, login: str) -> str:
    """Sign in and consent at the provider, but return its redirect to us instead of following it.

    The consent form is posted through the browser context's own request client (same cookies),
    and the provider's redirects are read, not followed: the code is issued but not yet used.
    """
    page.wait_for_url(f"{issuer}/interaction/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(f"{issuer}/interaction/**")
    action = page.locator("form:has(input[name=prompt][value=consent])").get_attribute("action")
    assert action
    requests = page.context.request
    submitted = requests.post(
        urljoin(page.url, action), form={"prompt": "consent"}, max_redirects=0
    )
    assert submitted.status in {302, 303}, submitted.status
    resumed = requests.get(urljoin(page.url, submitted.headers["location"]), max_redirects=0)
    assert resumed.status in {302, 303}, resumed.status
    return str(resumed.headers["location"])


def sign_out(page: Any, base: str) -> None:
    page.goto(base + "/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign out", re.IGNORECASE)).click()
    page.goto(base + "/account/")
    page.wait_for_url("**/accounts/login/**")


@pytest.mark.django_db(transaction=True)
def test_verified_council_address_signs_in_joins_the_council_and_links_one_account(
    live_server: Any, page: Any, entra: dict[str, Any], council_a: Organisation
) -> None:
    audit = AccessibilityAudit()
    base = live_server.url
    issuer = entra["settings"]["server_url"]

    start_sign_in(page, base, audit)
    sign_in_at_provider(page, issuer, AMARA["login"])
    page.wait_for_url(base + "/dashboard/")
    audit.check(page)
    page.goto(base + "/account/")
    assert AMARA["name"] in page.content()
    assert AMARA["email"] in page.content()
    assert "London Borough of Hackney" in page.content()

    user = User.objects.get(email=AMARA["email"])
    assert user.display_name == AMARA["name"]
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (PROVIDER_ID, pairwise_sub(AMARA["login"]))
    id_token = account.extra_data["id_token"]
    assert id_token["iss"] == issuer
    assert id_token["aud"] == CLIENT_ID
    assert (id_token["tid"], id_token["oid"]) == (TENANT_ID, AMARA["oid"])
    # The provider said the address is verified, so no verification email is needed.
    assert EmailAddress.objects.filter(user=user, email=AMARA["email"], verified=True).exists()
    assert not [m for m in mail.outbox if m.to == [AMARA["email"]]]
    # Verified address at a registered domain: a member of that council at once.
    assert Membership.objects.filter(user=user, organisation=council_a).exists()

    # Signing in again (the provider remembers the person) reaches the same account.
    sign_out(page, base)
    start_sign_in(page, base)
    page.wait_for_url(base + "/dashboard/")
    assert AMARA["name"] in page.content()
    assert User.objects.filter(email=AMARA["email"]).count() == 1
    assert (
        SocialAccount.objects.filter(provider=PROVIDER_ID, uid=pairwise_sub(AMARA["login"])).count()
        == 1
    )
    assert SocialAccount.objects.get(provider=PROVIDER_ID).user_id == user.pk


@pytest.mark.django_db(transaction=True)
def test_address_the_provider_does_not_verify_needs_our_verification_email(
    live_server: Any, page: Any, entra: dict[str, Any], council_a: Organisation, settings: Any
) -> None:
    """Entra does not send ``email_verified``: the person proves the address before joining."""
    base = live_server.url
    settings.SITE_URL = base  # the links in emails are on the site's configured address
    issuer = entra["settings"]["server_url"]

    start_sign_in(page, base)
    sign_in_at_provider(page, issuer, SAM["login"])
    page.wait_for_url("**/accounts/confirm-email/")
    user = User.objects.get(email=SAM["email"])
    assert SocialAccount.objects.filter(user=user, uid=pairwise_sub(SAM["login"])).exists()
    assert EmailAddress.objects.get(user=user, email=SAM["email"]).verified is False
    assert not Membership.objects.filter(user=user).exists()
    page.goto(base + "/account/")
    page.wait_for_url("**/accounts/login/**")  # not signed in

    message = next(m for m in reversed(mail.outbox) if m.to == [SAM["email"]])
    match = re.search(r"http://[^\s]+/accounts/confirm-email/[^\s]+/", str(message.body))
    assert match, message.body
    page.goto(match.group(0))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/")
    assert EmailAddress.objects.get(user=user, email=SAM["email"]).verified is True
    assert Membership.objects.filter(user=user, organisation=council_a).exists()

    # Now the provider's sign-in (already signed in there) brings them straight in.
    start_sign_in(page, base)
    page.wait_for_url(base + "/dashboard/")
    page.goto(base + "/account/")
    assert SAM["email"] in page.content()
    assert User.objects.filter(email=SAM["email"]).count() == 1


def with_state(url: str, state: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["state"] = state
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.mark.django_db(transaction=True)
def test_tampered_state_on_the_callback_is_refused_without_signing_in(
    live_server: Any, page: Any, entra: dict[str, Any], council_a: Organisation
) -> None:
    base = live_server.url
    issuer = entra["settings"]["server_url"]
    callback = base + reverse("openid_connect_callback", kwargs={"provider_id": PROVIDER_ID})
    start_sign_in(page, base)
    callback_url = consent_without_following_the_redirect(page, issuer, AMARA["login"])
    assert callback_url.startswith(callback + "?"), callback_url
    real = dict(parse_qsl(urlsplit(callback_url).query))
    assert real.get("code") and real.get("state")

    response = page.goto(with_state(callback_url, real["state"][::-1] + "x"))
    assert response is not None
    assert response.status in {400, 401, 403}
    assert "You could not be signed in" in page.content()
    assert "Traceback" not in page.content()
    assert not User.objects.filter(email=AMARA["email"]).exists()
    assert not SocialAccount.objects.exists()
    page.goto(base + "/account/")
    page.wait_for_url("**/accounts/login/**")

    # Control: the untouched redirect, code and state as the provider sent them, does sign in.
    page.goto(callback_url)
    page.wait_for_url(base + "/dashboard/")
    assert User.objects.filter(email=AMARA["email"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_provider_refuses_a_request_without_pkce_and_we_show_a_failure_page(
    live_server: Any, page: Any, entra: dict[str, Any]
) -> None:
    """The loopback provider insists on PKCE, so the happy path proves we send it."""
    entra["settings"]["oauth_pkce_enabled"] = False
    base = live_server.url

    start_sign_in(page, base)
    page.wait_for_url("**/accounts/oidc/entra/login/callback/**")
    assert "error=invalid_request" in page.url
    assert "You could not be signed in" in page.content()
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("person", [AMARA, SAM], ids=["provider-says-verified", "unverified"])
def test_existing_account_with_the_same_address_is_not_taken_over(
    live_server: Any, page: Any, entra: dict[str, Any], make_user: Any, person: dict[str, str]
) -> None:
    """Someone already has a password account with this address. Signing in through the
    provider, even one that says the address is verified, neither links to that account nor
    makes a second one: the address's owner is emailed instead, and nobody is signed in."""
    existing = make_user(email=person["email"], name="Password account")
    base = live_server.url
    issuer = entra["settings"]["server_url"]

    start_sign_in(page, base)
    sign_in_at_provider(page, issuer, person["login"])
    page.wait_for_url("**/accounts/confirm-email/")
    assert not SocialAccount.objects.exists()
    assert list(User.objects.filter(email=person["email"])) == [existing]
    existing.refresh_from_db()
    assert existing.display_name == "Password account"
    subjects = [m.subject for m in mail.outbox if m.to == [person["email"]]]
    assert subjects == ["[Civic Talent] Account Already Exists"]
    page.goto(base + "/account/")
    page.wait_for_url("**/accounts/login/**")


@pytest.mark.django_db(transaction=True)
def test_a_platform_admin_signing_in_through_the_provider_still_types_the_code(
    live_server: Any, page: Any, entra: dict[str, Any], council_a: Organisation
) -> None:
    """The identity provider's sign-in replaces the password, never the authenticator app."""
    from allauth.mfa.models import Authenticator

    from tests.browser import current_totp_code

    base = live_server.url
    issuer = entra["settings"]["server_url"]
    start_sign_in(page, base)
    sign_in_at_provider(page, issuer, AMARA["login"])
    page.wait_for_url(base + "/dashboard/")
    user = User.objects.get(email=AMARA["email"])
    User.objects.filter(pk=user.pk).update(is_platform_admin=True, is_staff=True)
    secret = "JBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    sign_out(page, base)

    start_sign_in(page, base)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    for admin_only in ("/admin/", "/platform/audit/"):
        page.goto(base + admin_only)
        assert "/accounts/login/" in page.url or "/2fa/" in page.url, page.url
    page.goto(base + "/accounts/2fa/authenticate/")
    page.get_by_label("Code", exact=True).fill(current_totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(base + "/dashboard/")
    page.goto(base + "/platform/audit/")
    assert page.url == base + "/platform/audit/"
