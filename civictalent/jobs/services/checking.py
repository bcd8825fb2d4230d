"""Checking what was typed into a vacancy, and what publishing needs.

Every problem is said in words a person can act on, keyed by ``VacancyFields`` names, so the form
and the import report can show it beside the field.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone

from civictalent.core.money import pounds_form_value
from civictalent.core.richtext import html_to_text, markdown_from_input, render
from civictalent.core.vocabularies import Contract, WorkingPattern, Workplace
from civictalent.framework.models import RoleLevel
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.models import Vacancy
from civictalent.jobs.pay import PayError, ResolvedPay
from civictalent.jobs.services.common import london_date
from civictalent.jobs.services.pay_resolution import resolve_pay
from civictalent.organisations.models import Organisation

MAX_HOURS_PER_WEEK = Decimal("80")
MAX_SUMMARY_CHARACTERS = 600
MAX_DESCRIPTION_CHARACTERS = 50_000
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
CHOICES = (
    ("contract", Contract, "contract type"),
    ("working_pattern", WorkingPattern, "working pattern"),
    ("workplace", Workplace, "where the work is done"),
)

Problems = dict[str, str]


def https_problem(url: str) -> str:
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


def _length_problems(text: dict[str, str], summary: str, description: str) -> Problems:
    problems: Problems = {}
    if not text["title"]:
        problems["title"] = "Enter the job title."
    for name, limit in LIMITS.items():
        if len(text[name]) > limit:
            problems[name] = (
                f"The {LABELS[name]} must be {limit:,} characters or fewer; it has "
                f"{len(text[name]):,}."
            )
    if len(summary) > MAX_SUMMARY_CHARACTERS:
        problems["summary"] = (
            f"The summary must be {MAX_SUMMARY_CHARACTERS} characters or fewer; it has "
            f"{len(summary):,}. Put the detail in the description."
        )
    if len(description) > MAX_DESCRIPTION_CHARACTERS:
        problems["description"] = (
            f"The description must be {MAX_DESCRIPTION_CHARACTERS:,} characters or fewer; it "
            f"has {len(description):,}."
        )
    return problems


def _chosen_role_level(fields: VacancyFields) -> tuple[RoleLevel | None, Problems]:
    if fields.role_level_id is None:
        return None, {}
    role_level = RoleLevel.objects.select_related("role").filter(pk=fields.role_level_id).first()
    if role_level is None:
        return None, {"role_level_id": "Choose a role level from the list."}
    return role_level, {}


def _choice_problems(fields: VacancyFields) -> Problems:
    problems: Problems = {}
    for name, choices, what in CHOICES:
        value = getattr(fields, name)
        if value and value not in choices.values:
            problems[name] = f"Choose the {what} from the list."
    return problems


def _hours_and_closing_problems(fields: VacancyFields, now: datetime.datetime) -> Problems:
    problems: Problems = {}
    hours = fields.hours_per_week
    if hours is not None and not (Decimal(0) < hours <= MAX_HOURS_PER_WEEK):
        problems["hours_per_week"] = (
            f"Enter the hours a week as a number between 1 and {MAX_HOURS_PER_WEEK}, like 36."
        )
    closes_at = fields.closes_at
    if closes_at is not None:
        if timezone.is_naive(closes_at):
            problems["closes_at"] = "Enter the closing date and time."
        elif closes_at <= now:
            problems["closes_at"] = (
                f"The closing date must be in the future: "
                f"{timezone.localtime(closes_at):%-d %B %Y at %H:%M} has passed."
            )
    return problems


def _contact_problems(text: dict[str, str]) -> Problems:
    problems: Problems = {}
    if text["apply_url"]:
        problem = https_problem(text["apply_url"])
        if problem:
            problems["apply_url"] = problem
    if text["contact_email"]:
        try:
            EmailValidator()(text["contact_email"])
        except ValidationError:
            problems["contact_email"] = (
                "Enter the contact's email address in the right format, like name@council.gov.uk."
            )
    postcode = text["postcode"].upper()
    if postcode and not POSTCODE.match(postcode):
        problems["postcode"] = "Enter a UK postcode, like E8 1DY, or leave it blank."
    return problems


def _resolved_pay(
    *,
    organisation: Organisation,
    fields: VacancyFields,
    text: dict[str, str],
    now: datetime.datetime,
    closing_is_fine: bool,
) -> tuple[ResolvedPay | None, Problems]:
    closes_at = fields.closes_at
    try:
        pay = resolve_pay(
            organisation=organisation,
            annual_min=fields.annual_min,
            annual_max=fields.annual_max,
            grade=text["grade"],
            pay_text=text["pay_text"][: LIMITS["pay_text"]],
            on=london_date(closes_at) if closes_at and closing_is_fine else now.date(),
        )
    except PayError as problem:
        return None, {problem.field: problem.message}
    return pay, {}


def checked_values(
    *, organisation: Organisation, fields: VacancyFields, now: datetime.datetime
) -> dict[str, Any]:
    """Model values from the typed fields, or ValidationError with every problem by field."""
    text = {
        name: " ".join(str(getattr(fields, name) or "").split())
        for name in (*LIMITS, "postcode", "contact_email")
    }
    summary = fields.summary.replace("\r\n", "\n").strip()
    errors = _length_problems(text, summary, fields.description)
    description = markdown_from_input(fields.description[:MAX_DESCRIPTION_CHARACTERS])
    description_html = render(description)
    role_level, role_problems = _chosen_role_level(fields)
    errors.update(role_problems)
    errors.update(_choice_problems(fields))
    errors.update(_hours_and_closing_problems(fields, now))
    errors.update(_contact_problems(text))
    pay, pay_problems = _resolved_pay(
        organisation=organisation,
        fields=fields,
        text=text,
        now=now,
        closing_is_fine=not errors.get("closes_at"),
    )
    errors.update(pay_problems)
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    assert pay is not None
    return {
        "title": text["title"],
        "summary": summary,
        "description": description,
        "description_html": description_html,
        "description_text": html_to_text(description_html),
        "role_level": role_level,
        "pay_text": pay.pay_text[: LIMITS["pay_text"]],
        "grade": text["grade"],
        "annual_min_pence": pay.min_pence,
        "annual_max_pence": pay.max_pence,
        "hours_per_week": fields.hours_per_week,
        "contract": fields.contract,
        "working_pattern": fields.working_pattern,
        "workplace": fields.workplace,
        "hybrid_pattern": text["hybrid_pattern"] if fields.workplace == Workplace.HYBRID else "",
        "location": text["location"],
        "postcode": text["postcode"].upper(),
        "closes_at": fields.closes_at,
        "apply_url": text["apply_url"],
        "contact_name": text["contact_name"],
        "contact_email": text["contact_email"],
    }


def fields_of(vacancy: Vacancy) -> VacancyFields:
    """A vacancy's editable facts as the form and imports give them (pence back to pounds)."""
    from_grade = bool(vacancy.grade) and not _pounds_were_typed(vacancy)
    return VacancyFields(
        title=vacancy.title,
        summary=vacancy.summary,
        description=vacancy.description,
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
    """As the editor typed it: whole pounds without ".00", pence when there are some."""
    return None if pence is None else Decimal(pounds_form_value(pence))


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
        problems.update(_pay_problem(vacancy, now))
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


def _pay_problem(vacancy: Vacancy, now: datetime.datetime) -> dict[str, str]:
    """Why a vacancy without pay in pounds has none: its grade does not resolve, or no pay."""
    if not vacancy.grade:
        return {
            "annual_min": "Enter the pay: the annual salary in pounds (a range or one figure), "
            "or the council's grade."
        }
    pay = resolve_pay(
        organisation=vacancy.organisation,
        annual_min=None,
        annual_max=None,
        grade=vacancy.grade,
        pay_text=vacancy.pay_text,
        on=london_date(vacancy.closes_at) if vacancy.closes_at else now.date(),
    )
    return {"grade": pay.problem or "Enter the salary in pounds."}


def publish_problems_refuse(vacancy: Vacancy, now: datetime.datetime) -> None:
    """ValidationError with everything publishing still needs, if anything."""
    problems = publish_problems(vacancy, now=now)
    if problems:
        raise ValidationError({name: [message] for name, message in problems.items()})
