"""Salary observations: the one place JDs, vacancies and imports record what a role is paid."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.core.money import pence_from_pounds, pounds_text
from civictalent.framework.models import RoleLevel
from civictalent.organisations.models import Organisation
from civictalent.salaries.annual_pay import PLAUSIBLE_MAXIMUM, PLAUSIBLE_MINIMUM, pay_year_of
from civictalent.salaries.benchmarks import PUBLIC_PREFIX
from civictalent.salaries.models import (
    BenchmarkRefresh,
    ObservationSource,
    SalaryObservation,
)
from civictalent.salaries.parsing import PayRange, SalaryParse, parse_salary


def zone_of(organisation: Organisation) -> str:
    """The zone a council's salary is recorded in unless the caller says otherwise: the
    organisation's own (Inner or Outer London by the statutory definition, from the
    authorities' data; National for anyone else)."""
    return organisation.pay_zone


def subjects_of(role_level: RoleLevel | None) -> list[str]:
    """The benchmark subjects a salary at this role level counts towards, the open-data one
    (public salaries only, see benchmarks.py) included."""
    if role_level is None:
        return []
    return [
        f"role_level:{role_level.pk}",
        f"role:{role_level.role_id}",
        f"family:{role_level.role.family_id}",
        f"{PUBLIC_PREFIX}{role_level.pk}",
    ]


def _request_refresh(subjects: list[str]) -> None:
    for subject in subjects:
        BenchmarkRefresh.objects.update_or_create(subject=subject)


def _pounds_text(pounds: Decimal) -> str:
    return pounds_text(pence_from_pounds(pounds))


def salary_observation_record(
    *,
    organisation: Organisation,
    role_level: RoleLevel | None,
    annual_min: Decimal,
    annual_max: Decimal | None,
    observed_on: datetime.date,
    source: str,
    source_ref: str = "",
    pay_text: str = "",
    zone: str | None = None,
    is_public: bool = False,
) -> SalaryObservation:
    """Record (or update, for the same source and reference) one annual full-time salary range.

    ``is_public`` says the pay was already public (a published vacancy, a JD shared with
    everyone): only such salaries count in the open London pay data."""
    annual_max = annual_min if annual_max is None else annual_max
    if source not in ObservationSource.values:
        raise ValidationError(f"{source!r} is not a source of salary observations.")
    if annual_min > annual_max:
        raise ValidationError("The minimum salary is above the maximum: check the order.")
    if annual_min < PLAUSIBLE_MINIMUM or annual_max > PLAUSIBLE_MAXIMUM:
        raise ValidationError(
            f"{_pounds_text(annual_min)} to {_pounds_text(annual_max)} a year is not a plausible "
            f"full-time salary (we accept {_pounds_text(PLAUSIBLE_MINIMUM)} to "
            f"{_pounds_text(PLAUSIBLE_MAXIMUM)}). Check the "
            "figures and that the pay is annual, not hourly or daily."
        )
    values = {
        "organisation": organisation,
        "role_level": role_level,
        "zone": zone or zone_of(organisation),
        "annual_min_pence": pence_from_pounds(annual_min),
        "annual_max_pence": pence_from_pounds(annual_max),
        "observed_on": observed_on,
        "pay_text": pay_text[:300],
        "is_public": is_public,
    }
    with transaction.atomic():
        if source_ref:
            previous = SalaryObservation.objects.filter(
                source=source, source_ref=source_ref
            ).first()
            old_subjects = subjects_of(previous.role_level) if previous else []
            observation, _ = SalaryObservation.objects.update_or_create(
                source=source, source_ref=source_ref, defaults=values
            )
        else:
            old_subjects = []
            observation = SalaryObservation.objects.create(source=source, **values)
        _request_refresh(sorted(set(old_subjects + subjects_of(role_level))))
    return observation


def advertised_range(parsed: SalaryParse) -> PayRange | None:
    """The annual pound range an advert offers: base pay or pay including London weighting,
    preferring the London figure where an advert gives national and London rates."""
    usable = [
        pay_range
        for pay_range in parsed.ranges
        if pay_range.currency == "GBP"
        and pay_range.basis in {"base", "including_london_weighting"}
        and pay_range.annual_min is not None
    ]
    london = (
        r
        for r in usable
        if r.basis == "including_london_weighting" or (r.location or "").endswith("London")
    )
    return next(london, usable[0] if usable else None)


def salary_observation_from_pay_text(
    *,
    organisation: Organisation,
    role_level: RoleLevel | None,
    pay_text: str,
    observed_on: datetime.date,
    source: str,
    source_ref: str = "",
    is_public: bool = False,
) -> SalaryObservation:
    """Parse advertised pay and record its base annual range; grades resolve through pay scales."""
    parsed = parse_salary(pay_text)
    chosen = advertised_range(parsed)
    if chosen is not None:
        annual_min = chosen.annual_min
        annual_max = chosen.annual_max
    elif parsed.grades:
        from civictalent.salaries.payscales import resolve_grade

        resolved = resolve_grade(
            organisation=organisation, grade=parsed.grades[0], pay_year=pay_year_of(observed_on)
        )
        if resolved is None:
            raise ValidationError(
                f"The pay says only {parsed.grades[0]}, and {organisation.short_name} has no grade "
                "map that turns it into pounds. Give the pound range."
            )
        annual_min, annual_max = resolved.minimum, resolved.maximum
    else:
        raise ValidationError(
            f"No annual pay in pounds was found in {pay_text!r}"
            + (f" ({parsed.reason})." if parsed.reason else ".")
        )
    assert annual_min is not None
    return salary_observation_record(
        organisation=organisation,
        role_level=role_level,
        annual_min=Decimal(annual_min),
        annual_max=Decimal(annual_max) if annual_max is not None else None,
        observed_on=observed_on,
        source=source,
        source_ref=source_ref,
        pay_text=pay_text,
        is_public=is_public,
    )


def salary_observation_set_included(*, observation: SalaryObservation, included: bool) -> None:
    with transaction.atomic():
        observation.included = included
        observation.save(update_fields=["included"])
        _request_refresh(subjects_of(observation.role_level))
