"""Vacancies on the jobs board, their moderation, councils' import settings and simple counts.

A vacancy is written by a council editor (or imported from the council's recruitment system),
moderated, published, closes by itself at its closing time, stays readable with a "closed" banner
for 90 days and is then archived. Only open vacancies are in the search index (see indexing.py).
Money is whole pence; times are stored in UTC and shown in Europe/London.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace


def _valid(
    field: str, choices: type[models.TextChoices], name: str, blank: bool = False
) -> models.CheckConstraint:
    values = [*choices.values, ""] if blank else list(choices.values)
    return models.CheckConstraint(condition=Q(**{f"{field}__in": values}), name=name)


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    REJECTED = "rejected", "Returned for changes"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    ARCHIVED = "archived", "Archived"


class VacancyOrigin(models.TextChoices):
    FORM = "form", "Written on Civic Talent"
    IMPORT = "import", "Imported from the council's recruitment system"


class LibraryOffer(models.TextChoices):
    """After closing, the vacancy's JD is offered to the library; the council decides."""

    NONE = "", "Not offered yet"
    OFFERED = "offered", "Offered to the library"
    ADDED = "added", "Added to the library"
    DECLINED = "declined", "Declined"


class Vacancy(models.Model):
    Status = VacancyStatus

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="vacancies"
    )
    title = models.CharField(max_length=200)
    role_level = models.ForeignKey(
        "framework.RoleLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vacancies",
    )
    # Copied from role_level by the services, so the family filter needs no join.
    family = models.ForeignKey(
        "framework.JobFamily",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vacancies",
    )
    seniority = models.CharField(
        max_length=12,
        choices=Seniority.choices,
        blank=True,
        help_text="Copied from the role level's rank (see criteria.seniority_of_rank).",
    )
    role_level_mapped = models.BooleanField(
        default=False, help_text="The role level came from the title mapper, not from a person."
    )
    summary = models.TextField(max_length=600, help_text="Plain text shown in lists and emails.")
    description = models.TextField(
        blank=True,
        help_text="The description as written: the Markdown subset of core/richtext.py.",
    )
    description_html = models.TextField(blank=True, help_text="Sanitised rich text.")
    description_text = models.TextField(blank=True, help_text="The description as plain text.")
    # Pay: a pound range, or a grade the council's pay scales resolve to pounds.
    pay_text = models.CharField("pay as advertised", max_length=300, blank=True)
    grade = models.CharField(max_length=40, blank=True)
    annual_min_pence = models.PositiveIntegerField(null=True, blank=True)
    annual_max_pence = models.PositiveIntegerField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    contract = models.CharField(max_length=20, choices=Contract.choices, blank=True)
    working_pattern = models.CharField(max_length=16, choices=WorkingPattern.choices, blank=True)
    workplace = models.CharField(max_length=12, choices=Workplace.choices, blank=True)
    hybrid_pattern = models.CharField(
        max_length=200, blank=True, help_text="For example: two days a week in Hackney."
    )
    location = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    apply_url = models.URLField("how to apply", max_length=500, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)

    status = models.CharField(
        max_length=12, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    rejection_reason = models.TextField(blank=True, max_length=2000)
    health_score = models.PositiveSmallIntegerField(null=True, blank=True)
    origin = models.CharField(
        max_length=8, choices=VacancyOrigin.choices, default=VacancyOrigin.FORM
    )
    external_reference = models.CharField(
        max_length=120,
        blank=True,
        help_text="The council's own reference; imports match on it, once per council.",
    )
    source_job_description = models.ForeignKey(
        "jdlibrary.JobDescription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vacancies",
        help_text="The library JD the vacancy was started from.",
    )
    library_offer = models.CharField(
        max_length=10, choices=LibraryOffer.choices, blank=True, default=LibraryOffer.NONE
    )
    library_job_description = models.ForeignKey(
        "jdlibrary.JobDescription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The library JD made from this vacancy when the council accepted the offer.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who approved it last (none: an import a platform admin set up).",
    )
    self_published = models.BooleanField(
        default=False,
        help_text="Approved by the council itself (an admin or named publisher), not by LOTI: "
        "platform admins spot-check these.",
    )
    spot_checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When a platform admin spot-checked it after publishing."
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_for = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The closing time the editor was last reminded of (a new date reminds again).",
    )

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # The board shows published vacancies only: every board index starts with status.
            models.Index(fields=["status", "-published_at"], name="vacancy_board_newest"),
            models.Index(fields=["status", "closes_at"], name="vacancy_board_closing"),
            models.Index(fields=["status", "annual_max_pence"], name="vacancy_board_pay"),
            models.Index(fields=["status", "organisation"], name="vacancy_board_council"),
            models.Index(fields=["status", "family", "role_level"], name="vacancy_board_role"),
            models.Index(fields=["status", "seniority"], name="vacancy_board_seniority"),
            models.Index(fields=["organisation", "status"], name="vacancy_council_status"),
            # Platform admins' spot-check list: what councils published themselves, newest first.
            models.Index(
                fields=["self_published", "spot_checked_at", "-published_at"],
                name="vacancy_spot_check",
            ),
        ]
        constraints = [
            _valid("status", VacancyStatus, "vacancy_status_valid"),
            _valid("contract", Contract, "vacancy_contract_valid", blank=True),
            _valid("working_pattern", WorkingPattern, "vacancy_pattern_valid", blank=True),
            _valid("workplace", Workplace, "vacancy_workplace_valid", blank=True),
            _valid("origin", VacancyOrigin, "vacancy_origin_valid"),
            _valid("seniority", Seniority, "vacancy_seniority_valid", blank=True),
            _valid("library_offer", LibraryOffer, "vacancy_library_offer_valid", blank=True),
            models.CheckConstraint(
                condition=Q(annual_min_pence__isnull=True)
                | Q(annual_max_pence__isnull=True)
                | Q(annual_min_pence__lte=F("annual_max_pence")),
                name="vacancy_pay_in_order",
            ),
            # Nothing reaches the board without pay in pounds and a closing time.
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(annual_min_pence__isnull=False) & Q(closes_at__isnull=False)),
                name="vacancy_published_has_pay_and_closing",
            ),
            models.UniqueConstraint(
                fields=["organisation", "external_reference"],
                condition=~Q(external_reference=""),
                name="vacancy_external_reference_once_per_council",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.short_name})"


