"""Reading maturity models and assessments for the pages: a few queries each, whatever the size
of the model or the number of contributors."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from civictalent.maturity.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Contributor,
    LevelStatement,
    MaturityLevel,
    MaturityModel,
    Question,
    Settlement,
    Topic,
)
from civictalent.maturity.scoring import disagrees
from civictalent.organisations.models import Membership, Organisation

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"


def maturity_models_listed() -> QuerySet[MaturityModel]:
    return MaturityModel.objects.annotate(
        topic_count=Count("topics", distinct=True),
        question_count=Count("questions", distinct=True),
    ).order_by("-is_default", "title")


def maturity_model_detail(slug: str) -> tuple[MaturityModel, list[Topic], list[MaturityLevel]]:
    """A model with its topics, each topic's questions (with theme) and their statements."""
    model = MaturityModel.objects.get(slug=slug)
    topics = list(
        model.topics.order_by("order", "pk").prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("theme")
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch("statements", queryset=LevelStatement.objects.order_by("level"))
                ),
            )
        )
    )
    return model, topics, list(model.levels.order_by("number"))


def council_assessments(organisation: Organisation) -> list[Assessment]:
    """The council's assessments, newest first."""
    return list(
        Assessment.objects.filter(organisation=organisation)
        .select_related("model")
        .annotate(contributor_count=Count("contributors"))
        .order_by("-started_at", "-pk")
    )


def assessment_for_page(pk: int) -> Assessment:
    return Assessment.objects.select_related("organisation", "model", "submitted_by").get(pk=pk)


@dataclass
class TopicProgress:
    topic: Topic
    questions: int
    answered: int

    @property
    def status(self) -> str:
        if not self.answered:
            return NOT_STARTED
        return COMPLETED if self.answered >= self.questions else IN_PROGRESS


def topics_progress(assessment: Assessment, user: Any) -> list[TopicProgress]:
    """Each topic of the model, with how many of its questions ``user`` has answered."""
    answered = Counter(
        Answer.objects.filter(assessment=assessment, user_id=user.pk).values_list(
            "question__topic_id", flat=True
        )
    )
    topics = Topic.objects.filter(model_id=assessment.model_id).annotate(
        question_count=Count("questions")
    )
    return [
        TopicProgress(topic, topic.question_count, answered.get(topic.pk, 0))
        for topic in topics.order_by("order", "pk")
    ]


@dataclass(frozen=True)
class ContributorProgress:
    contributor: Contributor
    answered: int
    not_sure: int


def contributors_progress(assessment: Assessment) -> list[ContributorProgress]:
    counts: dict[int, Counter[bool]] = defaultdict(Counter)
    for user_id, not_sure in Answer.objects.filter(assessment=assessment).values_list(
        "user_id", "not_sure"
    ):
        counts[user_id][not_sure] += 1
    return [
        ContributorProgress(
            contributor,
            counts[contributor.user_id][False] + counts[contributor.user_id][True],
            counts[contributor.user_id][True],
        )
        for contributor in assessment.contributors.select_related("user").order_by("invited_at")
    ]


def members_to_invite(assessment: Assessment) -> list[Membership]:
    """The council's members who are not contributors yet."""
    return list(
        Membership.objects.filter(organisation_id=assessment.organisation_id)
        .exclude(user__maturity_contributions__assessment=assessment)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


@dataclass
class QuestionAnswer:
    """A question of a topic page, with its statements and the person's saved answer."""

    question: Question
    answer: Answer | None


def topic_page(
    assessment: Assessment, topic_slug: str, user: Any
) -> tuple[Topic, list[QuestionAnswer], list[MaturityLevel], Topic | None]:
    """The topic, its questions with the person's answers, the levels, and the next topic."""
    topics = list(Topic.objects.filter(model_id=assessment.model_id).order_by("order", "pk"))
    topic = next(t for t in topics if t.slug == topic_slug)
    following = topics[topics.index(topic) + 1 :]
    questions = list(
        topic.questions.select_related("theme")
        .order_by("order", "pk")
        .prefetch_related(Prefetch("statements", queryset=LevelStatement.objects.order_by("level")))
    )
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(
            assessment=assessment, user_id=user.pk, question__topic=topic
        )
    }
    levels = list(MaturityLevel.objects.filter(model_id=assessment.model_id).order_by("number"))
    return (
        topic,
        [QuestionAnswer(q, answers.get(q.pk)) for q in questions],
        levels,
        following[0] if following else None,
    )


@dataclass
class Disagreement:
    question: Question
    answers: list[Answer] = field(default_factory=list)
    settlement: Settlement | None = None


def disagreements_of(assessment: Assessment) -> list[Disagreement]:
    """Questions where contributors gave different levels, with every answer and any
    settlement, in the model's order."""
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in (
        Answer.objects.filter(assessment=assessment)
        .select_related("user")
        .order_by("user__display_name", "pk")
    ):
        by_question[answer.question_id].append(answer)
    differing = [pk for pk, answers in by_question.items() if disagrees(a.level for a in answers)]
    if not differing:
        return []
    settlements = {
        s.question_id: s
        for s in Settlement.objects.filter(assessment=assessment, question_id__in=differing)
    }
    questions = Question.objects.filter(pk__in=differing).select_related("topic")
    return [
        Disagreement(question, by_question[question.pk], settlements.get(question.pk))
        for question in questions.order_by("topic__order", "order", "pk")
    ]


@dataclass(frozen=True)
class Readiness:
    questions: int
    agreed: int  # a level everyone who gave one agrees on, or a settlement
    not_sure: int  # answered only "not sure"
    unanswered: int
    unsettled: list[Disagreement]

    @property
    def can_submit(self) -> bool:
        return not self.unsettled and self.agreed > 0


def readiness_of(assessment: Assessment) -> Readiness:
    levels: dict[int, list[int | None]] = defaultdict(list)
    for question_id, level in Answer.objects.filter(assessment=assessment).values_list(
        "question_id", "level"
    ):
        levels[question_id].append(level)
    total = Question.objects.filter(model_id=assessment.model_id).count()
    unsettled = [d for d in disagreements_of(assessment) if d.settlement is None]
    with_level = sum(1 for given in levels.values() if any(v is not None for v in given))
    not_sure = sum(1 for given in levels.values() if all(v is None for v in given))
    return Readiness(
        questions=total,
        agreed=with_level - len(unsettled),
        not_sure=not_sure,
        unanswered=total - len(levels),
        unsettled=unsettled,
    )


def assessments_waiting_for(user: Any) -> QuerySet[Assessment]:
    """Open assessments the person was invited to answer."""
    return (
        Assessment.objects.filter(
            status=AssessmentStatus.IN_PROGRESS, contributors__user_id=user.pk
        )
        .select_related("organisation")
        .order_by("-started_at")
    )
