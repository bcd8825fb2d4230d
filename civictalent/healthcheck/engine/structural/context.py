"""What every check may look at: the analysed text, the document's facts, the hits of rules run
before it, and facts about pay worked out once on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from civictalent.core.budget import check_time
from civictalent.salaries.parsing import SalaryParse, parse_salary

from ..model import DocumentFacts
from ..rules import Hit
from ..text import Analysis


class PayFigure(NamedTuple):
    start: int
    end: int
    basis: str


# a line worth giving to the salary parser: money, or a pay or grade word
_PAY_LINE_RE = re.compile(
    r"£|\u00a3|\d\s*k\b|\bgbp\b|salary|salaries|\bpay\b|\bgrade|\bscale\b|\bband\b|\bscp\b|"
    r"\b(?:po|so|sm|heo|seo|eo|aa|ao|scs|g)\s?\d|per\s+annum|\bp\.?a\b|pro\s+rata|wage|pounds",
    re.IGNORECASE,
)


@dataclass
class Context:
    """Everything a check may look at; expensive facts are worked out once, on first use."""

    analysis: Analysis
    facts: DocumentFacts
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    @cached_property
    def _pay_lines(self) -> list[tuple[int, SalaryParse]]:
        """The salary parser's reading of each line that might mention pay or a grade.

        Parsing only those lines (rather than the whole text) keeps a long JD fast; the offsets
        of each line are kept so ranges still point into the whole text.
        """
        text = self.analysis.text
        parsed = []
        for line in self.analysis.lines:
            check_time()
            if line.kind != "blank" and _PAY_LINE_RE.search(text, line.start, line.end):
                parsed.append((line.start, parse_salary(text[line.start : line.end])))
        return parsed

    @cached_property
    def grades(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(grade for _, parse in self._pay_lines for grade in parse.grades))

    @cached_property
    def pay_ranges(self) -> tuple[PayFigure, ...]:
        """Ranges in pounds that read as pay: a pound sign, or a pay word just before them."""
        text = self.analysis.text
        return tuple(
            PayFigure(offset + pay.start, offset + pay.end, pay.basis)
            for offset, parse in self._pay_lines
            for pay in parse.ranges
            if pay.currency == "GBP"
            and not any(flag.startswith("implausible") for flag in pay.flags)
            and not _NOT_PAY_RE.search(text, max(0, offset + pay.start - 40), offset + pay.start)
            and (
                "£" in pay.excerpt
                or _PAY_CONTEXT_RE.search(text, max(0, offset + pay.start - 40), offset + pay.start)
            )
        )

    @cached_property
    def has_pay_figure(self) -> bool:
        return bool(self.pay_ranges)

    @cached_property
    def all_headings(self) -> tuple[str, ...]:
        extra = tuple(h for h in self.facts.headings if h.strip())
        return self.analysis.headings + extra


_PAY_CONTEXT_RE = re.compile(r"£|\bgbp\b|\bsalary\b|\bpay\b|\bwage\b|\bpounds\b", re.IGNORECASE)

# money that is not pay: "a budget of £3 million", "contracts worth £2m"
_NOT_PAY_RE = re.compile(
    r"\b(?:budgets?|turnover|worth|valued?|funding|investment|contracts?|savings|spend(?:ing)?|"
    r"grants?|fund|programme|costs?)\b[^.\n£]{0,20}$",
    re.IGNORECASE,
)
