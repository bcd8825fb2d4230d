"""Importing a council's vacancies from a file or its feed, and fetching feeds safely.

``vacancies_import`` matches rows to vacancies by the council's own reference: a new reference
is created, a changed one updated, an unchanged one left alone, and (for a file or feed that
lists all the council's open vacancies) a published imported vacancy whose reference is missing
is closed as withdrawn. Every row runs in its own savepoint: a bad row is reported with its
number, reference and reason, and the others import. Writing goes through jobs.services, so
checking, sanitising, pay, role mapping, the health score and search indexing happen there.

Feeds: only the URL a platform admin set in the council's jobs settings is fetched, over https,
from a public address, with a timeout and a size limit (see jobs/feed_download.py).
See docs/vacancy-import-schema.md.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.money import pence_from_pounds
from civictalent.core.richtext import markdown_from_input
from civictalent.core.vocabularies import Workplace
from civictalent.framework.models import RoleLevel
from civictalent.jobs import services
from civictalent.jobs.feed_download import FeedError, FeedLimits, FetchedFeed, feed_download
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.imports import ImportRejected, ParsedFile, ParsedRow, parse_vacancies
from civictalent.jobs.models import (
    CouncilJobsSettings,
    FeedFormat,
    ImportSource,
    Vacancy,
    VacancyImport,
    VacancyOrigin,
    VacancyStatus,
)
from civictalent.jobs.pay import range_text
from civictalent.organisations.models import Organisation

logger = logging.getLogger(__name__)

__all__ = [
    "feed_import",
    "feeds_fetch_enabled",
    "vacancies_import",
]

# Outcomes of a row in VacancyImport.rows.
CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
CLOSED = "closed"
ERROR = "error"
NOTE = "note"

# The services' field names, as the import schema calls them.
COLUMN_OF = {
    "annual_min": "salary_min",
    "annual_max": "salary_max",
    "pay_text": "pay",
    "grade": "pay",
    "hours_per_week": "hours",
    "closes_at": "closing_date",
    "role_level_id": "role_level",
}
TEXT_FIELDS = (
    "title",
    "pay_text",
    "grade",
    "hybrid_pattern",
    "location",
    "postcode",
    "apply_url",
    "contact_name",
    "contact_email",
)
LOOKUP_CHUNK = 500


@dataclass
class _Run:
    """What one import has done so far."""

    organisation: Organisation
    started_by: User | None
    publish: bool
    publisher: User | None
    role_levels: dict[str, int]
    now: datetime.datetime
    rows: list[dict[str, Any]]
    counts: dict[str, int]

    def record(self, outcome: str, entry: dict[str, Any]) -> None:
        self.rows.append({**entry, "outcome": outcome})
        if outcome in self.counts:
            self.counts[outcome] += 1


def vacancies_import(
    *,
    organisation: Organisation,
    data: bytes,
    file_format: str,
    source: str,
    started_by: User | None = None,
    filename: str = "",
    lists_all: bool = False,
    publish: bool | None = None,
) -> VacancyImport:
    """Import a council's vacancies; the run and its per-row report are saved as a
    VacancyImport. ValidationError (nothing saved) when the file as a whole cannot be read.

    Valid rows are published when the import is trusted: a feed a platform admin set up, the
    command line (``started_by`` None), a platform admin's upload, or an upload by someone who
    approves the council's adverts (an admin or named publisher of a council that approves its
    own). Otherwise they are sent for approval. ``publish`` overrides that choice."""
    if source not in ImportSource.values:
        raise ValueError(f"{source!r} is not an import source.")
    if started_by is not None and not started_by.has_perm("jobs.import_vacancies", organisation):
        raise PermissionDenied(f"You cannot import vacancies for {organisation.short_name}.")
    try:
        parsed = parse_vacancies(data, file_format)
    except ImportRejected as rejected:
        raise ValidationError(rejected.message) from None
    if publish is None:
        publish = _trusted(organisation=organisation, source=source, started_by=started_by)
    publisher = started_by if started_by is not None and not started_by.is_platform_admin else None
    run = _Run(
        organisation=organisation,
        started_by=started_by,
        publish=publish,
        publisher=publisher,
        role_levels=_role_levels(row.role_level for row in parsed.rows),
        now=timezone.now(),
        rows=[],
        counts=dict.fromkeys((CREATED, UPDATED, UNCHANGED, CLOSED, ERROR), 0),
    )
    with transaction.atomic():
        existing = _existing(organisation, [row.reference for row in parsed.rows if row.reference])
        if parsed.ignored_columns:
            run.record(
                NOTE,
                {
                    "row": None,
                    "reference": "",
                    "title": "",
                    "messages": [
                        "We ignored columns that are not in the schema: "
                        + ", ".join(parsed.ignored_columns)
                        + "."
                    ],
                },
            )
        for row in parsed.rows:
            _import_row(run, row, existing.get(row.reference))
        if lists_all:
            _withdraw_missing(run, parsed)
        report = VacancyImport.objects.create(
            organisation=organisation,
            started_by=started_by,
            source=source,
            file_format=parsed.file_format,
            filename=filename[:200],
            created_count=run.counts[CREATED],
            updated_count=run.counts[UPDATED],
            unchanged_count=run.counts[UNCHANGED],
            closed_count=run.counts[CLOSED],
            error_count=run.counts[ERROR],
            rows=run.rows,
        )
        audit_record(
            actor=started_by,
            action="vacancy.imported",
            target=report,
            organisation=organisation,
            summary=f"{started_by.email if started_by else 'An import'} imported vacancies for "
            f"{organisation.short_name}: {_counts_text(run.counts)}",
            changes={"source": source, "file_format": parsed.file_format, **run.counts},
        )
    return report


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{number} {outcome}" for outcome, number in counts.items())


def _trusted(*, organisation: Organisation, source: str, started_by: User | None) -> bool:
    if source == ImportSource.FEED or started_by is None or started_by.is_platform_admin:
        return True
    # The publish rule reads the vacancy's council: ask about one of this council's.
    return started_by.has_perm("jobs.publish_vacancy", Vacancy(organisation=organisation))


def _role_levels(slugs: Iterable[str]) -> dict[str, int]:
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return {}
    return dict(
        RoleLevel.objects.filter(framework__is_default=True, slug__in=wanted).values_list(
            "slug", "pk"
        )
    )


def _existing(organisation: Organisation, references: list[str]) -> dict[str, Vacancy]:
    found: dict[str, Vacancy] = {}
    for start in range(0, len(references), LOOKUP_CHUNK):
        chunk = references[start : start + LOOKUP_CHUNK]
        for vacancy in Vacancy.objects.filter(
            organisation=organisation, external_reference__in=chunk
        ).select_related("organisation", "created_by"):
            found[vacancy.external_reference] = vacancy
    return found


def _entry(row: ParsedRow, messages: list[str] | None = None) -> dict[str, Any]:
    return {
        "row": row.number,
        "reference": row.reference,
        "title": row.title,
        "messages": messages or [],
    }


def _import_row(run: _Run, row: ParsedRow, existing: Vacancy | None) -> None:
    if not row.ok or row.fields is None:
        run.record(ERROR, _entry(row, list(row.errors)))
        return
    try:
        fields = _complete(run, row, row.fields)
        with transaction.atomic():
            outcome, vacancy = _write(run, row, fields, existing)
    except ValidationError as error:
        run.record(ERROR, _entry(row, _messages(error)))
        return
    except PermissionDenied as error:
        run.record(ERROR, _entry(row, [str(error)]))
        return
    run.record(outcome, {**_entry(row), "vacancy": vacancy.pk, "status": vacancy.status})


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{COLUMN_OF.get(name, name)}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def _complete(run: _Run, row: ParsedRow, fields: VacancyFields) -> VacancyFields:
    """The row's fields with what needs the database: the role level, and pay in pounds."""
    role_level_id = None
    if row.role_level:
        role_level_id = run.role_levels.get(row.role_level)
        if role_level_id is None:
            raise ValidationError(
                {
                    "role_level_id": [
                        f"{row.role_level!r} is not a role level in the capability framework. "
                        "Use a slug from the framework pages, or leave it blank and we map "
                        "the title."
                    ]
                }
            )
    annual_min, annual_max, grade = fields.annual_min, fields.annual_max, ""
    if annual_min is None and fields.pay_text:
        annual_min, annual_max, grade = _pay_from_text(fields.pay_text)
    pay_text = fields.pay_text
    if not pay_text and annual_min is not None:
        # What the services would write, so an unchanged row compares equal.
        pay_text = range_text(pence_from_pounds(annual_min), pence_from_pounds(annual_max))
    return replace(
        fields,
        role_level_id=role_level_id,
        annual_min=annual_min,
        annual_max=annual_max,
        grade=grade,
        pay_text=pay_text,
    )


