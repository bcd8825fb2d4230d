"""A GOV.UK date input (day, month and year boxes) read as a date, with the error to show when
it is not one: pure, no Django. Used by every form with a date input."""

from __future__ import annotations

import datetime

from civictalent.core.numbers import parse_bounded_int


def parse_date_parts(day: str, month: str, year: str, *, what: str) -> datetime.date | None:
    """A GOV.UK date input's three parts as a date (None when all are empty); ValueError with
    the message to show when they are not a real date."""
    parts = [day.strip(), month.strip(), year.strip()]
    if not any(parts):
        return None
    missing = [
        name for name, value in zip(("day", "month", "year"), parts, strict=True) if not value
    ]
    if missing:
        raise ValueError(f"The {what} must include a {' and a '.join(missing)}.")
    day_number, month_number, year_number = (
        parse_bounded_int(part, maximum=9999) for part in parts
    )
    if day_number is None or month_number is None or year_number is None:
        raise ValueError(f"Enter the {what} as numbers, like 27 3 2027.")
    if len(parts[2]) != 4:
        raise ValueError(
            f"Enter the {what} as numbers, with the year in four digits, like 27 3 2027."
        )
    try:
        return datetime.date(year_number, month_number, day_number)
    except ValueError:
        raise ValueError(f"The {what} must be a real date.") from None
