"""Demonstration people, so a visitor can tour every part as every role. Demo sites only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from civictalent.accounts.models import User
from civictalent.accounts.services import user_create_verified
from civictalent.jdlibrary.curation import exemplars_load
from civictalent.jobs.demo import demo_vacancies_load
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role
from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all
from civictalent.salaries.demo import demo_salaries_load
from civictalent.salaries.payscales import payscales_load_demo

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published on purpose, demo sites only


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    description: str
    organisation: str | None = None
    role: str | None = None
    platform_admin: bool = False
    asks_to_join: str | None = None


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "platform.admin@demo.civictalent.example",
        "Priya Shah",
        "platform admin (LOTI)",
        organisation="loti",
        role=Role.MEMBER,
        platform_admin=True,
    ),
    DemoPerson(
        "admin.hackney@demo.civictalent.example",
        "Sam Okafor",
        "council admin, Hackney",
        organisation="hackney",
        role=Role.ADMIN,
    ),
    DemoPerson(
        "editor.hackney@demo.civictalent.example",
        "Alex Chen",
        "editor, Hackney",
        organisation="hackney",
        role=Role.EDITOR,
    ),
    DemoPerson(
        "member.hackney@demo.civictalent.example",
        "Jo Williams",
        "member, Hackney",
        organisation="hackney",
        role=Role.MEMBER,
    ),
    DemoPerson(
        "admin.greenwich@demo.civictalent.example",
        "Morgan Reid",
        "council admin, Greenwich",
        organisation="greenwich",
        role=Role.ADMIN,
    ),
    DemoPerson(
        "member.greenwich@demo.civictalent.example",
        "Ravi Patel",
        "member, Greenwich",
        organisation="greenwich",
        role=Role.MEMBER,
    ),
    DemoPerson(
        "newcomer@demo.civictalent.example",
        "Dana Lewis",
        "no council yet; has asked to join Hackney",
        asks_to_join="hackney",
    ),
)


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)


def demo_load() -> DemoReport:
    """Create what is missing; leave what exists alone, so a second run changes nothing."""
    report = DemoReport()
    with transaction.atomic():
        for person in DEMO_PEOPLE:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                user = user_create_verified(
                    email=person.email,
                    password=DEMO_PASSWORD,
                    display_name=person.name,
                    is_platform_admin=person.platform_admin,
                )
                report.created.append(person.email)
            if person.organisation and person.role:
                organisation = Organisation.objects.get(slug=person.organisation)
                _, created = Membership.objects.get_or_create(
                    user=user, organisation=organisation, defaults={"role": person.role}
                )
                if created:
                    report.created.append(f"{person.name} in {organisation.short_name}")
            if person.asks_to_join:
                organisation = Organisation.objects.get(slug=person.asks_to_join)
                # Once asked (whatever was decided since), the demo never asks again.
                if not JoinRequest.objects.filter(user=user, organisation=organisation).exists():
                    JoinRequest.objects.create(
                        user=user,
                        organisation=organisation,
                        message="I lead the data team's reporting work.",
                    )
                    report.created.append(
                        f"{person.name}'s request to join {organisation.short_name}"
                    )
        pay_scales = payscales_load_demo()
        if pay_scales.spines_loaded or pay_scales.grade_maps_loaded:
            report.created.append("illustrative pay scales")
        exemplars = exemplars_load()
        if exemplars:
            report.created.append(f"{len(exemplars)} exemplar job descriptions")
        salaries = demo_salaries_load()
        if salaries:
            report.created.append(f"{salaries} demonstration salaries")
        vacancies = demo_vacancies_load()
        if vacancies:
            report.created.append(f"{vacancies} demonstration vacancies")
    if salaries:
        benchmarks_request_all()
        while benchmarks_refresh_due():
            pass
    return report
