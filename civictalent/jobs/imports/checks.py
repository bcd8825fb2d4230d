"""Checks of one field of a vacancy row: each returns the value to store, or adds a message
saying what is wrong (and what to write instead) to the row's errors."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from civictalent.core.money import pounds_from_text
from civictalent.core.richtext import html_to_text, sanitise_html
from civictalent.jobs.pay import PayError, check_pound_range

from .schema import MAX_HOURS, SUMMARY_FROM_DESCRIPTION

LONDON = ZoneInfo("Europe/London")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# Local part "@" domain with a dot inside it. Two patterns, not one: in
# "[^@\s<>]+\.[^@\s<>]+$" both runs can hold the dot, which is quadratic on a long domain.
EMAIL_PART = re.compile(r"[^@\s<>]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def errors_about(errors: list[str], prefix: str) -> bool:
    return any(error.startswith(prefix) for error in errors)


def plain(value: str) -> str:
    if "<" not in value:
        return value
    return " ".join(html_to_text(sanitise_html(value)).split())


def summary_from(description: str) -> str:
    """The description's first words, cut at a word, for a feed that sends no summary."""
    text = html_to_text(sanitise_html(description))
    first = next((line for line in text.splitlines() if line.strip()), "")
    if len(first) <= SUMMARY_FROM_DESCRIPTION:
        return first
    cut = first[:SUMMARY_FROM_DESCRIPTION].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def pounds(value: str, name: str, errors: list[str]) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    cleaned = value.replace(" ", "")
    if cleaned.lower().endswith("k"):
        cleaned, multiplier = cleaned[:-1], Decimal(1000)
    else:
        multiplier = Decimal(1)
    try:
        amount = pounds_from_text(cleaned)
    except ValueError:
        amount = None
    if amount is None or amount < 0:
        errors.append(
            f"{name} '{value[:40]}' is not an amount of money: write pounds a year, like 40000."
        )
        return None
    return amount * multiplier


def pay_range(annual_min: Decimal | None, annual_max: Decimal | None, errors: list[str]) -> None:
    try:
        check_pound_range(annual_min, annual_max)
    except PayError as problem:
        column = {"annual_min": "salary_min", "annual_max": "salary_max"}.get(problem.field, "pay")
        errors.append(f"{column}: {problem.message}")


def hours(value: str, errors: list[str]) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    match = NUMBER.search(value)
    if match is None:
        errors.append(f"hours '{value[:40]}' is not a number of hours a week, like 36.")
        return None
    hours = Decimal(match.group()).quantize(Decimal("0.1"))
    if hours <= 0 or hours > MAX_HOURS:
        errors.append(f"hours {hours} is not a working week: give hours a week, up to 80.")
        return None
    return hours


def choice(value: str, choices: Mapping[str, str], name: str, errors: list[str]) -> str:
    if not value:
        return ""
    key = " ".join(re.sub(r"[-_/]+", " ", value.lower()).split())
    chosen = choices.get(key)
    if chosen is None:
        accepted = sorted(set(choices.values()))
        errors.append(
            f"{name} '{value[:40]}' is not one we know. Use one of: "
            + ", ".join(a.replace("_", " ") for a in accepted)
            + "."
        )
        return ""
    return chosen


def postcode(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    compact = "".join(value.upper().split())
    if OUTWARD_CODE.match(compact):
        return compact
    if not POSTCODE.match(compact):
        errors.append(f"postcode '{value[:20]}' is not a UK postcode, like E8 1DY.")
        return ""
    return f"{compact[:-3]} {compact[-3:]}"


def closing(value: str, errors: list[str]) -> datetime.datetime | None:
    if not value:
        errors.append("closing_date is missing: give the date (and time) applications close.")
        return None
    if DATE_ONLY.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            errors.append(f"closing_date '{value}' is not a real date.")
            return None
        return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=LONDON)
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        errors.append(
            f"closing_date '{value[:40]}' is not an ISO 8601 date: write it like 2025-10-31 or "
            "2025-10-31T17:00."
        )
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def https_url(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme.lower() != "https" or not parts.netloc or " " in value:
        errors.append(
            f"apply_url '{value[:60]}' must be a full https:// link to the council's "
            "recruitment system."
        )
        return ""
    return value


def email(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    local, _, domain = value.partition("@")
    if not (EMAIL_PART.fullmatch(local) and EMAIL_PART.fullmatch(domain) and "." in domain[1:-1]):
        errors.append(f"contact_email '{value[:60]}' is not an email address.")
        return ""
    return value
