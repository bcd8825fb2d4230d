"""The capability model: domains, capabilities, the role levels that deliver them, and the
history of each capability."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from civictalent.framework.models import RoleLevel
from civictalent.maturity.models.common import (
    LEVEL_VALIDATORS,
    level_constraint,
)

# --- The capability model ---------------------------------------------------------------------


class Domain(models.Model):
    """Digital, Data or Innovation: a group of capabilities."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    summary = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CouncilSize(models.TextChoices):
    SMALL = "small", "Smaller council (fewer than 200,000 residents)"
    MEDIUM = "medium", "Medium council (200,000 to 300,000 residents)"
    LARGE = "large", "Larger council (more than 300,000 residents)"


class Capability(models.Model):
    """Something a council needs to be able to do (data governance, user research...): what it
    is, what it brings, the responsibilities it covers, the maturity stage at which a council
    must have it, and the role levels that deliver it (``roles``)."""

    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="capabilities")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField()
    benefits = models.TextField(help_text="What a council gains from it, in a few sentences.")
    responsibilities = models.TextField(
        blank=True, help_text="What the capability covers, one responsibility per line."
    )
    must_have_stage = models.PositiveSmallIntegerField(
        "must have from stage",
        validators=LEVEL_VALIDATORS,
        help_text="The maturity stage (1 to 5) from which a council needs this capability.",
    )
    is_emerging = models.BooleanField(
        "emerging", default=False, help_text="A capability councils are only starting to need."
    )
    staffing_is_illustrative = models.BooleanField(
        "staff numbers are illustrative",
        default=True,
        help_text="The indicative staff numbers are examples, not measured from councils.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every edit, so an editor who saves over a newer edit is told (see services).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["domain__order", "order", "name"]
        verbose_name_plural = "capabilities"
        constraints = [level_constraint("must_have_stage", "capability_stage_1_to_5")]

    def __str__(self) -> str:
        return self.name

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]


class CapabilityRole(models.Model):
    """A framework role level that delivers a capability, with indicative full-time
    equivalents for each size of council."""

    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="roles")
    role_level = models.ForeignKey(
        RoleLevel, on_delete=models.PROTECT, related_name="capability_roles"
    )
    fte_small = models.DecimalField(
        "FTE, smaller council", max_digits=4, decimal_places=1, default=Decimal("0.5")
    )
    fte_medium = models.DecimalField(
        "FTE, medium council", max_digits=4, decimal_places=1, default=Decimal("1.0")
    )
    fte_large = models.DecimalField(
        "FTE, larger council", max_digits=4, decimal_places=1, default=Decimal("1.0")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["capability", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["capability", "role_level"], name="capability_role_once"
            ),
            models.CheckConstraint(
                condition=Q(fte_small__gte=0, fte_medium__gte=0, fte_large__gte=0),
                name="capability_role_fte_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_level} for {self.capability}"

    def fte_for(self, size: str) -> Decimal:
        return {
            CouncilSize.SMALL: self.fte_small,
            CouncilSize.MEDIUM: self.fte_medium,
            CouncilSize.LARGE: self.fte_large,
        }[CouncilSize(size)]


class CapabilityVersion(models.Model):
    """A capability as it was after an edit: the history platform admins read."""

    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    summary = models.CharField(max_length=300)
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["capability", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["capability", "number"], name="capability_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.capability} version {self.number}"
