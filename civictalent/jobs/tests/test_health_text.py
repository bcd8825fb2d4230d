"""A vacancy's health check reads what its page shows: the check never asks for a closing date,
a hybrid pattern or a way to apply that the page's facts and button already give."""

from __future__ import annotations

from typing import Any

import pytest

from civictalent.jobs.services.health import vacancy_checked_text, vacancy_health_report
from civictalent.jobs.tests.vacancy_helpers import draft

FACT_RULES = {"structure.closing_date", "structure.how_to_apply", "structure.hybrid_pattern"}


def _rule_ids(vacancy: Any) -> set[str]:
    return {finding.rule for finding in vacancy_health_report(vacancy).findings}


@pytest.mark.django_db
def test_the_facts_on_the_page_count_as_said(people: dict[str, Any], council_a: Any) -> None:
    vacancy = draft(council_a, people["editor_a"])
    text, _ = vacancy_checked_text(vacancy)
    assert "Closing date: " in text and "(UK time)" in text
    assert "Where the work is done: Hybrid: Two days a week in Hackney Town Hall" in text
    assert "How to apply: apply on" in text
    assert not _rule_ids(vacancy) & FACT_RULES


@pytest.mark.django_db
def test_facts_the_page_does_not_show_are_still_asked_for(
    people: dict[str, Any], council_a: Any
) -> None:
    vacancy = draft(council_a, people["editor_a"], apply_url="", workplace="", hybrid_pattern="")
    vacancy.closes_at = None
    found = _rule_ids(vacancy)
    assert {"structure.closing_date", "structure.how_to_apply"} <= found, found
