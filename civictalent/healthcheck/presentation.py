"""Turning a report into what the pages show: the text cut into plain and highlighted pieces,
and the findings numbered and grouped by category. Pure: no Django."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from civictalent.core.numbers import parse_bounded_int
from civictalent.healthcheck.engine import CATEGORIES, CHECK_SECONDS, Finding, Report
from civictalent.healthcheck.engine.model import (
    EQUALITY_ACT_CHARACTERISTICS,
    SEVERITY_RANK,
    Characteristic,
)
from civictalent.healthcheck.engine.scoring import ceilings, score_without, weighted_total

_BY_SOURCE_URL = {c.source_url: c for c in EQUALITY_ACT_CHARACTERISTICS.values()}


@dataclass(frozen=True)
class NumberedFinding:
    number: int
    finding: Finding

    @property
    def has_span(self) -> bool:
        return self.finding.end > self.finding.start

    @property
    def characteristic(self) -> Characteristic | None:
        """The Equality Act 2010 characteristic the finding cites, if it is a must-change."""
        return _BY_SOURCE_URL.get(self.finding.source_url) if self.finding.source_url else None

    @property
    def headline(self) -> str:
        """The message without the sentence citing the Equality Act, which is shown apart."""
        characteristic = self.characteristic
        message = self.finding.message
        if characteristic is not None and message.endswith(characteristic.reason):
            return message[: -len(characteristic.reason)].rstrip()
        return message

    @property
    def action(self) -> str:
        """The value an "apply suggestion" button sends back: rule, start and end."""
        return f"{self.finding.rule}:{self.finding.start}:{self.finding.end}"


@dataclass(frozen=True)
class Piece:
    """A run of the checked text; ``numbers`` are the findings that cover it (empty: plain)."""

    text: str
    numbers: tuple[int, ...] = ()
    severity: str = ""
    ending: tuple[int, ...] = ()  # findings that end with this piece: their number goes here

    @property
    def label(self) -> str:
        return ", ".join(str(n) for n in self.ending)


@dataclass(frozen=True)
class CategoryGroup:
    key: str
    label: str
    score: int
    summary: str
    findings: tuple[NumberedFinding, ...]


SEVERITY_LABELS = {
    "must_change": "Must change",
    "error": "Fix this",
    "warning": "Consider changing",
    "advice": "Advice",
}
SEVERITY_TAGS = {
    "must_change": "govuk-tag--red",
    "error": "govuk-tag--red",
    "warning": "govuk-tag--orange",
    "advice": "govuk-tag--blue",
}


@dataclass(frozen=True)
class ScoreChange:
    """What a one-click fix did: the wording swapped and the score before and after."""

    before: int
    after: int
    excerpt: str
    replacement: str

    @property
    def sentence(self) -> str:
        return (
            f"Suggestion applied: you replaced “{self.excerpt}” with “{self.replacement}”. "
            f"The score went from {self.before} to {self.after}."
        )


@dataclass(frozen=True)
class ResultSummary:
    """The top of a report: the score, what limits it, and the few fixes worth most."""

    score: int
    fixes: tuple[NumberedFinding, ...]
    ceilings: tuple[str, ...]
    # the weighted score before any cap: what the rest of the advert is worth
    uncapped: int
    finding_count: int

    @property
    def capped(self) -> bool:
        return self.uncapped > self.score

    @property
    def fixes_heading(self) -> str:
        if len(self.fixes) == 1:
            return "The fix that matters most"
        return (
            f"The {_NUMBER_WORDS.get(len(self.fixes), str(len(self.fixes)))} fixes that matter most"
        )


TOP_FIXES = 3
_NUMBER_WORDS = {2: "two", 3: "three"}


def result_summary(report: Report) -> ResultSummary:
    """The score, the limits on it, and the ``TOP_FIXES`` most important fixes: most serious
    first, then those that would raise the score most, one for each kind of problem."""
    findings = numbered(report)
    first_of_each: dict[str, NumberedFinding] = {}
    for item in findings:
        first_of_each.setdefault(item.finding.rule, item)
    worth = {
        item.number: score_without(report.findings, item.number - 1, report.word_count)
        for item in first_of_each.values()
    }
    fixes = sorted(
        first_of_each.values(),
        key=lambda item: (SEVERITY_RANK[item.finding.severity], -worth[item.number], item.number),
    )
    return ResultSummary(
        score=report.score,
        fixes=tuple(fixes[:TOP_FIXES]),
        ceilings=ceilings(report.findings),
        uncapped=weighted_total(report.categories) if report.word_count else 0,
        finding_count=len(findings),
    )


def score_change(
    before_text: str, after_text: str, start: int, end: int, before: int, after: int
) -> ScoreChange:
    """The change a swap of ``before_text[start:end]`` made, read from the two texts."""
    grown = len(after_text) - len(before_text)
    return ScoreChange(
        before=before,
        after=after,
        excerpt=before_text[start:end],
        replacement=after_text[start : end + grown],
    )


def numbered(report: Report) -> tuple[NumberedFinding, ...]:
    return tuple(NumberedFinding(n, f) for n, f in enumerate(report.findings, start=1))


def pieces(text: str, findings: tuple[NumberedFinding, ...]) -> list[Piece]:
    """``text`` cut at every finding's edges; each piece knows which findings cover it and the
    most severe of them, so overlapping findings stay visible."""
    spans = [f for f in findings if f.has_span and f.finding.end <= len(text)]
    cuts = sorted(
        {0, len(text), *(f.finding.start for f in spans), *(f.finding.end for f in spans)}
    )
    result: list[Piece] = []
    for start, end in itertools.pairwise(cuts):
        covering = [f for f in spans if f.finding.start <= start and end <= f.finding.end]
        if not covering:
            result.append(Piece(text[start:end]))
            continue
        worst = min(covering, key=lambda f: SEVERITY_RANK[f.finding.severity])
        result.append(
            Piece(
                text[start:end],
                tuple(f.number for f in covering),
                worst.finding.severity,
                tuple(f.number for f in covering if f.finding.end == end),
            )
        )
    return result


def by_category(report: Report, findings: tuple[NumberedFinding, ...]) -> list[CategoryGroup]:
    groups = []
    for key, label in CATEGORIES:
        result = report.categories[key]
        groups.append(
            CategoryGroup(
                key=key,
                label=label,
                score=result.score,
                summary=result.summary,
                findings=tuple(f for f in findings if f.finding.category == key),
            )
        )
    return groups


def parse_action(value: str) -> tuple[str, int, int] | None:
    """The rule, start and end an "apply suggestion" button sent, or None if malformed."""
    rule, _, rest = value.partition(":")
    start_text, _, end_text = rest.partition(":")
    start, end = parse_bounded_int(start_text), parse_bounded_int(end_text)
    if not rule or start is None or end is None:
        return None
    return rule, start, end


def report_context(report: Report, text: str) -> dict[str, Any]:
    """What the report template (healthcheck/_report.html) needs to show ``report`` on ``text``."""
    findings = numbered(report)
    return {
        "report": report,
        "pieces": pieces(text, findings),
        "groups": by_category(report, findings),
        "document_findings": [f for f in findings if not f.has_span],
        "severity_labels": SEVERITY_LABELS,
        "severity_tags": SEVERITY_TAGS,
    }


def unfinished_check_message(subject: str, next_step: str) -> str:
    """What a page shows in place of the report on ``subject`` ("this job description") when
    its check ran out of time (CheckTooSlow), with what the person can do about it."""
    return (
        f"We could not finish the health check of {subject}: it took longer than the "
        f"{CHECK_SECONDS:.0f} seconds we allow for one check. {next_step}"
    )
