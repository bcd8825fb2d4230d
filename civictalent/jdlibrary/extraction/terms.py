"""The terms of the job: contract, working pattern, location and closing date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from civictalent.jdlibrary.extraction.labels import PLACEHOLDER, Label, label_value

_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("apprenticeship", r"\bapprentice(?:ship)?s?\b"),
    ("secondment", r"\bsecondments?\b"),
    (
        "fixed term",
        r"\bfixed[- ]term\b|\bftc\b|\b(?:not to exceed|nte) \d+ (?:months?|years?)\b"
        r"|\b\d+[- ](?:months?|years?) (?:contract|appointment|post|role|fixed)\b|\btemporary\b",
    ),
    ("interim", r"\binterim\b"),
    ("contract", r"\b(?:inside|outside) ir35\b|\bday rate\b|\bcontract(?:or)? (?:role|basis)\b"),
    ("permanent", r"\bpermanent\b"),
)
_BODY_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "apprenticeship",
        r"\bapprenticeship (?:role|post|programme|scheme|position|opportunity|vacancy)\b"
        r"|\bthis is an apprenticeship\b",
    ),
    ("secondment", r"\bsecondment\b"),
    (
        "fixed term",
        r"\bfixed[- ]term\b|\b(?:not to exceed|nte) \d+ (?:months?|years?)\b"
        r"|\b\d+[- ](?:months?|years?) (?:fixed|contract|appointment)\b",
    ),
    ("interim", r"\binterim (?:role|post|position|basis|contract|assignment)\b"),
    ("contract", r"\b(?:inside|outside) ir35\b|\bday rate\b|\bcontract (?:role|basis)\b"),
    (
        "permanent",
        r"(?<!holding a )(?<!hold a )\bpermanent (?:role|post|position|contract|appointment|basis|"
        r"job|vacancy|opportunity)\b|\bthis is a permanent\b|\bon a permanent\b",
    ),
)
_CONTRACT_LABELS = (
    "contract",
    "contract type",
    "type of contract",
    "type of posting",
    "appointment type",
    "type of appointment",
    "employment type",
    "tenure",
    "duration",
    "post type",
    "job type",
    "vacancy type",
    "contract / post",
    "contract length",
    "term",
)


def _earliest(text: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    best: tuple[int, str] | None = None
    lowered = text.lower()
    for name, pattern in patterns:
        match = re.search(pattern, lowered)
        if match is not None and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best is not None else None


def find_contract(labels: list[Label], text: str) -> str | None:
    for label in labels:
        if label.key in _CONTRACT_LABELS and label.value:
            found = _earliest(label.value, _CONTRACT_PATTERNS)
            if found is not None:
                return found
    return _earliest(text, _BODY_CONTRACT_PATTERNS)


_PATTERN_CHECKS: tuple[tuple[str, str], ...] = (
    ("full time", r"\bfull[- ]?time\b"),
    ("part time", r"\bpart[- ]?time(?:rs?)?\b"),
    ("job share", r"\bjob[- ]?shar(?:e|ing|ers?)\b"),
    (
        "hybrid",
        r"\bhybrid (?:working|work|role|model|basis|pattern|arrangements?)\b|\bhybrid\s*$"
        r"|\bhybrid(?= \(|,| -)",
    ),
    (
        "remote",
        r"\bremote(?:ly)? (?:working|first|role|basis|based)\b(?! (?:solutions?|systems?|"
        r"technolog|tools?|infrastructure|services?|access|support))|\bwork(?:ing)? remotely\b"
        r"|\b100% remote\b|\bfully remote\b|\bremote-first\b|\b(?:is|are) remote\b",
    ),
    ("flexible", r"\bflexible (?:working|hours|start|pattern|arrangements?)\b|\bflexi[- ]?time\b"),
)
_HOURS = re.compile(
    r"\b(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs)\s*(?:per|a|each|/)\s*week\b", re.IGNORECASE
)
_PATTERN_LABELS = (
    "working pattern",
    "work pattern",
    "work schedule",
    "working hours",
    "hours",
    "hours of work",
    "contract hours",
    "working arrangements",
    "working arrangement",
)


def find_working_pattern(labels: list[Label], text: str) -> str | None:
    """From "Working pattern:" style labels when there are any, else from the whole text."""
    labelled = [label.value for label in labels if label.key in _PATTERN_LABELS and label.value]
    found = _patterns_in(labelled)
    if not found:
        found = _patterns_in([text])
    if not found:
        return None
    order = [name for name, _ in _PATTERN_CHECKS]
    found.sort(key=lambda item: order.index(item) if item in order else len(order))
    return ", ".join(found)


def _patterns_in(sources: list[str]) -> list[str]:
    found: list[str] = []
    for source in sources:
        lowered = source.lower()
        for name, pattern in _PATTERN_CHECKS:
            if name not in found and re.search(pattern, lowered):
                found.append(name)
        hours = _HOURS.search(source)
        if hours is not None and not any(item.endswith("a week") for item in found):
            found.append(f"{hours.group(1)} hours a week")
    return found


_LOCATION_LABELS = (
    "location",
    "work location",
    "office location",
    "job location",
    "based at",
    "base",
    "work base",
    "place of work",
    "office",
    "work place",
    "workplace",
)


def find_location(labels: list[Label], front_matter: Mapping[str, str]) -> str | None:
    value = front_matter.get("location", "").strip()
    if not value:
        label = label_value(labels, _LOCATION_LABELS)
        value = label.value if label is not None else ""
    value = re.sub(r"\s+", " ", value).strip()
    if not value or PLACEHOLDER.match(value):
        return None
    return value if len(value) <= 160 else value[:157].rstrip() + "..."


_CLOSING_LABELS = (
    "closing date",
    "closing date for applications",
    "closes",
    "closing",
    "application deadline",
    "deadline",
    "apply by",
    "deadline for applications",
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_BODY_CLOSING = re.compile(
    r"\bclos(?:ing date|es|ing)\b[^.\n]{0,40}?(" + _DATE_IN_TEXT.pattern + ")", re.IGNORECASE
)


def find_closing_date(
    labels: list[Label], front_matter: Mapping[str, str], text: str
) -> str | None:
    candidates = [front_matter.get(key, "") for key in ("closes", "closing_date", "closing")]
    candidates += [label.value for label in labels if label.key in _CLOSING_LABELS]
    for candidate in candidates:
        match = _DATE_IN_TEXT.search(candidate)
        if match is not None:
            return _iso_date(match.group(0)) or match.group(0)
    body = _BODY_CLOSING.search(text)
    if body is not None:
        return _iso_date(body.group(1)) or body.group(1)
    return None


def _iso_date(text: str) -> str | None:
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text).replace(",", " ").replace(".", " ")
    cleaned = re.sub(r"\bsept\b", "sep", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for pattern in (
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d/%m/%Y",
        "%d/%m/%y",
        "%Y-%m-%d",
    ):
        try:
            # Only the calendar date is kept: no time of day, so no time zone to attach.
            parsed: date = datetime.strptime(cleaned, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
        return parsed.isoformat()
    return None
