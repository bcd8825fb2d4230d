"""Salaries API: read pay text; read a benchmark (hidden cells carry no figures).

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from civictalent.api.auth import council_token
from civictalent.api.errors import COMMON_ERRORS, ErrorOut
from civictalent.salaries import open_data, selectors
from civictalent.salaries.parsing import parse_salary

router = Router(tags=["salaries"])


class ParseQuery(Schema):
    text: str = Field(..., max_length=2000, description="Pay as advertised")


class BenchmarkQuery(Schema):
    period: str = Field("last12", pattern="^(last12|all)$")


class CellOut(Schema):
    area: str
    salaries: int
    councils: int
    hidden_because: str
    stats_pence: dict[str, dict[str, int]]


class BenchmarkOut(Schema):
    subject: str
    name: str
    period: str
    cells: list[CellOut]


@router.get(
    "/parse",
    response={200: dict[str, Any], **COMMON_ERRORS},
    summary="Read pay text into annualised ranges",
)
def parse(request: HttpRequest, query: Query[ParseQuery]) -> dict[str, Any]:
    return parse_salary(query.text).to_dict()


@router.get(
    "/benchmarks/{kind}/{slug}",
    response={200: BenchmarkOut, 401: ErrorOut, 404: ErrorOut, **COMMON_ERRORS},
    summary="A salary benchmark (signed-in people or a council's API token, like the pages)",
    auth=[django_auth, council_token],
)
def benchmark(
    request: HttpRequest, kind: str, slug: str, query: Query[BenchmarkQuery]
) -> dict[str, Any]:
    result = selectors.benchmark(kind, slug, period=query.period, viewer_councils=[])
    return {
        "subject": result.subject,
        "name": result.name,
        "period": result.period,
        "cells": [
            {
                "area": row.label,
                "salaries": row.count,
                "councils": row.councils,
                "hidden_because": row.suppressed_reason,
                "stats_pence": row.stats,
            }
            for row in result.rows
        ],
    }


class OpenAreaOut(Schema):
    area: str = Field(..., description="london, inner_london or outer_london")
    area_label: str
    salaries: int = Field(..., description="How many public salaries are behind the figures")
    councils: int
    hidden_because: str = Field(..., description="Why the figures are hidden; empty if shown")
    lower_quartile_pence: int | None = Field(None, description="Null when hidden")
    median_pence: int | None = Field(None, description="Null when hidden")
    upper_quartile_pence: int | None = Field(None, description="Null when hidden")


class OpenLevelOut(Schema):
    job_family: str
    role: str
    role_level: str
    role_level_slug: str
    areas: list[OpenAreaOut]


class OpenPayDataOut(Schema):
    title: str
    licence: str
    licence_url: str
    period_start: str
    period_end: str
    method: str
    role_levels: list[OpenLevelOut]


@router.get(
    "/open-data",
    response={200: OpenPayDataOut, **COMMON_ERRORS},
    summary="London public pay benchmarks (open data, no sign-in or key)",
    description="The figures of the page /salaries/open-data/: only pay that was already public "
    "(published vacancies, job descriptions shared with everyone), with small cells hidden. "
    "Open Government Licence v3.0.",
    url_name="open_pay_data",
)
def open_pay_data(request: HttpRequest) -> dict[str, Any]:
    benchmarks = open_data.open_benchmarks()
    return {
        "title": "London public pay benchmarks",
        "licence": open_data.LICENCE_NAME,
        "licence_url": open_data.LICENCE_URL,
        "period_start": benchmarks.period_start.isoformat(),
        "period_end": benchmarks.period_end.isoformat(),
        "method": open_data.METHOD,
        "role_levels": [
            {
                "job_family": level.family,
                "role": level.role,
                "role_level": level.name,
                "role_level_slug": level.slug,
                "areas": [
                    {
                        "area": row.area,
                        "area_label": row.area_label,
                        "salaries": row.salaries,
                        "councils": row.councils,
                        "hidden_because": row.hidden_because,
                        "lower_quartile_pence": row.lower_quartile_pence,
                        "median_pence": row.median_pence,
                        "upper_quartile_pence": row.upper_quartile_pence,
                    }
                    for row in level.rows
                ],
            }
            for level in benchmarks.levels
        ],
    }
