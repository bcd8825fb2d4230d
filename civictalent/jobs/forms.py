"""Forms for writing a vacancy and for the moderation and closing steps.

The forms only read what was typed (numbers, dates); what it means (is the pay plausible, is the
closing date in the future) is the services' job, and their errors are put back on the fields
with ``add_service_errors``.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from civictalent.core.date_input import parse_date_parts
from civictalent.core.forms import RICH_TEXT_HINT, GovukFormMixin, RichTextarea
from civictalent.core.money import pounds_form_value, pounds_from_text
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.vocabularies import Contract, WorkingPattern, Workplace
from civictalent.framework.models import RoleLevel
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.from_jd import (
    MAX_SUMMARY,
    JDSectionText,
    description_from_sections,
    summary_from_purpose,
    terms_from_jd,
)
from civictalent.organisations.models import Organisation

LONDON = ZoneInfo("Europe/London")
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
DEFAULT_CLOSING_TIME = datetime.time(23, 59)
# Service error keys (VacancyFields names) -> the form field that shows them.
FIELD_FOR_ERROR = {
    "closes_at": "closes_day",
    "role_level_id": "role_level",
}


def parse_time(text: str) -> datetime.time | None:
    """23:59, 9:30, 0930, 5pm or 5.30pm; None for nothing; ValueError when unreadable."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        return None
    if cleaned == "midday" or cleaned == "noon":
        return datetime.time(12, 0)
    if len(cleaned) == 4 and parse_bounded_int(cleaned) is not None:
        cleaned = f"{cleaned[:2]}:{cleaned[2:]}"
    match = TIME.match(cleaned)
    if match is None:
        raise ValueError("Enter the closing time like 23:59 or 12:00.")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("Enter the closing time like 5pm or 17:00.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError("Enter a real time, like 23:59 or 12:00.")
    return datetime.time(hour, minute)


def london_datetime(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=LONDON)


class ClosingDateMixin(forms.Form):
    """A GOV.UK date input (day, month, year) and a time, read as Europe/London."""

    closing_required: ClassVar[bool] = False

    closes_day = forms.CharField(label="Day", required=False, max_length=2)
    closes_month = forms.CharField(label="Month", required=False, max_length=2)
    closes_year = forms.CharField(label="Year", required=False, max_length=4)
    closes_time = forms.CharField(
        label="Time",
        required=False,
        max_length=8,
        help_text="UK time, 24-hour clock, like 12:00. Leave blank for 23:59.",
    )

    def closing_parts_problem(self) -> tuple[datetime.datetime | None, str]:
        data = self.cleaned_data
        parts = [data.get(f"closes_{part}", "").strip() for part in ("day", "month", "year")]
        time_text = data.get("closes_time", "").strip()
        if not any(parts):
            if time_text:
                return None, "Enter the closing date as well as the time."
            if self.closing_required:
                return None, "Enter the closing date."
            return None, ""
        try:
            day = parse_date_parts(*parts, what="closing date")
        except ValueError as error:
            return None, str(error)
        assert day is not None  # some part was given
        try:
            at = parse_time(time_text) or DEFAULT_CLOSING_TIME
        except ValueError as error:
            return None, str(error)
        return london_datetime(day, at), ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        closes_at, problem = self.closing_parts_problem()
        if problem:
            self.add_error("closes_day", problem)
        cleaned["closes_at"] = closes_at
        return cleaned

    @staticmethod
    def closing_initial(closes_at: datetime.datetime | None) -> dict[str, str]:
        if closes_at is None:
            return {}
        local = timezone.localtime(closes_at, LONDON)
        return {
            "closes_day": str(local.day),
            "closes_month": str(local.month),
            "closes_year": str(local.year),
            "closes_time": local.strftime("%H:%M"),
        }


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        field = FIELD_FOR_ERROR.get(name, name)
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def _level_label(level: RoleLevel) -> str:
    return f"{level.name} ({level.role.name})"


class VacancyForm(GovukFormMixin, ClosingDateMixin):
    """Every field of a vacancy. Rendered field by field by jobs/manage/vacancy_form.html."""

    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label="Council", queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label="Job title",
        max_length=200,
        error_messages={"required": "Enter the job title."},
    )
    role_level = forms.ModelChoiceField(
        label="Role level in the capability framework",
        queryset=RoleLevel.objects.none(),
        required=False,
        empty_label="Work it out from the job title",
        help_text="Candidates filter by role family and level. Leave this to work it out from "
        "the title, or choose the level yourself.",
    )
    summary = forms.CharField(
        label="Summary",
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two plain sentences about the job, shown in search results and alert "
        "emails. Up to 600 characters.",
    )
    description = forms.CharField(
        label="Description",
        max_length=50_000,
        required=False,
        widget=RichTextarea(attrs={"rows": 16}, toolbar_label="Formatting for the description"),
        help_text=RICH_TEXT_HINT,
    )
    annual_min = forms.CharField(
        label="Minimum salary (£ a year)",
        required=False,
        max_length=20,
        help_text="The full-time annual salary, like 42000. For one figure, enter it here only.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    annual_max = forms.CharField(
        label="Maximum salary (£ a year)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    grade = forms.CharField(
        label="Or the council's grade",
        required=False,
        max_length=40,
        help_text="Like PO4. We work out the pay from your council's pay scales for the year "
        "the vacancy closes. Leave blank if you entered the salary.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    pay_text = forms.CharField(
        label="Pay as you would like it shown (optional)",
        required=False,
        max_length=300,
        help_text="Like: £42,708 to £45,441 a year, including London weighting.",
    )
    hours_per_week = forms.CharField(
        label="Hours a week (optional)",
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )
    contract = forms.ChoiceField(
        label="Contract type",
        required=False,
        choices=[("", "Not stated"), *Contract.choices],
        widget=forms.RadioSelect,
    )
    working_pattern = forms.ChoiceField(
        label="Working pattern",
        required=False,
        choices=[("", "Not stated"), *WorkingPattern.choices],
        widget=forms.RadioSelect,
    )
    workplace = forms.ChoiceField(
        label="Where the work is done",
        required=False,
        choices=[("", "Not stated"), *Workplace.choices],
        widget=forms.RadioSelect,
    )
    hybrid_pattern = forms.CharField(
        label="Hybrid pattern (for hybrid jobs)",
        required=False,
        max_length=200,
        help_text="For example: two days a week in Hackney Town Hall.",
    )
    location = forms.CharField(
        label="Location",
        required=False,
        max_length=200,
        help_text="Where the job is based, like Hackney Service Centre.",
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    apply_url = forms.CharField(
        label="Web address for applying",
        required=False,
        max_length=500,
        help_text="The job's page on your council's recruitment site, starting https://",
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
    )
    contact_name = forms.CharField(label="Contact name (optional)", required=False, max_length=120)
    contact_email = forms.EmailField(
        label="Contact email address (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    field_order = [
        "organisation",
        "title",
        "role_level",
        "summary",
        "description",
        "annual_min",
        "annual_max",
        "grade",
        "pay_text",
        "hours_per_week",
        "contract",
        "working_pattern",
        "workplace",
        "hybrid_pattern",
        "location",
        "postcode",
        "closes_day",
        "closes_month",
        "closes_year",
        "closes_time",
        "apply_url",
        "contact_name",
        "contact_email",
    ]

    def __init__(self, *args: Any, councils: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if councils is None:
            del self.fields["organisation"]
        else:
            organisation = self.fields["organisation"]
            assert isinstance(organisation, forms.ModelChoiceField)
            organisation.queryset = councils
        level = self.fields["role_level"]
        assert isinstance(level, forms.ModelChoiceField)
        level.queryset = (
            RoleLevel.objects.filter(framework__is_default=True, is_current=True)
            .select_related("role")
            .order_by("role__name", "rank")
        )
        level.label_from_instance = _level_label  # type: ignore[method-assign,assignment]

    def _decimal(self, name: str, reader: Any) -> Decimal | None:
        try:
            value: Decimal | None = reader(self.cleaned_data.get(name, ""))
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return value

    def clean_annual_min(self) -> Decimal | None:
        return self._decimal("annual_min", pounds_from_text)

    def clean_annual_max(self) -> Decimal | None:
        return self._decimal("annual_max", pounds_from_text)

    def clean_hours_per_week(self) -> Decimal | None:
        text = self.cleaned_data.get("hours_per_week", "").strip()
        if not text:
            return None
        try:
            hours = Decimal(text).quantize(Decimal("0.1"))
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite():  # "NaN" reads as a Decimal
            raise ValidationError("Enter the hours a week as a number, like 36.")
        return hours

    def to_fields(self) -> VacancyFields:
        data = self.cleaned_data
        level = data.get("role_level")
        return VacancyFields(
            title=data.get("title", ""),
            summary=data.get("summary", ""),
            description=data.get("description", ""),
            role_level_id=level.pk if level else None,
            pay_text=data.get("pay_text", ""),
            grade=data.get("grade", ""),
            annual_min=data.get("annual_min"),
            annual_max=data.get("annual_max"),
            hours_per_week=data.get("hours_per_week"),
            contract=data.get("contract", ""),
            working_pattern=data.get("working_pattern", ""),
            workplace=data.get("workplace", ""),
            hybrid_pattern=data.get("hybrid_pattern", ""),
            location=data.get("location", ""),
            postcode=data.get("postcode", ""),
            closes_at=data.get("closes_at"),
            apply_url=data.get("apply_url", ""),
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
        )

    @classmethod
    def initial_from(cls, fields: VacancyFields) -> dict[str, Any]:
        def money(value: Decimal | None) -> str:
            return "" if value is None else f"{value:f}"

        return {
            "title": fields.title,
            "summary": fields.summary,
            "description": fields.description,
            "role_level": fields.role_level_id,
            "pay_text": fields.pay_text,
            "grade": fields.grade,
            "annual_min": money(fields.annual_min),
            "annual_max": money(fields.annual_max),
            "hours_per_week": ""
            if fields.hours_per_week is None
            else f"{fields.hours_per_week.normalize():f}",
            "contract": fields.contract,
            "working_pattern": fields.working_pattern,
            "workplace": fields.workplace,
            "hybrid_pattern": fields.hybrid_pattern,
            "location": fields.location,
            "postcode": fields.postcode,
            "apply_url": fields.apply_url,
            "contact_name": fields.contact_name,
            "contact_email": fields.contact_email,
            **cls.closing_initial(fields.closes_at),
        }


def initial_from_jd(jd: Any) -> dict[str, Any]:
    """A new vacancy's form started from a library JD: its title, role level, grade, pay,
    contract, hours, working pattern, where the work is done and location; a summary of whole
    sentences from its purpose; and its sections as the description (see jobs/from_jd.py)."""
    sections = [
        JDSectionText(section.kind, section.heading or section.get_kind_display(), section.text)
        for section in jd.sections.all()
    ]
    terms = terms_from_jd(jd.working_pattern, sections)
    purpose = "\n\n".join(section.text for section in sections if section.kind == "purpose")
    return {
        "organisation": jd.organisation_id,
        "title": jd.title,
        "role_level": jd.role_level_id,
        "summary": summary_from_purpose(purpose, MAX_SUMMARY),
        "description": description_from_sections(sections),
        "grade": jd.grade,
        "pay_text": jd.pay_text,
        "annual_min": pounds_form_value(jd.annual_min_pence),
        "annual_max": pounds_form_value(jd.annual_max_pence),
        "hours_per_week": ""
        if terms.hours_per_week is None
        else f"{terms.hours_per_week.normalize():f}",
        "contract": jd.contract,
        "working_pattern": terms.working_pattern,
        "workplace": terms.workplace,
        "hybrid_pattern": terms.hybrid_pattern,
        "location": jd.location,
    }


class RejectForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="What does the council need to change?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The council's editors see this and get it by email. Be specific, like: "
        "the salary is missing London weighting.",
        error_messages={"required": "Say what the council needs to change, so they can fix it."},
    )


class ExtendForm(GovukFormMixin, ClosingDateMixin):
    closing_required = True


class LibraryOfferForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Add this job description to the library?",
        choices=[
            ("add", "Yes, add it as a draft I can check before sharing"),
            ("decline", "No, do not add it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to add the job description to the library."},
    )
