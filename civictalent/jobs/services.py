"""Every change to a vacancy: write, submit, moderate, publish, close, extend, archive, and the
library offer made when it closes.

Each service checks its input and says what is wrong in words a person can act on
(``ValidationError`` with a message per field, keyed by ``VacancyFields`` names), changes the
vacancy in one transaction, writes the audit log, reindexes the vacancy for search and queues
its emails (sent after commit). Nothing is saved when anything is wrong.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.emails import email_queue, render_email, site_url
from civictalent.framework.mapping import role_level_for_title
from civictalent.framework.models import RoleLevel
from civictalent.healthcheck.engine import DocumentFacts, Report, check
from civictalent.jdlibrary.models import Contract
from civictalent.jobs.criteria import seniority_of_level
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.indexing import vacancy_reindex
from civictalent.jobs.models import (
    LibraryOffer,
    Vacancy,
    VacancyDailyCount,
    VacancyOrigin,
    VacancyStatus,
    WorkingPattern,
    Workplace,
)
from civictalent.jobs.pay import PayError, range_text, resolve_pay
from civictalent.jobs.richtext import html_to_text, sanitise_html
from civictalent.organisations.models import Organisation
from civictalent.organisations.selectors import council_editors

logger = logging.getLogger(__name__)

EDITABLE_STATUSES = frozenset(
    {
        VacancyStatus.DRAFT,
        VacancyStatus.REJECTED,
        VacancyStatus.SUBMITTED,
        VacancyStatus.PUBLISHED,
    }
)
KEPT_AFTER_CLOSING = datetime.timedelta(days=90)
MAX_HOURS_PER_WEEK = Decimal("80")
MAX_REASON_CHARACTERS = 2000
MAX_SUMMARY_CHARACTERS = 600
MAX_DESCRIPTION_CHARACTERS = 50_000
HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.IGNORECASE | re.DOTALL)
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?( ?[0-9][A-Z]{2})?$")
LIMITS = {
    "title": 200,
    "pay_text": 300,
    "grade": 40,
    "hybrid_pattern": 200,
    "location": 200,
    "contact_name": 120,
    "apply_url": 500,
}
LABELS = {
    "title": "job title",
    "pay_text": "pay as advertised",
    "grade": "grade",
    "hybrid_pattern": "hybrid working pattern",
    "location": "location",
    "contact_name": "contact name",
    "apply_url": "web address for applying",
}


# --------------------------------------------------------------------------------------------
# Checking what was typed


def _london_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _https_problem(url: str) -> str:
    if not url.lower().startswith("https://"):
        return (
            "Enter the full web address of the job on your recruitment site, starting https:// "
            f"(we do not link to insecure http pages); {url[:80]!r} is not one."
        )
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        return (
            "Enter a full web address, like https://jobs.example.gov.uk/123; "
            f"{url[:80]!r} is not one."
        )
    return ""


def _values_from(
    *, organisation: Organisation, fields: VacancyFields, now: datetime.datetime
) -> dict[str, Any]:
    """Model values from the typed fields, or ValidationError with every problem by field."""
    errors: dict[str, str] = {}
    text = {
        name: " ".join(str(getattr(fields, name) or "").split())
        for name in (*LIMITS, "postcode", "contact_email")
    }
    if not text["title"]:
        errors["title"] = "Enter the job title."
    for name, limit in LIMITS.items():
        if len(text[name]) > limit:
            errors[name] = (
                f"The {LABELS[name]} must be {limit:,} characters or fewer; it has "
                f"{len(text[name]):,}."
            )
    summary = fields.summary.replace("\r\n", "\n").strip()
    if len(summary) > MAX_SUMMARY_CHARACTERS:
        errors["summary"] = (
            f"The summary must be {MAX_SUMMARY_CHARACTERS} characters or fewer; it has "
            f"{len(summary):,}. Put the detail in the description."
        )
    if len(fields.description) > MAX_DESCRIPTION_CHARACTERS:
        errors["description"] = (
            f"The description must be {MAX_DESCRIPTION_CHARACTERS:,} characters or fewer; it "
            f"has {len(fields.description):,}."
        )
    description_html = sanitise_html(fields.description[:MAX_DESCRIPTION_CHARACTERS])

    role_level = None
    if fields.role_level_id is not None:
        role_level = (
            RoleLevel.objects.select_related("role").filter(pk=fields.role_level_id).first()
        )
        if role_level is None:
            errors["role_level_id"] = "Choose a role level from the list."
    for name, choices, what in (
        ("contract", Contract, "contract type"),
        ("working_pattern", WorkingPattern, "working pattern"),
        ("workplace", Workplace, "where the work is done"),
    ):
        value = getattr(fields, name)
        if value and value not in choices.values:
            errors[name] = f"Choose the {what} from the list."
    hours = fields.hours_per_week
    if hours is not None and not (Decimal(0) < hours <= MAX_HOURS_PER_WEEK):
        errors["hours_per_week"] = (
            f"Enter the hours a week as a number between 1 and {MAX_HOURS_PER_WEEK}, like 36."
        )
    closes_at = fields.closes_at
    if closes_at is not None:
        if timezone.is_naive(closes_at):
            errors["closes_at"] = "Enter the closing date and time."
        elif closes_at <= now:
            errors["closes_at"] = (
                f"The closing date must be in the future: "
                f"{timezone.localtime(closes_at):%-d %B %Y at %H:%M} has passed."
            )
    if text["apply_url"]:
        problem = _https_problem(text["apply_url"])
        if problem:
            errors["apply_url"] = problem
    if text["contact_email"]:
        try:
            EmailValidator()(text["contact_email"])
        except ValidationError:
            errors["contact_email"] = (
                "Enter the contact's email address in the right format, like name@council.gov.uk."
            )
    postcode = text["postcode"].upper()
    if postcode and not POSTCODE.match(postcode):
        errors["postcode"] = "Enter a UK postcode, like E8 1DY, or leave it blank."
    try:
        pay = resolve_pay(
            organisation=organisation,
            annual_min=fields.annual_min,
            annual_max=fields.annual_max,
            grade=text["grade"],
            pay_text=text["pay_text"][: LIMITS["pay_text"]],
            on=_london_date(closes_at) if closes_at and not errors.get("closes_at") else now.date(),
        )
    except PayError as problem:
        errors[problem.field] = problem.message
        pay = None
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    assert pay is not None
    return {
        "title": text["title"],
        "summary": summary,
        "description_html": description_html,
        "description_text": html_to_text(description_html),
        "role_level": role_level,
        "pay_text": pay.pay_text[: LIMITS["pay_text"]],
        "grade": text["grade"],
        "annual_min_pence": pay.min_pence,
        "annual_max_pence": pay.max_pence,
        "hours_per_week": hours,
        "contract": fields.contract,
        "working_pattern": fields.working_pattern,
        "workplace": fields.workplace,
        "hybrid_pattern": text["hybrid_pattern"] if fields.workplace == Workplace.HYBRID else "",
        "location": text["location"],
        "postcode": postcode,
        "closes_at": closes_at,
        "apply_url": text["apply_url"],
        "contact_name": text["contact_name"],
        "contact_email": text["contact_email"],
    }


def _apply_values(vacancy: Vacancy, values: dict[str, Any], *, map_role: bool) -> None:
    for name, value in values.items():
        setattr(vacancy, name, value)
    if map_role:
        vacancy.role_level = role_level_for_title(vacancy.title, vacancy.description_text)
        vacancy.role_level_mapped = vacancy.role_level is not None
    else:
        vacancy.role_level_mapped = False
    level = vacancy.role_level
    vacancy.family_id = level.role.family_id if level else None
    vacancy.seniority = seniority_of_level(level.name, level.role.name) if level else ""
    vacancy.health_score = vacancy_health_report(vacancy).score


def fields_of(vacancy: Vacancy) -> VacancyFields:
    """A vacancy's editable facts as the form and imports give them (pence back to pounds)."""
    from_grade = bool(vacancy.grade) and not _pounds_were_typed(vacancy)
    return VacancyFields(
        title=vacancy.title,
        summary=vacancy.summary,
        description=vacancy.description_html,
        role_level_id=None if vacancy.role_level_mapped else vacancy.role_level_id,
        pay_text=vacancy.pay_text,
        grade=vacancy.grade,
        annual_min=None if from_grade else _pounds(vacancy.annual_min_pence),
        annual_max=None if from_grade else _pounds(vacancy.annual_max_pence),
        hours_per_week=vacancy.hours_per_week,
        contract=vacancy.contract,
        working_pattern=vacancy.working_pattern,
        workplace=vacancy.workplace,
        hybrid_pattern=vacancy.hybrid_pattern,
        location=vacancy.location,
        postcode=vacancy.postcode,
        closes_at=vacancy.closes_at,
        apply_url=vacancy.apply_url,
        contact_name=vacancy.contact_name,
        contact_email=vacancy.contact_email,
    )


