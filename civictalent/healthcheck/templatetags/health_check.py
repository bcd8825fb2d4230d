"""The summary at the top of a health check report, worked out from the report itself so that
every page that includes ``healthcheck/_report.html`` shows it without passing anything more."""

from __future__ import annotations

from django import template

from civictalent.healthcheck.engine import Report
from civictalent.healthcheck.presentation import ResultSummary, result_summary

register = template.Library()


@register.simple_tag
def health_summary(report: Report) -> ResultSummary:
    return result_summary(report)
