"""What the pay parser returns: the ranges it found, each annualised with the assumptions it
used, and the assumptions themselves."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

Period = Literal["hour", "day", "week", "month", "year"]
Basis = Literal["base", "including_london_weighting", "on_target_earnings", "allowance"]

PERIODS: tuple[Period, ...] = ("hour", "day", "week", "month", "year")
BASES: tuple[Basis, ...] = ("base", "including_london_weighting", "on_target_earnings", "allowance")

_ONE = Decimal(1)
_PENNY = Decimal("0.01")


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float | str):
        return Decimal(str(value))
    raise TypeError(f"expected a number, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class Assumptions:
    """Constants used to turn a stated rate into a full-time annual figure.

    hours_per_week: 36 is the usual full-time week in London councils (the NJC national
        standard is 37; inner London boroughs commonly use 35 or 36).
    weeks_per_year: 52.143 (365 / 7); paid leave is paid, so a salaried hourly or weekly rate
        is multiplied by every week of the year.
    working_days_per_year: 260 (52 weeks x 5 days), the divisor councils use to turn a salary
        into a daily rate, so a day rate annualises on the same footing as a salary. Contractor
        day rates are often compared on 220-230 billable days instead: set 225 for that view.
    months_per_year: 12.
    london_living_wage_hourly: the Living Wage Foundation London rate (13.85 from October
        2024); annual salaries below hours_per_week x weeks_per_year x this are flagged.
    plausible_annual_maximum: annual figures above this are flagged "above_500k".
    """

    hours_per_week: Decimal = Decimal("36")
    weeks_per_year: Decimal = Decimal("52.143")
    working_days_per_year: Decimal = Decimal("260")
    months_per_year: Decimal = Decimal("12")
    london_living_wage_hourly: Decimal = Decimal("13.85")
    plausible_annual_maximum: Decimal = Decimal("500000")
    # derived once, because every parse uses them
    _hourly_factor: Decimal = field(init=False, repr=False, compare=False)
    _living_wage_annual: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept ints, floats and strings from callers and configuration; store Decimals.
        for item in fields(self):
            if not item.init:
                continue
            value = _as_decimal(getattr(self, item.name))
            if value <= 0:
                raise ValueError(f"{item.name} must be positive, got {value}")
            object.__setattr__(self, item.name, value)
        hourly = self.hours_per_week * self.weeks_per_year
        object.__setattr__(self, "_hourly_factor", hourly)
        object.__setattr__(self, "_living_wage_annual", self.london_living_wage_hourly * hourly)

    def annual_factor(self, period: Period) -> Decimal:
        """How many of ``period`` make one full-time year."""
        if period == "year":
            return _ONE
        if period == "month":
            return self.months_per_year
        if period == "week":
            return self.weeks_per_year
        if period == "day":
            return self.working_days_per_year
        return self._hourly_factor

    @property
    def london_living_wage_annual(self) -> Decimal:
        """hours_per_week x weeks_per_year x london_living_wage_hourly."""
        return self._living_wage_annual

    def to_dict(self) -> dict[str, int | float]:
        result: dict[str, int | float] = {
            item.name: _exact_number(getattr(self, item.name)) for item in fields(self) if item.init
        }
        result["london_living_wage_annual"] = _number(
            self.london_living_wage_annual.quantize(_ONE, ROUND_HALF_UP)
        )
        return result


DEFAULT_ASSUMPTIONS = Assumptions()


@dataclass(frozen=True, init=False)
class PayRange:
    """One pay range found in a text. Offsets index the original input string."""

    minimum: Decimal | None
    maximum: Decimal | None
    period: Period
    currency: str
    location: str | None
    basis: Basis
    pro_rata: bool
    full_time_equivalent: bool
    grade: str | None
    annual_min: Decimal | None
    annual_max: Decimal | None
    flags: tuple[str, ...]
    start: int
    end: int
    excerpt: str

    def __init__(
        self,
        minimum: Decimal | None,
        maximum: Decimal | None,
        period: Period,
        currency: str,
        location: str | None,
        basis: Basis,
        pro_rata: bool,
        full_time_equivalent: bool,
        grade: str | None,
        annual_min: Decimal | None,
        annual_max: Decimal | None,
        flags: tuple[str, ...],
        start: int,
        end: int,
        excerpt: str,
    ) -> None:
        # A frozen dataclass's own __init__ sets each field through object.__setattr__, which
        # was a tenth of the parser's time; filling __dict__ at once is ~3x faster and the
        # instance stays frozen (assignment still raises FrozenInstanceError).
        self.__dict__.update(
            minimum=minimum,
            maximum=maximum,
            period=period,
            currency=currency,
            location=location,
            basis=basis,
            pro_rata=pro_rata,
            full_time_equivalent=full_time_equivalent,
            grade=grade,
            annual_min=annual_min,
            annual_max=annual_max,
            flags=flags,
            start=start,
            end=end,
            excerpt=excerpt,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "minimum": _number_or_none(self.minimum),
            "maximum": _number_or_none(self.maximum),
            "period": self.period,
            "currency": self.currency,
            "location": self.location,
            "basis": self.basis,
            "pro_rata": self.pro_rata,
            "full_time_equivalent": self.full_time_equivalent,
            "grade": self.grade,
            "annual_min": _number_or_none(self.annual_min),
            "annual_max": _number_or_none(self.annual_max),
            "flags": list(self.flags),
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class SalaryParse:
    """Everything found in one text; ``reason`` says why ``ranges`` is empty."""

    ranges: tuple[PayRange, ...]
    grades: tuple[str, ...] = ()
    reason: str | None = None
    assumptions: Assumptions = field(default=DEFAULT_ASSUMPTIONS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ranges": [pay_range.to_dict() for pay_range in self.ranges],
            "grades": list(self.grades),
            "reason": self.reason,
            "assumptions": self.assumptions.to_dict(),
        }


def _number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(_PENNY, ROUND_HALF_UP))


def _exact_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _number_or_none(value: Decimal | None) -> int | float | None:
    return None if value is None else _number(value)
