"""Platform admins may look at the capability model and the maturity models here; nobody changes
them in the admin site: the capability pages (with their versions and audit) and the import
command do."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from civictalent.core.admin_audit import PersonalDataViewAudit
from civictalent.maturity.models import (
    Capability,
    CapabilityRole,
    CapabilityVersion,
    Domain,
    LevelStatement,
    MaturityLevel,
    MaturityModel,
    Question,
    Theme,
    Topic,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CapabilityRoleInline(admin.TabularInline):
    model = CapabilityRole
    fields = ["role_level", "fte_small", "fte_medium", "fte_large", "order"]
    readonly_fields = ["role_level", "fte_small", "fte_medium", "fte_large", "order"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Domain)
class DomainAdmin(ReadOnly):
    list_display = ["name", "slug", "order"]


@admin.register(Capability)
class CapabilityAdmin(ReadOnly):
    list_display = ["name", "domain", "must_have_stage", "is_emerging", "version", "updated_at"]
    list_filter = ["domain", "must_have_stage", "is_emerging"]
    list_select_related = ["domain"]
    search_fields = ["name", "slug"]
    inlines = [CapabilityRoleInline]


@admin.register(CapabilityVersion)
class CapabilityVersionAdmin(PersonalDataViewAudit, ReadOnly):
    # Names who changed the capability model: a look at it is audited like other personal data.
    list_display = ["capability", "number", "summary", "changed_by", "changed_at"]
    list_select_related = ["capability", "changed_by"]
    raw_id_fields = ["capability", "changed_by"]


@admin.register(MaturityModel)
class MaturityModelAdmin(ReadOnly):
    list_display = ["title", "slug", "source", "is_default"]


@admin.register(MaturityLevel)
class MaturityLevelAdmin(ReadOnly):
    list_display = ["model", "number", "name"]
    list_select_related = ["model"]


@admin.register(Topic)
class TopicAdmin(ReadOnly):
    list_display = ["name", "model", "order"]
    list_select_related = ["model"]


@admin.register(Theme)
class ThemeAdmin(ReadOnly):
    list_display = ["name", "model", "order"]
    list_select_related = ["model"]


@admin.register(Question)
class QuestionAdmin(ReadOnly):
    list_display = ["text", "topic", "theme", "order"]
    list_select_related = ["topic", "theme"]
    raw_id_fields = ["model", "topic", "theme"]
    search_fields = ["text"]


@admin.register(LevelStatement)
class LevelStatementAdmin(ReadOnly):
    list_display = ["question", "level", "text"]
    list_select_related = ["question"]
    raw_id_fields = ["question"]
