"""Councils and other organisations, who belongs to them, and requests to join."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from civictalent.core.vocabularies import PayZone
from civictalent.organisations.london import PAY_ZONE_BY_GSS_CODE

gss_code_validator = RegexValidator(
    r"^[EWSN]\d{8}$", "A GSS code is a letter (E, W, S or N) and eight digits, like E09000012."
)
domain_validator = RegexValidator(
    r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    "Enter a domain name in lower case, like hackney.gov.uk, with no @ or https://.",
)


def _choices_constraint(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": [choice.value for choice in choices]}), name=name
    )


class OrganisationKind(models.TextChoices):
    LONDON_BOROUGH = "london_borough", "London borough"
    CITY_OF_LONDON = "city_of_london", "City of London"
    LOCAL_AUTHORITY = "local_authority", "Other local authority"
    LOTI = "loti", "LOTI"
    PUBLIC_BODY = "public_body", "Other public body"
    PARTNER = "partner", "Partner"


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(max_length=150, unique=True)
    short_name = models.CharField(
        max_length=80, help_text="How people usually say it, for example Hackney."
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[gss_code_validator],
        help_text="The Office for National Statistics code for a local authority.",
    )
    is_loti_member = models.BooleanField(
        "LOTI member", default=False, help_text="Whether this council is a member of LOTI."
    )
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["short_name"]
        constraints = [_choices_constraint("kind", OrganisationKind, "organisation_kind_valid")]

    def __str__(self) -> str:
        return self.name

    @property
    def pay_zone(self) -> PayZone:
        """Inner or Outer London for a London authority, from the authorities' data in
        london.py (found by GSS code); National for every other organisation."""
        if self.kind not in {self.Kind.LONDON_BOROUGH, self.Kind.CITY_OF_LONDON}:
            return PayZone.NATIONAL
        # A London authority missing from the data (no or an unknown GSS code) is not one of
        # the inner thirteen, which the data lists in full: so it is Outer London.
        return PAY_ZONE_BY_GSS_CODE.get(self.gss_code or "", PayZone.OUTER_LONDON)

    @property
    def is_council(self) -> bool:
        return self.kind in {
            self.Kind.LONDON_BOROUGH,
            self.Kind.CITY_OF_LONDON,
            self.Kind.LOCAL_AUTHORITY,
        }


class OrganisationDomain(models.Model):
    """An email domain whose verified owners join the organisation as members automatically."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, validators=[domain_validator])

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(condition=Q(domain=Lower("domain")), name="domain_is_lower_case")
        ]

    def __str__(self) -> str:
        return self.domain


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Council admin"


ROLE_DESCRIPTIONS = {
    Role.MEMBER: "Can see the council's private content and take part.",
    Role.EDITOR: "Can also write and publish the council's job descriptions, and write its "
    "vacancies and send them for approval.",
    Role.ADMIN: "Can also manage the council's members, roles and approvals, and approve its "
    "job adverts.",
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    # Named by a council admin: approves the council's job adverts, when the council approves its
    # own, as its admins do (see jobs/rules.py). A flag beside the role, not a role: it does not
    # change what else the person may do.
    is_publisher = models.BooleanField(
        "named publisher",
        default=False,
        help_text="Approves the council's job adverts, as its council admins do.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__short_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_once"),
            _choices_constraint("role", Role, "membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation.short_name}"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    Status = JoinRequestStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(
        blank=True, max_length=1000, help_text="Optional: your job title and team help the admin."
    )
    status = models.CharField(
        max_length=16, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="join_request_one_pending",
            ),
            _choices_constraint("status", JoinRequestStatus, "join_request_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.organisation.short_name} ({self.status})"
