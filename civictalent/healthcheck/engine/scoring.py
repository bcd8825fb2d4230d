"""From findings to a score: category sub-scores, a weighted average, then caps.

1. Every category starts at 100. Each finding takes off points by severity (must change 25,
   error 25, warning 10, advice 3). Only the first three findings of any one rule count, so
   twenty long sentences cost the same as three. A category never goes below 10.
2. The total is the weighted average of the category scores (weights below, summing to 100),
   rounded to the nearest whole number (halves round up).
3. Caps then limit the total: no pay figure -> at most 60; no text layer -> at most 20;
   no words at all -> 0.

Everything is integer arithmetic on the findings, so the same text always scores the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .model import CATEGORIES, SEVERITIES, SEVERITY_RANK, CategoryResult, Finding

__all__ = [
    "CATEGORY_FLOOR",
    "CATEGORY_WEIGHTS",
    "COUNTED_PER_RULE",
    "SEVERITY_POINTS",
    "category_results",
    "ceilings",
    "explanation",
    "score_without",
    "total_score",
    "weighted_total",
]

SEVERITY_POINTS: dict[str, int] = {"must_change": 25, "error": 25, "warning": 10, "advice": 3}
SEVERITY_WORDS: dict[str, tuple[str, str]] = {  # one, many
    "must_change": ("must change", "must change"),
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "advice": ("advice", "advice"),
}
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

assert set(SEVERITY_POINTS) == set(SEVERITIES) == set(SEVERITY_WORDS)
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
        f"{severities[severity]} {SEVERITY_WORDS[severity][severities[severity] != 1]}"
        for severity in SEVERITIES
        if severities[severity]
    ]
    worst = min(findings, key=lambda finding: SEVERITY_RANK[finding.severity])
    return f"{_join(parts).capitalize()}; the most serious: {worst.message}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def total_score(
    categories: dict[str, CategoryResult], fired: set[str], word_count: int
) -> tuple[int, tuple[str, ...]]:
    """The weighted total after caps, and one sentence for each cap applied."""
    score = weighted_total(categories)
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
        f"{SEVERITY_POINTS['must_change']} for wording that must change, "
        f"{SEVERITY_POINTS['error']} for an error, {SEVERITY_POINTS['warning']} for a warning and "
        f"{SEVERITY_POINTS['advice']} for advice, counting at most {COUNTED_PER_RULE} findings of "
        f"the same kind, and never going below {CATEGORY_FLOOR}. The total is the weighted average "
        f"of the categories: {parts}."
    )
    if caps:
        text += " " + " ".join(caps)
    return text + f" Score: {score} out of 100."


def weighted_total(categories: dict[str, CategoryResult]) -> int:
    """The weighted average of the category scores, before any cap."""
    weighted = sum(result.score * result.weight for result in categories.values())
    return (weighted * 2 + 100) // 200  # round half up, in integers


# The finding that holds the score down, the most it can then be, and what lifts the limit.
CEILINGS: tuple[tuple[str, int, str], ...] = (
    (
        NO_TEXT_LAYER_RULE,
        NO_TEXT_LAYER_CAP,
        "The document has no text layer, so the score cannot go above {cap} until you check a "
        "version with real text.",
    ),
    (
        NO_PAY_RULE,
        NO_PAY_CAP,
        "Pay is missing, so the score cannot go above {cap} until you add the salary.",
    ),
)


def ceilings(findings: Iterable[Finding]) -> tuple[str, ...]:
    """One plain sentence for each limit on the score that the findings set, lowest first."""
    fired = {finding.rule for finding in findings}
    return tuple(sentence.format(cap=cap) for rule, cap, sentence in CEILINGS if rule in fired)


def score_without(findings: Sequence[Finding], removed: int, word_count: int) -> int:
    """The score the text would get if ``findings[removed]`` were fixed and nothing else
    changed: how much fixing it is worth."""
    rest = [finding for index, finding in enumerate(findings) if index != removed]
    categories = category_results(rest)
    return total_score(categories, {finding.rule for finding in rest}, word_count)[0]
