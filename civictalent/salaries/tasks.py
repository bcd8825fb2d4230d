"""Background tasks for salaries: one-line wrappers over services."""

from __future__ import annotations

from django_tasks import task

from civictalent.salaries import benchmarks


@task()
def refresh_benchmarks() -> int:
    return benchmarks.benchmarks_refresh_due()
