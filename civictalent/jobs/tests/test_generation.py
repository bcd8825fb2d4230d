"""The vacancies the data generator makes: as many as the scale says, the planned number open
now, deterministic by seed, resumable, and the open ones (only) searchable."""

from __future__ import annotations

import datetime
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest
from django.utils import timezone

from civictalent.core.generation.base import Context
from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.core.models import SearchDocument
from civictalent.core.search import search
from civictalent.jobs.generation import REFERENCE_PREFIX, is_open
from civictalent.jobs.models import Vacancy
from civictalent.jobs.seeding import VacanciesStep
from civictalent.jobs.selectors import open_vacancies

SCALE = SCALES["test"]
ONLY = {"framework", "councils", "vacancies"}


def generated() -> list[tuple[Any, ...]]:
    return list(
        Vacancy.objects.filter(external_reference__startswith=REFERENCE_PREFIX)
        .order_by("external_reference")
        .values_list(
            "external_reference",
            "organisation__slug",
            "title",
            "status",
            "annual_min_pence",
            "annual_max_pence",
            "closes_at",
            "published_at",
            "contract",
            "working_pattern",
            "workplace",
            "seniority",
            "family__slug",
            "description_text",
        )
    )


def wipe() -> None:
    ids = list(Vacancy.objects.values_list("pk", flat=True))
    SearchDocument.objects.filter(kind="vacancy", object_id__in=ids).delete()
    Vacancy.objects.all().delete()


def test_open_indices_are_exactly_the_planned_number_and_spread_out() -> None:
    chosen = [index for index in range(200_000) if is_open(index, total=200_000, open_count=10_000)]
    assert len(chosen) == 10_000
    assert max(b - a for a, b in pairwise(chosen)) == 20
    assert [i for i in range(50) if is_open(i, total=50, open_count=20)] == [
        i for i in range(50) if (i + 1) * 20 // 50 != i * 20 // 50
    ]
    assert not any(is_open(i, total=0, open_count=0) for i in range(3))


@pytest.mark.django_db
def test_the_test_scale_makes_its_vacancies_with_the_planned_number_open() -> None:
    today = timezone.localdate()
    reports = {r.name: r for r in generate(scale=SCALE, seed=1, as_of=today, only=ONLY)}

    rows = generated()
    assert reports["vacancies"].added == SCALE.planned["vacancies"] == len(rows)
    assert open_vacancies().count() == SCALE.planned["open_vacancies"]
    assert {row[3] for row in rows} <= {"published", "closed", "archived"}
    now = timezone.now()
    for vacancy in Vacancy.objects.filter(external_reference__startswith=REFERENCE_PREFIX):
        assert vacancy.annual_min_pence and vacancy.closes_at and vacancy.published_at
        assert vacancy.summary and vacancy.description_text and vacancy.description_html
        assert vacancy.role_level_id and vacancy.family_id and vacancy.seniority
        assert vacancy.created_at <= vacancy.published_at <= vacancy.updated_at
        if vacancy.status == "published":
            assert now < vacancy.closes_at <= now + datetime.timedelta(days=61)
            assert now - datetime.timedelta(days=61) < vacancy.published_at < now
        else:
            assert vacancy.closes_at < now
            assert vacancy.closed_at is not None
            recently = vacancy.closes_at > now - datetime.timedelta(days=91)
            assert vacancy.status == ("closed" if recently else "archived")
    # Only the open ones are in the search index, so the board can find them by keyword.
    indexed = set(SearchDocument.objects.filter(kind="vacancy").values_list("object_id", flat=True))
    assert indexed == set(open_vacancies().values_list("pk", flat=True))
    matches = search("vacancy", "residents")
    assert matches is not None
    assert matches.filter(Vacancy.objects.all()).exclude(status="published").count() == 0


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_vacancies_and_another_does_not() -> None:
    day = datetime.date(2026, 6, 30)
    generate(scale=SCALE, seed=4, as_of=day, only=ONLY)
    first = generated()
    wipe()
    generate(scale=SCALE, seed=4, as_of=day, only=ONLY)
    assert generated() == first
    wipe()
    generate(scale=SCALE, seed=5, as_of=day, only=ONLY)
    assert generated() != first


@pytest.mark.django_db
def test_an_interrupted_run_continues_to_the_same_vacancies() -> None:
    day = datetime.date(2026, 6, 30)
    generate(scale=SCALE, seed=3, as_of=day, only=ONLY)
    whole = generated()
    wipe()

    # Stopped after the first 7 items: the partial block is regenerated and only the missing
    # items are kept.
    generate(scale=SCALE, seed=3, as_of=day, only={"framework", "councils"})
    VacanciesStep().make(Context(scale=SCALE, seed=3, as_of=day), 0, 7)
    assert len(generated()) == 7
    reports = {r.name: r for r in generate(scale=SCALE, seed=3, as_of=day, only=ONLY)}

    assert reports["vacancies"].added == SCALE.planned["vacancies"] - 7
    assert generated() == whole


@pytest.mark.django_db
def test_a_smaller_limit_still_opens_what_it_can() -> None:
    small = replace(SCALE, planned={"vacancies": 6, "open_vacancies": 20})
    generate(scale=small, seed=1, as_of=timezone.localdate(), only=ONLY)
    assert open_vacancies().count() == 6
