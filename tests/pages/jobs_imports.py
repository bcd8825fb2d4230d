"""Pages of this part for the permission walker and the query budgets (see __init__.py)."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import PLATFORM_ADMIN_ONLY, PUBLIC, matrix

# Council A's editors and admins import its vacancies and read its reports; platform admins too.
COUNCIL_A_IMPORTERS = matrix(
    "deny", anonymous="login", editor_a="ok", admin_a="ok", platform_admin="ok"
)

EXPECTED: dict[str, dict[str, str]] = {
    "jobs:imports": COUNCIL_A_IMPORTERS,
    "jobs:import_report": COUNCIL_A_IMPORTERS,
    "jobs:import_template": PUBLIC,
    "jobs:settings": PLATFORM_ADMIN_ONLY,
}
# Measured, plus one.
BUDGETS: dict[str, int] = {
    "jobs:imports": 9,
    "jobs:import_report": 6,
    "jobs:import_template": 5,
    "jobs:settings": 6,
}


def _report_rows(count: int) -> list[dict[str, Any]]:
    return [
        {
            "row": number + 2,
            "reference": f"R-{number}",
            "title": f"Vacancy {number}",
            "outcome": "error" if number % 5 == 0 else "created",
            "vacancy": None,
            "messages": ["title is missing"] if number % 5 == 0 else [],
        }
        for number in range(count)
    ]


def _hackney() -> Any:
    from civictalent.organisations.models import Organisation

    return Organisation.objects.get(slug="hackney")


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name in {"jobs:imports", "jobs:settings"}:
        return {"slug": "hackney"}
    if name == "jobs:import_template":
        return {"file_format": "csv"}
    if name == "jobs:import_report":
        from civictalent.jobs.models import VacancyImport

        report = VacancyImport.objects.filter(organisation=_hackney()).order_by(
            "-pk"
        ).first() or VacancyImport.objects.create(
            organisation=_hackney(),
            started_by=people["editor_a"],
            source="upload",
            file_format="csv",
            filename="vacancies.csv",
            rows=_report_rows(3),
        )
        return {"pk": report.pk}
    return None


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Thirty imports of council A, each by a person, with a report of forty rows."""
    from civictalent.jobs.models import CouncilJobsSettings, VacancyImport

    hackney = _hackney()
    CouncilJobsSettings.objects.get_or_create(
        organisation=hackney,
        defaults={"feed_url": "https://jobs.example.gov.uk/feed.json", "feed_format": "json"},
    )
    VacancyImport.objects.bulk_create(
        VacancyImport(
            organisation=hackney,
            started_by=people["editor_a"] if number % 2 else people["admin_a"],
            source="upload" if number % 3 else "feed",
            file_format="csv",
            filename=f"vacancies-{number}.csv",
            created_count=number,
            error_count=number % 4,
            rows=_report_rows(40),
        )
        for number in range(30)
    )
