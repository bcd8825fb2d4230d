"""A vacancy's pay from pounds typed in, or from the council's grade in its pay scales."""

from __future__ import annotations

import datetime
from decimal import Decimal

from civictalent.core.money import pence_from_pounds
from civictalent.jobs.pay import ResolvedPay, check_pound_range, range_text
from civictalent.organisations.models import Organisation
from civictalent.salaries.annual_pay import pay_year_of
from civictalent.salaries.payscales import resolve_grade_explained


def resolve_pay(
    *,
    organisation: Organisation,
    annual_min: Decimal | None,
    annual_max: Decimal | None,
    grade: str,
    pay_text: str,
    on: datetime.date,
) -> ResolvedPay:
    """Pay from pounds (checked: PayError when implausible) or from the council's grade in the
    pay year of ``on`` (the closing date). A grade that does not resolve gives no pence and the
    pay scales' reason in ``problem``; no pay at all gives no pence and no problem."""
    pay_text = pay_text.strip()
    checked = check_pound_range(annual_min, annual_max)
    if checked is not None:
        low, high = checked
        return ResolvedPay(low, high, pay_text or range_text(low, high))
    grade = grade.strip()
    if not grade:
        return ResolvedPay(None, None, pay_text)
    year = pay_year_of(on)
    resolution = resolve_grade_explained(organisation=organisation, grade=grade, pay_year=year)
    if resolution.result is None:
        return ResolvedPay(
            None,
            None,
            pay_text,
            problem=f"We could not work out the pay for grade {grade}: {resolution.reason} "
            "Enter the salary in pounds instead.",
            problem_field="grade",
        )
    result = resolution.result
    low = pence_from_pounds(result.minimum)
    high = pence_from_pounds(result.maximum)
    return ResolvedPay(
        low,
        high,
        pay_text or f"Grade {result.grade}: {range_text(low, high)}",
        note=result.year_note,
    )
