"""Councils' self-assessments: contributors, answers, settlements and scores, and each council's
latest scores for the comparison with London."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from civictalent.maturity.models.common import (
    HIGHEST_LEVEL,
    LEVEL_VALIDATORS,
    LOWEST_LEVEL,
    choices_constraint,
    level_constraint,
)
from civictalent.maturity.models.maturity_model import MaturityModel, Question, Theme, Topic
from civictalent.organisations.models import Organisation

# --- Self-assessments -------------------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Assessment(models.Model):
    """A council's self-assessment against a maturity model. Submitted ones are kept, so a
    council sees its progress; the scores of each are in ``scores``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="maturity_assessments"
    )
    model = models.ForeignKey(MaturityModel, on_delete=models.PROTECT, related_name="assessments")
    name = models.CharField(max_length=120, help_text="For example, Spring 2027.")
    status = models.CharField(
        max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The mean of the settled question levels, and the whole level it reaches (set on submit).
    overall_score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    overall_level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-started_at"]
        constraints = [
            choices_constraint("status", AssessmentStatus, "assessment_status_valid"),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.IN_PROGRESS)
                | Q(submitted_at__isnull=False, overall_level__isnull=False),
                name="submitted_assessment_has_results",
            ),
            level_constraint("overall_level", "assessment_level_1_to_5", nullable=True),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "model", "status", "-submitted_at"],
                name="assessment_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name}: {self.name}"

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.IN_PROGRESS


class Contributor(models.Model):
    """A member of the council invited to answer an assessment's questions."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maturity_contributions"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="contributor_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment}"


class Answer(models.Model):
    """One contributor's answer to one question: a level, or "not sure", and evidence. Each
    contributor has their own row, so two people saving the same question at once both keep
    theirs; where they differ the admin settles it (``Settlement``)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maturity_answers"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True, validators=LEVEL_VALIDATORS)
    not_sure = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "question", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question", "user"], name="answer_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(not_sure=True, level__isnull=True)
                | Q(not_sure=False, level__gte=LOWEST_LEVEL, level__lte=HIGHEST_LEVEL),
                name="answer_level_or_not_sure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.question_id}: {'not sure' if self.not_sure else self.level}"


class Settlement(models.Model):
    """The admin's decision on a question whose contributors gave different levels."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="settlements")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="settlements")
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    reason = models.TextField()
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="settlement_once"),
            level_constraint("level", "settlement_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: question {self.question_id} settled at {self.level}"


class ScoreKind(models.TextChoices):
    TOPIC = "topic", "Topic"
    THEME = "theme", "Theme"


class AssessmentScore(models.Model):
    """A submitted assessment's score for one topic or theme: the mean of its questions' settled
    levels (``score``) and the whole level reached (``level``). Written once, on submit."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    kind = models.CharField(max_length=8, choices=ScoreKind.choices)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True)
    score = models.DecimalField(max_digits=3, decimal_places=2)
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    answered = models.PositiveSmallIntegerField(help_text="Questions with a level.")
    questions = models.PositiveSmallIntegerField(help_text="Questions in the topic or theme.")

    class Meta:
        ordering = ["assessment", "kind", "pk"]
        constraints = [
            choices_constraint("kind", ScoreKind, "assessment_score_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=ScoreKind.TOPIC, topic__isnull=False, theme__isnull=True)
                | Q(kind=ScoreKind.THEME, theme__isnull=False, topic__isnull=True),
                name="assessment_score_topic_or_theme",
            ),
            models.UniqueConstraint(
                fields=["assessment", "topic"],
                condition=Q(kind=ScoreKind.TOPIC),
                name="assessment_score_topic_once",
            ),
            models.UniqueConstraint(
                fields=["assessment", "theme"],
                condition=Q(kind=ScoreKind.THEME),
                name="assessment_score_theme_once",
            ),
            level_constraint("level", "assessment_score_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.topic or self.theme} {self.score}"


class LondonScores(models.Model):
    """Each council's latest submitted score for one topic, theme or overall (``dimension``:
    ``topic:<id>``, ``theme:<id>`` or ``overall``) of a model, refreshed when an assessment is
    submitted, so the comparison with London is one read. Pages show only aggregates of it
    (median and quartiles of the other councils, none below five councils), never a council."""

    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="london")
    dimension = models.CharField(max_length=40)
    # Organisation id (as text, JSON's keys) -> score as text, for example {"12": "2.75"}.
    scores = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["model", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["model", "dimension"], name="london_scores_once")
        ]

    def __str__(self) -> str:
        return f"{self.model}: {self.dimension}"
