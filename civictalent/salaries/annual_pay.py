"""Facts about annual local government pay that every part shares. Pure: no Django."""

from __future__ import annotations

import datetime
from decimal import Decimal

# Annual full-time salaries outside this range are almost certainly typing errors, or hourly,
# daily or part-time figures: observations and vacancies refuse them.
PLAUSIBLE_MINIMUM = Decimal("15000")
PLAUSIBLE_MAXIMUM = Decimal("500000")


def pay_year_of(day: datetime.date) -> str:
    """Local government pay years run April to March: 1 May 2026 is in 2026-27."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
