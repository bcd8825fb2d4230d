"""Maturity models, assessments and submitted results for the results part's tests (and the pages
of tests/pages/maturity_results.py), made directly, as submission will make them."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping, Sequence

from django.utils import timezone

from civictalent.maturity.models import (
    Assessment,
    AssessmentStatus,
    LevelStatement,
    MaturityLevel,
    MaturityModel,
    ModelSource,
    Question,
    Theme,
    Topic,
)
from civictalent.maturity.results_services import assessment_results_record, london_scores_refresh
from civictalent.organisations.models import Organisation

LEVEL_NAMES = ("Beginning", "Emerging", "Learning", "Developing", "Mastering")
_counter = itertools.count(1)


def make_model(
    *,
    topics: int = 3,
    themes: int = 2,
    questions_per_topic: int = 4,
    default: bool = False,
    slug: str = "",
) -> MaturityModel:
    """A small model: five named levels, ``topics`` topics, ``themes`` themes, and questions
    spread over the themes in turn, each with a statement per level."""
    number = next(_counter)
    model = MaturityModel.objects.create(
        slug=slug or f"test-model-{number}",
        title=f"Test maturity model {number}",
        source=ModelSource.STARTER,
        is_default=default,
    )
    MaturityLevel.objects.bulk_create(
        MaturityLevel(model=model, number=level, name=name)
        for level, name in enumerate(LEVEL_NAMES, start=1)
    )
    topic_rows = [
        Topic.objects.create(model=model, slug=f"topic-{t}", name=f"Topic {t}", order=t)
        for t in range(1, topics + 1)
    ]
    theme_rows = [
        Theme.objects.create(model=model, slug=f"theme-{t}", name=f"Theme {t}", order=t)
        for t in range(1, themes + 1)
    ]
    questions = []
    for topic in topic_rows:
        for q in range(questions_per_topic):
            questions.append(
                Question(
                    model=model,
                    topic=topic,
                    theme=theme_rows[q % len(theme_rows)],
                    text=f"{topic.name}, question {q + 1}",
                    order=q,
                )
            )
    Question.objects.bulk_create(questions)
    LevelStatement.objects.bulk_create(
        LevelStatement(question=question, level=level, text=f"At level {level}.")
        for question in Question.objects.filter(model=model)
        for level in range(1, 6)
    )
    return model


def questions_of(model: MaturityModel) -> list[Question]:
    return list(Question.objects.filter(model=model).order_by("topic__order", "order", "pk"))


def make_assessment(organisation: Organisation, model: MaturityModel, name: str = "") -> Assessment:
    return Assessment.objects.create(
        organisation=organisation, model=model, name=name or f"Assessment {next(_counter)}"
    )


def submit(
    organisation: Organisation,
    model: MaturityModel,
    levels: int | Sequence[int] | Mapping[int, int],
    *,
    when: datetime.datetime | None = None,
    name: str = "",
    refresh: bool = True,
) -> Assessment:
    """A submitted assessment whose questions got ``levels``: one level for every question, a
    level per question in order (cycled), or question id -> level. Scored and London refreshed
    as submission does."""
    assessment = make_assessment(organisation, model, name)
    questions = questions_of(model)
    if isinstance(levels, int):
        final = {question.pk: levels for question in questions}
    elif isinstance(levels, Mapping):
        final = dict(levels)
    else:
        final = {
            question.pk: level
            for question, level in zip(questions, itertools.cycle(levels), strict=False)
        }
    assessment_results_record(assessment=assessment, final_levels=final)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = when or timezone.now()
    assessment.save()
    if refresh:
        london_scores_refresh(model=model)
    return assessment


def london_councils(count: int, *, leave_out: Organisation | None = None) -> list[Organisation]:
    councils = Organisation.objects.filter(kind__in=["london_borough", "city_of_london"])
    if leave_out is not None:
        councils = councils.exclude(pk=leave_out.pk)
    return list(councils.order_by("slug")[:count])
