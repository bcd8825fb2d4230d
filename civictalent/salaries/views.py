from __future__ import annotations

from decimal import Decimal
from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from civictalent.accounts.models import User
from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import public, signed_in
from civictalent.organisations.models import Organisation
from civictalent.salaries import exports, open_data, selectors
from civictalent.salaries.chart_image import range_chart_png
from civictalent.salaries.charts import ChartRow, TrendPoint, range_chart, trend_chart
from civictalent.salaries.forms import PayTextForm
from civictalent.salaries.parsing import parse_salary
from civictalent.salaries.stats import CellSummary, summary_sentence


def _viewer_councils(request: HttpRequest) -> list[Organisation]:
    return list(
        Organisation.objects.filter(memberships__user=cast(User, request.user)).order_by(
            "short_name"
        )
    )


def _period(request: HttpRequest) -> str:
    period = request.GET.get("period", "last12")
    return period if period in selectors.PERIODS else "last12"


def _chart_rows(benchmark: selectors.Benchmark) -> list[ChartRow]:
    rows = []
    for row in benchmark.rows:
        values = exports.chart_row_values(row)
        rows.append(ChartRow(label=row.label, suppressed_reason=row.suppressed_reason, **values))
    return rows


def _summary(benchmark: selectors.Benchmark) -> str:
    london = benchmark.london
    assert london is not None
    return summary_sentence(benchmark.name, _cell_like(london), "London")


def _cell_like(row: selectors.BenchmarkRow) -> CellSummary:
    return CellSummary(
        count=row.count,
        councils=row.councils,
        largest_council_share=Decimal(0),
        suppressed_reason=row.suppressed_reason,
        stats=row.stats,
    )


@signed_in
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "salaries/overview.html",
        {"levels": selectors.subjects_with_data(), "councils": _viewer_councils(request)},
    )


@signed_in
@require_GET
def benchmark_detail(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    period = _period(request)
    benchmark = selectors.benchmark(
        kind, slug, period=period, viewer_councils=_viewer_councils(request)
    )
    chart = range_chart(
        f"Advertised salaries for {benchmark.name}",
        "The middle of each advertised salary range, by area: box from the 25th to the 75th "
        "percentile, line from the 10th to the 90th, mark at the median.",
        _chart_rows(benchmark),
        id_prefix="range",
    )
    trend = (
        trend_chart(
            f"Median salary for {benchmark.name} in London, by quarter",
            "The median of the middle of each advertised range in London, for each of the last "
            "eight quarters; gaps are quarters with too few salaries to show.",
            [
                TrendPoint(
                    quarter=quarter,
                    median_pence=None if row is None or row.suppressed else row.stats["mid"]["p50"],
                    count=0 if row is None else row.count,
                )
                for quarter, row in benchmark.trend
            ],
            id_prefix="trend",
        )
        if benchmark.trend
        else ""
    )
    return render(
        request,
        "salaries/benchmark.html",
        {
            "benchmark": benchmark,
            "chart": chart,
            "trend_chart": trend,
            "summary": _summary(benchmark),
            "periods": selectors.PERIODS,
            "measures": exports.MEASURES,
            "stat_keys": selectors.STAT_KEYS,
        },
    )


@signed_in
@require_GET
def benchmark_download(
    request: HttpRequest, kind: str, slug: str, file_format: str
) -> HttpResponse:
    if file_format not in {"csv", "xlsx", "docx"}:
        raise Http404("Downloads come as csv, xlsx or docx.")
    benchmark = selectors.benchmark(
        kind, slug, period=_period(request), viewer_councils=_viewer_councils(request)
    )
    name = f"salary-benchmark-{benchmark.slug}-{benchmark.period}"
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(benchmark), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(benchmark),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        png = range_chart_png(
            f"Advertised salaries: {benchmark.name}",
            [(row.label, exports.chart_row_values(row)) for row in benchmark.rows],
        )
        response = HttpResponse(
            exports.as_docx(benchmark, summary=_summary(benchmark), chart_png=png),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        name = f"salary-evidence-{benchmark.slug}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@signed_in
@require_GET
def your_council(request: HttpRequest) -> HttpResponse:
    councils = _viewer_councils(request)
    return render(
        request,
        "salaries/your_council.html",
        {
            "comparisons": [
                (council, selectors.council_against_london(council)) for council in councils
            ]
        },
    )


@signed_in
@require_GET
def parse_pay(request: HttpRequest) -> HttpResponse:
    form = PayTextForm(request.GET if "text" in request.GET else None)
    result = parse_salary(form.cleaned_data["text"]) if form.is_bound and form.is_valid() else None
    return render(request, "salaries/parse.html", {"form": form, "result": result})


@cached_for_anonymous
@public
@require_safe
def open_pay_data(request: HttpRequest) -> HttpResponse:
    """London pay benchmarks from public pay only, for anyone to read and reuse."""
    return render(
        request,
        "salaries/open_data.html",
        {
            "benchmarks": open_data.open_benchmarks(),
            "today": timezone.localdate(),
            "page_url": request.build_absolute_uri(),
            "csv_columns": open_data.CSV_COLUMNS,
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": open_data.LICENCE_URL,
        },
    )


@cached_for_anonymous
@public
@require_safe
def open_pay_data_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        open_data.as_csv(open_data.open_benchmarks()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="london-public-pay-benchmarks.csv"'
    return response
