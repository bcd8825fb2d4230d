"""Job descriptions: contributed by councils, versioned, shared with consent under a licence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from civictalent.core.vocabularies import Contract
from civictalent.jdlibrary.extraction import SECTION_KINDS

SECTION_LABELS = {
    "purpose": "Purpose of the role",
    "responsibilities": "What you will do",
    "person_specification": "Person specification",
    "essential": "Essential criteria",
    "desirable": "Desirable criteria",
    "about_council": "About the council",
    "benefits": "What we offer",
    "how_to_apply": "How to apply",
    "other": "Other",
}


class JDStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Visibility(models.TextChoices):
    COUNCIL = "council", "Only people in my council"
    MEMBERS = "members", "Everyone signed in to Civic Talent"


class Licence(models.TextChoices):
    OGL = "ogl-3.0", "Open Government Licence v3.0"
    CC_BY = "cc-by-4.0", "Creative Commons Attribution 4.0"


# What the library's visibility rules and filters read (see selectors.library).
LIBRARY_FILTER_COLUMNS = [
    "status",
    "visibility",
    "organisation",
    "role_level",
    "contract",
    "annual_min_pence",
    "annual_max_pence",
    "is_exemplar",
    "published_at",
]


def facet_index(column: str) -> list[str]:
    return [column, *(other for other in LIBRARY_FILTER_COLUMNS if other != column)]


class JobDescription(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="job_descriptions"
    )
    title = models.CharField(max_length=200)
    role_level = models.ForeignKey(
        "framework.RoleLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_descriptions",
    )
    grade = models.CharField(max_length=40, blank=True)
    pay_text = models.CharField("salary as advertised", max_length=300, blank=True)
    annual_min_pence = models.PositiveIntegerField(null=True, blank=True)
    annual_max_pence = models.PositiveIntegerField(null=True, blank=True)
    contract = models.CharField(max_length=20, choices=Contract.choices, blank=True)
    working_pattern = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=12, choices=JDStatus.choices, default=JDStatus.DRAFT)
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.COUNCIL
    )
    licence = models.CharField(max_length=20, choices=Licence.choices, blank=True)
    sharing_consent_at = models.DateTimeField(null=True, blank=True)
    is_exemplar = models.BooleanField(default=False)
    exemplar_reason = models.TextField(blank=True)
    source_kind = models.CharField(
        max_length=12, blank=True, help_text="docx, odt, pdf, text, markdown or pasted"
    )
    source_filename = models.CharField(max_length=200, blank=True)
    source_sha256 = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Hash of the uploaded file: a bulk import rerun skips what is in.",
    )
    word_count = models.PositiveIntegerField(default=0)
    # What the uploaded file looked like, for the health check's document hygiene category.
    source_has_layout_tables = models.BooleanField(default=False)
    source_image_count = models.PositiveSmallIntegerField(default=0)
    # The latest health check score (0 to 100), kept here for lists; history in HealthRecord.
    health_score = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-is_exemplar", "-published_at", "-updated_at"]
        indexes = [
            models.Index(fields=["status", "visibility"]),
            # One per library facet: the facet's column first, then every column the
            # visibility rules and the library's filters read, so each count is answered
            # from the index alone, without reading the JDs themselves.
            models.Index(fields=facet_index("organisation"), name="jd_facet_council"),
            models.Index(fields=facet_index("role_level"), name="jd_facet_role_level"),
            models.Index(fields=facet_index("contract"), name="jd_facet_contract"),
            # The library's order: exemplars, then newest.
            models.Index(
                fields=["-is_exemplar", "-published_at", "-updated_at"], name="jd_library_order"
            ),
            models.Index(fields=["-is_exemplar", "title"], name="jd_library_title_order"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JDStatus.values), name="jd_status_valid"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="jd_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(licence__in=[*Licence.values, ""]), name="jd_licence_valid"
            ),
            models.CheckConstraint(
                condition=Q(contract__in=[*Contract.values, ""]), name="jd_contract_valid"
            ),
            models.CheckConstraint(
                condition=Q(annual_min_pence__isnull=True)
                | Q(annual_max_pence__isnull=True)
                | Q(annual_min_pence__lte=F("annual_max_pence")),
                name="jd_pay_in_order",
            ),
            # Sharing beyond the council needs consent and a licence.
            models.CheckConstraint(
                condition=Q(visibility="council")
                | (Q(sharing_consent_at__isnull=False) & ~Q(licence="")),
                name="jd_shared_with_consent_and_licence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.short_name})"


class JDSection(models.Model):
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(
        max_length=24, choices=[(kind, SECTION_LABELS[kind]) for kind in SECTION_KINDS]
    )
    heading = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_description", "position"], name="one_section_per_position"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(SECTION_KINDS)), name="jd_section_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class JDVersion(models.Model):
    """Every saved change: who, when, and the whole JD as it then was (for a diff)."""

    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=200)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_description", "number"], name="one_version_number_per_jd"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_description.title} v{self.number}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Waiting for the council"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class JDSuggestion(models.Model):
    """A member proposes an improvement; the owning council accepts or declines it."""

    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="suggestions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values), name="jd_suggestion_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"Suggestion on {self.job_description.title} ({self.status})"


class HealthRecord(models.Model):
    """One health check of one version of a job description under one version of the rules,
    for a council's scores over time."""

    job_description = models.ForeignKey(
        JobDescription, on_delete=models.CASCADE, related_name="health_records"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    jd_version = models.PositiveIntegerField()
    rules_version = models.CharField(max_length=16)
    score = models.PositiveSmallIntegerField()
    category_scores = models.JSONField()  # {"pay": 100, ...}
    finding_count = models.PositiveIntegerField()
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The model moved here from the health check app; its table and index kept their names,
        # so the move copied no rows (jdlibrary/migrations/0007).
        db_table = "healthcheck_healthrecord"
        constraints = [
            models.UniqueConstraint(
                fields=["job_description", "jd_version", "rules_version"],
                name="one_health_record_per_version_and_rules",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "checked_at"], name="healthcheck_organis_136597_idx"
            )
        ]

    def __str__(self) -> str:
        return f"JD {self.job_description_id} v{self.jd_version}: {self.score}"


class RescoreRun(models.Model):
    """A background re-check of every JD, with its progress for the page that started it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rules_version = models.CharField(max_length=16)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        db_table = "healthcheck_rescorerun"  # moved from the health check app with its table
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Re-score {self.started_at:%Y-%m-%d %H:%M}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
