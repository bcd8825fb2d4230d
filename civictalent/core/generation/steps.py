"""The generator steps, in order. Each step knows its target for a scale, how many of its rows
already exist (so a second run continues where the first stopped) and how to make more.

Determinism: rows are made in blocks of ``BLOCK`` items; block ``b`` of step ``s`` draws from
``Random(f"{seed}:{s}:{b}")`` and nothing else, so item ``i`` is the same however the work was
split into runs. A resumed run regenerates the partial block and keeps only the missing items.

To add a part (vacancies, alert subscriptions, ...): write a ``BatchStep`` subclass next to
these, add it to ``STEPS``, and remove its line from ``PLANNED``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.db import transaction

from civictalent.core.generation import words
from civictalent.core.generation.scales import Scale

BLOCK = 1_000
LONDON_KINDS = ("london_borough", "city_of_london")
GENERATED_TAG = "generated"  # JobDescription.source_kind and the prefix of generated keys
UNUSABLE_PASSWORD = "!generated-account-cannot-sign-in"  # noqa: S105
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Council:
    pk: int
    short_name: str
    slug: str
    zone: str
    london: bool


@dataclass(frozen=True)
class Level:
    pk: int
    name: str
    rank: int
    family: str


@dataclass
class Context:
    scale: Scale
    seed: int
    as_of: datetime.date
    inserted: dict[str, int] = field(default_factory=dict)

    @property
    def observations_added(self) -> bool:
        return bool(self.inserted.get(SalaryObservationsStep.name))

    def items(self, step: str, start: int, stop: int) -> Iterator[tuple[int, random.Random]]:
        """(index, generator) for each item from ``start`` to ``stop``; see the module doc.
        Items of a partial block before ``start`` come with index -1: draw, then skip them."""
        if stop <= start:
            return
        for block in range(start // BLOCK, (stop - 1) // BLOCK + 1):
            rng = random.Random(f"{self.seed}:{step}:{block}")  # noqa: S311
            for index in range(block * BLOCK, min((block + 1) * BLOCK, stop)):
                yield (index if index >= start else -1), rng

    @cached_property
    def councils(self) -> list[Council]:
        from civictalent.organisations.models import Organisation
        from civictalent.salaries.services import zone_of

        extra = {council.slug for council in self.generated_councils}
        chosen = [
            organisation
            for organisation in Organisation.objects.order_by("slug")
            if organisation.kind in LONDON_KINDS or organisation.slug in extra
        ]
        return [
            Council(c.pk, c.short_name, c.slug, zone_of(c), c.kind in LONDON_KINDS) for c in chosen
        ]

    @cached_property
    def generated_councils(self) -> list[words.GeneratedCouncil]:
        return words.councils(random.Random(f"{self.seed}:councils"), self.scale.extra_councils)  # noqa: S311

    @cached_property
    def levels(self) -> list[Level]:
        from civictalent.framework.models import RoleLevel

        return [
            Level(level.pk, level.name, level.rank, level.role.family.name)
            for level in RoleLevel.objects.filter(framework__is_default=True, is_current=True)
            .select_related("role__family")
            .order_by("slug")
        ]

    @cached_property
    def members_by_council(self) -> dict[int, list[int]]:
        from civictalent.organisations.models import Membership

        result: dict[int, list[int]] = {}
        for organisation_id, user_id in (
            Membership.objects.filter(user__email__startswith=f"{GENERATED_TAG}.")
            .order_by("user__email")
            .values_list("organisation_id", "user_id")
        ):
            result.setdefault(organisation_id, []).append(user_id)
        return result

    def moment(self, rng: random.Random, *, days_back: int) -> datetime.datetime:
        day = self.as_of - datetime.timedelta(days=rng.randint(0, days_back))
        return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)


class Step:
    name: str = ""
    description: str = ""

    def target(self, scale: Scale) -> int:
        raise NotImplementedError

    def existing(self, context: Context) -> int:
        raise NotImplementedError

    def run(self, context: Context, progress: Progress) -> int:
        """Make what is missing; return how many rows were added."""
        raise NotImplementedError


class BatchStep(Step):
    """A step that inserts ``target - existing`` items in atomic batches."""

    batch_size = 2_000

    def make(self, context: Context, start: int, stop: int) -> int:
        raise NotImplementedError

    def run(self, context: Context, progress: Progress) -> int:
        total = self.target(context.scale)
        done = self.existing(context)
        added = 0
        progress(min(done, total), total, "")
        while done < total:
            stop = min(done + self.batch_size, total)
            with transaction.atomic():
                self.make(context, done, stop)
            added += stop - done
            done = stop
            progress(done, total, "")
        return added


class FrameworkStep(Step):
    name = "framework"
    description = "the DDaT framework from the shared datasets when they are there"

    def target(self, scale: Scale) -> int:
        return 1

    @staticmethod
    def ddat_files() -> Path | None:
        folder = Path(settings.BASE_DIR).parent / "shared" / "datasets" / "ddat"
        return folder if (folder / "roles.csv").exists() else None

    def existing(self, context: Context) -> int:
        from civictalent.framework.models import Framework

        defaults = Framework.objects.filter(is_default=True)
        if self.ddat_files() is not None:
            # The migration loads the small starter framework; DDaT replaces it when we can.
            defaults = defaults.exclude(slug="starter")
        return int(defaults.exists())

    def run(self, context: Context, progress: Progress) -> int:
        from civictalent.framework.services import framework_import_ddat, framework_load_starter

        if self.existing(context):
            progress(1, 1, "")
            return 0
        ddat = self.ddat_files()
        if ddat is not None:
            framework_import_ddat(roles_path=ddat / "roles.csv", skills_path=ddat / "skills.csv")
        else:
            framework_load_starter()
        context.__dict__.pop("levels", None)
        progress(1, 1, "")
        return 1


class CouncilsStep(Step):
    name = "councils"
    description = "the 33 London authorities (seeded) and fictional councils elsewhere"

    def target(self, scale: Scale) -> int:
        return scale.extra_councils

    def existing(self, context: Context) -> int:
        from civictalent.organisations.models import Organisation

        slugs = [council.slug for council in context.generated_councils]
        return Organisation.objects.filter(slug__in=slugs).count()

    def run(self, context: Context, progress: Progress) -> int:
        from civictalent.organisations.london import seed_organisations
        from civictalent.organisations.models import Organisation, OrganisationDomain

        seed_organisations(Organisation, OrganisationDomain)
        present = set(
            Organisation.objects.filter(
                slug__in=[council.slug for council in context.generated_councils]
            ).values_list("slug", flat=True)
        )
        missing = [c for c in context.generated_councils if c.slug not in present]
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=council.name,
                    short_name=council.short_name,
                    slug=council.slug,
                    kind="local_authority",
                    gss_code=council.gss_code,
                    website=f"https://{council.slug}.example",
                )
                for council in missing
            ]
        )
        context.__dict__.pop("councils", None)
        progress(self.target(context.scale), self.target(context.scale), "")
        return len(missing)


class UsersStep(BatchStep):
    name = "users"
    description = "people with council memberships (one admin in 50, one editor in 10)"

    def target(self, scale: Scale) -> int:
        return scale.users

    def existing(self, context: Context) -> int:
        from civictalent.accounts.models import User

        return User.objects.filter(email__startswith=f"{GENERATED_TAG}.").count()

    def make(self, context: Context, start: int, stop: int) -> int:
        from allauth.account.models import EmailAddress

        from civictalent.accounts.models import User
        from civictalent.organisations.models import Membership

        people, councils = [], []
        for index, rng in context.items(self.name, start, stop):
            council = context.councils[rng.randrange(len(context.councils))]
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            if index < 0:
                continue
            people.append(
                User(
                    email=f"{GENERATED_TAG}.{index:07d}@{council.slug}.example",
                    display_name=f"{first} {last}",
                    password=UNUSABLE_PASSWORD,
                    date_joined=context.moment(rng, days_back=1500),
                )
            )
            councils.append(council.pk)
        created = User.objects.bulk_create(people)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, organisation_id=council, role=_role_for(user.email))
                for user, council in zip(created, councils, strict=True)
            ]
        )
        context.__dict__.pop("members_by_council", None)
        return len(created)


def _role_for(email: str) -> str:
    number = int(email.split("@")[0].rsplit(".", 1)[1])
    return "admin" if number % 50 == 0 else "editor" if number % 10 == 0 else "member"


FIRST_NAMES = ("Amina", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hassan", "Isla", "Jon")
LAST_NAMES = ("Patel", "Smith", "Okafor", "Nowak", "Jones", "Khan", "Murphy", "Chen", "Ali")


class JobDescriptionsStep(BatchStep):
    name = "job-descriptions"
    description = "JDs with sections, a first version and a search document (92% published)"
    batch_size = 1_000

    def target(self, scale: Scale) -> int:
        return scale.job_descriptions

    def existing(self, context: Context) -> int:
        from civictalent.jdlibrary.models import JobDescription

        return JobDescription.objects.filter(source_kind=GENERATED_TAG).count()

    def make(self, context: Context, start: int, stop: int) -> int:
        from civictalent.core.models import SearchDocument
        from civictalent.jdlibrary.models import JDSection, JDVersion, JobDescription

        if not context.levels:
            raise RuntimeError("No role levels: the framework step must run first.")
        jds, contents = [], []
        for index, rng in context.items(self.name, start, stop):
            council = context.councils[rng.randrange(len(context.councils))]
            level = context.levels[rng.randrange(len(context.levels))]
            pay = words.pay(rng, rank=level.rank, london=council.london)
            sections = words.jd_sections(
                rng, title=level.name, family=level.family, council=council.short_name
            )
            published = rng.random() < 0.92
            shared = published and rng.random() < 0.85
            exemplar = shared and rng.random() < 0.01
            when = context.moment(rng, days_back=1095)
            contract = rng.choice(words.CONTRACTS)
            pattern = rng.choice(words.PATTERNS)
            members = context.members_by_council.get(council.pk, [])
            author = members[rng.randrange(len(members))] if members else None
            if index < 0:
                continue
            jds.append(
                JobDescription(
                    organisation_id=council.pk,
                    title=level.name,
                    role_level_id=level.pk,
                    grade=pay.grade,
                    pay_text=pay.text,
                    annual_min_pence=pay.annual_min_pence,
                    annual_max_pence=pay.annual_max_pence,
                    contract=contract,
                    working_pattern=pattern,
                    location=council.short_name,
                    status="published" if published else "draft",
                    visibility="members" if shared else "council",
                    licence="ogl-3.0" if shared else "",
                    sharing_consent_at=when if shared else None,
                    is_exemplar=exemplar,
                    exemplar_reason="Clear, inclusive and specific." if exemplar else "",
                    source_kind=GENERATED_TAG,
                    source_filename=f"{GENERATED_TAG}-{index}",
                    word_count=sum(len(text.split()) for _, _, text in sections),
                    created_by_id=author,
                    published_at=when if published else None,
                )
            )
            contents.append(sections)
        created = JobDescription.objects.bulk_create(jds)
        section_rows, versions, documents = [], [], []
        for jd, sections in zip(created, contents, strict=True):
            section_rows += [
                JDSection(job_description_id=jd.pk, position=n, kind=k, heading=h, text=t)
                for n, (k, h, t) in enumerate(sections, start=1)
            ]
            versions.append(
                JDVersion(
                    job_description_id=jd.pk,
                    number=1,
                    author_id=jd.created_by_id,
                    summary="Created",
                    snapshot={
                        "title": jd.title,
                        "grade": jd.grade,
                        "pay_text": jd.pay_text,
                        "contract": jd.contract,
                        "sections": [{"kind": k, "heading": h, "text": t} for k, h, t in sections],
                    },
                )
            )
            body = "\n".join(
                [jd.title, jd.grade, jd.pay_text, *(h + "\n" + t for _, h, t in sections)]
            )
            documents.append(SearchDocument(kind="jd", object_id=jd.pk, body=body))
        JDSection.objects.bulk_create(section_rows)
        JDVersion.objects.bulk_create(versions)
        SearchDocument.objects.bulk_create(documents)
        return len(created)


class SalaryObservationsStep(BatchStep):
    name = "salary-observations"
    description = "salaries seen over ten years, by role level and council"
    batch_size = 20_000

    def target(self, scale: Scale) -> int:
        return scale.salary_observations

    def existing(self, context: Context) -> int:
        from civictalent.salaries.models import SalaryObservation

        return SalaryObservation.objects.filter(
            source="import", source_ref__startswith=f"{GENERATED_TAG}-"
        ).count()

    def make(self, context: Context, start: int, stop: int) -> int:
        from civictalent.salaries.models import SalaryObservation

        rows = []
        for index, rng in context.items(self.name, start, stop):
            level = context.levels[rng.randrange(len(context.levels))]
            council = context.councils[rng.randrange(len(context.councils))]
            london = 1.12 if council.london else 1.0
            low = int((26_000 + level.rank * 6_500) * london * rng.uniform(0.85, 1.15)) * 100
            high = low + rng.randint(2_000, 8_000) * 100
            observed = context.as_of - datetime.timedelta(days=rng.randint(0, 3650))
            if index < 0:
                continue
            rows.append(
                SalaryObservation(
                    role_level_id=level.pk,
                    organisation_id=council.pk,
                    zone=council.zone,
                    annual_min_pence=low,
                    annual_max_pence=high,
                    observed_on=observed,
                    source="import",
                    source_ref=f"{GENERATED_TAG}-{index}",
                    pay_text=f"£{low // 100:,} - £{high // 100:,}",
                )
            )
        SalaryObservation.objects.bulk_create(rows)
        return len(rows)


class SalaryBenchmarksStep(Step):
    name = "salary-benchmarks"
    description = "precomputed benchmark cells for every role level, role and family"

    def target(self, scale: Scale) -> int:
        return 1

    def existing(self, context: Context) -> int:
        from civictalent.salaries.models import BenchmarkCell, BenchmarkRefresh

        queued = BenchmarkRefresh.objects.exists()
        return int(BenchmarkCell.objects.exists() and not queued and not context.observations_added)

    def run(self, context: Context, progress: Progress) -> int:
        from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all
        from civictalent.salaries.models import BenchmarkRefresh

        if self.existing(context):
            progress(1, 1, "")
            return 0
        if context.observations_added or not BenchmarkRefresh.objects.exists():
            benchmarks_request_all()
        total = BenchmarkRefresh.objects.count()
        done = 0
        while refreshed := benchmarks_refresh_due(limit=20):
            done += refreshed
            progress(done, total, "")
        return done


class VacanciesStep(BatchStep):
    """The rows are made in civictalent/jobs/generation.py (imported when run, since it
    builds on this module)."""

    name = "vacancies"
    description = "ten years of vacancies, 5% of them open now, the open ones searchable"
    batch_size = 5_000

    def target(self, scale: Scale) -> int:
        from civictalent.jobs.generation import planned_total

        return planned_total(scale)

    def existing(self, context: Context) -> int:
        from civictalent.jobs.generation import vacancies_existing

        return vacancies_existing()

    def make(self, context: Context, start: int, stop: int) -> int:
        from civictalent.jobs.generation import vacancies_make

        return vacancies_make(context, start, stop)


class AlertSubscriptionsStep(BatchStep):
    """The rows are made in civictalent/alerts/generation.py (imported when run)."""

    name = "alert-subscriptions"
    description = "job alerts on shared searches (80% weekly, 90% confirmed)"
    batch_size = 5_000

    def target(self, scale: Scale) -> int:
        from civictalent.alerts.generation import planned_total

        return planned_total(scale)

    def existing(self, context: Context) -> int:
        from civictalent.alerts.generation import subscriptions_existing

        return subscriptions_existing()

    def make(self, context: Context, start: int, stop: int) -> int:
        from civictalent.alerts.generation import subscriptions_make

        return subscriptions_make(context, start, stop)


@dataclass(frozen=True)
class PlannedStep:
    """A part of the issue's data whose models do not exist yet: listed, not generated."""

    name: str
    waits_for: str

    def target(self, scale: Scale) -> int:
        return scale.planned.get(self.name.replace("-", "_"), 0)


STEPS: list[Step] = [
    FrameworkStep(),
    CouncilsStep(),
    UsersStep(),
    JobDescriptionsStep(),
    SalaryObservationsStep(),
    SalaryBenchmarksStep(),
    VacanciesStep(),
    AlertSubscriptionsStep(),
]

PLANNED: list[PlannedStep] = [
    PlannedStep("profiles", "the exchange app (Profile and skills)"),
    PlannedStep("events", "the learning app (Event)"),
    PlannedStep("assessments", "the maturity app (Assessment)"),
]
