"""Salary benchmark statistics with statistical disclosure control.

Pure Python (no Django), so the background refresh, the API, the exports and the tests share one
set of rules. Money is whole pence in ``int``; exact arithmetic (:class:`fractions.Fraction`) is
used wherever a value is interpolated or divided, and every rounding is "half up" to whole pence,
so the same observations always give the same figures on every machine. Sentences show whole
pounds by the one rule in :mod:`civictalent.core.money`, as the tables, charts and downloads do.

Disclosure control (the rules that decide whether a cell may be shown):

* a cell with fewer than :data:`MIN_CELL` (5) salaries is hidden;
* a cell where one council supplies more than :data:`MAX_COUNCIL_SHARE` (half) of the salaries is
  hidden, because the figures would mostly describe that one council's pay. Exactly half is
  allowed; the comparison is exact, not on the rounded share.

A hidden cell still says how many salaries it has and from how many councils (sample sizes are
not pay), but it carries no percentile at all: :class:`CellSummary` refuses to be built with both
a reason and figures, so nothing can leak through a template, an export or the API.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor
from typing import Final, Literal

from civictalent.core.money import middle_pence, pounds_text

__all__ = [
    "GEOGRAPHIES",
    "GEOGRAPHY_LABELS",
    "LONDON_ZONES",
    "MAX_COUNCIL_SHARE",
    "MEASURES",
    "MIN_CELL",
    "PERCENTILES",
    "PERCENTILE_KEYS",
    "ZONES",
    "CellSummary",
    "Observation",
    "council_geography",
    "council_id_of",
    "geography_matches",
    "in_last_12_months",
    "last_12_months_window",
    "percentile",
    "percentile_rank",
    "quarter_of",
    "quarter_range",
    "quarters_back",
    "summarise",
    "summary_sentence",
]

Measure = Literal["min", "mid", "max"]
Stats = dict[str, dict[str, int]]

ZONES: Final = ("inner_london", "outer_london", "fringe", "national")
LONDON_ZONES: Final = frozenset({"inner_london", "outer_london"})

PERCENTILES: Final = (10, 25, 50, 75, 90)
PERCENTILE_KEYS: Final = tuple(f"p{p}" for p in PERCENTILES)
MEASURES: Final[tuple[Measure, ...]] = ("min", "mid", "max")

MIN_CELL: Final = 5
MAX_COUNCIL_SHARE: Final = Decimal("0.5")

GEOGRAPHIES: Final = ("london", "inner_london", "outer_london")
GEOGRAPHY_LABELS: Final[Mapping[str, str]] = {
    "london": "London",
    "inner_london": "Inner London",
    "outer_london": "Outer London",
}

_COUNCIL_PREFIX: Final = "council:"
_QUARTER_RE: Final = re.compile(r"^(\d{4})Q([1-4])$")
_SHARE_PLACES: Final = Decimal("0.001")
_HIDDEN_PREFIX: Final = "Hidden: "
_TOO_FEW_TEMPLATE: Final = "Hidden: fewer than {minimum} salaries ({count} so far)."
_ONE_COUNCIL_REASON: Final = "Hidden: one council supplies more than half of these salaries."


def _round_half_up(value: Fraction) -> int:
    """Round an exact value to the nearest integer, halves away from minus infinity."""
    return floor(value + Fraction(1, 2))


# --------------------------------------------------------------------------------------------
# Observations and percentiles
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Observation:
    """One salary as the statistics see it: annual full-time pence, council, date and zone."""

    annual_min_pence: int
    annual_max_pence: int
    council_id: int
    observed_on: datetime.date
    zone: str

    def __post_init__(self) -> None:
        if self.annual_min_pence < 0:
            raise ValueError("annual_min_pence must not be negative")
        if self.annual_min_pence > self.annual_max_pence:
            raise ValueError("annual_min_pence must not be above annual_max_pence")
        if self.zone not in ZONES:
            raise ValueError(f"unknown zone {self.zone!r}: expected one of {', '.join(ZONES)}")

    @property
    def annual_mid_pence(self) -> int:
        """The middle of the advertised range, rounded half up to whole pence."""
        return middle_pence(self.annual_min_pence, self.annual_max_pence)


def percentile(sorted_values: Sequence[int], p: float) -> int:
    """The ``p``-th percentile (0 to 100) of values already sorted in ascending order.

    Method: linear interpolation between the closest ranks, the same as numpy's default
    ``method="linear"`` (Hyndman and Fan type 7) and Python's
    ``statistics.quantiles(method="inclusive")``. With ``n`` values, the position is
    ``h = (n - 1) * p / 100`` counted from 0; the result is
    ``v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)])``. So p0 is the smallest
    value, p100 the largest and p50 the ordinary median. The arithmetic is exact and the result
    is rounded half up to whole pence.
    """
    n = len(sorted_values)
    if n == 0:
        raise ValueError("percentile of no values is undefined")
    exact_p = Fraction(str(p)) if isinstance(p, float) else Fraction(p)
    if not 0 <= exact_p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {p}")
    position = (n - 1) * exact_p / 100
    lower = floor(position)
    if lower >= n - 1:
        return sorted_values[n - 1]
    fraction = position - lower
    low_value = sorted_values[lower]
    high_value = sorted_values[lower + 1]
    return _round_half_up(low_value + fraction * (high_value - low_value))


def percentile_rank(value: int, sorted_values: Sequence[int]) -> int:
    """Where ``value`` sits among ascending ``sorted_values``, from 0 to 100.

    The share of values strictly below it plus half the share equal to it, as a whole percentage
    rounded half up: the "mid-rank" definition, so a council paying exactly the London median
    of distinct values gets about 50, and one paying the same as everybody gets exactly 50.
    """
    n = len(sorted_values)
    if n == 0:
        raise ValueError("percentile rank against no values is undefined")
    below = bisect_left(sorted_values, value)
    ties = bisect_right(sorted_values, value) - below
    return _round_half_up(Fraction(100 * below + 50 * ties, n))


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellSummary:
    """A benchmark cell: sample sizes always, percentiles only when it may be shown.

    The fields match :class:`civictalent.salaries.models.BenchmarkCell`; build one from a stored
    cell with ``CellSummary(count=..., councils=..., ...)`` to reuse :func:`summary_sentence`.
    ``stats`` is ``{"min": {"p10": pence, ...}, "mid": {...}, "max": {...}}`` or ``{}`` when
    hidden.
    """

    count: int
    councils: int
    largest_council_share: Decimal
    suppressed_reason: str = ""
    stats: Stats = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.suppressed_reason:
            if self.stats:
                raise ValueError("a hidden cell must not carry any percentile")
            return
        if set(self.stats) != set(MEASURES) or any(
            set(self.stats[measure]) != set(PERCENTILE_KEYS) for measure in MEASURES
        ):
            raise ValueError("a shown cell needs p10 to p90 for each of min, mid and max")

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_reason)

    def value(self, measure: Measure, key: str) -> int | None:
        """One percentile such as ``value("mid", "p50")``; ``None`` when the cell is hidden."""
        if self.suppressed:
            return None
        return self.stats[measure][key]

    def as_fields(self) -> dict[str, object]:
        """The values to store on a ``BenchmarkCell`` (``update_or_create(defaults=...)``)."""
        return {
            "count": self.count,
            "councils": self.councils,
            "largest_council_share": self.largest_council_share,
            "suppressed_reason": self.suppressed_reason,
            "stats": {measure: dict(values) for measure, values in self.stats.items()},
        }


def _too_few_reason(count: int) -> str:
    return _TOO_FEW_TEMPLATE.format(minimum=MIN_CELL, count=count)


def summarise(observations: Sequence[Observation]) -> CellSummary:
    """Count, councils, the largest council's share and (only if it may be shown) percentiles.

    ``mid`` is the middle of each advertised range, ``(min + max) / 2`` rounded half up to whole
    pence; each of ``min``, ``mid`` and ``max`` is summarised on its own (so p50 of ``mid`` is
    the median midpoint, not the midpoint of the medians).
    """
    count = len(observations)
    per_council = Counter(observation.council_id for observation in observations)
    largest = max(per_council.values(), default=0)
    share = (
        (Decimal(largest) / Decimal(count)).quantize(_SHARE_PLACES, rounding=ROUND_HALF_UP)
        if count
        else Decimal("0.000")
    )

    reason = ""
    if count < MIN_CELL:
        reason = _too_few_reason(count)
    elif Fraction(largest, count) > Fraction(MAX_COUNCIL_SHARE):
        reason = _ONE_COUNCIL_REASON
    if reason:
        return CellSummary(count, len(per_council), share, reason, {})

    columns: dict[Measure, list[int]] = {
        "min": sorted(observation.annual_min_pence for observation in observations),
        "mid": sorted(observation.annual_mid_pence for observation in observations),
        "max": sorted(observation.annual_max_pence for observation in observations),
    }
    stats: Stats = {
        measure: {
            key: percentile(values, p) for key, p in zip(PERCENTILE_KEYS, PERCENTILES, strict=True)
        }
        for measure, values in columns.items()
    }
    return CellSummary(count, len(per_council), share, "", stats)


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------


def quarter_of(day: datetime.date) -> str:
    """The calendar quarter of a date, such as ``"2026Q3"`` (July to September 2026).

    Calendar quarters, not pay-year quarters: pay years run April to March, so 2026Q2 is the
    first quarter of pay year 2026-27.
    """
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarters_back(end: datetime.date, n: int) -> list[str]:
    """The ``n`` quarters ending with the one containing ``end``, oldest first."""
    if n < 0:
        raise ValueError("the number of quarters must not be negative")
    index = end.year * 4 + (end.month - 1) // 3
    return [f"{i // 4}Q{i % 4 + 1}" for i in range(index - n + 1, index + 1)]


def quarter_range(quarter: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day (both included) of a quarter such as ``"2026Q3"``."""
    match = _QUARTER_RE.match(quarter)
    if match is None:
        raise ValueError(f"write a quarter like 2026Q3, not {quarter!r}")
    year, number = int(match.group(1)), int(match.group(2))
    first = datetime.date(year, 3 * number - 2, 1)
    after = datetime.date(year + 1, 1, 1) if number == 4 else datetime.date(year, 3 * number + 1, 1)
    return first, after - datetime.timedelta(days=1)


