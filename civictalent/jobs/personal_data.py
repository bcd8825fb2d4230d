"""What the jobs board holds about people: saved searches, vacancies, imports (core/privacy.py)."""

from __future__ import annotations

from civictalent.core.privacy import Person, PersonalDataSource, Rows, address_filter, rows
from civictalent.jobs.models import SavedSearch, Vacancy, VacancyImport


def saved_job_searches(person: Person) -> Rows:
    return rows(
        SavedSearch.objects.filter(user=person.user)
        .order_by("created_at")
        .values("name", "query_string", "created_at")
    )


def vacancies(person: Person) -> Rows:
    """Vacancies you created, vacancies you approved (published), and vacancies that name you
    as their contact."""
    fields = ("id", "title", "organisation__name", "status", "created_at")
    created = Vacancy.objects.filter(created_by=person.user).order_by("created_at").values(*fields)
    approved = (
        Vacancy.objects.filter(published_by=person.user)
        .order_by("published_at")
        .values(*fields, "published_at")
    )
    contact = (
        Vacancy.objects.filter(address_filter("contact_email", person.addresses))
        .order_by("created_at")
        .values(*fields, "contact_name", "contact_email")
    )
    return [
        *({"you": "created", **row} for row in created),
        *({"you": "approved", **row} for row in approved),
        *({"you": "are the contact", **row} for row in contact),
    ]


def vacancy_imports(person: Person) -> Rows:
    return rows(
        VacancyImport.objects.filter(started_by=person.user)
        .order_by("created_at")
        .values("id", "organisation__name", "source", "created_at")
    )


SOURCES = (
    PersonalDataSource("saved_job_searches.json", saved_job_searches, ("jobs.SavedSearch.user",)),
    PersonalDataSource(
        "vacancies.json", vacancies, ("jobs.Vacancy.created_by", "jobs.Vacancy.published_by")
    ),
    PersonalDataSource("vacancy_imports.json", vacancy_imports, ("jobs.VacancyImport.started_by",)),
)
