"""Saving answers at the same instant, from real threads with their own database connections.

Two contributors answering the same question at once each keep their answer (one row each); one
person saving the same question from two tabs at once ends with one row, not an error. The
threads wait at a barrier and then save together, so the inserts truly race.

On SQLite the test database is one in-memory database shared by threads, which serialises every
write, so the race cannot happen there: the tests run in the PostgreSQL pass of the suite (CI runs
both) and say so when skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from civictalent.maturity import assessment_services as services
from civictalent.maturity.assessment_services import AnswerInput
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import Answer, Assessment, Question

pytestmark = pytest.mark.django_db(transaction=True)


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent saves race only on PostgreSQL: this runs in the PostgreSQL pass")


def at_once(*jobs: Callable[[], Any]) -> list[BaseException]:
    """Run the jobs in threads released together; the errors they raised."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            connection.ensure_connection()  # connect first, so the saves start together
            barrier.wait(timeout=10)
            job()
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def save(assessment: Assessment, question: Question, user: Any, level: int) -> Callable[[], Any]:
    return lambda: services.answer_save(
        assessment=assessment,
        question=question,
        user=user,
        answer=AnswerInput(level=level, not_sure=False, evidence=f"Level {level}"),
    )


@pytest.fixture
def assessment(people: dict[str, Any], council_a: Any) -> Assessment:
    maturity_model_load_starter()
    started = services.assessment_start(
        organisation=council_a, name="Spring 2027", started_by=people["admin_a"]
    )
    services.assessment_contributors_invite(
        assessment=started, users=[people["member_a"]], invited_by=people["admin_a"]
    )
    return started


def test_two_contributors_saving_the_same_question_at_once_both_keep_theirs(
    assessment: Assessment, people: dict[str, Any]
) -> None:
    require_postgresql()
    question = Question.objects.filter(model=assessment.model).order_by("pk")[0]
    errors = at_once(
        save(assessment, question, people["admin_a"], 2),
        save(assessment, question, people["member_a"], 4),
    )
    assert errors == []
    assert dict(
        Answer.objects.filter(assessment=assessment, question=question).values_list(
            "user_id", "level"
        )
    ) == {people["admin_a"].pk: 2, people["member_a"].pk: 4}


def test_one_person_saving_from_two_tabs_at_once_ends_with_one_answer(
    assessment: Assessment, people: dict[str, Any]
) -> None:
    require_postgresql()
    member = people["member_a"]
    # Ten questions, ten races: a lost race would be an error or a second row.
    for question in Question.objects.filter(model=assessment.model).order_by("pk")[:10]:
        errors = at_once(*(save(assessment, question, member, level) for level in (1, 3, 5)))
        assert errors == []
        saved = Answer.objects.filter(assessment=assessment, question=question, user=member)
        assert saved.count() == 1
        assert saved.get().level in {1, 3, 5}
