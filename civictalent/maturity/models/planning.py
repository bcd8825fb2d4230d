"""What a council plans: its profile, the capabilities it has, and its roadmap's actions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from civictalent.maturity.models.capability import Capability, CouncilSize
from civictalent.maturity.models.common import (
    choices_constraint,
)
from civictalent.organisations.models import Organisation

# --- What a council plans ---------------------------------------------------------------------


class TeamStructure(models.TextChoices):
    CENTRALISED = "centralised", "Centralised"
    HUB_AND_SPOKE = "hub_and_spoke", "Hub and spoke"
    DECENTRALISED = "decentralised", "Decentralised"


DEFAULT_ON_COSTS_PERCENT = Decimal("30.0")


class CouncilProfile(models.Model):
    """What a council says about itself for its roadmap: its size (which sets the indicative
    staff numbers), its team structure and where its data and digital people sit, and the
    on-costs added to pay (employer's pension and National Insurance)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="maturity_profile"
    )
    size = models.CharField(max_length=8, choices=CouncilSize.choices, default=CouncilSize.MEDIUM)
    structure = models.CharField(max_length=16, choices=TeamStructure.choices, blank=True)
    central_team_people = models.PositiveSmallIntegerField(
        "people in a central data and digital team", null=True, blank=True
    )
    service_team_people = models.PositiveSmallIntegerField(
        "people in services' own teams", null=True, blank=True
    )
    structure_notes = models.TextField("where people sit", blank=True)
    on_costs_percent = models.DecimalField(
        "on-costs (%)",
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_ON_COSTS_PERCENT,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="Added to pay for employer's pension and National Insurance.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation"]
        constraints = [
            choices_constraint("size", CouncilSize, "council_profile_size_valid"),
            models.CheckConstraint(
                condition=Q(structure="")
                | Q(structure__in=[choice.value for choice in TeamStructure]),
                name="council_profile_structure_valid",
            ),
            models.CheckConstraint(
                condition=Q(on_costs_percent__gte=0, on_costs_percent__lte=100),
                name="council_profile_on_costs_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name}'s profile"


class Coverage(models.TextChoices):
    NONE = "none", "Not covered"
    PARTLY = "partly", "Partly covered"
    COVERED = "covered", "Covered"


class CapabilityCoverage(models.Model):
    """Whether a council has a capability now (no row means not covered)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="capability_coverage"
    )
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="coverage")
    status = models.CharField(max_length=8, choices=Coverage.choices, default=Coverage.NONE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "capability"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "capability"], name="capability_coverage_once"
            ),
            choices_constraint("status", Coverage, "capability_coverage_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name}: {self.capability} {self.status}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class RoadmapAction(models.Model):
    """A step of a council's plan: what, who owns it, by when, and how it is going."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roadmap_actions"
    )
    capability = models.ForeignKey(
        Capability, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=120, help_text="A person or a role, for example CDO.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "due_on", "pk"]
        constraints = [choices_constraint("status", ActionStatus, "roadmap_action_status_valid")]

    def __str__(self) -> str:
        return self.title
