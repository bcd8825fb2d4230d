"""What extraction finds: the kinds of section, each section, and the whole job description."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from civictalent.documents import count_words

SectionKind = Literal[
    "purpose",
    "responsibilities",
    "person_specification",
    "essential",
    "desirable",
    "about_council",
    "benefits",
    "how_to_apply",
    "other",
]
SECTION_KINDS: tuple[SectionKind, ...] = (
    "purpose",
    "responsibilities",
    "person_specification",
    "essential",
    "desirable",
    "about_council",
    "benefits",
    "how_to_apply",
    "other",
)
CRITERIA_KINDS = ("essential", "desirable")
# Joins a group heading to the criteria under it: "Knowledge \u2013 Essential".
JOINER = " \u2013 "


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str
    text: str

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "heading": self.heading,
            "text": self.text,
            "word_count": self.word_count,
        }


@dataclass(frozen=True, slots=True)
class ExtractedJD:
    title: str
    grade: str | None
    salary_text: str
    salary: dict[str, Any] | None
    sections: list[Section]
    contract: str | None
    working_pattern: str | None
    location: str | None
    closing_date: str | None
    word_count: int
    mapping: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    def sections_of(self, kind: SectionKind) -> list[Section]:
        return [section for section in self.sections if section.kind == kind]

    def text_of(self, kind: SectionKind) -> str:
        """All the text of one kind, for a form field ("responsibilities", ...)."""
        return "\n\n".join(section.text for section in self.sections_of(kind))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "grade": self.grade,
            "salary": self.salary,
            "salary_text": self.salary_text,
            "sections": [section.to_dict() for section in self.sections],
            "word_count": self.word_count,
            "contract": self.contract,
            "working_pattern": self.working_pattern,
            "location": self.location,
            "closing_date": self.closing_date,
            "mapping": self.mapping,
            "warnings": list(self.warnings),
        }
