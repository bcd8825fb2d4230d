"""The results part's demo data and generator steps (gathered by seeding.py): councils' submitted
self-assessments with their scores, then London's latest scores, as submission leaves them.

Levels are drawn per question around a council's own path (where it starts, how fast it grows,
its stronger and weaker topics), then scored by the same rules as a real submission
(:func:`civictalent.maturity.scoring.score_assessment`), so every figure is consistent.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.generation.base import BatchStep, Context, DemoStep, Progress, Step
from civictalent.core.generation.scales import Scale
from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    LevelStatement,
    LondonScores,
    MaturityLevel,
    MaturityModel,
    ModelSource,
    Question,
    ScoreKind,
    Theme,
    Topic,
)
from civictalent.maturity.results_services import assessment_results_record, london_scores_refresh
from civictalent.maturity.scoring import QuestionPlace, Score, score_assessment
from civictalent.organisations.models import Organisation
from civictalent.organisations.seeding import councils

GENERATED_SUFFIX = " (generated)"
GENERATED_MODEL_SLUG = "generated-maturity-model"
ROUND_DAYS = 182  # two assessments a year
NOT_SURE_CHANCE = 0.05

# The generated model, used only when no default model exists: the project's own words.
GENERATED_LEVELS = ("Starting out", "Building", "Defined", "Embedded", "Leading")
GENERATED_TOPICS = (
    "Leadership and strategy",
    "Data governance",
    "Skills and capability",
    "Tools and infrastructure",
    "Deciding with evidence",
    "Designing with users",
    "Running digital services",
    "Ways of working",
    "Working with partners",
    "Trying new things",
)
GENERATED_THEMES = ("People", "Process", "Technology", "Leadership", "Culture", "Outcomes")
QUESTIONS_PER_TOPIC = 10


def season_name(day: datetime.date) -> str:
    return f"{'Spring' if day.month <= 6 else 'Autumn'} {day.year}"


@dataclass(frozen=True)
class Path:
    """How a council's maturity moves: where it starts, how much it grows each round, and how
    far each topic sits from its average."""

    start: float
    growth: float
    topic_offsets: tuple[float, ...]

    def level(self, rng: random.Random, round_: int, topic: int) -> int | None:
        """One question's final level at ``round_``, or None for "not sure"."""
        if rng.random() < NOT_SURE_CHANCE:
            return None
        expected = self.start + self.growth * round_ + self.topic_offsets[topic]
        return max(1, min(5, round(expected + rng.gauss(0, 0.6))))


def council_path(seed: object, slug: str, topics: int) -> Path:
    rng = random.Random(f"{seed}:maturity-path:{slug}")  # noqa: S311
    return Path(
        start=rng.uniform(1.3, 2.6),
        growth=rng.uniform(0.0, 0.12),
        topic_offsets=tuple(rng.uniform(-0.7, 0.7) for _ in range(topics)),
    )


@dataclass(frozen=True)
class Layout:
    model_id: int
    places: list[QuestionPlace]
    topic_index: dict[int, int]  # topic id -> its position (for a path's offsets)


def layout_of(model: MaturityModel) -> Layout:
    topic_ids = list(
        Topic.objects.filter(model=model).order_by("order", "pk").values_list("pk", flat=True)
    )
    places = [
        QuestionPlace(pk, topic, theme)
        for pk, topic, theme in Question.objects.filter(model=model)
        .order_by("topic__order", "order", "pk")
        .values_list("pk", "topic_id", "theme_id")
    ]
    return Layout(model.pk, places, {pk: n for n, pk in enumerate(topic_ids)})


def draw_levels(layout: Layout, path: Path, rng: random.Random, round_: int) -> dict[int, int]:
    final = {}
    for place in layout.places:
        level = path.level(rng, round_, layout.topic_index[place.topic_id])
        if level is not None:
            final[place.question_id] = level
    return final


