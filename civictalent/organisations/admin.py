"""Admin site views of organisations. Access changes go through audited services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from civictalent.core.admin import ReadOnlyAdmin
from civictalent.core.admin_audit import PersonalDataViewAudit
from civictalent.core.audit import audit_record
from civictalent.organisations.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationDomain,
)


class DomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    # Addresses without a scheme are read as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "short_name", "kind", "gss_code", "is_loti_member", "is_active"]
    list_filter = ["kind", "is_loti_member", "is_active"]
    search_fields = ["name", "short_name", "gss_code"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [DomainInline]

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and not form.changed_data:
            return
        audit_record(
            actor=request.user,
            action="organisation.updated" if change else "organisation.created",
            target=obj,
            organisation=obj,
            summary=f"{request.user} {'changed' if change else 'created'} {obj.short_name} "
            "in the admin site",
            changes={
                field: [str(form.initial.get(field)), str(form.cleaned_data.get(field))]
                for field in form.changed_data
            },
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        before = sorted(form.instance.domains.values_list("domain", flat=True))
        super().save_formset(request, form, formset, change)
        after = sorted(form.instance.domains.values_list("domain", flat=True))
        if before != after:
            audit_record(
                actor=request.user,
                action="organisation.domains_changed",
                target=form.instance,
                organisation=form.instance,
                summary=f"{request.user} changed the email domains of "
                f"{form.instance.short_name} in the admin site",
                changes={"domains": [before, after]},
            )


@admin.register(Membership)
class MembershipAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    """Read-only here: council admins and platform admins change roles on the members page."""

    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "organisation__name"]


@admin.register(JoinRequest)
class JoinRequestAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    list_display = ["user", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status", "organisation"]