def _pounds(pence: int | None) -> Decimal | None:
    if pence is None:
        return None
    amount = Decimal(pence) / 100
    return amount.quantize(Decimal(1)) if pence % 100 == 0 else amount


def _pounds_were_typed(vacancy: Vacancy) -> bool:
    """Whether the stored pence came from pounds typed in, not from resolving the grade (a
    resolved grade writes "Grade X: ..." as its pay text unless the council wrote its own)."""
    return not vacancy.pay_text.startswith(f"Grade {vacancy.grade}")


# --------------------------------------------------------------------------------------------
# What publishing needs


def publish_problems(vacancy: Vacancy, *, now: datetime.datetime | None = None) -> dict[str, str]:
    """Everything missing before the vacancy can go on the board, by VacancyFields name."""
    now = now or timezone.now()
    problems: dict[str, str] = {}
    if not vacancy.summary.strip():
        problems["summary"] = "Enter a summary: a sentence or two shown in lists and emails."
    if not vacancy.description_text.strip():
        problems["description"] = "Enter a description of the job."
    if vacancy.annual_min_pence is None:
        if vacancy.grade:
            pay = resolve_pay(
                organisation=vacancy.organisation,
                annual_min=None,
                annual_max=None,
                grade=vacancy.grade,
                pay_text=vacancy.pay_text,
                on=_london_date(vacancy.closes_at) if vacancy.closes_at else now.date(),
            )
            problems["grade"] = pay.problem or "Enter the salary in pounds."
        else:
            problems["annual_min"] = (
                "Enter the pay: the annual salary in pounds (a range or one figure), or the "
                "council's grade."
            )
    if vacancy.closes_at is None:
        problems["closes_at"] = "Enter the closing date and time."
    elif vacancy.closes_at <= now:
        problems["closes_at"] = (
            f"The closing date must be in the future: "
            f"{timezone.localtime(vacancy.closes_at):%-d %B %Y at %H:%M} has passed."
        )
    if not vacancy.apply_url:
        problems["apply_url"] = (
            "Enter the web address where people apply, on your council's recruitment site."
        )
    if not vacancy.location and vacancy.workplace != Workplace.REMOTE:
        problems["location"] = "Enter where the job is based, like Hackney Town Hall."
    return problems


