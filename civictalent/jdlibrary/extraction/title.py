"""The job title: from the front matter, a label, a heading or an early line, or the file name."""

from __future__ import annotations

import re
from collections.abc import Mapping

from civictalent.core.budget import check_time
from civictalent.jdlibrary.extraction.headings import (
    LABEL_VALUE,
    detect_heading,
    heading_key,
    without_trailing,
)
from civictalent.jdlibrary.extraction.labels import PLACEHOLDER, Label, label_value

_TITLE_LABELS = (
    "job title",
    "post title",
    "role title",
    "position title",
    "job role",
    "title",
    "post designation",
    "position designation",
    "designation",
    "role",
    "position",
    "post",
    "vacancy",
)
_FRONT_MATTER_TITLES = ("job_title", "title", "role_name", "position", "role")
_GENERIC_TITLES = {
    "job description",
    "job description and person specification",
    "vacancy advertising form",
    "applicant information pack",
    "candidate pack",
    "recruitment pack",
    "role profile",
    "job profile",
    "contents",
}


# A grade written after the title ("Business Analyst, B2", "Data Lead - PO4", "Analyst (SO1)"):
# a dash, comma or brackets around a short code of letters then digits, "Grade 7" or "Band 5",
# or a civil service grade.
_TRAILING_GRADE = re.compile(
    r"\s*(?:[-\u2013\u2014,]\s*|\(\s*)"
    r"(?:(?P<named>(?:grade|band)\s+\d{1,2}[a-z]?)|(?:(?:grade|band)\s+)?"
    r"(?P<code>[A-Z]{1,3}\s?\d{1,2}[a-z]?|SCS\s?\d|G\s?[67]|SEO|HEO|EO|AO|AA))"
    r"\s*\)?\s*$",
    re.IGNORECASE,
)


def split_trailing_grade(title: str) -> tuple[str, str | None]:
    """The title without a grade written after it, and that grade (upper case, no space), or
    the title as it is and None. A title that would be left empty keeps its words."""
    match = _TRAILING_GRADE.search(title[:200])
    if match is None or len(title) > 200:
        return title, None
    rest = title[: match.start()].strip()
    if not rest or not any(character.isalpha() for character in rest):
        return title, None
    if match.group("named"):
        return rest, " ".join(match.group("named").split()).capitalize()
    return rest, match.group("code").replace(" ", "").upper()


def _clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return without_trailing(text).strip() if text.endswith(":") else text


def find_title(
    lines: list[str],
    labels: list[Label],
    provided: Mapping[str, int],
    front_matter: Mapping[str, str],
    title_hint: str,
) -> tuple[str, int | None, str]:
    """(title, index of the line that is only the title, where it came from)."""
    for key in _FRONT_MATTER_TITLES:
        value = front_matter.get(key, "").strip()
        if value:
            return _clean_title(value), None, "front matter"
    label = label_value([item for item in labels if len(item.value.split()) <= 12], _TITLE_LABELS)
    if label is not None:
        return _clean_title(label.value), None, "label"
    early: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if index % 256 == 0:
            check_time()
        stripped = line.strip()
        if not stripped:
            continue
        heading = detect_heading(stripped, provided)
        if heading is not None and heading.kind is not None:
            break
        early.append((index, stripped))
    for index, stripped in early:
        if stripped in provided and _plausible_title(stripped):
            return _clean_title(stripped), index, "heading"
    for index, stripped in early[:5]:
        if _plausible_title(stripped) and not stripped.endswith(":"):
            return _clean_title(stripped), index, "first line"
    if title_hint.strip():
        return _clean_title(title_hint), None, "hint"
    for stripped in (line.strip() for line in lines):
        if stripped:
            return _clean_title(stripped[:120]), None, "first line"
    return "", None, "none"


def _plausible_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 10 or len(text) > 100:
        return False
    if text.endswith((".", ",", ";")) or PLACEHOLDER.match(text) or " | " in text:
        return False
    if LABEL_VALUE.match(text) or text.startswith("- "):
        return False
    return heading_key(text) not in _GENERIC_TITLES
