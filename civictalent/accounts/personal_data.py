"""What accounts hold about people, and the download that gathers every app's (their right of
access).

Each app lists what it holds in its own ``personal_data.py`` (core/privacy.py says what each list
means); ``all_sources()`` collects them. civictalent/accounts/tests/test_privacy_export.py fails
when a model gains a foreign key to a person that no source covers: add a source to the
``personal_data.py`` of the app that owns the model.

Secrets are never exported: no password hash, no two-factor secrets or recovery codes, no alert
link secrets, no sign-in provider tokens.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef

from civictalent.accounts.models import User
from civictalent.core.privacy import (
    ErasureBlocker,
    ErasureStep,
    Person,
    PersonalDataSource,
    RetentionRule,
    Rows,
    rows,
)
from civictalent.core.registry import contributions

DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}
UNVERIFIED_ACCOUNT_LIFETIME = timedelta(days=14)


def email_addresses_of(user: User) -> list[str]:
    """The person's addresses in lower case: their sign-in address and every one they added."""
    addresses = {user.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return sorted(addresses)


def person_of(user: User) -> Person:
    return Person(user=user, addresses=email_addresses_of(user), name=user.display_name)


# --- What accounts themselves hold ----------------------------------------------------------


def account(person: Person) -> dict[str, Any]:
    user = person.user
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "is_active": user.is_active,
        "is_platform_admin": user.is_platform_admin,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "password": "Held only as a one-way hash, which is not included.",
    }


def email_addresses(person: Person) -> Rows:
    return rows(
        EmailAddress.objects.filter(user=person.user)
        .order_by("email")
        .values("email", "verified", "primary")
    )


def two_factor_authenticators(person: Person) -> Rows:
    return [
        {"type": row["type"], "created_at": row["created_at"], "last_used_at": row["last_used_at"]}
        for row in Authenticator.objects.filter(user=person.user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    ]


def sign_in_providers(person: Person) -> Rows:
    return rows(
        SocialAccount.objects.filter(user=person.user)
        .order_by("date_joined")
        .values("provider", "uid", "date_joined", "last_login", "extra_data")
    )


def sessions_end(person: Person) -> int:
    """Delete every unexpired signed-in session of the person (on the database session store)."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(person.user.pk)
    ]
    Session.objects.filter(pk__in=theirs).delete()
    return len(theirs)


def last_platform_admin_reasons(user: User) -> list[str]:
    others = User.objects.filter(is_platform_admin=True, is_active=True).exclude(pk=user.pk)
    if user.is_platform_admin and not others.exists():
        return ["You are the only platform admin. Make someone else a platform admin first."]
    return []


def unverified_accounts_delete(now: datetime) -> int:
    """Delete accounts made by signing up whose owner never confirmed the address, 14 days on.

    Only accounts that have an unconfirmed address, no confirmed one, and have never signed in:
    accounts made by commands or demo data (no address rows) and people who signed in through
    their council's identity provider are left alone.
    """
    from django.db import transaction

    from civictalent.accounts.erasure import account_delete_unverified

    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    unverified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=False)
    stale = User.objects.filter(
        Exists(unverified),
        ~Exists(verified),
        last_login__isnull=True,
        is_platform_admin=False,
        is_staff=False,
        date_joined__lt=now - UNVERIFIED_ACCOUNT_LIFETIME,
    )
    deleted = 0
    for user in stale.iterator():
        with transaction.atomic():
            account_delete_unverified(user=user)
        deleted += 1
    return deleted


def expired_sessions_delete(now: datetime) -> int:
    """Delete signed-in sessions past their expiry (14 days after the last visit)."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


SOURCES = (
    PersonalDataSource("account.json", account),
    PersonalDataSource("email_addresses.json", email_addresses, ("account.EmailAddress.user",)),
    PersonalDataSource(
        "two_factor_authentication.json", two_factor_authenticators, ("mfa.Authenticator.user",)
    ),
    PersonalDataSource(
        "sign_in_providers.json", sign_in_providers, ("socialaccount.SocialAccount.user",)
    ),
)
ERASURE = (ErasureStep("sessions_ended", sessions_end),)
ERASURE_BLOCKERS = (ErasureBlocker(last_platform_admin_reasons),)
RETENTION = (
    RetentionRule("unverified_accounts", unverified_accounts_delete),
    RetentionRule("expired_sessions", expired_sessions_delete),
)


# --- Every app's, together -------------------------------------------------------------------


def all_sources() -> tuple[PersonalDataSource, ...]:
    return contributions("personal_data", "SOURCES")


def covered_foreign_keys() -> frozenset[str]:
    return frozenset(key for source in all_sources() for key in source.covers)


README = """This is everything {service} holds about you, made on {made_at}.

Each .json file is one kind of data; an empty list means we hold none of that kind.
Not included, because they are secrets: your password (we only hold a one-way hash of it),
two-factor secrets and recovery codes, and the secret parts of links in alert emails.

Job descriptions, vacancies and salary figures you added belong to your council's library and
are listed by title only. Salary observations are not linked to the person who added them.
"""


def personal_data_export(user: User) -> dict[str, Any]:
    """Every source's data for ``user``, by file name."""
    person = person_of(user)
    return {source.filename: source.collect(person) for source in all_sources()}


def personal_data_zip(user: User, *, service: str, made_at: datetime) -> bytes:
    """The zip a person downloads: one JSON file per source, and a README."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(service=service, made_at=made_at.isoformat(timespec="seconds")),
        )
        for filename, data in personal_data_export(user).items():
            archive.writestr(filename, json.dumps(data, cls=DjangoJSONEncoder, indent=2))
    return buffer.getvalue()
