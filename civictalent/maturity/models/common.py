"""Helpers every model module of the app shares: levels run from 1 to 5."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

LOWEST_LEVEL = 1
HIGHEST_LEVEL = 5
LEVEL_VALIDATORS = [MinValueValidator(LOWEST_LEVEL), MaxValueValidator(HIGHEST_LEVEL)]


def choices_constraint(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": [choice.value for choice in choices]}), name=name
    )


def level_constraint(field: str, name: str, *, nullable: bool = False) -> models.CheckConstraint:
    within = Q(**{f"{field}__gte": LOWEST_LEVEL, f"{field}__lte": HIGHEST_LEVEL})
    if nullable:
        within |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=within, name=name)
