"""Background tasks for the jobs board: one-line wrappers over services."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def close_due_vacancies() -> dict[str, int]:
    """Close vacancies at their closing time, remind editors and archive old closed ones."""
    from civictalent.jobs.closing import vacancies_housekeeping

    return vacancies_housekeeping()


@task()
def fetch_council_feeds() -> dict[str, Any]:
    """Import every council feed a platform admin has switched on."""
    from civictalent.jobs.import_services import feeds_fetch_enabled

    return feeds_fetch_enabled()
