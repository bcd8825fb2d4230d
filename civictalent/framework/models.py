"""The capability framework: families, roles, role levels in career order, skills, and which
skill each role level needs at which level. Several frameworks can coexist; one is the default.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class SkillLevel(models.TextChoices):
    AWARENESS = "awareness", "Awareness"
    WORKING = "working", "Working"
    PRACTITIONER = "practitioner", "Practitioner"
    EXPERT = "expert", "Expert"


SKILL_LEVEL_ORDER = {level.value: number for number, level in enumerate(SkillLevel, start=1)}


class Framework(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    version = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=300, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    is_default = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_framework"
            )
        ]

    def __str__(self) -> str:
        return self.name


class JobFamily(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="families")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150)
    description = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "job families"
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="family_slug_per_framework")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="roles")
    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150)
    description = models.TextField(blank=True)
    is_emerging = models.BooleanField(
        default=False, help_text="A role councils will need more of in future."
    )
    is_senior_civil_service = models.BooleanField(default=False)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="role_slug_per_framework")
        ]

    def __str__(self) -> str:
        return self.name


class RoleLevel(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="role_levels")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150)
    description = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(
        default=0, help_text="Career order within the role: lower comes first."
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["role__name", "rank", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "slug"], name="role_level_slug_per_framework"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150)
    description = models.TextField(blank=True)
    awareness = models.TextField("at awareness level", blank=True)
    working = models.TextField("at working level", blank=True)
    practitioner = models.TextField("at practitioner level", blank=True)
    expert = models.TextField("at expert level", blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="skill_slug_per_framework")
        ]

    def __str__(self) -> str:
        return self.name

    def description_at(self, level: str) -> str:
        return str(getattr(self, level, "")) if level in SKILL_LEVEL_ORDER else ""


class RoleLevelSkill(models.Model):
    """A role level needs a skill at a level (or the framework gives no level, for chief roles)."""

    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE, related_name="skill_needs")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="needed_by")
    level = models.CharField(max_length=16, choices=SkillLevel.choices, blank=True)

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["role_level", "skill"], name="one_need_per_skill"),
            models.CheckConstraint(
                condition=Q(level__in=[*SkillLevel.values, ""]), name="skill_need_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_level}: {self.skill} ({self.level or 'no level given'})"

    @property
    def level_number(self) -> int:
        return SKILL_LEVEL_ORDER.get(self.level, 0)
