"""Admin site views of pay scales: read-mostly, because imports (audited) are how figures change.

Schemes can be renamed and described here; a spine or grade map imported by mistake can be
deleted. Points and bands change only by importing a CSV on the pay scales pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from civictalent.core.audit import audit_record
from civictalent.salaries.models import GradeBand, GradeMap, PayScheme, PaySpine, SpinePoint


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SpinePointInline(ReadOnlyInline):
    model = SpinePoint
    fields = ["point", "annual_pence"]


class GradeBandInline(ReadOnlyInline):
    model = GradeBand
    fields = ["grade", "min_point", "max_point"]


class DeleteAuditedAdmin(admin.ModelAdmin):
    """No adding or editing here (use the import pages); deleting is audited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _audit_delete(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.deleted",
            target=obj,
            organisation=getattr(obj, "organisation", None),
            summary=f"{request.user} deleted {obj} in the admin site",
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._audit_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self._audit_delete(request, obj)
        super().delete_queryset(request, queryset)


@admin.register(PayScheme)
class PaySchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    readonly_fields = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a scheme is created by importing its first spine

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PayScheme, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.changed_data:
            audit_record(
                actor=request.user,
                action="pay_scheme.updated",
                target=obj,
                summary=f"{request.user} changed the pay scheme {obj.code} in the admin site",
                changes={
                    field: [str(form.initial.get(field)), str(form.cleaned_data.get(field))]
                    for field in form.changed_data
                },
            )


@admin.register(PaySpine)
class PaySpineAdmin(DeleteAuditedAdmin):
    list_display = ["scheme", "pay_year", "zone", "is_illustrative", "imported_at", "imported_by"]
    list_filter = ["scheme", "pay_year", "zone", "is_illustrative"]
    inlines = [SpinePointInline]


@admin.register(GradeMap)
class GradeMapAdmin(DeleteAuditedAdmin):
    list_display = [
        "organisation",
        "scheme",
        "valid_from",
        "zone",
        "is_illustrative",
        "imported_at",
    ]
    list_filter = ["scheme", "valid_from", "zone", "is_illustrative", "organisation"]
    search_fields = ["organisation__name", "organisation__short_name"]
    inlines = [GradeBandInline]
