"""Councils' self-assessments: starting one, inviting and removing contributors, saving answers,
settling disagreements and submitting.

Each contributor's answer is their own row, saved on its own, so two people saving the same
question at once both keep theirs. Removing a contributor removes their answers to that (open)
assessment, so the results reflect only the people still answering it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from civictalent.core.audit import audit_record
from civictalent.core.emails import email_queue, render_email, site_url
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Contributor,
    MaturityModel,
    Question,
    Settlement,
)
from civictalent.maturity.results_services import (
    assessment_results_record,
    london_scores_refresh,
)
from civictalent.maturity.scoring import disagrees, final_level
from civictalent.organisations.models import Membership, Organisation

EVIDENCE_LENGTH = 2_000
REASON_LENGTH = 2_000


def default_model() -> MaturityModel:
    """The model new assessments use; the starter model is loaded when there is none."""
    model = MaturityModel.objects.filter(is_default=True).first() or MaturityModel.objects.first()
    if model is None:
        maturity_model_load_starter()
        model = MaturityModel.objects.get(is_default=True)
    return model


def _refuse_closed(assessment: Assessment) -> None:
    if not assessment.is_open:
        raise ValidationError("This assessment has been submitted, so it cannot change.")


@transaction.atomic
def assessment_start(
    *,
    organisation: Organisation,
    name: str,
    started_by: Any,
    model: MaturityModel | None = None,
) -> Assessment:
    """A new assessment of ``organisation`` against ``model`` (the default model if None), with
    the person who started it as its first contributor. One open assessment per council and
    model at a time."""
    model = model or default_model()
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if Assessment.objects.filter(
        organisation=organisation, model=model, status=AssessmentStatus.IN_PROGRESS
    ).exists():
        raise ValidationError(
            f"{organisation.short_name} already has an assessment against {model.title} in "
            "progress. Submit that one before starting another."
        )
    assessment = Assessment(
        organisation=organisation, model=model, name=name.strip(), started_by=started_by
    )
    assessment.full_clean()
    assessment.save()
    Contributor.objects.create(assessment=assessment, user=started_by, invited_by=started_by)
    audit_record(
        actor=started_by,
        action="maturity.assessment_started",
        target=assessment,
        summary=f"Started the maturity assessment {assessment.name} ({model.title})",
        organisation=organisation,
    )
    return assessment


@transaction.atomic
def assessment_contributors_invite(
    *, assessment: Assessment, users: Iterable[Any], invited_by: Any
) -> list[Contributor]:
    """Invite members of the assessment's council; each is emailed once the invitation is
    saved. People already invited are left as they are."""
    _refuse_closed(assessment)
    members = set(
        Membership.objects.filter(organisation=assessment.organisation).values_list(
            "user_id", flat=True
        )
    )
    already = set(assessment.contributors.values_list("user_id", flat=True))
    invited = []
    for user in users:
        if user.pk not in members:
            raise ValidationError(f"{user.name} is not a member of the council.")
        if user.pk in already:
            continue
        invited.append(
            Contributor.objects.create(assessment=assessment, user=user, invited_by=invited_by)
        )
        subject, body = render_email(
            "maturity/assessments/emails/invited",
            {
                "assessment": assessment,
                "invited_by": invited_by,
                "person": user,
                "url": site_url(reverse("maturity:assessment", kwargs={"pk": assessment.pk})),
            },
        )
        email_queue(to=user.email, subject=subject, body_text=body)
    if invited:
        audit_record(
            actor=invited_by,
            action="maturity.contributors_invited",
            target=assessment,
            summary=f"Invited {', '.join(c.user.name for c in invited)} to answer "
            f"{assessment.name}",
            organisation=assessment.organisation,
        )
    return invited


@transaction.atomic
def assessment_contributor_remove(*, contributor: Contributor, removed_by: Any) -> int:
    """Remove a contributor and their answers to the (open) assessment; returns how many
    answers went."""
    assessment = contributor.assessment
    _refuse_closed(assessment)
    removed, _ = Answer.objects.filter(assessment=assessment, user=contributor.user).delete()
    audit_record(
        actor=removed_by,
        action="maturity.contributor_removed",
        target=assessment,
        summary=f"Removed {contributor.user.name} from {assessment.name} ({removed} answers)",
        organisation=assessment.organisation,
    )
    contributor.delete()
    return removed


@dataclass(frozen=True)
class AnswerInput:
    level: int | None  # None with not_sure
    not_sure: bool
    evidence: str


def answer_save(
    *, assessment: Assessment, question: Question, user: Any, answer: AnswerInput
) -> Answer:
    """Save one person's answer to one question, in its own transaction. Another request
    creating the same row at the same moment makes the insert fail; it is then updated."""
    if question.model_id != assessment.model_id:
        raise ValidationError("That question is not part of this assessment.")
    values = {
        "level": None if answer.not_sure else answer.level,
        "not_sure": answer.not_sure,
        "evidence": answer.evidence.strip()[:EVIDENCE_LENGTH],
    }
    candidate = Answer(assessment=assessment, question=question, user=user, **values)
    candidate.full_clean(exclude=["assessment", "question", "user"], validate_unique=False)
    for attempt in range(2):
        try:
            with transaction.atomic():
                saved, _ = Answer.objects.update_or_create(
                    assessment=assessment, question=question, user=user, defaults=values
                )
                return saved
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def topic_answers_save(
    *, assessment: Assessment, user: Any, answers: dict[Question, AnswerInput]
) -> int:
    """Save a person's answers to a topic's questions (each on its own, see ``answer_save``);
    questions left blank are left as they were. Returns how many were saved."""
    _refuse_closed(assessment)
    for question, answer in answers.items():
        answer_save(assessment=assessment, question=question, user=user, answer=answer)
    return len(answers)


@transaction.atomic
def settlement_record(
    *, assessment: Assessment, question: Question, level: int, reason: str, settled_by: Any
) -> Settlement:
    """The admin's level for a question whose contributors disagree, with the reason."""
    _refuse_closed(assessment)
    if question.model_id != assessment.model_id:
        raise ValidationError("That question is not part of this assessment.")
    if not reason.strip():
        raise ValidationError("Say why you chose this level.")
    settlement = Settlement.objects.filter(assessment=assessment, question=question).first()
    settlement = settlement or Settlement(assessment=assessment, question=question)
    settlement.level = level
    settlement.reason = reason.strip()[:REASON_LENGTH]
    settlement.settled_by = settled_by
    settlement.full_clean()
    settlement.save()
    audit_record(
        actor=settled_by,
        action="maturity.disagreement_settled",
        target=assessment,
        summary=f"Settled question {question.pk} of {assessment.name} at level {level}",
        organisation=assessment.organisation,
    )
    return settlement


