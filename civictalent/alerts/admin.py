"""Platform admins may look at alerts and delete them (someone asks to be forgotten); nobody
edits them here: subscribers change their own through signed links."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from civictalent.alerts.models import AlertFeedback, AlertRun, AlertSubscription
from civictalent.core.admin_audit import PersonalDataViewAudit


class ViewAndDeleteOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(PersonalDataViewAudit, ViewAndDeleteOnly):
    list_display = [
        "email",
        "frequency",
        "query_string",
        "created_at",
        "verified_at",
        "unsubscribed_at",
    ]
    list_filter = ["frequency", "unsubscribe_reason"]
    search_fields = ["email"]
    exclude = ["secret"]
    date_hierarchy = "created_at"


@admin.register(AlertRun)
class AlertRunAdmin(PersonalDataViewAudit, ViewAndDeleteOnly):
    list_display = ["subscription", "period", "created_at", "email"]
    list_filter = ["period"]
    search_fields = ["subscription__email", "period"]
    list_select_related = ["subscription", "email"]
    raw_id_fields = ["subscription", "email"]


@admin.register(AlertFeedback)
class AlertFeedbackAdmin(PersonalDataViewAudit, ViewAndDeleteOnly):
    list_display = ["created_at", "relevant", "comment", "run"]
    list_filter = ["relevant"]
    list_select_related = ["run"]
    raw_id_fields = ["subscription", "run"]
