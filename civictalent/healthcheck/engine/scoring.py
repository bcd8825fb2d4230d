"""From findings to a score: category sub-scores, a weighted average, then caps.

1. Every category starts at 100. Each finding takes off points by severity (error 25,
   warning 10, advice 3). Only the first three findings of any one rule count, so twenty long
   sentences cost the same as three. A category never goes below 10.
2. The total is the weighted average of the category scores (weights below, summing to 100),
   rounded to the nearest whole number (halves round up).
3. Caps then limit the total: no pay figure -> at most 60; no text layer -> at most 20;
   no words at all -> 0.

Everything is integer arithmetic on the findings, so the same text always scores the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import CATEGORIES, CategoryResult, Finding

__all__ = [
    "CATEGORY_FLOOR",
    "CATEGORY_WEIGHTS",
    "COUNTED_PER_RULE",
    "SEVERITY_POINTS",
    "category_results",
    "explanation",
    "total_score",
]

SEVERITY_POINTS: dict[str, int] = {"error": 25, "warning": 10, "advice": 3}
COUNTED_PER_RULE = 3
CATEGORY_FLOOR = 10
CATEGORY_WEIGHTS: dict[str, int] = {
    "pay": 20,
    "skills": 15,
    "inclusive": 20,
    "realism": 10,
    "plain_english": 15,
    "structure": 15,
    "hygiene": 5,
}
NO_PAY_CAP = 60
NO_TEXT_LAYER_CAP = 20
NO_PAY_RULE = "pay.no_pay_figure"
NO_TEXT_LAYER_RULE = "hygiene.no_text_layer"

assert sum(CATEGORY_WEIGHTS.values()) == 100
assert set(CATEGORY_WEIGHTS) == {key for key, _ in CATEGORIES}


def category_results(findings: Iterable[Finding]) -> dict[str, CategoryResult]:
    by_category: dict[str, list[Finding]] = {key: [] for key, _ in CATEGORIES}
    for finding in findings:
        by_category[finding.category].append(finding)
    return {
        key: CategoryResult(
            key=key,
            label=label,
            score=category_score(by_category[key]),
            weight=CATEGORY_WEIGHTS[key],
            findings=len(by_category[key]),
            summary=_summary(by_category[key]),
        )
        for key, label in CATEGORIES
    }


def category_score(findings: list[Finding]) -> int:
    counted: Counter[str] = Counter()
    lost = 0
    for finding in findings:
        counted[finding.rule] += 1
        if counted[finding.rule] <= COUNTED_PER_RULE:
            lost += SEVERITY_POINTS[finding.severity]
    return max(CATEGORY_FLOOR, 100 - lost)


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "Nothing to fix here."
    severities = Counter(finding.severity for finding in findings)
    parts = [
        _counted(severities[severity], severity)
        for severity in ("error", "warning", "advice")
        if severities[severity]
    ]
    worst = min(findings, key=lambda finding: list(SEVERITY_POINTS).index(finding.severity))
    return f"{_join(parts).capitalize()}; the most serious: {worst.message}"


def _counted(count: int, severity: str) -> str:
    plural = "" if count == 1 or severity == "advice" else "s"
    return f"{count} {severity}{plural}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def total_score(
    categories: dict[str, CategoryResult], fired: set[str], word_count: int
) -> tuple[int, tuple[str, ...]]:
    """The weighted total after caps, and one sentence for each cap applied."""
    weighted = sum(result.score * result.weight for result in categories.values())
    score = (weighted * 2 + 100) // 200  # round half up, in integers
    caps: list[str] = []
    if word_count == 0:
        return 0, ("There is no text to check, so the score is 0.",)
    if NO_PAY_RULE in fired and score > NO_PAY_CAP:
        score = NO_PAY_CAP
        caps.append(f"No pay is stated, so the score is capped at {NO_PAY_CAP}.")
    if NO_TEXT_LAYER_RULE in fired and score > NO_TEXT_LAYER_CAP:
        score = NO_TEXT_LAYER_CAP
        caps.append(
            "The document has no text layer (it is a scan or picture of text), so the score is "
            f"capped at {NO_TEXT_LAYER_CAP}."
        )
    return score, tuple(caps)


def explanation(categories: dict[str, CategoryResult], score: int, caps: tuple[str, ...]) -> str:
    parts = ", ".join(
        f"{result.label.lower()} {result.score} (weight {result.weight})"
        for result in categories.values()
    )
    text = (
        "Each of the seven categories starts at 100 and loses points for what we found: "
        f"{SEVERITY_POINTS['error']} for an error, {SEVERITY_POINTS['warning']} for a warning and "
        f"{SEVERITY_POINTS['advice']} for advice, counting at most {COUNTED_PER_RULE} findings of "
        f"the same kind, and never going below {CATEGORY_FLOOR}. The total is the weighted average "
        f"of the categories: {parts}."
    )
    if caps:
        text += " " + " ".join(caps)
    return text + f" Score: {score} out of 100."
