"""What a council learns about its vacancies: page views and apply clicks, per vacancy and by
month. Counted without personal tracking: one number per vacancy per day (VacancyDailyCount),
no cookies, no addresses, no third-party scripts; obvious robots are not counted.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.db.models import IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from civictalent.jobs.models import Vacancy, VacancyDailyCount, VacancyStatus
from civictalent.organisations.models import Organisation

ROBOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|preview|fetch|monitor|checker|scan|"
    r"curl|wget|python|java/|go-http|okhttp|axios|node-fetch|headless|lighthouse|"
    r"facebookexternalhit|embedly|quora link|whatsapp|validator|feed",
    re.IGNORECASE,
)
MONTHS_SHOWN = 12
BLUE = "#1d70b8"
GREEN = "#00703c"
BLACK = "#0b0c0c"
GREY = "#505a5f"


def is_probably_robot(user_agent: str) -> bool:
    """Robots and scripts that say what they are (or say nothing at all)."""
    user_agent = user_agent.strip()
    return not user_agent or bool(ROBOTS.search(user_agent))


@dataclass(frozen=True)
class MonthTotals:
    month: datetime.date  # the first of the month
    views: int
    apply_clicks: int

    @property
    def label(self) -> str:
        return self.month.strftime("%b %Y")


def month_starts(last: datetime.date, count: int) -> list[datetime.date]:
    """The first days of ``count`` months ending with ``last``'s month, oldest first."""
    year, month = last.year, last.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return starts[::-1]


def fill_months(
    rows: dict[datetime.date, tuple[int, int]], starts: list[datetime.date]
) -> list[MonthTotals]:
    """One entry per month, zero where nothing was counted."""
    return [MonthTotals(start, *rows.get(start, (0, 0))) for start in starts]


def click_rate(views: int, clicks: int) -> str:
    """Apply clicks as a share of views, in words for a table cell."""
    if not views:
        return "No views yet"
    return f"{round(100 * clicks / views)}%"


def vacancies_with_counts(organisation: Organisation) -> QuerySet[Vacancy]:
    """The council's vacancies that have been on the board, with their total counts."""
    zero = Value(0, output_field=IntegerField())
    return (
        Vacancy.objects.filter(organisation=organisation, published_at__isnull=False)
        .exclude(status=VacancyStatus.DRAFT)
        .annotate(
            total_views=Coalesce(Sum("daily_counts__views"), zero),
            total_apply_clicks=Coalesce(Sum("daily_counts__apply_clicks"), zero),
        )
        .only("pk", "title", "status", "published_at", "closes_at", "organisation_id")
        .order_by("-published_at", "-pk")
    )


def council_months(
    organisation: Organisation, *, today: datetime.date, count: int = MONTHS_SHOWN
) -> list[MonthTotals]:
    starts = month_starts(today, count)
    rows = (
        VacancyDailyCount.objects.filter(organisation=organisation, day__gte=starts[0])
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(views=Sum("views"), clicks=Sum("apply_clicks"))
        .order_by("month")
    )
    found: dict[datetime.date, tuple[int, int]] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        found[month] = (row["views"] or 0, row["clicks"] or 0)
    return fill_months(found, starts)


def council_totals(organisation: Organisation) -> tuple[int, int]:
    totals = VacancyDailyCount.objects.filter(organisation=organisation).aggregate(
        views=Sum("views"), clicks=Sum("apply_clicks")
    )
    return totals["views"] or 0, totals["clicks"] or 0


def has_counts(organisation: Organisation) -> bool:
    return VacancyDailyCount.objects.filter(
        Q(views__gt=0) | Q(apply_clicks__gt=0), organisation=organisation
    ).exists()


def months_chart(months: list[MonthTotals], *, title: str) -> str:
    """Views and apply clicks by month as an accessible SVG bar chart (presentation attributes
    only: the page's Content-Security-Policy allows no style). The table beside it has the
    numbers; the bars are told apart by a pattern of solid and outlined, not colour alone."""
    width, height, left, bottom, top = 560, 248, 56, 44, 28
    plot_height = height - bottom - top
    highest = max([1, *(max(m.views, m.apply_clicks) for m in months)])
    slot = (width - left - 8) / max(len(months), 1)
    bar = max(slot / 2 - 3, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="insight-title '
        f'insight-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="arial, sans-serif" class="app-chart">',
        f'<title id="insight-title">{escape(title)}</title>',
        '<desc id="insight-desc">Solid blue bars are page views; outlined green bars are apply '
        "clicks. The table below gives the same numbers.</desc>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" '
        f'stroke="{GREY}" stroke-width="1"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="14" '
        f'fill="{BLACK}">{highest:,}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end" font-size="14" '
        f'fill="{BLACK}">0</text>',
        f'<rect x="{left}" y="4" width="12" height="12" fill="{BLUE}"/>',
        f'<text x="{left + 16}" y="14" font-size="14" fill="{BLACK}">Views</text>',
        f'<rect x="{left + 80}" y="5" width="11" height="11" fill="#ffffff" stroke="{GREEN}" '
        'stroke-width="2"/>',
        f'<text x="{left + 96}" y="14" font-size="14" fill="{BLACK}">Apply clicks</text>',
    ]
    for number, month in enumerate(months):
        x = left + number * slot + 2
        for offset, value, solid in (
            (0.0, month.views, True),
            (bar + 2, month.apply_clicks, False),
        ):
            bar_height = plot_height * value / highest
            y = height - bottom - bar_height
            if solid:
                parts.append(
                    f'<rect x="{x + offset:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                    f'height="{bar_height:.1f}" fill="{BLUE}"/>'
                )
            elif value:
                parts.append(
                    f'<rect x="{x + offset + 1:.1f}" y="{y + 1:.1f}" width="{max(bar - 2, 1):.1f}" '
                    f'height="{max(bar_height - 1, 0):.1f}" fill="#ffffff" stroke="{GREEN}" '
                    'stroke-width="2"/>'
                )
        parts.append(
            f'<text x="{x + bar:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="14" fill="{BLACK}">{escape(month.month.strftime("%b"))}</text>'
        )
        if month.month.month == 1 or number == 0:
            parts.append(
                f'<text x="{x + bar:.1f}" y="{height - bottom + 32}" text-anchor="middle" '
                f'font-size="14" fill="{GREY}">{month.month.year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