def _raise_publish_problems(vacancy: Vacancy, now: datetime.datetime) -> None:
    problems = publish_problems(vacancy, now=now)
    if problems:
        raise ValidationError({name: [message] for name, message in problems.items()})


# --------------------------------------------------------------------------------------------
# The health check of a vacancy


def vacancy_checked_text(vacancy: Vacancy) -> tuple[str, DocumentFacts]:
    """The vacancy as a candidate reads it: title, key facts, summary, then the description."""
    facts = [
        ("Salary", vacancy.pay_text or (f"Grade {vacancy.grade}" if vacancy.grade else "")),
        ("Contract", vacancy.get_contract_display() if vacancy.contract else ""),
        (
            "Working pattern",
            vacancy.get_working_pattern_display() if vacancy.working_pattern else "",
        ),
        ("Hours", f"{vacancy.hours_per_week} hours a week" if vacancy.hours_per_week else ""),
        ("Location", vacancy.location),
    ]
    lines = [vacancy.title, ""]
    lines += [f"{label}: {value}" for label, value in facts if value]
    parts = ["\n".join(lines), vacancy.summary, vacancy.description_text]
    headings = tuple(
        html_to_text(match.group(1)) for match in HEADING.finditer(vacancy.description_html)
    )
    text = "\n\n".join(part for part in parts if part.strip()).rstrip() + "\n"
    return text, DocumentFacts(headings=headings)


