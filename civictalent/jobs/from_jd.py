"""A vacancy started from a library job description: what carries over, read from the JD.

Pure Python (no Django). A JD holds its terms as free text ("Full time, 36 hours a week",
"Hybrid: two days a week in the Town Hall") and its sections in the rich-text subset
(core/richtext.py); a vacancy wants them as choices and figures. The rules, in order:

- **Hours a week**: the first "36 hours", "36.5 hrs a week" or "36 hours per week" in the JD's
  working pattern, else in its sections; kept when between 1 and 80.
- **Working pattern**: the first of "part time", "job share", "full time" and "flexible" /
  "compressed hours" the working pattern names; else from the hours (35 or more is full time,
  under 30 part time); else not stated.
- **Where the work is done**: remote ("fully remote", "remote first", "100% remote", "work
  remotely", "remote working") before hybrid ("hybrid") before on site ("office based", "on
  site", "based in the office"), in the working pattern first, then the sections.
- **Hybrid arrangement** (for hybrid work only): the first sentence that says how many days are
  spent somewhere ("two days a week in the office"), without a leading "Hybrid:", if it is short
  enough for the field; never a cut-off sentence.
- **Summary**: the first two whole sentences of the purpose section (the field asks for one or
  two), fewer if two do not fit its limit; never a sentence cut in the middle (none rather than
  half of one).
- **Description**: every section under its heading, in the same rich-text subset, so lists stay
  lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from civictalent.core.richtext import markdown_to_text, normalise

__all__ = [
    "MAX_HYBRID_PATTERN",
    "MAX_SUMMARY",
    "JDSectionText",
    "VacancyTerms",
    "description_from_sections",
    "summary_from_purpose",
    "terms_from_jd",
]

MAX_SUMMARY: Final = 600
# The summary field asks for "one or two plain sentences".
SUMMARY_SENTENCES: Final = 2
MAX_HYBRID_PATTERN: Final = 200
MAX_HOURS: Final = Decimal("80")
FULL_TIME_HOURS: Final = Decimal("35")
PART_TIME_BELOW: Final = Decimal("30")

_HOURS: Final = re.compile(
    r"\b(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs)\b(?:\s*(?:per|a|each|/)\s*week\b)?", re.IGNORECASE
)
_PATTERNS: Final = (
    ("part_time", re.compile(r"\bpart[- ]?time\b", re.IGNORECASE)),
    ("job_share", re.compile(r"\bjob[- ]?shar(?:e|ing)\b", re.IGNORECASE)),
    ("full_time", re.compile(r"\bfull[- ]?time\b", re.IGNORECASE)),
    ("flexible", re.compile(r"\bflexible (?:working|hours)\b|\bcompressed hours\b", re.IGNORECASE)),
)
_WORKPLACES: Final = (
    (
        "remote",
        re.compile(
            r"\bfully remote\b|\bremote[- ]first\b|\b100% remote\b|\bwork(?:ing)? remotely\b"
            r"|\bremote (?:working|role|basis)\b|\bhome[- ]based\b",
            re.IGNORECASE,
        ),
    ),
    ("hybrid", re.compile(r"\bhybrid\b", re.IGNORECASE)),
    (
        "on_site",
        re.compile(r"\boffice[- ]based\b|\bon[- ]site\b|\bbased in the office\b", re.IGNORECASE),
    ),
)
_DAYS: Final = re.compile(
    r"\b(?:one|two|three|four|five|[1-5](?:\s*(?:-|to|or)\s*[1-5])?)\s+days?\b", re.IGNORECASE
)
_PLACE_WORDS: Final = re.compile(
    r"\b(?:office|on[- ]site|in person|town hall|civic centre|workplace|hub|at home|from home"
    r"|hybrid)\b",
    re.IGNORECASE,
)
_HYBRID_LABEL: Final = re.compile(r"^hybrid(?: working)?\s*[:\-\u2013]\s*(?=\S)", re.IGNORECASE)
# The end of a sentence: ".", "!" or "?" (and any closing quote or bracket), then a space.
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


@dataclass(frozen=True, slots=True)
class JDSectionText:
    kind: str
    heading: str
    text: str  # the rich-text subset


@dataclass(frozen=True, slots=True)
class VacancyTerms:
    hours_per_week: Decimal | None
    working_pattern: str  # a WorkingPattern value, or ""
    workplace: str  # a Workplace value, or ""
    hybrid_pattern: str


def _hours(texts: Sequence[str]) -> Decimal | None:
    for text in texts:
        match = _HOURS.search(text)
        if match is not None:
            hours = Decimal(match.group(1))
            if Decimal(0) < hours <= MAX_HOURS:
                return hours.quantize(Decimal("0.1"))
    return None


def _working_pattern(pattern_text: str, hours: Decimal | None) -> str:
    found = [
        (match.start(), value)
        for value, pattern in _PATTERNS
        if (match := pattern.search(pattern_text)) is not None
    ]
    if found:
        return min(found)[1]
    if hours is not None and hours >= FULL_TIME_HOURS:
        return "full_time"
    if hours is not None and hours < PART_TIME_BELOW:
        return "part_time"
    return ""


def _workplace(texts: Sequence[str]) -> str:
    for text in texts:
        for value, pattern in _WORKPLACES:
            if pattern.search(text):
                return value
    return ""


def sentences(text: str) -> list[str]:
    """The sentences of plain text, each line a sentence or more (headings and list items have
    no full stop, but end where their line ends)."""
    found: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            found.extend(part for part in _SENTENCE_END.split(line) if part)
    return found


def _hybrid_pattern(texts: Sequence[str]) -> str:
    for text in texts:
        for sentence in sentences(text):
            # "Hybrid: two days a week in..." (the page already says "Hybrid").
            sentence = _HYBRID_LABEL.sub("", sentence, count=1)
            if (
                _DAYS.search(sentence)
                and _PLACE_WORDS.search(sentence)
                and len(sentence) <= MAX_HYBRID_PATTERN
            ):
                return sentence[0].upper() + sentence[1:]
    return ""


def terms_from_jd(working_pattern: str, sections: Sequence[JDSectionText]) -> VacancyTerms:
    """Hours, working pattern, workplace and hybrid arrangement from a JD's working pattern
    text and its sections."""
    section_texts = [markdown_to_text(section.text) for section in sections]
    hours = _hours([working_pattern, *section_texts])
    workplace = _workplace([working_pattern, *section_texts])
    hybrid = _hybrid_pattern([working_pattern, *section_texts]) if workplace == "hybrid" else ""
    return VacancyTerms(
        hours_per_week=hours,
        working_pattern=_working_pattern(working_pattern, hours),
        workplace=workplace,
        hybrid_pattern=hybrid,
    )


def summary_from_purpose(
    purpose: str, limit: int = MAX_SUMMARY, sentences_at_most: int = SUMMARY_SENTENCES
) -> str:
    """Whole sentences from the start of the purpose section (rich text): the first two, or as
    many as fit in ``limit`` characters; "" when even the first is longer. Lead-ins ending in
    ":" and short lines without a full stop (sub-headings) are left out; a list item of six words
    or more is a sentence of its own."""
    chosen: list[str] = []
    length = 0
    for sentence in sentences(markdown_to_text(purpose)):
        if sentence[-1] == ":" or (sentence[-1] not in ".!?;" and len(sentence.split()) < 6):
            continue  # a lead-in to a list, or a sub-heading: not a sentence on its own
        if sentence[-1] not in ".!?":
            sentence = sentence[0].upper() + sentence[1:].rstrip(";,") + "."
        added = len(sentence) + (1 if chosen else 0)
        if length + added > limit or len(chosen) == sentences_at_most:
            break
        chosen.append(sentence)
        length += added
    return " ".join(chosen)


def description_from_sections(sections: Sequence[JDSectionText]) -> str:
    """Every section under a "## " heading, in the rich-text subset."""
    parts = []
    for section in sections:
        text = normalise(section.text)
        if not text:
            continue
        heading = " ".join(section.heading.split()).lstrip("#").strip()
        parts.append(f"## {heading}\n\n{text}" if heading else text)
    return "\n\n".join(parts)
