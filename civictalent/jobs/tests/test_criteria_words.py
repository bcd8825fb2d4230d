"""A jobs search in words, as the board, the alert pages and the digests show it."""

from __future__ import annotations

import pytest

from civictalent.jobs.criteria import SearchCriteria
from civictalent.jobs.criteria_words import (
    KEYWORDS_NOT_REPEATED,
    criteria_in_words,
    describe,
    describe_without_visitors_text,
)
from civictalent.organisations.models import Organisation


def test_an_empty_search_is_every_job() -> None:
    assert criteria_in_words(SearchCriteria()) == ["All jobs on the board"]


def test_one_line_per_filter_naming_councils_from_the_map_or_by_slug() -> None:
    criteria = SearchCriteria(keywords="data", councils=("hackney", "nowhere"), min_salary=45000)

    lines = criteria_in_words(criteria, council_names={"hackney": "Hackney"})

    assert lines == [
        "Keywords: data",
        "Council: Hackney or nowhere",
        "Salary: up to at least £45,000 a year",
    ]


@pytest.mark.django_db
def test_describe_looks_councils_up_by_name(council_a: Organisation) -> None:
    lines = describe(SearchCriteria(councils=(council_a.slug,)))
    assert lines == [f"Council: {council_a.short_name}"]


@pytest.mark.django_db
def test_an_unconfirmed_address_never_gets_the_visitors_words(council_a: Organisation) -> None:
    criteria = SearchCriteria(
        keywords="<a href=https://evil.example>win</a>",
        councils=(council_a.slug, "https-evil-example"),
    )

    lines = describe_without_visitors_text(criteria)

    assert lines == [KEYWORDS_NOT_REPEATED, f"Council: {council_a.short_name}"]