def _pay_from_text(text: str) -> tuple[Decimal | None, Decimal | None, str]:
    """Pounds a year from pay as advertised, or the grade it names; ValidationError if neither."""
    from civictalent.salaries.parsing import parse_salary
    from civictalent.salaries.services import advertised_range

    parsed = parse_salary(text)
    chosen = advertised_range(parsed)
    if chosen is not None and chosen.annual_min is not None:
        cent = Decimal("0.01")
        low = chosen.annual_min.quantize(cent)
        high = None if chosen.annual_max is None else chosen.annual_max.quantize(cent)
        return low, high, ""
    if parsed.grades:
        return None, None, parsed.grades[0][:40]
    raise ValidationError(
        {
            "pay_text": [
                f"We could not read an annual salary or a grade in {text[:80]!r}. Give "
                "salary_min and salary_max in pounds a year, or pay like '£40,000 - £45,000' "
                "or a grade like PO4."
            ]
        }
    )


def _write(
    run: _Run, row: ParsedRow, fields: VacancyFields, existing: Vacancy | None
) -> tuple[str, Vacancy]:
    closing_passed = fields.closes_at is not None and fields.closes_at <= run.now
    if existing is None:
        if closing_passed:
            raise ValidationError(
                {"closes_at": [_passed(fields.closes_at) + " We only import open vacancies."]}
            )
        vacancy = services.vacancy_create(
            organisation=run.organisation,
            author=run.started_by,
            fields=fields,
            origin=VacancyOrigin.IMPORT,
            external_reference=row.reference,
        )
        return CREATED, _send_on(run, vacancy)

    status = existing.status
    if closing_passed:
        if status == VacancyStatus.PUBLISHED:
            closed = services.vacancy_close(
                vacancy=existing,
                actor=run.started_by,
                reason="its closing date in the council's import has passed",
            )
            return CLOSED, closed
        if status in {VacancyStatus.CLOSED, VacancyStatus.ARCHIVED}:
            return UNCHANGED, existing
        raise ValidationError(
            {"closes_at": [_passed(fields.closes_at) + " The vacancy was not changed."]}
        )
    if status in {VacancyStatus.CLOSED, VacancyStatus.ARCHIVED}:
        raise ValidationError(
            f"The vacancy with this reference has {status} on Civic Talent. To advertise it "
            "again, give it a new reference."
        )
    current = services.fields_of(existing)
    if fields.grade and fields.annual_min is None:
        # Pay given as a grade: compare the grade, not the pounds the pay scales gave.
        current = replace(current, annual_min=None, annual_max=None)
    if fields.role_level_id is None:
        # No role level in the file: keep the one a person chose (or map the title again).
        fields = replace(fields, role_level_id=current.role_level_id)
    if _comparable(fields) == _comparable(current):
        return UNCHANGED, existing
    vacancy = services.vacancy_update(vacancy=existing, author=run.started_by, fields=fields)
    if vacancy.status in {VacancyStatus.DRAFT, VacancyStatus.REJECTED}:
        vacancy = _send_on(run, vacancy)
    return UPDATED, vacancy


