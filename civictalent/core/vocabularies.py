"""Vocabularies more than one app uses: one definition of each, at the bottom of the layers.

A job description, a vacancy, the board's filters and an alert all say "fixed term" or "hybrid"
with the same stored value and the same words, and a council's pay zone means the same to the
organisations and the salary benchmarks, because each is defined once, here. Any app may import
this module; it imports nothing from the project.

Migrations keep their own copy of each list of choices, so moving a class here changes no
table. Changing a value does: it needs a migration for every field that uses it, and a data
migration for the rows that hold the old value.
"""

from __future__ import annotations

from django.db import models

__all__ = ["Contract", "PayZone", "Seniority", "WorkingPattern", "Workplace"]


class Contract(models.TextChoices):
    """The kind of contract a job description or a vacancy offers."""

    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed term", "Fixed term"
    SECONDMENT = "secondment", "Secondment"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    INTERIM = "interim", "Interim or contract"


class WorkingPattern(models.TextChoices):
    FULL_TIME = "full_time", "Full time"
    PART_TIME = "part_time", "Part time"
    JOB_SHARE = "job_share", "Job share"
    FLEXIBLE = "flexible", "Flexible or compressed hours"


class Workplace(models.TextChoices):
    ON_SITE = "on_site", "On site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class Seniority(models.TextChoices):
    """Bands of the framework's seniority ladder (RoleLevel.rank), for candidates' level filter."""

    ENTRY = "entry", "Apprentice, trainee or junior"
    PRACTITIONER = "practitioner", "Practitioner"
    SENIOR = "senior", "Senior"
    LEAD = "lead", "Lead or principal"
    HEAD = "head", "Head, chief or director"


class PayZone(models.TextChoices):
    """Where pay is set: each London authority's zone is in organisations/london.py; pay spines,
    councils' grade maps and salary observations each name one."""

    INNER_LONDON = "inner_london", "Inner London"
    OUTER_LONDON = "outer_london", "Outer London"
    LONDON_FRINGE = "fringe", "London fringe"
    NATIONAL = "national", "National (outside London)"
