"""What the board searches: open vacancies only, so search never wades through closed ones.

Every service that changes a vacancy calls ``vacancy_reindex`` in its transaction: a published
vacancy is (re)indexed, anything else is removed from the index.
"""

from __future__ import annotations

from civictalent.core.search import search_index, search_remove
from civictalent.jobs.criteria import VacancyFacts
from civictalent.jobs.models import Vacancy, VacancyStatus

SEARCH_KIND = "vacancy"


def vacancy_search_text(vacancy: Vacancy) -> str:
    parts = [
        vacancy.title,
        vacancy.summary,
        vacancy.description_text,
        vacancy.organisation.name,
        vacancy.organisation.short_name,
        vacancy.location,
        vacancy.role_level.name if vacancy.role_level else "",
    ]
    return "\n".join(part for part in parts if part)


def vacancy_reindex(vacancy: Vacancy) -> None:
    if vacancy.status == VacancyStatus.PUBLISHED:
        search_index(kind=SEARCH_KIND, object_id=vacancy.pk, text=vacancy_search_text(vacancy))
    else:
        search_remove(kind=SEARCH_KIND, object_id=vacancy.pk)


def vacancy_facts(vacancy: Vacancy) -> VacancyFacts:
    """The filterable facts of a vacancy (select_related organisation and family first)."""
    return VacancyFacts(
        title=vacancy.title,
        text=vacancy_search_text(vacancy),
        family=vacancy.family.slug if vacancy.family else "",
        seniority=vacancy.seniority,
        council=vacancy.organisation.slug,
        annual_min_pence=vacancy.annual_min_pence,
        annual_max_pence=vacancy.annual_max_pence,
        working_pattern=vacancy.working_pattern,
        contract=vacancy.contract,
        workplace=vacancy.workplace,
        published_at=vacancy.published_at,
    )
