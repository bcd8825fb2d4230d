"""Admin site views of the jobs board: read-only, because every change goes through the audited
services and pages (writing, moderation, closing, the council jobs settings page). One action:
close published vacancies (through the closing service, so the library offer and the salary
observation happen as usual)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from civictalent.core.admin_audit import PersonalDataViewAudit
from civictalent.jobs import services
from civictalent.jobs.models import (
    CouncilJobsSettings,
    SavedSearch,
    Vacancy,
    VacancyDailyCount,
    VacancyImport,
    VacancyStatus,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description="Close the selected published vacancies now")
def close_vacancies(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Vacancy]) -> None:
    closed = 0
    for vacancy in queryset.filter(status=VacancyStatus.PUBLISHED).select_related("organisation"):
        try:
            services.vacancy_close(
                vacancy=vacancy,
                actor=request.user,  # type: ignore[arg-type]
                reason="Closed in the admin site",
            )
        except ValidationError:
            continue
        closed += 1
    modeladmin.message_user(request, f"Closed {closed} vacancies.", messages.SUCCESS)


@admin.register(Vacancy)
class VacancyAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    list_display = ["title", "organisation", "status", "origin", "closes_at", "published_at"]
    list_filter = ["status", "origin", "library_offer", "organisation"]
    search_fields = ["title", "external_reference"]
    date_hierarchy = "created_at"
    list_select_related = ["organisation"]
    actions = [close_vacancies]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Needed for the close action on the list; the change form stays read-only.
        return obj is None and bool(request.user.has_perm("jobs.change_vacancy"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in Vacancy._meta.fields]


@admin.register(CouncilJobsSettings)
class CouncilJobsSettingsAdmin(ReadOnlyAdmin):
    # Addresses without a scheme are read as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "organisation",
        "approval_route",
        "approval_locked",
        "feed_enabled",
        "feed_last_fetched_at",
    ]
    list_select_related = ["organisation"]


@admin.register(VacancyImport)
class VacancyImportAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    list_display = [
        "organisation",
        "source",
        "created_at",
        "created_count",
        "updated_count",
        "closed_count",
        "error_count",
    ]
    list_select_related = ["organisation"]


@admin.register(SavedSearch)
class SavedSearchAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    list_display = ["name", "created_at"]


@admin.register(VacancyDailyCount)
class VacancyDailyCountAdmin(ReadOnlyAdmin):
    list_display = ["vacancy", "day", "views", "apply_clicks"]
    list_select_related = ["vacancy__organisation"]
