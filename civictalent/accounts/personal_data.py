"""Everything we hold about one person, as JSON files in a zip (their right of access).

One function per source. Each ``Source`` names the foreign keys to the user it covers, and
civictalent/accounts/tests/test_privacy_export.py fails when a model gains a foreign key to the
user that no source covers: add a function and a ``Source`` line here when that happens.

Secrets are never exported: no password hash, no two-factor secrets or recovery codes, no alert
link secrets, no sign-in provider tokens.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from civictalent.accounts.models import User

Rows = list[dict[str, Any]]


def email_addresses_of(user: User) -> list[str]:
    """The person's addresses in lower case: their sign-in address and every one they added."""
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return sorted(addresses)


def _rows(values: Any) -> Rows:
    """A ``.values()`` query set as plain dicts."""
    return [dict(row) for row in values]


def _address_filter(field: str, addresses: list[str]) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def account(user: User) -> dict[str, Any]:
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


def email_addresses(user: User) -> Rows:
    from allauth.account.models import EmailAddress

    return _rows(
        EmailAddress.objects.filter(user=user)
        .order_by("email")
        .values("email", "verified", "primary")
    )


def two_factor_authenticators(user: User) -> Rows:
    from allauth.mfa.models import Authenticator

    return [
        {"type": row["type"], "created_at": row["created_at"], "last_used_at": row["last_used_at"]}
        for row in Authenticator.objects.filter(user=user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    ]


def sign_in_providers(user: User) -> Rows:
    from allauth.socialaccount.models import SocialAccount

    return _rows(
        SocialAccount.objects.filter(user=user)
        .order_by("date_joined")
        .values("provider", "uid", "date_joined", "last_login", "extra_data")
    )


def memberships(user: User) -> Rows:
    from civictalent.organisations.models import Membership

    return _rows(
        Membership.objects.filter(user=user)
        .order_by("organisation__short_name")
        .values("organisation__name", "role", "created_at")
    )


def join_requests(user: User) -> Rows:
    from civictalent.organisations.models import JoinRequest

    return _rows(
        JoinRequest.objects.filter(user=user)
        .order_by("created_at")
        .values("organisation__name", "message", "status", "created_at", "decided_at")
    )


def join_requests_decided(user: User) -> Rows:
    from civictalent.organisations.models import JoinRequest

    return _rows(
        JoinRequest.objects.filter(decided_by=user)
        .order_by("decided_at")
        .values("id", "organisation__name", "status", "decided_at", "decision_note")
    )


def saved_job_searches(user: User) -> Rows:
    from civictalent.jobs.models import SavedSearch

    return _rows(
        SavedSearch.objects.filter(user=user)
        .order_by("created_at")
        .values("name", "query_string", "created_at")
    )


def job_alerts(user: User) -> Rows:
    from civictalent.alerts.models import AlertSubscription

    return _rows(
        AlertSubscription.objects.filter(_address_filter("email", email_addresses_of(user)))
        .order_by("created_at")
        .values(
            "email",
            "query_string",
            "frequency",
            "created_at",
            "verified_at",
            "last_sent_at",
            "unsubscribed_at",
        )
    )


def emails_sent_to_you(user: User) -> Rows:
    from civictalent.core.models import OutboundEmail

    return _rows(
        OutboundEmail.objects.filter(_address_filter("to", email_addresses_of(user)))
        .order_by("created_at")
        .values("to", "subject", "body_text", "status", "created_at", "sent_at")
    )


def audit_events(user: User) -> Rows:
    """What the audit log records you doing, and what it records being done to your account."""
    from civictalent.core.models import AuditEvent

    about_you = Q(target_type=User._meta.label, target_id=str(user.pk))
    return _rows(
        AuditEvent.objects.filter(Q(actor=user) | about_you)
        .order_by("created_at", "id")
        .values("created_at", "action", "target_type", "target_id", "summary", "changes")
    )


def admin_site_changes(user: User) -> Rows:
    from django.contrib.admin.models import LogEntry

    return _rows(
        LogEntry.objects.filter(user=user)
        .order_by("action_time")
        .values("action_time", "content_type__model", "object_id", "object_repr", "action_flag")
    )


def job_descriptions_created(user: User) -> Rows:
    from civictalent.jdlibrary.models import JobDescription

    return _rows(
        JobDescription.objects.filter(created_by=user)
        .order_by("created_at")
        .values("id", "title", "organisation__name", "status", "created_at")
    )


def job_description_versions(user: User) -> Rows:
    from civictalent.jdlibrary.models import JDVersion

    return _rows(
        JDVersion.objects.filter(author=user)
        .order_by("created_at")
        .values("job_description_id", "job_description__title", "number", "summary", "created_at")
    )


def job_description_suggestions(user: User) -> Rows:
    from civictalent.jdlibrary.models import JDSuggestion

    written = JDSuggestion.objects.filter(author=user).values(
        "id", "job_description__title", "text", "status", "created_at"
    )
    resolved = JDSuggestion.objects.filter(resolved_by=user).values(
        "id", "job_description__title", "status", "resolved_at", "response"
    )
    return [
        *({"you": "wrote", **row} for row in written.order_by("created_at")),
        *({"you": "resolved", **row} for row in resolved.order_by("resolved_at")),
    ]


def vacancies(user: User) -> Rows:
    """Vacancies you created, and vacancies that name you as their contact."""
    from civictalent.jobs.models import Vacancy

    fields = ("id", "title", "organisation__name", "status", "created_at")
    created = Vacancy.objects.filter(created_by=user).order_by("created_at").values(*fields)
    contact = (
        Vacancy.objects.filter(_address_filter("contact_email", email_addresses_of(user)))
        .order_by("created_at")
        .values(*fields, "contact_name", "contact_email")
    )
    return [
        *({"you": "created", **row} for row in created),
        *({"you": "are the contact", **row} for row in contact),
    ]


def vacancy_imports(user: User) -> Rows:
    from civictalent.jobs.models import VacancyImport

    return _rows(
        VacancyImport.objects.filter(started_by=user)
        .order_by("created_at")
        .values("id", "organisation__name", "source", "created_at")
    )


def pay_spines_imported(user: User) -> Rows:
    from civictalent.salaries.models import PaySpine

    return _rows(PaySpine.objects.filter(imported_by=user).values("id", "scheme__name"))


def health_check_rescores(user: User) -> Rows:
    from civictalent.healthcheck.models import RescoreRun

    return _rows(
        RescoreRun.objects.filter(requested_by=user)
        .order_by("started_at")
        .values("id", "rules_version", "started_at", "finished_at")
    )


@dataclass(frozen=True)
class Source:
    """One JSON file of the download, and the foreign keys to the user it covers."""

    filename: str
    collect: Callable[[User], Any]
    covers: tuple[str, ...] = ()  # "app_label.Model.field"


SOURCES: tuple[Source, ...] = (
    Source("account.json", account),
    Source("email_addresses.json", email_addresses, ("account.EmailAddress.user",)),
    Source(
        "two_factor_authentication.json", two_factor_authenticators, ("mfa.Authenticator.user",)
    ),
    Source("sign_in_providers.json", sign_in_providers, ("socialaccount.SocialAccount.user",)),
    Source("council_memberships.json", memberships, ("organisations.Membership.user",)),
    Source("join_requests.json", join_requests, ("organisations.JoinRequest.user",)),
    Source(
        "join_requests_you_decided.json",
        join_requests_decided,
        ("organisations.JoinRequest.decided_by",),
    ),
    Source("saved_job_searches.json", saved_job_searches, ("jobs.SavedSearch.user",)),
    Source("job_alerts.json", job_alerts),
    Source("emails_sent_to_you.json", emails_sent_to_you),
    Source("audit_log.json", audit_events, ("core.AuditEvent.actor",)),
    Source("admin_site_changes.json", admin_site_changes, ("admin.LogEntry.user",)),
    Source(
        "job_descriptions_created.json",
        job_descriptions_created,
        ("jdlibrary.JobDescription.created_by",),
    ),
    Source(
        "job_description_versions.json", job_description_versions, ("jdlibrary.JDVersion.author",)
    ),
    Source(
        "job_description_suggestions.json",
        job_description_suggestions,
        ("jdlibrary.JDSuggestion.author", "jdlibrary.JDSuggestion.resolved_by"),
    ),
    Source("vacancies.json", vacancies, ("jobs.Vacancy.created_by",)),
    Source("vacancy_imports.json", vacancy_imports, ("jobs.VacancyImport.started_by",)),
    Source("pay_spines_imported.json", pay_spines_imported, ("salaries.PaySpine.imported_by",)),
    Source(
        "health_check_rescores.json",
        health_check_rescores,
        ("healthcheck.RescoreRun.requested_by",),
    ),
)

COVERED_FOREIGN_KEYS: frozenset[str] = frozenset(key for s in SOURCES for key in s.covers)

README = """This is everything {service} holds about you, made on {made_at}.

Each .json file is one kind of data; an empty list means we hold none of that kind.
Not included, because they are secrets: your password (we only hold a one-way hash of it),
two-factor secrets and recovery codes, and the secret parts of links in alert emails.

Job descriptions, vacancies and salary figures you added belong to your council's library and
are listed by title only. Salary observations are not linked to the person who added them.
"""


def personal_data_export(user: User) -> dict[str, Any]:
    """Every source's data for ``user``, by file name."""
    return {source.filename: source.collect(user) for source in SOURCES}


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