def _one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_12_months_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day (both included) of "the last 12 months" ending ``today``.

    It starts the day after the same date a year earlier, so it is exactly one year long and a
    salary seen on 15 July 2025 has left the window on 15 July 2026.
    """
    return _one_year_before(today) + datetime.timedelta(days=1), today


def in_last_12_months(observed_on: datetime.date, today: datetime.date) -> bool:
    """Whether a date falls in :func:`last_12_months_window` (future dates do not)."""
    first, last = last_12_months_window(today)
    return first <= observed_on <= last


# --------------------------------------------------------------------------------------------
# Geography
# --------------------------------------------------------------------------------------------


def council_geography(council_id: int) -> str:
    """The geography key of one council, such as ``"council:7"``."""
    return f"{_COUNCIL_PREFIX}{council_id}"


def council_id_of(geography: str) -> int | None:
    """The council id in ``"council:7"``; ``None`` for the London geographies."""
    if not geography.startswith(_COUNCIL_PREFIX):
        if geography in GEOGRAPHIES:
            return None
        raise ValueError(f"unknown geography {geography!r}")
    digits = geography.removeprefix(_COUNCIL_PREFIX)
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"write a council geography like council:7, not {geography!r}")
    return int(digits)


def geography_matches(geography: str, observation: Observation) -> bool:
    """Whether an observation counts towards a geography.

    ``london`` is inner and outer London only (not the fringe or national rates);
    ``inner_london`` and ``outer_london`` are those zones; ``council:ID`` is every salary from
    that council, whatever its zone.
    """
    council_id = council_id_of(geography)
    if council_id is not None:
        return observation.council_id == council_id
    if geography == "london":
        return observation.zone in LONDON_ZONES
    return observation.zone == geography


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"


def summary_sentence(label: str, cell: CellSummary, geography_label: str) -> str:
    """One plain-English sentence to put beside a chart or a table row.

    Shown: "In London, the middle of the advertised range for Senior data analyst is £48,500
    (median of 42 salaries from 17 councils); half are between £44,000 and £52,750."
    Hidden: "In London, pay for Senior data analyst is hidden: fewer than 5 salaries (3 so far)."
    """
    salaries = _plural(cell.count, "salary", "salaries")
    councils = _plural(cell.councils, "council", "councils")
    if cell.suppressed:
        reason = cell.suppressed_reason.strip().rstrip(".")
        if reason.startswith(_HIDDEN_PREFIX):
            reason = reason.removeprefix(_HIDDEN_PREFIX)
            reason = reason[:1].lower() + reason[1:]
        if "so far" not in reason:
            reason = f"{reason} ({salaries} from {councils})"
        return f"In {geography_label}, pay for {label} is hidden: {reason}."
    mid = cell.stats["mid"]
    return (
        f"In {geography_label}, the middle of the advertised range for {label} is "
        f"{pounds_text(mid['p50'])} (median of {salaries} from {councils}); "
        f"half are between {pounds_text(mid['p25'])} and {pounds_text(mid['p75'])}."
    )