class ApprovalRoute(models.TextChoices):
    """Who approves a council's adverts before they go on the board."""

    LOTI = "loti", "LOTI's moderators"
    COUNCIL = "council", "The council's own admins and named publishers"


class CouncilJobsSettings(models.Model):
    """Per-council jobs settings. The council's admins choose how its adverts are approved
    (unless a platform admin has locked the choice); only platform admins set the feed."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="jobs_settings"
    )
    approval_route = models.CharField(
        max_length=8,
        choices=ApprovalRoute.choices,
        default=ApprovalRoute.LOTI,
        help_text="Who approves the council's adverts before they go on the jobs board.",
    )
    approval_locked = models.BooleanField(
        default=False,
        help_text="A platform admin has set the approval route: the council cannot change it.",
    )
    feed_url = models.URLField(
        max_length=500,
        blank=True,
        help_text="The council's vacancy feed. Set by platform admins only; fetched with a "
        "timeout and a size limit.",
    )
    feed_format = models.CharField(max_length=8, blank=True)
    feed_enabled = models.BooleanField(default=False)
    feed_last_fetched_at = models.DateTimeField(null=True, blank=True)
    feed_last_error = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "council jobs settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(feed_format__in=["", "csv", "json", "xml"]),
                name="jobs_settings_feed_format_valid",
            ),
            _valid("approval_route", ApprovalRoute, "jobs_settings_approval_route_valid"),
        ]

    def __str__(self) -> str:
        return f"Jobs settings for {self.organisation.short_name}"


class FeedFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"
    XML = "xml", "XML"


class ImportSource(models.TextChoices):
    UPLOAD = "upload", "Uploaded file"
    FEED = "feed", "Council feed"


class VacancyImport(models.Model):
    """One import run with its per-row report."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="vacancy_imports"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=8, choices=ImportSource.choices)
    file_format = models.CharField(max_length=8, choices=FeedFormat.choices)
    filename = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    closed_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    rows = models.JSONField(
        default=list, help_text="One entry per row: its number, reference, outcome and reason."
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            _valid("source", ImportSource, "vacancy_import_source_valid"),
            _valid("file_format", FeedFormat, "vacancy_import_format_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.short_name} import {self.created_at:%Y-%m-%d %H:%M}"


class SavedSearch(models.Model):
    """A signed-in person's saved jobs search: the canonical query string of its filters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_searches"
    )
    name = models.CharField(max_length=120)
    query_string = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query_string"], name="saved_search_once")
        ]

    def __str__(self) -> str:
        return self.name


class VacancyDailyCount(models.Model):
    """Page views and apply clicks for one vacancy on one day: counts only, no visitor data."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="daily_counts")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    apply_clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        indexes = [models.Index(fields=["organisation", "day"], name="vacancy_count_council_day")]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "day"], name="vacancy_count_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} on {self.day}: {self.views} views, {self.apply_clicks} clicks"
