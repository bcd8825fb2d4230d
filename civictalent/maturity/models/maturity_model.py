"""Maturity models: levels, topics, themes, questions and level statements."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from civictalent.maturity.models.common import (
    LEVEL_VALIDATORS,
    choices_constraint,
    level_constraint,
)

# --- Maturity models --------------------------------------------------------------------------


class ModelSource(models.TextChoices):
    STARTER = "starter", "The platform's starter model"
    IMPORTED = "imported", "Imported"


class MaturityModel(models.Model):
    """A maturity model: levels (1 to 5), topics and themes, and questions, each question with
    a statement for every level. The government Data Maturity Assessment is one; the platform's
    starter model another."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=16, choices=ModelSource.choices)
    # The model a new assessment uses unless its admin chooses another.
    is_default = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "title"]
        constraints = [
            choices_constraint("source", ModelSource, "maturity_model_source_valid"),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_model"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MaturityLevel(models.Model):
    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["model", "number"]
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="maturity_level_once"),
            level_constraint("number", "maturity_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Topic(models.Model):
    """What a question is about (the government model's "dimensions", such as "Managing your
    data"). Results are given per topic and per theme."""

    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="topics")
    slug = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["model", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["model", "slug"], name="maturity_topic_once")
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A thread across topics (the government model's "activities": culture, data, leadership,
    skills, tools, uses)."""

    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["model", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["model", "slug"], name="maturity_theme_once")
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="questions")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="questions")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    context = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["topic__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "topic", "text"], name="maturity_question_once"
            )
        ]
        indexes = [models.Index(fields=["topic", "order"], name="maturity_question_order")]

    def __str__(self) -> str:
        return self.text


class LevelStatement(models.Model):
    """What an organisation at a level looks like, for one question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="statements")
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    text = models.TextField()

    class Meta:
        ordering = ["question", "level"]
        constraints = [
            models.UniqueConstraint(fields=["question", "level"], name="level_statement_once"),
            level_constraint("level", "level_statement_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"Level {self.level}: {self.text[:60]}"
