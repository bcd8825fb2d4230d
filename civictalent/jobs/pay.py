"""A vacancy's pay in pounds a year, checked and turned into pence. Pure: no Django.

``check_pound_range`` says in words what is wrong with a range (an hourly rate typed as a salary,
a maximum below the minimum). Resolving a council grade asks the pay scales, so it is a service:
``resolve_pay`` in jobs/services/pay_resolution.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from civictalent.core.money import exact_pounds_text, pence_from_pounds
from civictalent.salaries.annual_pay import PLAUSIBLE_MAXIMUM, PLAUSIBLE_MINIMUM

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


def _pounds_text(amount: Decimal) -> str:
    """An amount typed in pounds as the money module shows advertised pay: £40,000 or
    £40,000.50."""
    return exact_pounds_text(pence_from_pounds(amount))


def _check_one(field: str, amount: Decimal, what: str) -> None:
    if amount <= 0:
        raise PayError(field, f"The {what} salary must be more than £0.")
    if amount < HOURLY_BELOW:
        raise PayError(
            field,
            f"{_pounds_text(amount)} looks like an hourly rate: enter the annual salary "
            "(for a part-time job, the full-time annual salary).",
        )
    if amount < DAILY_BELOW:
        raise PayError(
            field,
            f"{_pounds_text(amount)} looks like a daily or weekly rate: enter the annual salary.",
        )
    if amount < PLAUSIBLE_MINIMUM:
        raise PayError(
            field,
            f"{_pounds_text(amount)} a year is below any full-time salary we accept "
            f"({_pounds_text(PLAUSIBLE_MINIMUM)} to {_pounds_text(PLAUSIBLE_MAXIMUM)}). For a "
            "part-time job, enter the full-time annual salary; for a monthly figure, multiply "
            "by 12.",
        )
    if amount > PLAUSIBLE_MAXIMUM:
        raise PayError(
            field,
            f"{_pounds_text(amount)} a year is above any salary we accept (up to "
            f"{_pounds_text(PLAUSIBLE_MAXIMUM)}): check for an extra digit.",
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
                f"The maximum salary ({_pounds_text(annual_max)}) is below the minimum "
                f"({_pounds_text(annual_min)}): check the order.",
            )
    return pence_from_pounds(annual_min), pence_from_pounds(annual_max)


def range_text(min_pence: int | None, max_pence: int | None) -> str:
    """A vacancy's pay in words, wherever it is shown: "£40,000 to £45,000 a year", "From
    £40,000 a year", "Up to £45,000 a year", or "" when no pay is given."""
    if min_pence is None and max_pence is None:
        return ""
    if min_pence is None:
        assert max_pence is not None
        return f"Up to {exact_pounds_text(max_pence)} a year"
    if max_pence is None:
        return f"From {exact_pounds_text(min_pence)} a year"
    if max_pence == min_pence:
        return f"{exact_pounds_text(min_pence)} a year"
    return f"{exact_pounds_text(min_pence)} to {exact_pounds_text(max_pence)} a year"
