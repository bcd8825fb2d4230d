"""Pay years (April to March, written 2025-26) and pay zones, checked as people type them."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from civictalent.core.vocabularies import PayZone
from civictalent.salaries.annual_pay import pay_year_of

_PAY_YEAR_RE = re.compile(r"^(20\d\d)-(\d\d)$")


def current_pay_year(today: datetime.date | None = None) -> str:
    """The local government pay year (April to March) that contains ``today``."""
    return pay_year_of(today or timezone.localdate())


def check_pay_year(value: str, *, what: str = "The pay year") -> str:
    """``value`` stripped if it is a pay year like 2025-26; ValidationError if not."""
    value = value.strip()
    match = _PAY_YEAR_RE.match(value)
    if match is None or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError(
            f"{what} must be written like 2025-26 (April 2025 to March 2026); "
            f"{value or 'nothing'!r} is not."
        )
    return value


def check_zone(value: str) -> str:
    if value not in PayZone.values:
        choices = ", ".join(PayZone.values)
        raise ValidationError(f"{value!r} is not a pay zone. Choose one of: {choices}.")
    return value
