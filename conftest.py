"""Fixtures shared by every test: people in each role, and the tools some tests need."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

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