def vacancy_health_report(vacancy: Vacancy) -> Report:
    text, facts = vacancy_checked_text(vacancy)
    return check(text, facts)


# --------------------------------------------------------------------------------------------
# Who is told


def _link(name: str, **kwargs: Any) -> str:
    return site_url(reverse(name, kwargs=kwargs))


def moderators() -> list[User]:
    return list(User.objects.filter(is_platform_admin=True, is_active=True).order_by("pk"))


def editors_to_tell(vacancy: Vacancy) -> list[User]:
    """Whoever wrote the vacancy; for imported ones (or a departed author), the council's
    editors and admins."""
    author = vacancy.created_by
    if author is not None and author.is_active:
        return [author]
    return council_editors(vacancy.organisation_id)


def _tell(people: list[User], *, template: str, key: str, context: dict[str, Any]) -> None:
    for person in people:
        subject, body = render_email(f"jobs/email/{template}", {**context, "person": person})
        email_queue(
            to=person.email, subject=subject, body_text=body, idempotency_key=f"{key}-{person.pk}"
        )


def _stamp(moment: datetime.datetime | None) -> str:
    return str(int(moment.timestamp())) if moment else "none"


# --------------------------------------------------------------------------------------------
# Writing


def vacancy_create(
    *,
    organisation: Organisation,
    author: User | None,
    fields: VacancyFields,
    origin: str = VacancyOrigin.FORM,
    external_reference: str = "",
    source_job_description: Any = None,
) -> Vacancy:
    """A new draft. ``author`` is None for imports from a council's feed."""
    if origin not in VacancyOrigin.values:
        raise ValidationError(f"{origin!r} is not a vacancy origin.")
    external_reference = external_reference.strip()
    if len(external_reference) > 120:
        raise ValidationError(
            {"external_reference": ["The council's reference must be 120 characters or fewer."]}
        )
    now = timezone.now()
    values = _values_from(organisation=organisation, fields=fields, now=now)
    vacancy = Vacancy(
        organisation=organisation,
        origin=origin,
        external_reference=external_reference,
        source_job_description=source_job_description,
        created_by=author,
        status=VacancyStatus.DRAFT,
    )
    _apply_values(vacancy, values, map_role=fields.role_level_id is None)
    try:
        with transaction.atomic():
            vacancy.save()
            vacancy_reindex(vacancy)
            audit_record(
                actor=author,
                action="vacancy.created",
                target=vacancy,
                organisation=organisation,
                summary=f"{_who(author)} drafted the vacancy {vacancy.title!r}",
                changes={"origin": origin, "external_reference": external_reference},
            )
    except IntegrityError:
        raise ValidationError(
            {
                "external_reference": [
                    f"{organisation.short_name} already has a vacancy with the reference "
                    f"{external_reference!r}."
                ]
            }
        ) from None
    return vacancy


def _who(user: User | None) -> str:
    return user.email if user is not None else "An import"


def _lock(vacancy: Vacancy) -> Vacancy:
    return (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("organisation", "role_level__role", "created_by")
        .get(pk=vacancy.pk)
    )


def _locked_in(vacancy: Vacancy, allowed: set[VacancyStatus], *, only: str) -> Vacancy:
    """The vacancy, locked for this transaction, if its status is one of ``allowed``; otherwise
    a ValidationError such as "This vacancy is closed: only a published vacancy can be ..."."""
    locked = _lock(vacancy)
    if locked.status not in allowed:
        raise ValidationError(
            f"This vacancy is {locked.get_status_display().lower()}: only {only}."
        )
    return locked