def _passed(moment: datetime.datetime | None) -> str:
    assert moment is not None
    return f"The closing date {timezone.localtime(moment):%-d %B %Y at %H:%M} has passed."


def _send_on(run: _Run, vacancy: Vacancy) -> Vacancy:
    """Publish a trusted import's vacancy; send anyone else's for approval."""
    if run.publish:
        return services.vacancy_publish(vacancy=vacancy, actor=run.publisher)
    assert run.started_by is not None
    return services.vacancy_submit(vacancy=vacancy, author=run.started_by).vacancy


def _comparable(fields: VacancyFields) -> VacancyFields:
    """The fields as the services store them, so equal rows compare equal."""
    text: dict[str, Any] = {
        name: " ".join(str(getattr(fields, name) or "").split()) for name in TEXT_FIELDS
    }
    text["postcode"] = text["postcode"].upper()
    if fields.workplace != Workplace.HYBRID:
        text["hybrid_pattern"] = ""
    return replace(
        fields,
        summary=fields.summary.replace("\r\n", "\n").strip(),
        description=markdown_from_input(fields.description),
        **text,
    )


def _withdraw_missing(run: _Run, parsed: ParsedFile) -> None:
    """Close the council's published imported vacancies the full list no longer mentions."""
    if not parsed.references:
        return
    published = Vacancy.objects.filter(
        organisation=run.organisation, origin=VacancyOrigin.IMPORT, status=VacancyStatus.PUBLISHED
    ).exclude(external_reference="")
    for vacancy in published.select_related("organisation", "created_by").order_by("pk"):
        if vacancy.external_reference in parsed.references:
            continue
        entry = {"row": None, "reference": vacancy.external_reference, "title": vacancy.title}
        try:
            with transaction.atomic():
                closed = services.vacancy_close(
                    vacancy=vacancy,
                    actor=run.started_by,
                    reason="withdrawn: it is no longer in the council's list of open vacancies",
                )
        except ValidationError as error:
            run.record(ERROR, {**entry, "messages": _messages(error)})
            continue
        run.record(
            CLOSED,
            {
                **entry,
                "vacancy": closed.pk,
                "status": closed.status,
                "messages": ["Withdrawn: not in this full list of open vacancies, so closed."],
            },
        )


