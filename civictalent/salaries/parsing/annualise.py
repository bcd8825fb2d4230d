"""Each range settled into a :class:`PayRange`: its period (stated, shared from another range or
inferred from its size), its currency, its full-time annual figures and the flags that say what
looks wrong."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .figures import RawRange
from .results import Assumptions, PayRange, Period
from .wording import Wording

_WHOLE_POUND = Decimal(1)
_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)

# Plausible stated values for each period (inclusive), used for "implausible_for_period" and to
# decide whether a period stated once in a text can be shared by its other ranges.
_PLAUSIBLE: dict[Period, tuple[Decimal, Decimal]] = {
    "hour": (Decimal(4), Decimal(1000)),
    "day": (Decimal(30), Decimal(5000)),
    "week": (Decimal(100), Decimal(25000)),
    "month": (Decimal(400), Decimal(100000)),
    "year": (Decimal(1000), Decimal(100_000_000)),
}


@dataclass(slots=True)
class _Shared:
    """What every range of one text is settled against."""

    currency: str  # the first currency written, for ranges that write none
    stated: dict[Period, list[int]]  # where each period is stated, for ranges that state none
    any_full_time_equivalent: bool
    assumptions: Assumptions


def pay_ranges(
    text: str, raws: list[RawRange], wordings: list[Wording], assumptions: Assumptions
) -> tuple[PayRange, ...]:
    """Every range of ``text``, annualised with ``assumptions`` and flagged."""
    currency = "GBP"
    for raw in raws:
        if raw.currency is not None:
            currency = raw.currency
            break
    stated: dict[Period, list[int]] = {}
    periods = [wording.period for wording in wordings]
    if None in periods:
        for index, period in enumerate(periods):
            if period is not None:
                stated.setdefault(period, []).append(index)
    any_full_time_equivalent = True in [wording.full_time_equivalent for wording in wordings]
    shared = _Shared(currency, stated, any_full_time_equivalent, assumptions)
    return tuple(
        [_pay_range(text, index, raw, wordings[index], shared) for index, raw in enumerate(raws)]
    )


def _pay_range(text: str, index: int, raw: RawRange, wording: Wording, shared: _Shared) -> PayRange:
    flags: list[str] = []
    low, high, top = raw.low, raw.high, raw.top
    period = _settled_period(wording.period, shared.stated, index, top, flags)
    currency = raw.currency or shared.currency
    if currency != "GBP":
        flags.append("currency_not_gbp")
    if raw.reversed:
        flags.append("range_reversed")
    _flag_implausible(period, low, top, flags)
    factor = shared.assumptions.annual_factor(period)
    annual_low = None if low is None else low * factor
    annual_high = None if high is None else high * factor
    actual_part_time = (
        wording.pro_rata and shared.any_full_time_equivalent and not wording.full_time_equivalent
    )
    counts_for_living_wage = (
        currency == "GBP" and wording.basis != "allowance" and not actual_part_time
    )
    _flag_annual_extremes(
        annual_low, annual_high, counts_for_living_wage, shared.assumptions, flags
    )
    if actual_part_time:
        flags.append("pro_rata_actual")
    start, end = raw.start, wording.excerpt_end
    return PayRange(
        low,
        high,
        period,
        currency,
        wording.location,
        wording.basis,
        wording.pro_rata,
        wording.full_time_equivalent,
        wording.grade,
        None if annual_low is None else annual_low.quantize(_WHOLE_POUND, ROUND_HALF_UP),
        None if annual_high is None else annual_high.quantize(_WHOLE_POUND, ROUND_HALF_UP),
        tuple(flags),
        start,
        end,
        text[start:end],
    )


def _settled_period(
    period: Period | None,
    stated: dict[Period, list[int]],
    index: int,
    top: Decimal,
    flags: list[str],
) -> Period:
    if period is None and stated:
        # A period stated once ("... £31,237 - £44,625 per annum") covers the other ranges
        # when it makes sense for their figures; the nearest statement wins (the later of
        # two as near).
        period = _nearest_stated(stated, index, top)
    if period is None:
        period = "year" if top >= _THOUSAND else "day" if top >= _HUNDRED else "hour"
        flags.append("period_inferred")
    return period


def _flag_implausible(period: Period, low: Decimal | None, top: Decimal, flags: list[str]) -> None:
    least, most = _PLAUSIBLE[period]
    if not least <= top <= most or (low is not None and not least <= low <= most):
        if period == "year" and top < _HUNDRED:
            flags.append("hourly_rate_in_annual_field")
        else:
            flags.append("implausible_for_period")


def _flag_annual_extremes(
    annual_low: Decimal | None,
    annual_high: Decimal | None,
    counts_for_living_wage: bool,
    assumptions: Assumptions,
    flags: list[str],
) -> None:
    # a range always has at least one end, so neither of these is None
    lowest = annual_low if annual_low is not None else annual_high
    highest = annual_high if annual_high is not None else annual_low
    if counts_for_living_wage and lowest < assumptions.london_living_wage_annual:  # type: ignore[operator]
        flags.append("below_london_living_wage")
    if highest > assumptions.plausible_annual_maximum:  # type: ignore[operator]
        flags.append("above_500k")


def _plausible(period: Period, value: Decimal) -> bool:
    low, high = _PLAUSIBLE[period]
    return low <= value <= high


def _nearest_stated(stated: dict[Period, list[int]], index: int, top: Decimal) -> Period | None:
    """The period stated nearest to range ``index`` that is plausible for its figure."""
    best: tuple[int, int] | None = None
    chosen: Period | None = None
    for period, indexes in stated.items():
        if not _plausible(period, top):
            continue
        position = bisect_left(indexes, index)
        for candidate in indexes[max(0, position - 1) : position + 1]:
            key = (abs(candidate - index), -candidate)
            if best is None or key < best:
                best, chosen = key, period
    return chosen
