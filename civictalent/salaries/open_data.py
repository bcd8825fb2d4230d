"""The open London pay data: benchmarks anyone may read, download and reuse.

Built only from pay that was already public (``SalaryObservation.is_public``: vacancies published
on the jobs board, job descriptions shared with everyone), from the separate "public_role_level"
cells the background refresh keeps (see benchmarks.py), with the same disclosure control as
every other benchmark: a hidden cell says why and carries no figure. The page, the CSV and the
API read the one function here, so they always agree.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils import timezone

from civictalent.core.money import whole_pounds
from civictalent.core.spreadsheets import spreadsheet_text
from civictalent.framework.models import RoleLevel
from civictalent.salaries.benchmarks import LAST_12, PUBLIC_PREFIX
from civictalent.salaries.models import BenchmarkCell
from civictalent.salaries.stats import GEOGRAPHY_LABELS, last_12_months_window

PERIOD = LAST_12
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
METHOD = (
    "Only pay that was already public counts: vacancies published on the jobs board and job "
    "descriptions shared with everyone. Each salary is the annual full-time range advertised; the "
    "figures are the 25th percentile, median and 75th percentile of the middle of each range "
    "(linear interpolation between ranks) over the last 12 months. A figure is hidden when fewer "
    "than 5 salaries are behind it or one council supplies more than half of them."
)
NO_SALARIES = "Hidden: no public salaries in the last 12 months."

# The CSV's columns, in order, with what each holds (docs/salaries.md repeats these).
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("job_family", "The job family of the capability framework"),
    ("role", "The role within the family"),
    ("role_level", "The role level, such as Senior data analyst"),
    ("role_level_slug", "The role level's stable identifier"),
    ("area", "London, Inner London or Outer London"),
    ("period_start", "First day of the 12 months the salaries were seen in (YYYY-MM-DD)"),
    ("period_end", "Last day of those 12 months (YYYY-MM-DD)"),
    ("salaries", "How many public salaries are behind the figures"),
    ("councils", "How many councils those salaries come from"),
    ("hidden_because", "Why the figures are hidden; empty when they are shown"),
    ("lower_quartile_gbp", "25th percentile of the middle of each salary range, whole pounds"),
    ("median_gbp", "Median of the middle of each salary range, whole pounds"),
    ("upper_quartile_gbp", "75th percentile of the middle of each salary range, whole pounds"),
)


@dataclass(frozen=True)
class OpenRow:
    """One role level in one area: sample sizes always, pay only when it may be shown."""

    area: str
    area_label: str
    salaries: int
    councils: int
    hidden_because: str
    lower_quartile_pence: int | None
    median_pence: int | None
    upper_quartile_pence: int | None

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_because)


@dataclass(frozen=True)
class OpenLevel:
    family: str
    role: str
    name: str
    slug: str
    rows: tuple[OpenRow, ...]


@dataclass(frozen=True)
class OpenBenchmarks:
    period_start: datetime.date
    period_end: datetime.date
    levels: tuple[OpenLevel, ...]

    @property
    def shown_count(self) -> int:
        return sum(not row.hidden for level in self.levels for row in level.rows)

    @property
    def hidden_count(self) -> int:
        return sum(row.hidden for level in self.levels for row in level.rows)


def _row(geography: str, cell: BenchmarkCell | None) -> OpenRow:
    label = GEOGRAPHY_LABELS[geography]
    if cell is None:
        return OpenRow(geography, label, 0, 0, NO_SALARIES, None, None, None)
    if cell.suppressed_reason:
        return OpenRow(
            geography, label, cell.count, cell.councils, cell.suppressed_reason, None, None, None
        )
    middle = cell.stats["mid"]
    return OpenRow(
        geography, label, cell.count, cell.councils, "", middle["p25"], middle["p50"], middle["p75"]
    )


def open_benchmarks(*, today: datetime.date | None = None) -> OpenBenchmarks:
    """Every current role level of the default framework with public salaries, in London,
    Inner and Outer London, for the last 12 months. Two queries, whatever the volume."""
    today = today or timezone.localdate()
    cells: dict[int, dict[str, BenchmarkCell]] = {}
    for cell in BenchmarkCell.objects.filter(
        subject__startswith=PUBLIC_PREFIX, period=PERIOD, geography__in=list(GEOGRAPHY_LABELS)
    ):
        cells.setdefault(int(cell.subject.removeprefix(PUBLIC_PREFIX)), {})[cell.geography] = cell
    levels = (
        RoleLevel.objects.filter(framework__is_default=True, is_current=True, pk__in=list(cells))
        .select_related("role__family")
        .order_by("role__family__name", "role__name", "rank")
    )
    start, end = last_12_months_window(today)
    return OpenBenchmarks(
        period_start=start,
        period_end=end,
        levels=tuple(
            OpenLevel(
                family=level.role.family.name,
                role=level.role.name,
                name=level.name,
                slug=level.slug,
                rows=tuple(
                    _row(geography, cells[level.pk].get(geography))
                    for geography in GEOGRAPHY_LABELS
                ),
            )
            for level in levels
        ),
    )


def _pounds_cell(pence: int | None) -> str:
    return "" if pence is None else str(whole_pounds(pence))


def as_csv(benchmarks: OpenBenchmarks) -> str:
    """One header row of the documented columns, then one row per role level and area. Text
    that a spreadsheet would run as a formula is made inert (core.spreadsheets.spreadsheet_text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for level in benchmarks.levels:
        for row in level.rows:
            writer.writerow(
                [
                    spreadsheet_text(value)
                    for value in (
                        level.family,
                        level.role,
                        level.name,
                        level.slug,
                        row.area_label,
                        benchmarks.period_start.isoformat(),
                        benchmarks.period_end.isoformat(),
                        str(row.salaries),
                        str(row.councils),
                        row.hidden_because,
                        _pounds_cell(row.lower_quartile_pence),
                        _pounds_cell(row.median_pence),
                        _pounds_cell(row.upper_quartile_pence),
                    )
                ]
            )
    return buffer.getvalue()