# --------------------------------------------------------------------------------------------
# Feeds


def council_jobs_settings_update(
    *,
    organisation: Organisation,
    actor: User,
    feed_url: str,
    feed_format: str,
    feed_enabled: bool,
) -> CouncilJobsSettings:
    """The council's feed: the address we fetch, its format ("" to work it out) and whether to
    import it every hour. Only platform admins change these; the audit log records what changed.
    How the council's adverts are approved is set apart (services/approval.py)."""
    if not actor.has_perm("jobs.manage_settings", organisation):
        raise PermissionDenied("Only platform admins change a council's jobs settings.")
    if feed_enabled and not feed_url:
        raise ValidationError(
            {"feed_url": ["Enter the feed address, or untick importing the feed."]}
        )
    chosen = {
        "feed_url": feed_url,
        "feed_format": feed_format,
        "feed_enabled": feed_enabled,
    }
    with transaction.atomic():
        jobs_settings, _ = CouncilJobsSettings.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        changes = {
            name: [getattr(jobs_settings, name), value]
            for name, value in chosen.items()
            if getattr(jobs_settings, name) != value
        }
        for name, value in chosen.items():
            setattr(jobs_settings, name, value)
        jobs_settings.full_clean()
        jobs_settings.save()
        if changes:
            audit_record(
                actor=actor,
                action="jobs_settings.updated",
                target=jobs_settings,
                organisation=organisation,
                summary=f"{actor.email} changed {', '.join(changes)} of the jobs settings of "
                f"{organisation.short_name}",
                changes=changes,
            )
    return jobs_settings


def feed_import(*, organisation: Organisation, limits: FeedLimits | None = None) -> VacancyImport:
    """Fetch the council's feed and import it as its full list of open vacancies. The time and
    any error are recorded on its jobs settings; ValidationError says what went wrong."""
    jobs_settings = CouncilJobsSettings.objects.filter(organisation=organisation).first()
    if jobs_settings is None or not jobs_settings.feed_url:
        raise ValidationError(f"{organisation.short_name} has no feed address set.")
    now = timezone.now()
    try:
        fetched = feed_download(jobs_settings.feed_url, limits=limits)
        file_format = jobs_settings.feed_format or _format_of(fetched)
        report = vacancies_import(
            organisation=organisation,
            data=fetched.data,
            file_format=file_format,
            source=ImportSource.FEED,
            filename=fetched.url,
            lists_all=True,
        )
    except (FeedError, ValidationError) as error:
        message = error.message if isinstance(error, FeedError) else " ".join(error.messages)
        _feed_record(jobs_settings, now, message)
        raise ValidationError(message) from None
    problem = ""
    if report.error_count:
        problem = (
            f"{report.error_count} row{'s' if report.error_count != 1 else ''} of the last "
            "import had problems: see its report."
        )
    _feed_record(jobs_settings, now, problem)
    return report


def _feed_record(jobs_settings: CouncilJobsSettings, now: datetime.datetime, error: str) -> None:
    CouncilJobsSettings.objects.filter(pk=jobs_settings.pk).update(
        feed_last_fetched_at=now, feed_last_error=error[:500], updated_at=now
    )


def _format_of(fetched: FetchedFeed) -> str:
    kind = fetched.content_type
    if "json" in kind:
        return FeedFormat.JSON
    if "xml" in kind:
        return FeedFormat.XML
    if "csv" in kind:
        return FeedFormat.CSV
    start = fetched.data.lstrip()[:1]
    if start in (b"{", b"["):
        return FeedFormat.JSON
    if start == b"<":
        return FeedFormat.XML
    return FeedFormat.CSV


def feeds_fetch_enabled() -> dict[str, Any]:
    """Import every feed a platform admin has switched on (the hourly task). One council's
    failure is recorded on its settings and does not stop the others."""
    summary: dict[str, Any] = {"feeds": 0, "imported": 0, "failed": 0, "imports": []}
    enabled = (
        CouncilJobsSettings.objects.filter(feed_enabled=True)
        .exclude(feed_url="")
        .select_related("organisation")
        .order_by("organisation__slug")
    )
    for jobs_settings in enabled:
        summary["feeds"] += 1
        try:
            report = feed_import(organisation=jobs_settings.organisation)
        except ValidationError as error:
            summary["failed"] += 1
            logger.warning(
                "Feed of %s failed: %s", jobs_settings.organisation.slug, " ".join(error.messages)
            )
            continue
        summary["imported"] += 1
        summary["imports"].append(report.pk)
    return summary
