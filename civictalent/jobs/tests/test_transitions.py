"""The table of vacancy status changes, and the one function that makes them."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.jobs.services import TRANSITIONS, vacancy_transition
from civictalent.jobs.tests.vacancy_helpers import draft, published

JOBS = Path(__file__).resolve().parent.parent
# Demo and large-data generators write finished vacancies in bulk, not through changes.
GENERATORS = {"generation.py", "demo.py", "seeding.py"}


def test_every_status_but_draft_is_reached_and_archived_is_the_end() -> None:
    targets = {transition.target for transition in TRANSITIONS.values()}
    sources = set().union(*(transition.sources for transition in TRANSITIONS.values()))
    assert targets == set(VacancyStatus) - {VacancyStatus.DRAFT}
    assert sources == set(VacancyStatus) - {VacancyStatus.ARCHIVED}


def test_every_row_audits_a_vacancy_action_and_writes_what_its_effect_sets() -> None:
    for name, transition in TRANSITIONS.items():
        assert transition.audit_action.startswith("vacancy."), name
        assert "status" not in transition.writes and "updated_at" not in transition.writes, name
        assert (transition.may is None) == (transition.refused == ""), name


def test_only_the_transitions_module_sets_a_vacancy_status() -> None:
    setters = []
    for path in sorted(JOBS.rglob("*.py")):
        parts = path.relative_to(JOBS).parts
        if parts[0] in {"tests", "migrations"} or path.name in GENERATORS:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets):
                setters.append(str(path.relative_to(JOBS)))
    assert setters == ["services/transitions.py"]


@pytest.mark.django_db
def test_a_refused_change_writes_nothing(people: dict[str, Any], council_a: Any) -> None:
    vacancy = draft(council_a, people["editor_a"])
    audited, queued = AuditEvent.objects.count(), OutboundEmail.objects.count()

    with pytest.raises(ValidationError, match="only a published vacancy can be closed"):
        vacancy_transition(
            vacancy=vacancy, name="close", actor=people["editor_a"], now=vacancy.created_at
        )

    assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.DRAFT
    assert (AuditEvent.objects.count(), OutboundEmail.objects.count()) == (audited, queued)


@pytest.mark.django_db
def test_who_may_is_asked_before_the_status(people: dict[str, Any], council_a: Any) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])

    with pytest.raises(PermissionDenied, match="Only your council's admins and named publishers"):
        vacancy_transition(
            vacancy=vacancy, name="reject", actor=people["editor_a"], now=vacancy.created_at
        )
