"""The vacancy forms: reading pounds, dates and times as people type them, and showing the
services' errors on the right fields."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from civictalent.jobs.forms import (
    ExtendForm,
    LibraryOfferForm,
    RejectForm,
    VacancyForm,
    add_service_errors,
    parse_time,
)
from civictalent.jobs.tests.vacancy_helpers import good_fields

pytestmark = pytest.mark.django_db


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "title": "Senior data analyst",
        "summary": "Lead data analysis.",
        "description": "<p>Build dashboards.</p>",
        "annual_min": "£45,000",
        "annual_max": "50000.00",
        "hours_per_week": "36",
        "contract": "permanent",
        "working_pattern": "full_time",
        "workplace": "hybrid",
        "location": "Town Hall",
        "closes_day": "18",
        "closes_month": "12",
        "closes_year": "2030",
        "closes_time": "12:00",
        "apply_url": "https://jobs.example/1",
    }
    data.update(changes)
    return data


def test_a_filled_form_becomes_vacancy_fields_in_london_time() -> None:
    form = VacancyForm(form_data())
    assert form.is_valid(), form.errors

    fields = form.to_fields()

    assert fields.annual_min == Decimal("45000")
    assert fields.annual_max == Decimal("50000.00")
    assert fields.hours_per_week == Decimal("36.0")
    assert fields.closes_at is not None
    assert fields.closes_at.isoformat() == "2030-12-18T12:00:00+00:00"
    assert fields.role_level_id is None


def test_summer_dates_are_british_summer_time_and_a_blank_time_is_2359() -> None:
    form = VacancyForm(form_data(closes_day="1", closes_month="7", closes_time=""))
    assert form.is_valid(), form.errors
    closes_at = form.cleaned_data["closes_at"]
    assert closes_at.utcoffset() == datetime.timedelta(hours=1)
    assert (closes_at.hour, closes_at.minute) == (23, 59)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_day": "31", "closes_month": "2"}, "closes_day", "must be a real date"),
        ({"closes_month": ""}, "closes_day", "must include a month"),
        ({"closes_day": "", "closes_year": ""}, "closes_day", "a day and a year"),
        ({"closes_year": "30"}, "closes_day", "as numbers"),
        ({"closes_time": "later"}, "closes_day", "like 23:59"),
        (
            {"closes_day": "", "closes_month": "", "closes_year": ""},
            "closes_day",
            "closing date as well as the time",
        ),
        ({"annual_min": "forty thousand"}, "annual_min", "number of pounds"),
        ({"hours_per_week": "full"}, "hours_per_week", "as a number"),
        ({"contract": "forever"}, "contract", "Select a valid choice"),
        ({"contact_email": "nope"}, "contact_email", "valid email"),
    ],
)
def test_what_cannot_be_read_is_a_field_error(
    changes: dict[str, str], field: str, message: str
) -> None:
    form = VacancyForm(form_data(**changes))
    assert not form.is_valid()
    assert message in " ".join(str(error) for error in form.errors[field])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23:59", datetime.time(23, 59)),
        ("9:30", datetime.time(9, 30)),
        ("0930", datetime.time(9, 30)),
        ("5pm", datetime.time(17, 0)),
        ("5.30 pm", datetime.time(17, 30)),
        ("12am", datetime.time(0, 0)),
        ("noon", datetime.time(12, 0)),
        ("", None),
    ],
)
def test_times_as_people_type_them(text: str, expected: datetime.time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13pm", "9:75", "soon"])
def test_impossible_times(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(text)


def test_service_errors_land_on_their_fields() -> None:
    form = VacancyForm(form_data())
    assert form.is_valid()

    add_service_errors(
        form,
        ValidationError(
            {
                "closes_at": ["The closing date must be in the future."],
                "annual_min": ["£25 looks like an hourly rate: enter the annual salary."],
                "role_level_id": ["Choose a role level from the list."],
                "external_reference": ["Not a form field."],
            }
        ),
    )

    assert form.errors["closes_day"] == ["The closing date must be in the future."]
    assert "hourly rate" in form.errors["annual_min"][0]
    assert form.errors["role_level"] == ["Choose a role level from the list."]
    assert form.non_field_errors() == ["Not a form field."]


def test_initial_values_round_trip_through_the_form() -> None:
    fields = good_fields()
    initial = VacancyForm.initial_from(fields)
    form = VacancyForm({**{k: str(v) for k, v in initial.items() if v is not None}})
    assert form.is_valid(), form.errors

    again = form.to_fields()

    assert again.annual_min == fields.annual_min
    assert again.title == fields.title
    assert again.closes_at is not None and fields.closes_at is not None
    assert abs(again.closes_at - fields.closes_at) < datetime.timedelta(minutes=1)


def test_the_council_choice_is_only_on_the_new_vacancy_form(council_a: Any) -> None:
    from civictalent.organisations.models import Organisation

    councils = Organisation.objects.filter(pk=council_a.pk)
    assert "organisation" in VacancyForm(councils=councils).fields
    assert "organisation" not in VacancyForm().fields
    form = VacancyForm(form_data(organisation=str(council_a.pk + 1000)), councils=councils)
    assert not form.is_valid() and "organisation" in form.errors


def test_small_forms() -> None:
    assert not RejectForm({"reason": ""}).is_valid()
    assert "Say what the council needs to change" in RejectForm({"reason": ""}).errors["reason"][0]
    extend = ExtendForm({"closes_day": "", "closes_month": "", "closes_year": ""})
    assert not extend.is_valid()
    assert extend.errors["closes_day"] == ["Enter the closing date."]
    offer = LibraryOfferForm({})
    assert not offer.is_valid()
    assert "Choose whether" in offer.errors["decision"][0]
