"""The board's SQL agrees with ``SearchCriteria.matches``, the reference meaning of a search,
over generated vacancies and many random searches; and the filter counts agree with it too."""

from __future__ import annotations

import datetime
import random
from dataclasses import replace
from typing import Any

import pytest
from django.utils import timezone

from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace
from civictalent.framework.models import JobFamily
from civictalent.jobs.criteria import POSTED_WITHIN_DAYS, SORTS, SearchCriteria
from civictalent.jobs.indexing import vacancy_facts
from civictalent.jobs.models import Vacancy
from civictalent.jobs.pay import range_text as pay_range
from civictalent.jobs.selectors import (
    board_results,
    board_search,
    feed_vacancies,
    open_vacancies,
)
from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation

# Whole words of the generated text whose stems match no other word in it, so full-text search
# (which stems, on SQLite and PostgreSQL) and the reference (which compares words) agree.
WORDS = (
    "dashboards",
    "residents",
    "procurement",
    "councillors",
    "accessibility",
    "pipelines",
    "cyber",
    "recycling",
    "hackney",
    "schools",
    "champion",
)
FIELD_OF = {
    "family": "families",
    "level": "levels",
    "council": "councils",
    "pattern": "patterns",
    "contract": "contracts",
    "workplace": "workplaces",
}


def some(rng: random.Random, values: list[str], chance: float = 0.3) -> tuple[str, ...]:
    if rng.random() > chance or not values:
        return ()
    return tuple(sorted(set(rng.sample(values, rng.randint(1, min(3, len(values)))))))


def random_criteria(rng: random.Random, families: list[str], councils: list[str]) -> SearchCriteria:
    return SearchCriteria(
        keywords=" ".join(rng.sample(WORDS, rng.randint(1, 2))) if rng.random() < 0.3 else "",
        families=some(rng, [*families, "no-such-family"]),
        levels=some(rng, list(Seniority.values)),
        councils=some(rng, [*councils, "no-such-council"]),
        min_salary=rng.choice([20_000, 35_000, 45_000, 60_000, 80_000, 120_000])
        if rng.random() < 0.3
        else None,
        patterns=some(rng, list(WorkingPattern.values), 0.25),
        contracts=some(rng, list(Contract.values), 0.25),
        workplaces=some(rng, list(Workplace.values), 0.25),
        posted_within_days=rng.choice(list(POSTED_WITHIN_DAYS)) if rng.random() < 0.25 else None,
        sort=rng.choice(list(SORTS)),
    )


@pytest.fixture
def vacancies(london: None) -> list[Vacancy]:
    """Generated vacancies (most open), plus the awkward ones the generator does not make."""
    scale = replace(SCALES["test"], planned={"vacancies": 320, "open_vacancies": 260})
    generate(
        scale=scale,
        seed=11,
        as_of=timezone.localdate(),
        only={"framework", "councils", "vacancies"},
    )
    hackney = Organisation.objects.get(slug="hackney")
    make_vacancy(hackney, title="Past its closing time", days_open=-0.001, family="data")
    make_vacancy(hackney, title="Nothing set", max_pounds=None, family="", seniority="")
    make_vacancy(hackney, title="Posted just inside a day", days_since_published=0.99)
    make_vacancy(hackney, title="Posted just outside a day", days_since_published=1.01)
    return list(open_vacancies().select_related("organisation", "family", "role_level"))


@pytest.mark.django_db
def test_the_database_and_the_reference_agree_on_random_searches(
    vacancies: list[Vacancy],
) -> None:
    now = timezone.now()
    facts = {vacancy.pk: vacancy_facts(vacancy) for vacancy in vacancies}
    families = sorted(set(JobFamily.objects.values_list("slug", flat=True)))
    councils = sorted({fact.council for fact in facts.values()})
    rng = random.Random(2026)
    non_empty = 0
    for _ in range(150):
        criteria = random_criteria(rng, families, councils)
        expected = {pk for pk, fact in facts.items() if criteria.matches(fact, now=now)}

        found = list(board_results(criteria, now=now))

        assert {vacancy.pk for vacancy in found} == expected, criteria
        assert len(found) == len(expected), "each vacancy once"
        # The board page orders in Python what board_results orders in SQL: the same.
        assert board_search(criteria, now=now).ordered_ids == [v.pk for v in found], criteria
        non_empty += bool(expected)
        if criteria.sort == "closing":
            closing = [v.closes_at for v in found if v.closes_at]
            assert closing == sorted(closing)
        if criteria.sort == "newest" or (criteria.sort == "relevance" and not criteria.keywords):
            published = [v.published_at for v in found if v.published_at]
            assert published == sorted(published, reverse=True)
    # The random searches were not all trivially empty.
    assert non_empty > 40


@pytest.mark.django_db
def test_the_counts_agree_with_the_reference(vacancies: list[Vacancy]) -> None:
    now = timezone.now()
    facts = [vacancy_facts(vacancy) for vacancy in vacancies]
    families = sorted(set(JobFamily.objects.values_list("slug", flat=True)))
    councils = sorted({fact.council for fact in facts})
    rng = random.Random(7)
    for _ in range(25):
        criteria = random_criteria(rng, families, councils)

        board = board_search(criteria, now=now)

        assert board.total == sum(criteria.matches(fact, now=now) for fact in facts)
        for facet in board.facets:
            for option in facet.options:
                # What ticking only this box (other filters as they are) would give.
                only: dict[str, Any] = {FIELD_OF[facet.name]: (option.value,)}
                alone = replace(criteria, **only)
                expected = sum(alone.matches(fact, now=now) for fact in facts)
                assert option.count == expected, (criteria, facet.name, option.value)


@pytest.mark.django_db
def test_generated_open_vacancies_cover_every_filter(vacancies: list[Vacancy]) -> None:
    board = board_search(SearchCriteria())
    for facet in board.facets:
        counted = [option for option in facet.options if option.count]
        assert len(counted) >= 2, facet.name
    assert board.total == len(vacancies)


@pytest.mark.django_db
def test_the_feed_is_the_newest_fifty_whatever_the_sort(vacancies: list[Vacancy]) -> None:
    newest = sorted(vacancies, key=lambda v: (v.published_at, v.pk), reverse=True)[:50]

    feed = feed_vacancies(SearchCriteria(sort="closing"))

    assert [v.pk for v in feed] == [v.pk for v in newest]


def test_pay_range_in_words() -> None:
    assert pay_range(4_000_000, 4_550_000) == "£40,000 to £45,500 a year"
    assert pay_range(4_000_000, None) == "From £40,000 a year"
    assert pay_range(4_000_000, 4_000_000) == "£40,000 a year"
    assert pay_range(None, 5_000_050) == "Up to £50,000.50 a year"
    assert pay_range(None, None) == ""


@pytest.mark.django_db
def test_a_closed_vacancy_never_reaches_the_board_even_when_indexed(london: None) -> None:
    hackney = Organisation.objects.get(slug="hackney")
    vacancy = make_vacancy(hackney, title="Dashboards lead")
    # The index still holds it (say the closing job has not run yet) but it has closed.
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert list(board_results(SearchCriteria(keywords="dashboards"))) == []
    assert board_search(SearchCriteria(keywords="dashboards")).total == 0
