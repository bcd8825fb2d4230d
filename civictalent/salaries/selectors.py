"""Reads for salary pages: benchmark cells arranged for a chart, a table and a download."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.http import Http404
from django.utils import timezone

from civictalent.core.money import middle_pence
from civictalent.framework.models import Framework, JobFamily, Role, RoleLevel
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell, SalaryObservation
from civictalent.salaries.stats import GEOGRAPHY_LABELS, last_12_months_window

KINDS = {
    "level": ("role_level", RoleLevel),
    "role": ("role", Role),
    "family": ("family", JobFamily),
}
PERIODS = {"last12": "Last 12 months", "all": "All time"}
STAT_KEYS = ("p10", "p25", "p50", "p75", "p90")


@dataclass
class BenchmarkRow:
    geography: str
    label: str
    count: int
    councils: int
    suppressed_reason: str
    stats: dict[str, dict[str, int]]

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_reason)


@dataclass
class Benchmark:
    kind: str
    subject: str
    name: str
    slug: str
    context: str
    period: str
    rows: list[BenchmarkRow]
    trend: list[tuple[str, BenchmarkRow | None]] = field(default_factory=list)
    # Every salary London has for the subject, whatever the period (the Salaries page's count).
    all_time_count: int = 0

    @property
    def london(self) -> BenchmarkRow | None:
        return next((row for row in self.rows if row.geography == "london"), None)


def subject_object(kind: str, slug: str) -> Any:
    if kind not in KINDS:
        raise Http404("No such kind of benchmark.")
    model: Any = KINDS[kind][1]
    framework = Framework.objects.filter(is_default=True).first()
    try:
        return model.objects.get(framework=framework, slug=slug)
    except model.DoesNotExist:
        raise Http404("No such role, role level or family.") from None


def _row(cell: BenchmarkCell, label: str) -> BenchmarkRow:
    return BenchmarkRow(
        geography=cell.geography,
        label=label,
        count=cell.count,
        councils=cell.councils,
        suppressed_reason=cell.suppressed_reason,
        stats=cell.stats if not cell.suppressed_reason else {},
    )


def benchmark(
    kind: str, slug: str, *, period: str, viewer_councils: list[Organisation]
) -> Benchmark:
    subject_model = subject_object(kind, slug)
    subject = f"{KINDS[kind][0]}:{subject_model.pk}"
    own = {f"council:{council.pk}": council.short_name for council in viewer_councils}
    wanted = [*GEOGRAPHY_LABELS, *own]
    cells = {
        (cell.geography, cell.period): cell
        for cell in BenchmarkCell.objects.filter(subject=subject, geography__in=wanted)
    }
    rows = []
    for geography in wanted:
        label = GEOGRAPHY_LABELS.get(geography) or f"{own[geography]} (your council)"
        cell = cells.get((geography, period))
        rows.append(
            _row(cell, label)
            if cell
            else BenchmarkRow(geography, label, 0, 0, "Hidden: no salaries recorded yet.", {})
        )
    quarters = sorted(key[1] for key in cells if key[0] == "london" and "Q" in key[1])
    trend: list[tuple[str, BenchmarkRow | None]] = [
        (quarter, _row(cells[("london", quarter)], quarter)) for quarter in quarters
    ]
    context = {
        "level": lambda: f"{subject_model.role.name}, {subject_model.role.family.name}",
        "role": lambda: subject_model.family.name,
        "family": lambda: "Job family",
    }[kind]()
    all_time = cells.get(("london", "all"))
    return Benchmark(
        kind,
        subject,
        subject_model.name,
        slug,
        context,
        period,
        rows,
        trend,
        all_time_count=all_time.count if all_time else 0,
    )


def subjects_with_data() -> list[RoleLevel]:
    """Role levels with salaries, read from the precomputed all-time London cells (fast)."""
    counts = {
        int(subject.split(":", 1)[1]): count
        for subject, count in BenchmarkCell.objects.filter(
            subject__startswith="role_level:", geography="london", period="all"
        ).values_list("subject", "count")
    }
    levels = list(
        RoleLevel.objects.filter(framework__is_default=True, is_current=True, pk__in=list(counts))
        .select_related("role__family")
        .order_by("role__family__name", "role__name", "rank")
    )
    for level in levels:
        level.observations = counts[level.pk]  # type: ignore[attr-defined]
    return levels


def band_within(value: int, mid: dict[str, int]) -> str:
    """Where a value sits among London's percentiles, in words."""
    if value < mid["p10"]:
        return "below the 10th percentile"
    if value > mid["p90"]:
        return "above the 90th percentile"
    bounds = [("p10", 10), ("p25", 25), ("p50", 50), ("p75", 75), ("p90", 90)]
    for (low_key, low), (high_key, high) in pairwise(bounds):
        if mid[low_key] <= value <= mid[high_key]:
            return f"between the {low}th and {high}th percentiles"
    return "within the range"


def council_against_london(organisation: Organisation) -> list[dict[str, Any]]:
    """For each role level (of the default framework) the council advertised in the last 12
    months: its median middle salary, and where that sits among London's precomputed
    percentiles for the same 12 months. Two queries, whatever the volume."""
    mids: dict[int, list[int]] = {}
    since, _ = last_12_months_window(timezone.localdate())
    for level_id, low, high in SalaryObservation.objects.filter(
        organisation=organisation,
        included=True,
        role_level__framework__is_default=True,
        observed_on__gte=since,
    ).values_list("role_level_id", "annual_min_pence", "annual_max_pence"):
        mids.setdefault(level_id, []).append(middle_pence(low, high))
    cells = {
        int(cell.subject.split(":", 1)[1]): cell
        for cell in BenchmarkCell.objects.filter(
            subject__in=[f"role_level:{level_id}" for level_id in mids],
            geography="london",
            period="last12",
        )
    }
    levels = RoleLevel.objects.in_bulk(list(mids))
    results = []
    for level_id, values in sorted(mids.items(), key=lambda item: levels[item[0]].name):
        values.sort()
        council_median = values[len(values) // 2]
        cell = cells.get(level_id)
        hidden_reason = (
            "Hidden: no London salaries in the last 12 months."
            if cell is None
            else cell.suppressed_reason
        )
        results.append(
            {
                "level": levels[level_id],
                "count": len(values),
                "median_pence": council_median,
                "london_count": cell.count if cell else 0,
                "band": "" if hidden_reason else band_within(council_median, cell.stats["mid"]),  # type: ignore[union-attr]
                "hidden_reason": hidden_reason,
            }
        )
    return results
