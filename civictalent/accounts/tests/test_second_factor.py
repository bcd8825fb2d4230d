"""The second factor holds on every sign-in route: a session that has not used the person's
authenticator app reaches nothing admin-only, however it signed in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.organisations.models import Organisation, Role
from conftest import FORCE_LOGIN_WITHOUT_THE_CODE, record_sign_in
from tests.browser import current_totp_code
from tests.test_permission_walker import (
    EXPECTED,
    THIRD_PARTY_EXPECTED,
    prepare_data_for,
    url_kwargs,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SECRET = "JBSWY3DPEHPK3PXP"  # the authenticator conftest's make_user gives


def admin_only_pages(people: dict[str, Any]) -> list[str]:
    """Every page of the permission matrix that an admin opens and a plain member may not."""
    pages = []
    for name, row in {**EXPECTED, **THIRD_PARTY_EXPECTED}.items():
        admins_open_it = "ok" in {row.get("platform_admin"), row.get("admin_a")}
        if admins_open_it and row.get("member_b") != "ok":
            prepare_data_for(name)
            pages.append(reverse(name, kwargs=url_kwargs(name, people)))
    return pages


def test_the_admin_site_sign_in_form_never_signs_anyone_in(people: dict[str, Any]) -> None:
    admin = people["platform_admin"]
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    assert client.get("/platform/audit/")["Location"].startswith("/accounts/login/")


def test_the_admin_site_sign_in_is_no_password_oracle(people: dict[str, Any]) -> None:
    """Guesses there are never checked, so the right password after 25 wrong ones gives nothing."""
    admin = people["platform_admin"]
    client = Client()
    for attempt in range(25):
        client.post("/admin/login/", {"username": admin.email, "password": f"guess {attempt}"})
    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_page_sends_signed_in_people_on_or_refuses_them(
    people: dict[str, Any],
) -> None:
    client = Client()
    client.force_login(people["platform_admin"])
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response["Location"] == "/admin/accounts/user/"
    # An address elsewhere is not followed.
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/admin/"
    member = Client()
    member.force_login(people["member_a"])
    assert member.get("/admin/login/").status_code == 403


def test_signing_in_with_the_password_alone_stops_at_the_code(people: dict[str, Any]) -> None:
    admin = people["platform_admin"]
    client = Client()
    response = client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    for page in ("/admin/", "/platform/audit/", "/jobs/moderation/"):
        assert client.get(page).status_code == 302, page
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(SECRET)})
    assert response.status_code == 302
    for page in ("/admin/", "/platform/audit/", "/jobs/moderation/"):
        assert client.get(page).status_code == 200, page


@pytest.mark.parametrize("role", ["platform_admin", "admin_a"])
def test_a_session_that_skipped_the_code_reaches_nothing_admin_only(
    people: dict[str, Any], role: str
) -> None:
    """Any route that signs someone in with the password alone (today none; the admin form was
    one) ends at the code page, on every admin-only page of the permission matrix."""
    person: User = people[role]
    pages = admin_only_pages(people)
    assert len(pages) > 20
    client = Client()
    FORCE_LOGIN_WITHOUT_THE_CODE(client, person)
    record_sign_in(client, person, "password")
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, f"{page} answered {response.status_code}"
        assert response["Location"].startswith("/accounts/2fa/reauthenticate/"), page
    # Not even the account pages that could switch the app off.
    for page in ("/accounts/2fa/", "/accounts/2fa/totp/deactivate/", "/accounts/email/"):
        assert client.get(page)["Location"].startswith("/accounts/2fa/reauthenticate/"), page


def test_typing_the_code_opens_the_pages(people: dict[str, Any]) -> None:
    admin = people["platform_admin"]
    client = Client()
    FORCE_LOGIN_WITHOUT_THE_CODE(client, admin)
    record_sign_in(client, admin, "password")
    response = client.get("/platform/audit/")
    code_page = response["Location"]
    assert code_page == "/accounts/2fa/reauthenticate/?next=%2Fplatform%2Faudit%2F"
    assert client.get(code_page).status_code == 200
    response = client.post(code_page, {"code": current_totp_code(SECRET)})
    assert response["Location"] == "/platform/audit/"
    assert client.get("/platform/audit/").status_code == 200


def test_a_member_with_an_app_owes_the_code_too(council_a: Organisation, make_user: Any) -> None:
    member = make_user(organisation=council_a, role=Role.EDITOR, with_authenticator=True)
    client = Client()
    FORCE_LOGIN_WITHOUT_THE_CODE(client, member)
    record_sign_in(client, member, "password")
    assert client.get("/library/")["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert client.get("/accounts/logout/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_app_counts_as_using_it(council_a: Organisation, make_user: Any) -> None:
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    admin = make_user(organisation=council_a, role=Role.ADMIN, password=PASSWORD)
    client = Client()
    client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
    assert client.get("/organisations/hackney/members/")["Location"].startswith(
        "/accounts/2fa/totp/activate/"
    )
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/organisations/hackney/members/").status_code == 200
