"""Pay scales (spines and councils' grade maps), salary observations, and precomputed benchmarks.

Money is whole pence in integer fields: no floats anywhere near pay.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from civictalent.core.money import pounds_and_pence_text
from civictalent.core.vocabularies import PayZone

pay_year_validator = RegexValidator(
    r"^20\d\d-\d\d$", "Write the pay year like 2025-26 (April to March)."
)


class PayScheme(models.Model):
    """A family of pay spines, such as the NJC spine or the Greater London spine."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PaySpine(models.Model):
    """The annual amount of each spine point, for one scheme, pay year and zone."""

    scheme = models.ForeignKey(PayScheme, on_delete=models.CASCADE, related_name="spines")
    pay_year = models.CharField(max_length=7, validators=[pay_year_validator])
    zone = models.CharField(max_length=16, choices=PayZone.choices)
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Demonstration figures, not real pay: shown with a warning everywhere.",
    )
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures came from.")
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["scheme__name", "-pay_year", "zone"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "pay_year", "zone"], name="one_spine_per_year_zone"
            ),
            models.CheckConstraint(condition=Q(zone__in=PayZone.values), name="spine_zone_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name} {self.pay_year} ({self.get_zone_display()})"


class SpinePoint(models.Model):
    spine = models.ForeignKey(PaySpine, on_delete=models.CASCADE, related_name="points")
    point = models.PositiveSmallIntegerField()
    annual_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["point"]
        constraints = [
            models.UniqueConstraint(fields=["spine", "point"], name="one_amount_per_point"),
            models.CheckConstraint(condition=Q(annual_pence__gt=0), name="spine_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"SCP {self.point}: {pounds_and_pence_text(self.annual_pence)}"


class GradeMap(models.Model):
    """A council's local grades (PO4, SO1, Scale 6...) as ranges of spine points."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="grade_maps"
    )
    scheme = models.ForeignKey(PayScheme, on_delete=models.PROTECT, related_name="grade_maps")
    valid_from = models.CharField(
        max_length=7, validators=[pay_year_validator], help_text="First pay year it applies to."
    )
    zone = models.CharField(max_length=16, choices=PayZone.choices)
    is_illustrative = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__short_name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "scheme", "valid_from"], name="one_grade_map_per_year"
            ),
            models.CheckConstraint(
                condition=Q(zone__in=PayZone.values), name="grade_map_zone_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name} grades from {self.valid_from}"


class GradeBand(models.Model):
    grade_map = models.ForeignKey(GradeMap, on_delete=models.CASCADE, related_name="bands")
    grade = models.CharField(max_length=30, help_text="As councils write it, normalised: PO4.")
    min_point = models.PositiveSmallIntegerField()
    max_point = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["min_point"]
        constraints = [
            models.UniqueConstraint(fields=["grade_map", "grade"], name="one_band_per_grade"),
            models.CheckConstraint(
                condition=Q(min_point__lte=F("max_point")), name="band_points_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade}: SCP {self.min_point}-{self.max_point}"


class ObservationSource(models.TextChoices):
    JOB_DESCRIPTION = "job_description", "Job description"
    VACANCY = "vacancy", "Vacancy"
    IMPORT = "import", "Imported"
    DEMO = "demo", "Demonstration data"


class SalaryObservation(models.Model):
    """One salary seen for one role level at one council: what every JD and vacancy feeds."""

    role_level = models.ForeignKey(
        "framework.RoleLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salary_observations",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="salary_observations"
    )
    zone = models.CharField(max_length=16, choices=PayZone.choices)
    annual_min_pence = models.PositiveIntegerField()
    annual_max_pence = models.PositiveIntegerField()
    observed_on = models.DateField(db_index=True)
    source = models.CharField(max_length=20, choices=ObservationSource.choices)
    source_ref = models.CharField(
        max_length=120, blank=True, help_text="The JD or vacancy it came from."
    )
    pay_text = models.CharField(max_length=300, blank=True, help_text="The pay as advertised.")
    included = models.BooleanField(
        default=True, help_text="Counted in benchmarks (untick for duplicates and errors)."
    )
    is_public = models.BooleanField(
        default=False,
        help_text="The pay was already public: a vacancy published on the jobs board, or a job "
        "description shared with everyone. Only these count in the open London pay data.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_on"]
        indexes = [
            models.Index(fields=["role_level", "observed_on"]),
            models.Index(fields=["organisation", "observed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(annual_min_pence__lte=F("annual_max_pence")),
                name="observation_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(zone__in=PayZone.values), name="observation_zone_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=ObservationSource.values), name="observation_source_valid"
            ),
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~Q(source_ref=""),
                name="one_observation_per_source",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.role_level or 'Unmapped'} at {self.organisation.short_name}, {self.observed_on}"
        )


class BenchmarkCell(models.Model):
    """Precomputed percentiles for one subject, geography and period (refreshed in background)."""

    subject = models.CharField(max_length=40, help_text="role_level:12, role:4 or family:2")
    geography = models.CharField(
        max_length=40, help_text="london, inner_london, outer_london or council:7"
    )
    period = models.CharField(max_length=10, help_text="all, last12 or a quarter such as 2026Q3")
    count = models.PositiveIntegerField()
    councils = models.PositiveSmallIntegerField()
    largest_council_share = models.DecimalField(max_digits=4, decimal_places=3)
    suppressed_reason = models.CharField(max_length=200, blank=True)
    stats = models.JSONField(default=dict, help_text="p10..p90 of min, mid and max, in pence")
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "geography", "period"], name="one_cell_per_key"
            )
        ]
        indexes = [models.Index(fields=["subject", "period"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.geography} {self.period}: n={self.count}"


class BenchmarkRefresh(models.Model):
    """A subject whose cells need recomputing: the background refresh takes these in turn."""

    subject = models.CharField(max_length=40, unique=True)
    requested_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.subject
