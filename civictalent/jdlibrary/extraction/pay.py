"""Pay and grade: labelled pay lines first, else body lines that look like pay, read by the
salary parser; the grade from labels, front matter, the pay or the title."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from civictalent.core.budget import check_time
from civictalent.jdlibrary.extraction.labels import PLACEHOLDER, Label
from civictalent.salaries.parsing import parse_salary

_SALARY_LABELS = (
    "salary",
    "salary range",
    "salary scale",
    "salary band",
    "starting salary",
    "base salary",
    "salary and benefits",
    "pay",
    "pay range",
    "pay scale",
    "rate of pay",
    "remuneration",
    "reward",
    "compensation",
    "day rate",
    "rate",
    "salary (inclusive of london weighting)",
)
_MONEY = re.compile(r"[£$€]\s?\d|\b(?:GBP|USD|EUR)\s?\d|\d\s?(?:k|K)\b|\d{2},\d{3}")
_PAY_CUE = re.compile(
    r"\b(?:salary|salaries|pay|paid|per annum|p\.?a\b|a year|per year|annual|annually|per hour|"
    r"an hour|per day|a day|day rate|band|grade|scale|ranges? from|starting|pro rata|"
    r"london weighting)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(£$])")


def salary_lines(lines: list[str], labels: list[Label]) -> tuple[list[str], list[str]]:
    """Candidate pay texts: labelled values ("Salary: ..."), then body lines or sentences."""
    labelled = [
        label.value
        for label in labels
        if label.key in _SALARY_LABELS and label.value and not PLACEHOLDER.match(label.value)
    ]
    body: list[str] = []
    for number, line in enumerate(lines):
        if number % 256 == 0:
            check_time()
        stripped = line.strip()
        if not stripped or _MONEY.search(stripped) is None:
            continue
        pieces = _SENTENCE_END.split(stripped) if len(stripped.split()) > 40 else [stripped]
        for piece in pieces:
            if _MONEY.search(piece) and (_PAY_CUE.search(piece) or re.search(r"[£$€]\s?\d", piece)):
                body.append(piece.strip())
    return _unique(labelled), _unique(body)


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def choose_salary(
    labelled: list[str], body: list[str], front_matter: Mapping[str, str]
) -> tuple[str, dict[str, Any] | None, tuple[str, ...]]:
    """Labelled pay lines with figures win over body lines; at most three, each adding a range."""
    parsed = {}
    for text in (*labelled, *body):
        check_time()
        parsed[text] = parse_salary(text)
    pool = [text for text in labelled if parsed[text].ranges] or [
        text for text in body if parsed[text].ranges
    ]
    chosen: list[str] = []
    seen: set[tuple[Any, Any, str]] = set()
    for text in pool:
        keys = {(item.minimum, item.maximum, item.currency) for item in parsed[text].ranges}
        if keys <= seen:
            continue
        seen |= keys
        chosen.append(text)
        if len(chosen) == 3:
            break
    if not chosen and labelled:
        chosen = [labelled[0]]
    if not chosen:
        fallback = _front_matter_salary(front_matter)
        if fallback:
            chosen = [fallback]
    if not chosen:
        return "", None, ()
    salary_text = "\n".join(chosen)
    result = parse_salary(salary_text)
    return salary_text, result.to_dict(), result.grades


def _front_matter_salary(front_matter: Mapping[str, str]) -> str:
    low = front_matter.get("salary_min", "").strip()
    high = front_matter.get("salary_max", "").strip()
    single = front_matter.get("salary", "").strip()
    if single:
        return single
    if not (low and high):
        return ""
    currency = front_matter.get("currency", "").strip().upper()
    if not (currency or re.search(r"[£$€]", low + high)):
        # Without a currency the figures would be read as pounds.
        return ""
    prefix = f"{currency} " if currency and not re.search(r"[£$€]", low) else ""
    return f"{prefix}{low} to {prefix}{high} per year"


_GRADE_LABELS = (
    "grade",
    "pay grade",
    "grade/band",
    "band",
    "payband",
    "pay band",
    "salary grade",
    "scale",
    "series & grade",
    "series and grade",
    "level",
)


def find_grade(
    labels: list[Label],
    front_matter: Mapping[str, str],
    salary_grades: tuple[str, ...],
    title: str,
) -> str | None:
    for label in labels:
        if label.key in _GRADE_LABELS and label.value:
            parsed = parse_salary(label.value).grades
            if parsed:
                return parsed[0]
    for key in ("grade", "pay_grade", "band"):
        value = front_matter.get(key, "").strip()
        if value:
            parsed = parse_salary(value).grades
            return parsed[0] if parsed else value
    gs_level = front_matter.get("gs_level", "").strip()
    if gs_level:
        numbers = re.fullmatch("(\\d{1,2})(?:\\s*[-\u2013]\\s*(\\d{1,2}))?", gs_level)
        if numbers is None:
            return gs_level
        return "GS-" + "-".join(group for group in numbers.groups() if group)
    if salary_grades:
        return salary_grades[0]
    title_grades = parse_salary(title).grades if title else ()
    if title_grades:
        return title_grades[0]
    for label in labels:
        if (
            label.key in ("grade", "pay grade", "band", "payband", "pay band")
            and label.value
            and len(label.value.split()) <= 3
            and not PLACEHOLDER.match(label.value)
        ):
            return label.value
    return None