def _snapshot(vacancy: Vacancy) -> dict[str, str]:
    values = {
        "title": vacancy.title,
        "summary": vacancy.summary,
        "description": vacancy.description_html,
        "role_level": str(vacancy.role_level_id),
        "pay_text": vacancy.pay_text,
        "grade": vacancy.grade,
        "annual_min_pence": str(vacancy.annual_min_pence),
        "annual_max_pence": str(vacancy.annual_max_pence),
        "hours_per_week": str(vacancy.hours_per_week),
        "closes_at": vacancy.closes_at.isoformat() if vacancy.closes_at else "",
    }
    for name in (
        "contract",
        "working_pattern",
        "workplace",
        "hybrid_pattern",
        "location",
        "postcode",
        "apply_url",
        "contact_name",
        "contact_email",
    ):
        values[name] = str(getattr(vacancy, name))
    return values


def vacancy_update(*, vacancy: Vacancy, author: User | None, fields: VacancyFields) -> Vacancy:
    """Change a draft, a returned, a waiting or a published vacancy. A published one stays
    published (and must still have everything publishing needs)."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status not in EDITABLE_STATUSES:
            raise ValidationError(
                f"This vacancy is {locked.get_status_display().lower()}, so it cannot be "
                "changed."
                + (
                    " Extend its closing date to reopen it."
                    if locked.status == VacancyStatus.CLOSED
                    else ""
                )
            )
        values = _values_from(organisation=locked.organisation, fields=fields, now=now)
        before = _snapshot(locked)
        _apply_values(locked, values, map_role=fields.role_level_id is None)
        if locked.status == VacancyStatus.PUBLISHED:
            _raise_publish_problems(locked, now)
        after = _snapshot(locked)
        changed = sorted(name for name in after if before[name] != after[name])
        locked.save()
        vacancy_reindex(locked)
        if changed:
            audit_record(
                actor=author,
                action="vacancy.updated",
                target=locked,
                organisation=locked.organisation,
                summary=f"{_who(author)} changed {', '.join(changed)} of the vacancy "
                f"{locked.title!r}",
                changes={name: [before[name], after[name]] for name in changed},
            )
    return locked


# --------------------------------------------------------------------------------------------
# Moderation


@dataclass(frozen=True)
class Submitted:
    vacancy: Vacancy
    can_publish_directly: bool


def vacancy_submit(*, vacancy: Vacancy, author: User) -> Submitted:
    """Send a draft (or a returned vacancy, once fixed) to the moderators, who are emailed.
    ``can_publish_directly``: the author is an admin of a council that may publish its own."""
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_in(
            vacancy,
            {VacancyStatus.DRAFT, VacancyStatus.REJECTED},
            only="a draft or a vacancy returned for changes can be sent to a moderator",
        )
        _raise_publish_problems(locked, now)
        locked.status = VacancyStatus.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=author,
            action="vacancy.submitted",
            target=locked,
            organisation=locked.organisation,
            summary=f"{author.email} sent the vacancy {locked.title!r} to the moderators",
        )
        _tell(
            moderators(),
            template="submitted",
            key=f"vacancy-{locked.pk}-submitted-{_stamp(now)}",
            context={
                "vacancy": locked,
                "author": author,
                "link": _link("jobs:moderation"),
                "preview": _link("jobs:vacancy_draft", pk=locked.pk),
            },
        )
    can_publish = author.has_perm("jobs.publish_vacancy", locked) and not author.is_platform_admin
    return Submitted(locked, can_publish)


def vacancy_publish(*, vacancy: Vacancy, actor: User | None) -> Vacancy:
    """Put the vacancy on the board. Platform admins publish what was submitted; admins of a
    council allowed to publish its own may publish its drafts directly. ``actor`` None is the
    system (an import a platform admin set up)."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(vacancy)
        if actor is not None and not actor.has_perm("jobs.publish_vacancy", locked):
            raise PermissionDenied("You cannot publish this council's vacancies.")
        allowed = {VacancyStatus.SUBMITTED}
        if actor is None or not actor.is_platform_admin:
            allowed |= {VacancyStatus.DRAFT, VacancyStatus.REJECTED}
        if locked.status not in allowed:
            raise ValidationError(
                f"This vacancy is {locked.get_status_display().lower()}, so it cannot be "
                "published now."
                + (
                    " Moderators publish vacancies the council has sent to them."
                    if locked.status in {VacancyStatus.DRAFT, VacancyStatus.REJECTED}
                    else ""
                )
            )
        _raise_publish_problems(locked, now)
        locked.status = VacancyStatus.PUBLISHED
        locked.published_at = locked.published_at or now
        locked.save(update_fields=["status", "published_at", "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=actor,
            action="vacancy.published",
            target=locked,
            organisation=locked.organisation,
            summary=f"{_who(actor)} published the vacancy {locked.title!r}",
        )
        people = [person for person in editors_to_tell(locked) if person != actor]
        _tell(
            people,
            template="published",
            key=f"vacancy-{locked.pk}-published-{_stamp(now)}",
            context={"vacancy": locked, "link": _link("jobs:vacancy", pk=locked.pk)},
        )
    return locked


def vacancy_reject(*, vacancy: Vacancy, moderator: User, reason: str) -> Vacancy:
    """Return a submitted vacancy to its council with the reason; they fix it and resubmit."""
    reason = reason.replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError(
            {"reason": ["Say what the council needs to change, so they can fix it."]}
        )
    if len(reason) > MAX_REASON_CHARACTERS:
        raise ValidationError(
            {
                "reason": [
                    f"Keep the reason to {MAX_REASON_CHARACTERS:,} characters or fewer; it has "
                    f"{len(reason):,}."
                ]
            }
        )
    if not moderator.has_perm("jobs.moderate"):
        raise PermissionDenied("Only moderators return vacancies.")
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_in(
            vacancy,
            {VacancyStatus.SUBMITTED},
            only="a vacancy waiting for a moderator can be returned",
        )
        locked.status = VacancyStatus.REJECTED
        locked.rejection_reason = reason
        locked.save(update_fields=["status", "rejection_reason", "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=moderator,
            action="vacancy.rejected",
            target=locked,
            organisation=locked.organisation,
            summary=f"{moderator.email} returned the vacancy {locked.title!r}: {reason[:150]}",
        )
        _tell(
            editors_to_tell(locked),
            template="rejected",
            key=f"vacancy-{locked.pk}-rejected-{_stamp(now)}",
            context={
                "vacancy": locked,
                "reason": reason,
                "link": _link("jobs:vacancy_edit", pk=locked.pk),
            },
        )
    return locked


# --------------------------------------------------------------------------------------------
# Closing, extending, archiving


def vacancy_close(
    *,
    vacancy: Vacancy,
    actor: User | None = None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Vacancy:
    """Take a published vacancy off the board (at its closing time, or early). Its page stays
    up with a "closed" banner; its JD is offered to the library and its pay is recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_in(
            vacancy, {VacancyStatus.PUBLISHED}, only="a published vacancy can be closed"
        )
        locked.status = VacancyStatus.CLOSED
        locked.closed_at = now
        offered = locked.library_offer == LibraryOffer.NONE
        if offered:
            locked.library_offer = LibraryOffer.OFFERED
        locked.save(update_fields=["status", "closed_at", "library_offer", "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=actor,
            action="vacancy.closed",
            target=locked,
            organisation=locked.organisation,
            summary=f"{_who(actor) if actor else 'The closing time'} closed the vacancy "
            f"{locked.title!r}" + (f": {reason[:150]}" if reason else ""),
        )
        _record_salary(locked, now)
        if offered:
            _tell(
                editors_to_tell(locked),
                template="closed",
                key=f"vacancy-{locked.pk}-closed-{_stamp(now)}",
                context={
                    "vacancy": locked,
                    "link": _link("jobs:vacancy_library", pk=locked.pk),
                    "extend": _link("jobs:vacancy_extend", pk=locked.pk),
                },
            )
    return locked


def _record_salary(vacancy: Vacancy, now: datetime.datetime) -> None:
    """The closed vacancy's pay as a salary observation; skipped (and logged) when unusable."""
    from civictalent.salaries.services import salary_observation_record

    if vacancy.annual_min_pence is None:
        logger.info("Vacancy %s closed without pay in pounds: no salary observation", vacancy.pk)
        return
    try:
        with transaction.atomic():
            salary_observation_record(
                organisation=vacancy.organisation,
                role_level=vacancy.role_level,
                annual_min=Decimal(vacancy.annual_min_pence) / 100,
                annual_max=None
                if vacancy.annual_max_pence is None
                else Decimal(vacancy.annual_max_pence) / 100,
                observed_on=_london_date(vacancy.published_at or now),
                source="vacancy",
                source_ref=f"vacancy:{vacancy.pk}",
                pay_text=vacancy.pay_text,
            )
    except ValidationError as error:
        logger.warning(
            "Vacancy %s: salary observation skipped: %s", vacancy.pk, " ".join(error.messages)
        )


def closed_by_time(vacancy: Vacancy) -> bool:
    return bool(
        vacancy.closed_at is not None
        and vacancy.closes_at is not None
        and vacancy.closes_at <= vacancy.closed_at
    )


def vacancy_extend(*, vacancy: Vacancy, author: User, closes_at: datetime.datetime) -> Vacancy:
    """A later closing date for a published vacancy; a vacancy that closed at its closing time
    in the last 90 days is reopened (back on the board, with its original posting date)."""
    now = timezone.now()
    if timezone.is_naive(closes_at):
        raise ValidationError({"closes_at": ["Enter the new closing date and time."]})
    if closes_at <= now:
        raise ValidationError(
            {
                "closes_at": [
                    "The new closing date must be in the future: "
                    f"{timezone.localtime(closes_at):%-d %B %Y at %H:%M} has passed."
                ]
            }
        )
    with transaction.atomic():
        locked = _lock(vacancy)
        before = locked.closes_at
        if locked.status == VacancyStatus.CLOSED:
            if not closed_by_time(locked):
                raise ValidationError(
                    "This vacancy was closed early on purpose, so it cannot be reopened. "
                    "Start a new vacancy instead."
                )
            assert locked.closed_at is not None
            if locked.closed_at < now - KEPT_AFTER_CLOSING:
                raise ValidationError(
                    "This vacancy closed more than 90 days ago, so it cannot be reopened. "
                    "Start a new vacancy instead."
                )
            locked.status = VacancyStatus.PUBLISHED
            locked.closed_at = None
            if locked.library_offer == LibraryOffer.OFFERED:
                locked.library_offer = LibraryOffer.NONE
        elif locked.status != VacancyStatus.PUBLISHED:
            raise ValidationError(
                f"This vacancy is {locked.get_status_display().lower()}: change its closing "
                "date by editing it."
            )
        locked.closes_at = closes_at
        locked.save(
            update_fields=["status", "closed_at", "closes_at", "library_offer", "updated_at"]
        )
        vacancy_reindex(locked)
        audit_record(
            actor=author,
            action="vacancy.extended",
            target=locked,
            organisation=locked.organisation,
            summary=f"{author.email} moved the closing date of {locked.title!r} to "
            f"{timezone.localtime(closes_at):%-d %B %Y %H:%M}",
            changes={"closes_at": [before.isoformat() if before else "", closes_at.isoformat()]},
        )
    return locked


def vacancy_archive(
    *, vacancy: Vacancy, actor: User | None = None, now: datetime.datetime | None = None
) -> Vacancy:
    """Remove a closed vacancy's page (its counts stay for the council's insight)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_in(
            vacancy, {VacancyStatus.CLOSED}, only="a closed vacancy can be archived"
        )
        locked.status = VacancyStatus.ARCHIVED
        locked.archived_at = now
        locked.save(update_fields=["status", "archived_at", "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=actor,
            action="vacancy.archived",
            target=locked,
            organisation=locked.organisation,
            summary=f"{_who(actor) if actor else 'Housekeeping'} archived the vacancy "
            f"{locked.title!r}",
        )
    return locked


def vacancy_remind(*, vacancy: Vacancy) -> bool:
    """Remind the editor that the vacancy closes soon: once per closing time."""
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status != VacancyStatus.PUBLISHED or locked.closes_at is None:
            return False
        if locked.reminder_sent_for == locked.closes_at:
            return False
        locked.reminder_sent_for = locked.closes_at
        locked.save(update_fields=["reminder_sent_for"])
        _tell(
            editors_to_tell(locked),
            template="closing_reminder",
            key=f"vacancy-{locked.pk}-reminder-{_stamp(locked.closes_at)}",
            context={
                "vacancy": locked,
                "closes_at": timezone.localtime(locked.closes_at),
                "link": _link("jobs:vacancy", pk=locked.pk),
                "extend": _link("jobs:vacancy_extend", pk=locked.pk),
            },
        )
    return True


# --------------------------------------------------------------------------------------------
# The library offer


def library_sections(vacancy: Vacancy) -> list[Any]:
    """The vacancy's description cut at its headings into library sections."""
    from civictalent.jdlibrary.extraction import classify_heading
    from civictalent.jdlibrary.models import SECTION_LABELS
    from civictalent.jdlibrary.services import SectionInput

    sections: list[SectionInput] = []
    if vacancy.summary:
        sections.append(SectionInput("purpose", SECTION_LABELS["purpose"], vacancy.summary))
    html = vacancy.description_html
    cuts = list(HEADING.finditer(html))
    first = html[: cuts[0].start()] if cuts else html
    opening = html_to_text(first)
    if opening.strip():
        sections.append(
            SectionInput("responsibilities", SECTION_LABELS["responsibilities"], opening)
        )
    for number, match in enumerate(cuts):
        heading = html_to_text(match.group(1))
        end = cuts[number + 1].start() if number + 1 < len(cuts) else len(html)
        body = html_to_text(html[match.end() : end])
        if body.strip():
            sections.append(SectionInput(classify_heading(heading) or "other", heading, body))
    return sections


def vacancy_offer_decide(*, vacancy: Vacancy, actor: User, add: bool) -> Vacancy:
    """The council's answer to the library offer: add the JD to the library as a draft (the
    council publishes it from there), or decline."""
    from civictalent.jdlibrary.services import jd_create

    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.library_offer != LibraryOffer.OFFERED:
            raise ValidationError(
                "There is no library offer waiting for this vacancy"
                + (
                    f": it was already {locked.get_library_offer_display().lower()}."
                    if locked.library_offer
                    else ": it is offered when the vacancy closes."
                )
            )
        if add:
            pay_text = locked.pay_text or (
                range_text(locked.annual_min_pence, locked.annual_max_pence)
                if locked.annual_min_pence is not None
                else ""
            )
            jd = jd_create(
                organisation=locked.organisation,
                author=actor,
                title=locked.title,
                sections=library_sections(locked),
                role_level=locked.role_level,
                grade=locked.grade,
                pay_text=pay_text,
                contract=locked.contract,
                working_pattern=locked.get_working_pattern_display()
                if locked.working_pattern
                else "",
                location=locked.location,
                source_kind="pasted",
                summary=f"Created from the vacancy {locked.title!r}",
            )
            locked.library_job_description = jd
            locked.library_offer = LibraryOffer.ADDED
        else:
            locked.library_offer = LibraryOffer.DECLINED
        locked.save(update_fields=["library_offer", "library_job_description", "updated_at"])
        audit_record(
            actor=actor,
            action="vacancy.library_added" if add else "vacancy.library_declined",
            target=locked,
            organisation=locked.organisation,
            summary=f"{actor.email} "
            + ("added" if add else "did not add")
            + f" the vacancy {locked.title!r} to the library",
        )
    return locked


# --------------------------------------------------------------------------------------------
# Counting views and apply clicks (numbers only: no cookies, addresses or visitor data)

COUNTED = frozenset({"views", "apply_clicks"})


def vacancy_count(*, vacancy: Vacancy, what: str, day: datetime.date | None = None) -> None:
    """Add one to today's views or apply clicks of a vacancy."""
    if what not in COUNTED:
        raise ValueError(f"Cannot count {what!r}.")
    day = day or timezone.localdate()
    updated = VacancyDailyCount.objects.filter(vacancy_id=vacancy.pk, day=day).update(
        **{what: F(what) + 1}
    )
    if updated:
        return
    try:
        with transaction.atomic():
            VacancyDailyCount.objects.create(
                vacancy_id=vacancy.pk,
                organisation_id=vacancy.organisation_id,
                day=day,
                **{what: 1},
            )
    except IntegrityError:
        # Someone else made today's row first: add to it.
        VacancyDailyCount.objects.filter(vacancy_id=vacancy.pk, day=day).update(
            **{what: F(what) + 1}
        )
