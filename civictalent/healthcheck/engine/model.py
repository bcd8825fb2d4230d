"""The engine's public value types: what goes in (DocumentFacts) and what comes out (Report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "EQUALITY_ACT_CHARACTERISTICS",
    "SEVERITIES",
    "SEVERITY_RANK",
    "CategoryResult",
    "Characteristic",
    "DocumentFacts",
    "Finding",
    "Report",
]

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("pay", "Pay transparency"),
    ("skills", "Skills over sector"),
    ("inclusive", "Inclusive language"),
    ("realism", "Realism"),
    ("plain_english", "Plain English"),
    ("structure", "Structure"),
    ("hygiene", "Document hygiene"),
)
CATEGORY_LABELS: dict[str, str] = dict(CATEGORIES)
# most serious first; "must_change" is wording that touches a characteristic the Equality Act
# 2010 protects, and every rule of that severity names the characteristic
SEVERITIES: tuple[str, ...] = ("must_change", "error", "warning", "advice")
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Characteristic:
    """A protected characteristic of the Equality Act 2010, as a finding cites it."""

    name: str
    reason: str  # the sentence added to the finding's message
    source_url: str


_ACT = "https://www.legislation.gov.uk/ukpga/2010/15/section/"
EQUALITY_ACT_CHARACTERISTICS: dict[str, Characteristic] = {
    "age": Characteristic(
        "age",
        "Age is a protected characteristic under the Equality Act 2010 (section 5).",
        _ACT + "5",
    ),
    "disability": Characteristic(
        "disability",
        "Disability is a protected characteristic under the Equality Act 2010 (section 6).",
        _ACT + "6",
    ),
    "race": Characteristic(
        "race",
        "Race, which includes nationality and national origins, is a protected characteristic "
        "under the Equality Act 2010 (section 9).",
        _ACT + "9",
    ),
    "sex": Characteristic(
        "sex",
        "Sex is a protected characteristic under the Equality Act 2010 (section 11).",
        _ACT + "11",
    ),
}


@dataclass(frozen=True)
class DocumentFacts:
    """What the file reader knew about the document; the defaults mean "pasted text"."""

    has_text_layer: bool = True
    has_layout_tables: bool = False
    image_count: int = 0
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One problem found, with the evidence (a span of the checked text) and what to do."""

    rule: str
    category: str
    severity: str
    message: str
    suggestion: str
    start: int
    end: int
    excerpt: str
    replacement: str | None
    source: str
    # a link to the source, where there is one to give (the Equality Act section cited)
    source_url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True)
class CategoryResult:
    key: str
    label: str
    score: int
    weight: int
    findings: int
    summary: str


@dataclass(frozen=True)
class Report:
    score: int
    categories: dict[str, CategoryResult]
    findings: tuple[Finding, ...]
    caps: tuple[str, ...]
    explanation: str
    word_count: int
    sentence_count: int
    average_sentence_words: float

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "categories": {
                key: {"label": result.label, "score": result.score, "findings": result.findings}
                for key, result in self.categories.items()
            },
            "findings": [finding.as_json() for finding in self.findings],
        }
