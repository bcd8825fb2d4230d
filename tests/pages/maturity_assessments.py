"""Pages of the maturity app's assessments part for the permission walker and the query budgets (see
__init__.py): the public model pages, a council's assessments, and one assessment's pages."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import PUBLIC, matrix

COUNCIL_A_PEOPLE = matrix("ok", anonymous="login", member_b="deny")
COUNCIL_A_ADMIN_ONLY = matrix("deny", anonymous="login", admin_a="ok")

EXPECTED: dict[str, dict[str, str]] = {
    "maturity:overview": PUBLIC,
    "maturity:model": PUBLIC,
    # Council A's people, and platform admins (audited).
    "maturity:council": COUNCIL_A_PEOPLE,
    "maturity:start": COUNCIL_A_ADMIN_ONLY,
    "maturity:assessment": COUNCIL_A_PEOPLE,
    "maturity:contributors": COUNCIL_A_ADMIN_ONLY,
    # Invited contributors only: member_a and admin_a are invited; editor_a is not.
    "maturity:topic": matrix("deny", anonymous="login", member_a="ok", admin_a="ok"),
    "maturity:disagreements": COUNCIL_A_ADMIN_ONLY,
    "maturity:settle": matrix("deny", anonymous="login", admin_a="post_only"),
    "maturity:submit": COUNCIL_A_ADMIN_ONLY,
}
BUDGETS: dict[str, int] = {
    "maturity:overview": 5,
    "maturity:model": 8,
    "maturity:council": 6,
    "maturity:start": 8,
    "maturity:assessment": 12,
    "maturity:contributors": 10,
    "maturity:topic": 12,
    "maturity:disagreements": 12,
    "maturity:submit": 12,
}


def _council_a(people: dict[str, Any]) -> Any:
    from civictalent.organisations.models import Membership

    return (
        Membership.objects.select_related("organisation").get(user=people["member_a"]).organisation
    )


def _assessment(people: dict[str, Any]) -> Any:
    """Council A's open assessment of the starter model, answered differently by member_a and
    admin_a on the first question."""
    from civictalent.maturity.assessment_services import (
        AnswerInput,
        answer_save,
        assessment_contributors_invite,
        assessment_start,
    )
    from civictalent.maturity.models import Assessment, Question

    found = Assessment.objects.filter(organisation=_council_a(people), status="in_progress").first()
    if found is not None:
        return found
    assessment = assessment_start(
        organisation=_council_a(people), name="Spring 2027", started_by=people["admin_a"]
    )
    assessment_contributors_invite(
        assessment=assessment, users=[people["member_a"]], invited_by=people["admin_a"]
    )
    questions = list(Question.objects.filter(model=assessment.model).order_by("pk")[:5])
    for number, question in enumerate(questions):
        for person, level in (("member_a", 2), ("admin_a", 2 if number else 4)):
            answer_save(
                assessment=assessment,
                question=question,
                user=people[person],
                answer=AnswerInput(level=level, not_sure=False, evidence="A note"),
            )
    return assessment


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    if name == "maturity:overview":
        return {}
    if name == "maturity:model":
        from civictalent.maturity.maturity_services import maturity_model_load_starter
        from civictalent.maturity.maturity_starter import STARTER_SLUG

        maturity_model_load_starter()
        return {"slug": STARTER_SLUG}
    if name in {"maturity:council", "maturity:start"}:
        return {"slug": _council_a(people).slug}
    assessment = _assessment(people)
    if name == "maturity:topic":
        return {"pk": assessment.pk, "topic_slug": assessment.model.topics.all()[0].slug}
    if name == "maturity:settle":
        return {"pk": assessment.pk, "question_pk": assessment.answers.all()[0].question_id}
    return {"pk": assessment.pk}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Several assessments of council A, and every answer of one by two people, so a query per
    row breaks a budget."""
    from civictalent.maturity.assessment_services import AnswerInput, answer_save
    from civictalent.maturity.models import Question

    assessment = _assessment(people)
    for question in Question.objects.filter(model=assessment.model):
        for person, level in (("member_a", 3), ("admin_a", 3)):
            answer_save(
                assessment=assessment,
                question=question,
                user=people[person],
                answer=AnswerInput(level=level, not_sure=False, evidence="Evidence"),
            )
