"""Recording an assessment's results on submission, and London's latest scores."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from civictalent.maturity.models import Assessment, AssessmentScore, LondonScores, ScoreKind
from civictalent.maturity.results_services import (
    OVERALL,
    assessment_results_record,
    dimension_key,
    london_scores_refresh,
)
from civictalent.maturity.tests.factories_results import (
    london_councils,
    make_assessment,
    make_model,
    questions_of,
    submit,
)
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_results_are_written_per_topic_and_theme_with_the_overall_saved(
    council_a: Organisation,
) -> None:
    model = make_model(topics=2, themes=2, questions_per_topic=2)
    questions = questions_of(model)
    assessment = make_assessment(council_a, model)
    # Topic 1: 2 and 4 (3.00); topic 2: 5 and "not sure" (5.00).
    final = {questions[0].pk: 2, questions[1].pk: 4, questions[2].pk: 5}
    scores = assessment_results_record(assessment=assessment, final_levels=final)
    assert scores.overall is not None and scores.overall.score == Decimal("4.00")
    saved = Assessment.objects.get(pk=assessment.pk)
    assert (saved.overall_score, saved.overall_level) == (Decimal("4.00"), 4)
    rows = {
        (row.kind, row.topic_id or row.theme_id): (
            row.score,
            row.level,
            row.answered,
            row.questions,
        )
        for row in AssessmentScore.objects.filter(assessment=assessment)
    }
    topic_1, topic_2 = questions[0].topic_id, questions[2].topic_id
    assert rows[(ScoreKind.TOPIC, topic_1)] == (Decimal("3.00"), 3, 2, 2)
    assert rows[(ScoreKind.TOPIC, topic_2)] == (Decimal("5.00"), 5, 1, 2)
    # Themes alternate: theme 1 has questions 0 and 2 (2 and 5), theme 2 has 1 and 3 (4).
    assert rows[(ScoreKind.THEME, questions[0].theme_id)] == (Decimal("3.50"), 3, 2, 2)
    assert rows[(ScoreKind.THEME, questions[1].theme_id)] == (Decimal("4.00"), 4, 1, 2)
    assert len(rows) == 4


def test_recording_again_replaces_the_scores(council_a: Organisation) -> None:
    model = make_model(topics=1, themes=1, questions_per_topic=2)
    questions = questions_of(model)
    assessment = make_assessment(council_a, model)
    assessment_results_record(assessment=assessment, final_levels={questions[0].pk: 1})
    assessment_results_record(assessment=assessment, final_levels={q.pk: 5 for q in questions})
    assert list(
        AssessmentScore.objects.filter(assessment=assessment).values_list("score", flat=True)
    ) == [
        Decimal("5.00"),
        Decimal("5.00"),
    ]


def test_nothing_to_score_is_refused_and_nothing_is_written(council_a: Organisation) -> None:
    model = make_model()
    assessment = make_assessment(council_a, model)
    with pytest.raises(ValueError, match="nothing to score"):
        assessment_results_record(assessment=assessment, final_levels={})
    assert not AssessmentScore.objects.filter(assessment=assessment).exists()
    assert Assessment.objects.get(pk=assessment.pk).overall_score is None


def test_levels_of_questions_from_another_model_are_ignored(council_a: Organisation) -> None:
    model, other = make_model(topics=1, questions_per_topic=1), make_model()
    assessment = make_assessment(council_a, model)
    final = {questions_of(model)[0].pk: 2} | {q.pk: 5 for q in questions_of(other)}
    scores = assessment_results_record(assessment=assessment, final_levels=final)
    assert scores.overall is not None and scores.overall.score == Decimal("2.00")


def test_london_keeps_only_each_councils_latest_submitted_assessment(
    council_a: Organisation, council_b: Organisation
) -> None:
    model = make_model(topics=2, themes=1, questions_per_topic=1)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    first = submit(council_a, model, 1, when=long_ago)
    latest = submit(council_a, model, 4)
    make_assessment(council_a, model)  # in progress: never counted
    submit(council_b, model, 2)
    london = dict(LondonScores.objects.filter(model=model).values_list("dimension", "scores"))
    assert london[OVERALL] == {str(council_a.pk): "4.00", str(council_b.pk): "2.00"}
    topic = questions_of(model)[0].topic_id
    assert london[dimension_key(ScoreKind.TOPIC, topic)][str(council_a.pk)] == "4.00"
    assert set(london) == {
        OVERALL,
        *(dimension_key("topic", q.topic_id) for q in questions_of(model)),
        dimension_key("theme", questions_of(model)[0].theme_id),
    }
    # Earlier assessments stay, with their own scores.
    assert Assessment.objects.get(pk=first.pk).overall_score == Decimal("1.00")
    assert AssessmentScore.objects.filter(assessment=first).count() == 3
    assert latest.overall_level == 4


def test_london_is_per_model_and_drops_dimensions_nobody_has(council_a: Organisation) -> None:
    model, other = make_model(topics=1), make_model(topics=1)
    submit(council_a, other, 3)
    LondonScores.objects.create(model=model, dimension="topic:999999", scores={"1": "2.00"})
    london_scores_refresh(model=model)
    assert not LondonScores.objects.filter(model=model).exists()
    assert LondonScores.objects.filter(model=other, dimension=OVERALL).exists()


def test_london_refresh_reads_a_fixed_number_of_queries_for_many_councils(
    london: None, django_assert_max_num_queries: object
) -> None:
    model = make_model(topics=3, themes=2, questions_per_topic=2)
    for number, council in enumerate(london_councils(12)):
        submit(council, model, 1 + number % 5, refresh=False)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        london_scores_refresh(model=model)
    assert len(LondonScores.objects.get(model=model, dimension=OVERALL).scores) == 12
