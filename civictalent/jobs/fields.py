"""The editable facts of a vacancy, as one value: the form, imports and services share it.

Services (jobs.services) validate and save these; the form builds them from a person's input and
imports build them from a council's feed row. Pay is given either as pounds (``annual_min`` and
``annual_max``) or as a ``grade`` the council's pay scales resolve, with ``pay_text`` keeping
what the council wrote.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class VacancyFields:
    title: str
    summary: str = ""
    # The Markdown subset (core/richtext.py); text that starts with an HTML tag (a feed) is
    # converted to it. Rendered to sanitised HTML when saved.
    description: str = ""
    role_level_id: int | None = None  # None: map it from the title
    pay_text: str = ""
    grade: str = ""
    annual_min: Decimal | None = None  # pounds a year
    annual_max: Decimal | None = None
    hours_per_week: Decimal | None = None
    contract: str = ""
    working_pattern: str = ""
    workplace: str = ""
    hybrid_pattern: str = ""
    location: str = ""
    postcode: str = ""
    closes_at: datetime.datetime | None = None  # aware
    apply_url: str = ""
    contact_name: str = ""
    contact_email: str = ""
