"""Fixtures shared by every test: people in each role, and the tools some tests need."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client

from civictalent.accounts.models import User
from civictalent.organisations.london import seed_organisations
from civictalent.organisations.models import Membership, Organisation, OrganisationDomain, Role

ROOT = Path(__file__).resolve().parent
SHARED_DATASETS = ROOT.parent / "shared" / "datasets"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip with a clear reason locally; fail under CI=true, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: the in-memory cache outlives a test's database, and
    a count cached by one test must not answer another's question."""
    from django.core.cache import cache

    cache.clear()


def record_sign_in(client: Any, user: User, *methods: str) -> None:
    """Write allauth's record of how this session signed in ("password", "mfa") into the test
    client's session, as allauth's own sign-in pages do."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY

    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": method, "at": time.time()} for method in methods
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


FORCE_LOGIN_WITHOUT_THE_CODE = Client.force_login


@pytest.fixture(autouse=True)
def force_login_is_a_finished_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """In tests, ``client.force_login(person)`` stands for a finished sign-in: the password and,
    for someone with an authenticator app, a code from it. Tests of what a session that skipped
    the code may reach use ``FORCE_LOGIN_WITHOUT_THE_CODE`` and ``record_sign_in`` instead."""

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        FORCE_LOGIN_WITHOUT_THE_CODE(self, user, backend)
        if Authenticator.objects.filter(user=user).exists():
            record_sign_in(self, user, "password", "mfa")

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(
        *,
        email: str | None = None,
        name: str = "",
        organisation: Organisation | None = None,
        role: str = Role.MEMBER,
        platform_admin: bool = False,
        with_authenticator: bool = False,
        password: str = "correct horse battery staple",  # noqa: S107
    ) -> User:
        number = next(counter)
        email = email or f"person{number}@example.org"
        user = User.objects.create_user(
            email=email,
            password=password,
            display_name=name or f"Person {number}",
            is_platform_admin=platform_admin,
            is_staff=platform_admin,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        if with_authenticator:
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
        return user

    return make


@pytest.fixture
def london(db: None) -> None:
    """The seeded councils (transactional tests flush what the data migration loaded)."""
    seed_organisations(Organisation, OrganisationDomain)


@pytest.fixture
def council_a(london: None) -> Organisation:
    return Organisation.objects.get(slug="hackney")


@pytest.fixture
def council_b(london: None) -> Organisation:
    return Organisation.objects.get(slug="greenwich")


@pytest.fixture
def people(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> dict[str, User | None]:
    """One person for each column of the role matrix."""
    return {
        "anonymous": None,
        "member_a": make_user(organisation=council_a, role=Role.MEMBER),
        "editor_a": make_user(organisation=council_a, role=Role.EDITOR),
        "admin_a": make_user(organisation=council_a, role=Role.ADMIN, with_authenticator=True),
        "member_b": make_user(organisation=council_b, role=Role.MEMBER),
        "platform_admin": make_user(platform_admin=True, with_authenticator=True),
    }


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None