def score_rows(assessment_id: int, topics: dict[int, Score], themes: dict[int, Score]) -> list:
    def row(kind: str, pk: int, score: Score) -> AssessmentScore:
        return AssessmentScore(
            assessment_id=assessment_id,
            kind=kind,
            topic_id=pk if kind == ScoreKind.TOPIC else None,
            theme_id=pk if kind == ScoreKind.THEME else None,
            score=score.score,
            level=score.level,
            answered=score.answered,
            questions=score.questions,
        )

    return [row(ScoreKind.TOPIC, pk, s) for pk, s in topics.items()] + [
        row(ScoreKind.THEME, pk, s) for pk, s in themes.items()
    ]


# --- The generator ----------------------------------------------------------------------------


def generated_model_make() -> MaturityModel:
    """A model of ten topics, six themes and a hundred questions, for generating assessments
    when the installation has no default model."""
    model = MaturityModel.objects.create(
        slug=GENERATED_MODEL_SLUG,
        title="Generated maturity model",
        description="Made by the data generator for testing at scale.",
        source=ModelSource.STARTER,
    )
    MaturityLevel.objects.bulk_create(
        MaturityLevel(model=model, number=n, name=name)
        for n, name in enumerate(GENERATED_LEVELS, start=1)
    )
    topics = Topic.objects.bulk_create(
        Topic(model=model, slug=f"topic-{n}", name=name, order=n)
        for n, name in enumerate(GENERATED_TOPICS, start=1)
    )
    themes = Theme.objects.bulk_create(
        Theme(model=model, slug=f"theme-{n}", name=name, order=n)
        for n, name in enumerate(GENERATED_THEMES, start=1)
    )
    questions = Question.objects.bulk_create(
        Question(
            model=model,
            topic=topic,
            theme=themes[(t + q) % len(themes)],
            text=f"{topic.name}: how far along is the council on point {q + 1}?",
            order=q,
        )
        for t, topic in enumerate(topics)
        for q in range(QUESTIONS_PER_TOPIC)
    )
    LevelStatement.objects.bulk_create(
        LevelStatement(question=question, level=n, text=f"{name}.")
        for question in questions
        for n, name in enumerate(GENERATED_LEVELS, start=1)
    )
    return model


def generation_model() -> MaturityModel:
    """The model generated assessments use: the one earlier runs used, else the default model,
    else the generated model (made if missing)."""
    used = (
        Assessment.objects.filter(name__endswith=GENERATED_SUFFIX)
        .select_related("model")
        .order_by("pk")
        .first()
    )
    if used is not None:
        return used.model
    default = MaturityModel.objects.filter(is_default=True).first()
    if default is not None:
        return default
    existing = MaturityModel.objects.filter(slug=GENERATED_MODEL_SLUG).first()
    return existing if existing is not None else generated_model_make()


class AssessmentsStep(BatchStep):
    """Item ``i`` is council ``i mod C``'s round ``i div C`` (C councils), so at london scale
    (660) each of the 33 councils has twenty rounds: ten years, two a year."""

    name = "assessments"
    description = "councils' submitted maturity self-assessments, two a year, with their scores"
    batch_size = 500
    after = ("councils",)

    def target(self, scale: Scale) -> int:
        return scale.planned.get("assessments", 0)

    def existing(self, context: Context) -> int:
        return Assessment.objects.filter(name__endswith=GENERATED_SUFFIX).count()

    def make(self, context: Context, start: int, stop: int) -> int:
        model = context.memo("maturity_model", generation_model)
        layout = context.memo("maturity_layout", lambda: layout_of(model))
        places = councils(context)
        rounds = math.ceil(self.target(context.scale) / len(places))
        made: list[tuple[Assessment, dict[int, Score], dict[int, Score]]] = []
        for index, rng in context.items(self.name, start, stop):
            council = places[index % len(places)] if index >= 0 else places[0]
            round_ = max(index, 0) // len(places)
            path = council_path(context.seed, council.slug, len(layout.topic_index))
            final = draw_levels(layout, path, rng, round_)
            back = (rounds - 1 - round_) * ROUND_DAYS + rng.randint(0, 20)
            if index < 0:
                continue
            scores = score_assessment(layout.places, final or {layout.places[0].question_id: 1})
            assert scores.overall is not None
            day = context.as_of - datetime.timedelta(days=back)
            submitted = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)
            made.append(
                (
                    Assessment(
                        organisation_id=council.pk,
                        model_id=layout.model_id,
                        name=f"{season_name(day)}{GENERATED_SUFFIX}",
                        status=AssessmentStatus.SUBMITTED,
                        submitted_at=submitted,
                        overall_score=scores.overall.score,
                        overall_level=scores.overall.level,
                    ),
                    scores.topics,
                    scores.themes,
                )
            )
        assessments = Assessment.objects.bulk_create([row[0] for row in made])
        for assessment in assessments:
            assert assessment.submitted_at is not None
            assessment.started_at = assessment.submitted_at - datetime.timedelta(days=30)
        Assessment.objects.bulk_update(assessments, ["started_at"], batch_size=500)
        AssessmentScore.objects.bulk_create(
            [
                score
                for assessment, (_, topics, themes) in zip(assessments, made, strict=True)
                for score in score_rows(assessment.pk, topics, themes)
            ],
            batch_size=2_000,
        )
        return len(assessments)

    def run(self, context: Context, progress: Progress) -> int:
        added = super().run(context, progress)
        if self.target(context.scale) == 0:
            return added
        model = context.memo("maturity_model", generation_model)
        if added or not LondonScores.objects.filter(model=model).exists():
            london_scores_refresh(model=model)
        return added


