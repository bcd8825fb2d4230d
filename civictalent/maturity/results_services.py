"""Writing an assessment's results when it is submitted, and London's latest scores."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    LondonScores,
    MaturityModel,
    Question,
    ScoreKind,
)
from civictalent.maturity.scoring import QuestionPlace, Score, Scores, score_assessment

OVERALL = "overall"


def dimension_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def _rows(assessment: Assessment, scores: Scores) -> list[AssessmentScore]:
    def row(kind: str, pk: int, score: Score) -> AssessmentScore:
        return AssessmentScore(
            assessment=assessment,
            kind=kind,
            topic_id=pk if kind == ScoreKind.TOPIC else None,
            theme_id=pk if kind == ScoreKind.THEME else None,
            score=score.score,
            level=score.level,
            answered=score.answered,
            questions=score.questions,
        )

    return [row(ScoreKind.TOPIC, pk, score) for pk, score in scores.topics.items()] + [
        row(ScoreKind.THEME, pk, score) for pk, score in scores.themes.items()
    ]


@transaction.atomic
def assessment_results_record(*, assessment: Assessment, final_levels: Mapping[int, int]) -> Scores:
    """Score ``assessment`` from each question's final level (question id -> level), keep the
    scores and save its overall score and level. Called by submission, inside its transaction:
    the caller then sets the status and submission time, saves, and calls
    :func:`london_scores_refresh` (London counts submitted assessments only). Raises ValueError
    when no question has a level (there is nothing to score)."""
    places = [
        QuestionPlace(pk, topic, theme)
        for pk, topic, theme in Question.objects.filter(model_id=assessment.model_id).values_list(
            "pk", "topic_id", "theme_id"
        )
    ]
    scores = score_assessment(places, final_levels)
    if scores.overall is None:
        raise ValueError("No question has a level yet, so there is nothing to score.")
    AssessmentScore.objects.filter(assessment=assessment).delete()
    AssessmentScore.objects.bulk_create(_rows(assessment, scores))
    assessment.overall_score = scores.overall.score
    assessment.overall_level = scores.overall.level
    # Saved here, so a caller that saves only the status cannot lose the results.
    if assessment.pk is not None:
        assessment.save(update_fields=["overall_score", "overall_level"])
    return scores


@transaction.atomic
def london_scores_refresh(*, model: MaturityModel) -> None:
    """Each council's latest submitted scores for ``model``, one row per topic, theme and
    overall: what every London comparison reads. Two submissions at once take turns (the
    model's row is locked), so the later one sees the earlier."""
    MaturityModel.objects.select_for_update().filter(pk=model.pk).first()
    latest: dict[int, int] = {}
    for organisation, pk in (
        Assessment.objects.filter(model=model, status=AssessmentStatus.SUBMITTED)
        .order_by("organisation_id", "-submitted_at", "-pk")
        .values_list("organisation_id", "pk")
    ):
        latest.setdefault(organisation, pk)
    by_dimension: dict[str, dict[str, str]] = {}
    organisation_of = {pk: organisation for organisation, pk in latest.items()}
    for assessment_id, score, overall in Assessment.objects.filter(
        pk__in=latest.values()
    ).values_list("pk", "overall_score", "overall_level"):
        if score is not None and overall is not None:
            council = str(organisation_of[assessment_id])
            by_dimension.setdefault(OVERALL, {})[council] = str(score)
    for assessment_id, kind, topic, theme, score in AssessmentScore.objects.filter(
        assessment_id__in=latest.values()
    ).values_list("assessment_id", "kind", "topic_id", "theme_id", "score"):
        key = dimension_key(kind, topic if kind == ScoreKind.TOPIC else theme)
        by_dimension.setdefault(key, {})[str(organisation_of[assessment_id])] = str(score)
    LondonScores.objects.filter(model=model).exclude(dimension__in=by_dimension).delete()
    now = timezone.now()
    LondonScores.objects.bulk_create(
        [
            LondonScores(model=model, dimension=dimension, scores=scores, updated_at=now)
            for dimension, scores in by_dimension.items()
        ],
        update_conflicts=True,
        unique_fields=["model", "dimension"],
        update_fields=["scores", "updated_at"],
    )
