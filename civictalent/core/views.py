from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from civictalent.core import dashboard as dashboard_panels
from civictalent.core import health, selectors
from civictalent.core.audit_words import action_choices, event_rows
from civictalent.core.forms import AuditFilterForm
from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import Refusal, permission, public, signed_in


@cached_for_anonymous
@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def _static_page(template_name: str):
    @public
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template_name)

    view.__name__ = template_name.rsplit("/", 1)[-1].removesuffix(".html")
    return view


accessibility = _static_page("core/accessibility.html")
privacy = _static_page("core/privacy.html")
cookies = _static_page("core/cookies.html")
contact = _static_page("core/contact.html")


@public
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    detail = health.may_see_detail(
        authorization=request.headers.get("Authorization", ""),
        is_platform_admin=bool(getattr(request.user, "is_platform_admin", False)),
    )
    healthy, report = health.health_report(count_queue=detail)
    if not detail:
        report = health.public_summary(report)
    return JsonResponse(report, status=200 if healthy else 503)


@signed_in
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: what waits for this person, from every app's panels."""
    panels = dashboard_panels.panels_for(request.user)
    return render(
        request,
        "core/dashboard.html",
        {"sections": dashboard_panels.by_section(panels), "has_panels": bool(panels)},
    )


@permission("core.view_audit_log")
@require_GET
def platform(request: HttpRequest) -> HttpResponse:
    """The platform admins' tools, and what waits for them (the platform section's panels)."""
    panels = dashboard_panels.panels_for(request.user, section=dashboard_panels.Section.PLATFORM)
    return render(request, "core/platform.html", {"panels": panels})


@permission("core.view_audit_log")
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(
        request.GET or None,
        actions=action_choices(selectors.audit_action_codes()),
        organisations=[(o.pk, o.name) for o in selectors.organisations_to_filter_by()],
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = selectors.audit_events(
        action=filters.get("action") or "",
        organisation_id=filters.get("organisation"),
        person=(filters.get("person") or "").strip(),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = selectors.paginate(events, request.GET.get("page"), selectors.AUDIT_PAGE_SIZE)
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "form": form, "rows": event_rows(page.object_list)},
    )


# Where config/urls.py mounts the API: its clients read JSON errors, as its schema documents.
API_PATH_PREFIX = "/api/"


def request_too_large_detail() -> str:
    most = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return f"The request body is too large: send at most {most:g} MB."


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path_info.startswith(API_PATH_PREFIX):
        # Raised before the API's own error handling runs (by a middleware, say).
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse({"detail": request_too_large_detail()}, status=413)
        return JsonResponse(
            {"detail": "The request could not be read: check its headers and body."}, status=400
        )
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page: a Refusal's own words (what to do instead), or the general ones."""
    refusal = exception if isinstance(exception, Refusal) else None
    return render(request, "403.html", {"refusal": refusal}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: the database may be the thing that failed.
    import sys

    from django.template import loader

    from civictalent.core.unavailable import database_unavailable_response, is_database_unavailable

    error = sys.exc_info()[1]
    if error is not None and is_database_unavailable(error):  # raised outside a view
        return database_unavailable_response(request, error)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