def final_levels_of(assessment: Assessment) -> tuple[dict[int, int], list[int]]:
    """Each question's final level (question id -> level), and the questions whose contributors
    disagree with no settlement yet."""
    levels: dict[int, list[int | None]] = defaultdict(list)
    for question_id, level in Answer.objects.filter(assessment=assessment).values_list(
        "question_id", "level"
    ):
        levels[question_id].append(level)
    settled = dict(
        Settlement.objects.filter(assessment=assessment).values_list("question_id", "level")
    )
    finals: dict[int, int] = {}
    unsettled = []
    for question_id, given in levels.items():
        if disagrees(given) and question_id not in settled:
            unsettled.append(question_id)
            continue
        level = final_level(given, settled.get(question_id))
        if level is not None:
            finals[question_id] = level
    return finals, sorted(unsettled)


@transaction.atomic
def assessment_submit(*, assessment: Assessment, submitted_by: Any) -> Assessment:
    """Submit: every disagreement must be settled and at least one question have a level. The
    scores are recorded and London's latest scores refreshed in the same transaction."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _refuse_closed(assessment)
    finals, unsettled = final_levels_of(assessment)
    if unsettled:
        raise ValidationError(
            f"Settle the {len(unsettled)} question{'s' if len(unsettled) != 1 else ''} where "
            "contributors disagree before submitting."
        )
    try:
        assessment_results_record(assessment=assessment, final_levels=finals)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = submitted_by
    assessment.full_clean()
    assessment.save()
    london_scores_refresh(model=assessment.model)
    audit_record(
        actor=submitted_by,
        action="maturity.assessment_submitted",
        target=assessment,
        summary=f"Submitted the maturity assessment {assessment.name}: overall level "
        f"{assessment.overall_level}",
        organisation=assessment.organisation,
    )
    return assessment
