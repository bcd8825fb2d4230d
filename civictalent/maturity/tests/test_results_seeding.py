"""The generator's "assessments" step and the demo's submitted assessments."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db.models import Count

from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    LondonScores,
    MaturityModel,
    ScoreKind,
)
from civictalent.maturity.results_seeding import (
    DEMO_COUNCILS,
    GENERATED_MODEL_SLUG,
    AssessmentsStep,
    demo_assessments_load,
)
from civictalent.maturity.results_services import OVERALL
from civictalent.maturity.scoring import level_of, two_places
from civictalent.maturity.tests.factories_results import make_model
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 6, 1)
LONDON_COUNCILS = 33


def run(assessments: int, **kwargs: object) -> int:
    scale = replace(SCALES["test"], extra_councils=0, planned={"assessments": assessments})
    reports = generate(
        scale=scale,
        seed=7,
        as_of=AS_OF,
        only={"councils", "assessments"},
        **kwargs,  # type: ignore[arg-type]
    )
    return next(r.added for r in reports if r.name == "assessments")


def test_london_scale_asks_for_ten_years_of_two_a_year_for_33_councils() -> None:
    assert AssessmentsStep().target(SCALES["london"]) == LONDON_COUNCILS * 20


def test_the_step_makes_submitted_assessments_with_consistent_scores_and_london(
    london: None,
) -> None:
    assert run(LONDON_COUNCILS * 2) == LONDON_COUNCILS * 2
    model = MaturityModel.objects.get(slug=GENERATED_MODEL_SLUG)  # no default model: one made
    assessments = Assessment.objects.filter(model=model, status=AssessmentStatus.SUBMITTED)
    assert assessments.count() == 66
    per_council = assessments.values("organisation").annotate(n=Count("pk"))
    assert {row["n"] for row in per_council} == {2}
    for assessment in assessments.prefetch_related("scores"):
        topics = [s for s in assessment.scores.all() if s.kind == ScoreKind.TOPIC]
        assert topics and all(1 <= s.level <= 5 and s.level == level_of(s.score) for s in topics)
        mean = two_places(sum((s.score for s in topics), Decimal(0)) / len(topics))
        assert assessment.overall_score == mean
        assert assessment.overall_level == level_of(mean)
        assert assessment.submitted_at is not None
        assert assessment.started_at < assessment.submitted_at
    overall: dict[str, str] = LondonScores.objects.get(model=model, dimension=OVERALL).scores
    assert len(overall) == LONDON_COUNCILS


def test_a_second_run_adds_nothing_and_a_larger_target_resumes(london: None) -> None:
    run(40)
    first = list(Assessment.objects.order_by("pk").values_list("overall_score", "submitted_at"))
    assert run(40) == 0
    assert run(70) == 30
    again = list(Assessment.objects.order_by("pk").values_list("overall_score", "submitted_at"))
    assert again[:40] == first


def test_the_step_uses_the_default_model_when_there_is_one(london: None) -> None:
    model = make_model(topics=2, themes=2, default=True)
    run(5)
    assert set(Assessment.objects.values_list("model_id", flat=True)) == {model.pk}
    assert not MaturityModel.objects.filter(slug=GENERATED_MODEL_SLUG).exists()


def test_the_demo_makes_two_rounds_for_each_demo_council_once(london: None) -> None:
    assert demo_assessments_load() == []  # no default model: nothing
    model = make_model(topics=3, themes=2, default=True)
    made = demo_assessments_load()
    assert made == [f"{2 * len(DEMO_COUNCILS)} submitted maturity self-assessments"]
    hackney = Organisation.objects.get(slug="hackney")
    rounds = list(
        Assessment.objects.filter(organisation=hackney, model=model).order_by("submitted_at")
    )
    assert len(rounds) == 2 and all(a.status == AssessmentStatus.SUBMITTED for a in rounds)
    assert AssessmentScore.objects.filter(assessment=rounds[1]).count() == 5
    overall = LondonScores.objects.get(model=model, dimension=OVERALL).scores
    assert len(overall) == len(DEMO_COUNCILS) >= 8
    assert demo_assessments_load() == []
