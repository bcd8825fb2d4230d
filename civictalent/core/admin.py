from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

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

    def sign_in_through_the_service(
        request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Django's own admin sign-in form checks the password alone, skipping the second factor
        and the failed sign-in limits; it is never shown. Everyone signs in on the service's page.
        """
        index = reverse("admin:index", current_app=site.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = index
        if request.user.is_authenticated:
            if not has_permission(request):
                raise PermissionDenied
            return HttpResponseRedirect(next_url)
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        return HttpResponseRedirect(f"{reverse('account_login')}?{query}")

    site.login = sign_in_through_the_service  # type: ignore[method-assign]


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
    # The text can hold sign-in and reset links: never shown, even while the email waits.
    exclude = ["body_text", "body_html", "headers"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ["enqueued_at", "job", "period"]
    list_filter = ["job"]
