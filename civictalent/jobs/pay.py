"""A vacancy's pay in pounds a year: checked, turned into pence, or resolved from a council grade.

``check_pound_range`` is pure: it says in words what is wrong with a range (an hourly rate typed
as a salary, a maximum below the minimum). ``resolve_pay`` also asks the council's pay scales
(salaries.payscales) when the pay is given as a grade.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from civictalent.salaries.annual_pay import PLAUSIBLE_MAXIMUM, PLAUSIBLE_MINIMUM, pay_year_of

if TYPE_CHECKING:
    from civictalent.organisations.models import Organisation

# Below these, a figure is most likely an hourly or a daily rate typed as a salary.
HOURLY_BELOW = Decimal("200")
DAILY_BELOW = Decimal("2000")


class PayError(ValueError):
    """What is wrong with the pay, for the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ResolvedPay:
    """Pay in pence a year; ``problem`` says why there is none when a grade did not resolve."""

    min_pence: int | None
    max_pence: int | None
    pay_text: str
    problem: str = ""
    problem_field: str = ""
    note: str = ""

    @property
    def is_resolved(self) -> bool:
        return self.min_pence is not None


def pounds(amount: Decimal) -> str:
    """£40,000 or £40,000.50: whole pounds without pence."""
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def pence_to_pounds_text(pence: int) -> str:
    return pounds(Decimal(pence) / 100)


def parse_pounds(text: str) -> Decimal | None:
    """A money figure as people type it (£42,000 or 42000.00); None for nothing; ValueError
    for something that is not a number."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"Enter the amount as a number of pounds, like 42000; not {text!r}."
        ) from None
    if not value.is_finite():
        raise ValueError("Enter the amount as a number of pounds, like 42000.")
    return value


def _check_one(field: str, amount: Decimal, what: str) -> None:
    if amount <= 0:
        raise PayError(field, f"The {what} salary must be more than £0.")
    if amount < HOURLY_BELOW:
        raise PayError(
            field,
            f"{pounds(amount)} looks like an hourly rate: enter the annual salary "
            "(for a part-time job, the full-time annual salary).",
        )
    if amount < DAILY_BELOW:
        raise PayError(
            field,
            f"{pounds(amount)} looks like a daily or weekly rate: enter the annual salary.",
        )
    if amount < PLAUSIBLE_MINIMUM:
        raise PayError(
            field,
            f"{pounds(amount)} a year is below any full-time salary we accept "
            f"({pounds(PLAUSIBLE_MINIMUM)} to {pounds(PLAUSIBLE_MAXIMUM)}). For a part-time "
            "job, enter the full-time annual salary; for a monthly figure, multiply by 12.",
        )
    if amount > PLAUSIBLE_MAXIMUM:
        raise PayError(
            field,
            f"{pounds(amount)} a year is above any salary we accept (up to "
            f"{pounds(PLAUSIBLE_MAXIMUM)}): check for an extra digit.",
        )


def check_pound_range(
    annual_min: Decimal | None, annual_max: Decimal | None
) -> tuple[int, int | None] | None:
    """The range in pence, or None if no figure is given; PayError if it is implausible."""
    if annual_min is None:
        if annual_max is not None:
            raise PayError(
                "annual_min",
                "Enter the minimum salary too (the same as the maximum if there is one figure).",
            )
        return None
    _check_one("annual_min", annual_min, "minimum")
    if annual_max is not None:
        _check_one("annual_max", annual_max, "maximum")
        if annual_max < annual_min:
            raise PayError(
                "annual_max",
                f"The maximum salary ({pounds(annual_max)}) is below the minimum "
                f"({pounds(annual_min)}): check the order.",
            )
    min_pence = int((annual_min * 100).to_integral_value())
    max_pence = int((annual_max * 100).to_integral_value()) if annual_max is not None else None
    return min_pence, max_pence


def range_text(min_pence: int | None, max_pence: int | None) -> str:
    """A vacancy's pay in words, wherever it is shown: "£40,000 to £45,000 a year", "From
    £40,000 a year", "Up to £45,000 a year", or "" when no pay is given."""
    if min_pence is None and max_pence is None:
        return ""
    if min_pence is None:
        assert max_pence is not None
        return f"Up to {pence_to_pounds_text(max_pence)} a year"
    if max_pence is None:
        return f"From {pence_to_pounds_text(min_pence)} a year"
    if max_pence == min_pence:
        return f"{pence_to_pounds_text(min_pence)} a year"
    return f"{pence_to_pounds_text(min_pence)} to {pence_to_pounds_text(max_pence)} a year"


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
    from civictalent.salaries.payscales import resolve_grade_explained

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
    low = int((result.minimum * 100).to_integral_value())
    high = int((result.maximum * 100).to_integral_value())
    return ResolvedPay(
        low,
        high,
        pay_text or f"Grade {result.grade}: {range_text(low, high)}",
        note=result.year_note,
    )
