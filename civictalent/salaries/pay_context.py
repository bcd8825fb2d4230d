"""Pay in context wherever pay is decided: the London benchmark for a role level beside a JD, a
vacancy being written and a vacancy waiting for approval, and where the advertised pay sits in it.

It reads the same precomputed cell as the salaries pages (London, the last 12 months, the middle
of each advertised range) under the same disclosure rules (civictalent/salaries/stats.py): a
hidden cell shows its reason and sample size, never a figure. The advertised pay is compared by
the middle of its range, as "Your council against London" compares a council's pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from civictalent.core.money import middle_pence, pounds_text
from civictalent.framework.models import RoleLevel
from civictalent.salaries.models import BenchmarkCell
from civictalent.salaries.stats import CellSummary, summary_sentence

PERIOD = "last12"
NO_SALARIES = "Hidden: no London salaries in the last 12 months."


@dataclass(frozen=True)
class PayContext:
    level: RoleLevel
    count: int
    councils: int
    hidden_reason: str
    sentence: str  # the benchmark in one sentence, as the salaries pages say it
    median_pence: int | None = None
    p25_pence: int | None = None
    p75_pence: int | None = None
    advertised_mid_pence: int | None = None
    position: str = ""  # "below", "within" or "above" London's middle half; "" when unknown
    comparison: str = ""  # where the advertised pay sits, in plain words

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_reason)


def _comparison(subject: str, mid: int, p25: int, p75: int) -> tuple[str, str]:
    middle = pounds_text(mid)
    if mid < p25:
        return "below", (
            f"{subject} is below the London 25th percentile: the middle of its range, {middle}, "
            f"is less than {pounds_text(p25)}, so at least three in four London adverts for this "
            "role level pay more. Check it will attract candidates."
        )
    if mid > p75:
        return "above", (
            f"{subject} is above the London 75th percentile: the middle of its range, {middle}, "
            f"is more than {pounds_text(p75)}, so at least three in four London adverts for this "
            "role level pay less. Check the role level and the grade are right."
        )
    return "within", (
        f"{subject} is within the middle half of London salaries for this role level: the "
        f"middle of its range is {middle}."
    )


def london_pay_context(
    level: RoleLevel | None,
    *,
    annual_min_pence: int | None = None,
    annual_max_pence: int | None = None,
    subject: str = "The advertised pay",
) -> PayContext | None:
    """The London benchmark for ``level`` (None without a level), and where the pay given sits
    in it. One query."""
    if level is None:
        return None
    cell = BenchmarkCell.objects.filter(
        subject=f"role_level:{level.pk}", geography="london", period=PERIOD
    ).first()
    if cell is None:
        summary = CellSummary(0, 0, Decimal(0), NO_SALARIES, {})
    else:
        summary = CellSummary(
            count=cell.count,
            councils=cell.councils,
            largest_council_share=cell.largest_council_share,
            suppressed_reason=cell.suppressed_reason,
            stats=cell.stats if not cell.suppressed_reason else {},
        )
    sentence = summary_sentence(level.name, summary, "London")
    if summary.suppressed:
        return PayContext(
            level, summary.count, summary.councils, summary.suppressed_reason, sentence
        )
    mid = summary.stats["mid"]
    advertised = None
    position = comparison = ""
    if annual_min_pence is not None:
        top = annual_max_pence if annual_max_pence is not None else annual_min_pence
        advertised = middle_pence(annual_min_pence, max(top, annual_min_pence))
        position, comparison = _comparison(subject, advertised, mid["p25"], mid["p75"])
    return PayContext(
        level=level,
        count=summary.count,
        councils=summary.councils,
        hidden_reason="",
        sentence=sentence,
        median_pence=mid["p50"],
        p25_pence=mid["p25"],
        p75_pence=mid["p75"],
        advertised_mid_pence=advertised,
        position=position,
        comparison=comparison,
    )
