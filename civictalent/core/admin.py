from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest

from civictalent.core.admin_audit import PersonalDataViewAudit
from civictalent.core.models import AuditEvent, OutboundEmail, ScheduledRun


def configure_admin_site(site: admin.AdminSite) -> None:
    """Only active platform admins may use the admin site."""
    site.site_header = f"{settings.SERVICE_NAME} administration"
    site.site_title = f"{settings.SERVICE_NAME} administration"

    def has_permission(request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_active and user.is_authenticated and user.is_platform_admin)

    site.has_permission = has_permission  # type: ignore[method-assign]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor", "organisation", "summary"]
    list_filter = ["action", "organisation"]
    search_fields = ["summary", "actor__email"]
    date_hierarchy = "created_at"


@admin.register(OutboundEmail)
class OutboundEmailAdmin(PersonalDataViewAudit, ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ["enqueued_at", "job", "period"]
    list_filter = ["job"]
