"""Demonstration vacancies, so a visitor can search the board and subscribe to alerts. Our own
words; demo sites only. Each is made through the services, like a council editor would."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.jdlibrary.demo_roles import DEMO_ROLES
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.models import ApprovalRoute, CouncilJobsSettings, Vacancy, VacancyStatus
from civictalent.jobs.services import vacancy_create, vacancy_publish, vacancy_submit
from civictalent.organisations.models import Organisation
from civictalent.organisations.selectors import council_admins, council_editors

DEMO_REFERENCE_PREFIX = "DEMO-"


@dataclass(frozen=True)
class DemoVacancy:
    reference: str
    council: str
    title: str
    summary: str
    description: str
    annual_min: int
    annual_max: int
    contract: str
    working_pattern: str
    workplace: str
    closes_in_days: int
    status: str = VacancyStatus.PUBLISHED
    # Published by the council's own admin (a council that approves its own adverts), so
    # LOTI's spot-check list has something in it; otherwise by the platform (an import).
    by_council: bool = False


DEMO_VACANCIES: tuple[DemoVacancy, ...] = (
    DemoVacancy(
        "DEMO-1",
        "hackney",
        "Senior data analyst",
        "Turn housing repairs data into decisions that get homes fixed sooner.",
        "You will work with the repairs service to find where jobs get stuck, build dashboards "
        "that staff trust, and explain what the numbers mean to people who are not analysts.",
        45_000,
        52_000,
        "permanent",
        "full_time",
        "hybrid",
        21,
    ),
    DemoVacancy(
        "DEMO-2",
        "hackney",
        "User researcher",
        "Find out what residents need from the council's online services and help teams act.",
        "You will plan and run research with residents, including people who find digital "
        "services hard to use, and share what you learn so teams change what they build.",
        42_000,
        48_000,
        "fixed term",
        "full_time",
        "hybrid",
        6,
    ),
    DemoVacancy(
        "DEMO-3",
        "greenwich",
        "Data engineer",
        "Build the pipelines that bring social care and education data together safely.",
        "You will design and run reliable data pipelines, look after data quality, and work "
        "with analysts and information governance colleagues to keep personal data safe.",
        50_000,
        58_000,
        "permanent",
        "full_time",
        "remote",
        28,
    ),
    DemoVacancy(
        "DEMO-4",
        "camden",
        "Delivery manager",
        "Help a multidisciplinary team ship a better parking permits service.",
        "You will remove blockers, keep the team's work visible, and make sure the service "
        "meets the standards residents expect.",
        48_000,
        55_000,
        "permanent",
        "part_time",
        "on_site",
        10,
    ),
    DemoVacancy(
        "DEMO-5",
        "greenwich",
        "Junior data analyst",
        "Start a data career answering questions about the borough's services.",
        "You will clean and analyse data, build simple reports and learn from experienced "
        "analysts, with time set aside for training.",
        30_000,
        34_000,
        "apprenticeship",
        "full_time",
        "hybrid",
        35,
        by_council=True,
    ),
    DemoVacancy(
        "DEMO-6",
        "hackney",
        "Product manager",
        "Own the roadmap for the council's resident account.",
        "You will decide what the team builds next from evidence, work with service owners "
        "and measure whether changes help residents.",
        55_000,
        62_000,
        "permanent",
        "full_time",
        "hybrid",
        30,
        VacancyStatus.SUBMITTED,
    ),
)


WORKPLACES = ("hybrid", "hybrid", "remote", "on_site")


def library_vacancies() -> tuple[DemoVacancy, ...]:
    """An open vacancy for each demo library role marked as advertised, built from its data."""
    return tuple(
        DemoVacancy(
            f"{DEMO_REFERENCE_PREFIX}{role.reference}",
            role.council,
            role.title,
            role.purpose.split(". ")[0].rstrip(".") + ".",
            "In this role you will:\n\n"
            + "\n".join(f"- {duty}" for duty in role.duties)
            + "\n\nWhat you will bring:\n\n"
            + "\n".join(f"- {criterion}" for criterion in role.essentials),
            role.pay[0],
            role.pay[1],
            "permanent",
            "full_time",
            WORKPLACES[number % len(WORKPLACES)],
            7 + (number * 5) % 40,
        )
        for number, role in enumerate(role for role in DEMO_ROLES if role.advertised)
    )


def _council_publisher(demo: DemoVacancy, organisation: Organisation) -> User | None:
    """For a vacancy the council publishes itself: the council approves its own adverts (demo
    data, written directly) and its first admin publishes it. None: the platform publishes."""
    if not demo.by_council:
        return None
    admins = council_admins(organisation.pk)
    if not admins:
        return None
    CouncilJobsSettings.objects.update_or_create(
        organisation=organisation, defaults={"approval_route": ApprovalRoute.COUNCIL}
    )
    return admins[0]


def demo_vacancies_load(*, now: datetime.datetime | None = None) -> int:
    """Create the demo vacancies that are missing; returns how many were created."""
    now = now or timezone.now()
    existing = set(
        Vacancy.objects.filter(external_reference__startswith=DEMO_REFERENCE_PREFIX).values_list(
            "external_reference", flat=True
        )
    )
    created = 0
    for demo in (*DEMO_VACANCIES, *library_vacancies()):
        if demo.reference in existing:
            continue
        organisation = Organisation.objects.filter(slug=demo.council).first()
        if organisation is None:
            continue
        vacancy = vacancy_create(
            organisation=organisation,
            author=None,
            external_reference=demo.reference,
            fields=VacancyFields(
                title=demo.title,
                summary=demo.summary,
                description=demo.description,
                annual_min=Decimal(demo.annual_min),
                annual_max=Decimal(demo.annual_max),
                hours_per_week=Decimal("36") if demo.working_pattern == "full_time" else None,
                contract=demo.contract,
                working_pattern=demo.working_pattern,
                workplace=demo.workplace,
                hybrid_pattern="Two days a week in the office"
                if demo.workplace == "hybrid"
                else "",
                location=organisation.short_name,
                closes_at=(now + datetime.timedelta(days=demo.closes_in_days)).replace(
                    hour=23, minute=59, second=0, microsecond=0
                ),
                apply_url=f"https://jobs.example.org/{organisation.slug}/{demo.reference.lower()}",
                contact_name="Recruitment team",
                contact_email=f"recruitment@{organisation.slug}.example.org",
            ),
        )
        if demo.status == VacancyStatus.PUBLISHED:
            vacancy_publish(vacancy=vacancy, actor=_council_publisher(demo, organisation))
        elif demo.status == VacancyStatus.SUBMITTED:
            editors = council_editors(organisation.pk)
            if editors:
                vacancy_submit(vacancy=vacancy, author=editors[0])
        created += 1
    return created
