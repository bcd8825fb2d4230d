"""Salaries API: read pay text; read a benchmark (hidden cells carry no figures).

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from civictalent.api.errors import COMMON_ERRORS, ErrorOut
from civictalent.salaries import selectors
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
    summary="A salary benchmark (signed-in people only, like the pages)",
    auth=django_auth,
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