# --- The demo ---------------------------------------------------------------------------------

# Councils with two submitted rounds in the demo, so "change since last" and London (which needs
# five other councils) both show for every one of them.
DEMO_COUNCILS = (
    "hackney",
    "greenwich",
    "camden",
    "islington",
    "lambeth",
    "southwark",
    "tower-hamlets",
    "waltham-forest",
    "newham",
    "barnet",
)
DEMO_ROUNDS_DAYS_AGO = (400, 120)
DEMO_SUBMITTERS = {
    "hackney": "admin.hackney@demo.civictalent.example",
    "greenwich": "admin.greenwich@demo.civictalent.example",
}


def _demo_round(
    organisation: Organisation,
    model: MaturityModel,
    layout: Layout,
    path: Path,
    round_: int,
    days_ago: int,
    submitter: User | None,
) -> Assessment:
    rng = random.Random(f"demo:maturity:{organisation.slug}:{round_}")  # noqa: S311
    final = draw_levels(layout, path, rng, round_) or {layout.places[0].question_id: 2}
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        organisation=organisation,
        model=model,
        name=season_name(timezone.localtime(submitted).date()),
        started_by=submitter,
    )
    assessment_results_record(assessment=assessment, final_levels=final)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = submitted
    assessment.submitted_by = submitter
    assessment.full_clean()
    assessment.save()
    Assessment.objects.filter(pk=assessment.pk).update(
        started_at=submitted - datetime.timedelta(days=28)
    )
    return assessment


@transaction.atomic
def demo_assessments_load(slugs: Sequence[str] = DEMO_COUNCILS) -> list[str]:
    """Two submitted assessments of the default model for each demo council that has none yet;
    nothing when there is no default model."""
    model = MaturityModel.objects.filter(is_default=True).first()
    if model is None:
        return []
    layout = layout_of(model)
    if not layout.places:
        return []
    done = set(
        Assessment.objects.filter(model=model, status=AssessmentStatus.SUBMITTED).values_list(
            "organisation__slug", flat=True
        )
    )
    people = {u.email: u for u in User.objects.filter(email__in=DEMO_SUBMITTERS.values())}
    made = 0
    for organisation in Organisation.objects.filter(slug__in=slugs).order_by("slug"):
        if organisation.slug in done:
            continue
        path = council_path("demo", organisation.slug, len(layout.topic_index))
        submitter = people.get(DEMO_SUBMITTERS.get(organisation.slug, ""))
        for round_, days_ago in enumerate(DEMO_ROUNDS_DAYS_AGO):
            # The later round a step up, so the demo shows progress.
            _demo_round(organisation, model, layout, path, round_ * 3, days_ago, submitter)
            made += 1
    if not made:
        return []
    london_scores_refresh(model=model)
    return [f"{made} submitted maturity self-assessments"]


DEMO_STEPS: list[DemoStep] = [
    DemoStep("maturity-assessments", demo_assessments_load, after=("maturity-model", "people"))
]
GENERATION_STEPS: list[Step] = [AssessmentsStep()]
