"""Import pages: a council's upload and import history, one import's report, the templates, and
the council's jobs settings (platform admins). Thin: the work is in import_services."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.permissions import permission, public
from civictalent.core.ratelimit import UPLOADS, limit_posts
from civictalent.jobs.import_forms import JobsSettingsForm, VacancyUploadForm
from civictalent.jobs.import_services import (
    council_jobs_settings_update,
    feed_import,
    vacancies_import,
)
from civictalent.jobs.imports import example_file
from civictalent.jobs.manage_views import council_from_slug
from civictalent.jobs.models import (
    ApprovalRoute,
    CouncilJobsSettings,
    ImportSource,
    Vacancy,
    VacancyImport,
)
from civictalent.jobs.services import APPROVED_BY
from civictalent.organisations.models import Organisation

HISTORY_PAGE_SIZE = 25
TEMPLATES = {
    "csv": ("text/csv; charset=utf-8", "vacancies-template.csv"),
    "json": ("application/json; charset=utf-8", "vacancies-example.json"),
    "xml": ("application/xml; charset=utf-8", "vacancies-example.xml"),
}
OUTCOME_LABELS = {
    "created": "Added",
    "updated": "Updated",
    "unchanged": "No change",
    "closed": "Closed",
    "error": "Not imported",
    "note": "Note",
}


def import_from_pk(request: HttpRequest, pk: int, **_: object) -> VacancyImport:
    found = getattr(request, "_jobs_import", None)
    if not isinstance(found, VacancyImport) or found.pk != pk:
        found = get_object_or_404(
            VacancyImport.objects.select_related("organisation", "started_by"), pk=pk
        )
        setattr(request, "_jobs_import", found)  # noqa: B010 - not a declared attribute
    return found


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@permission("jobs.import_vacancies", on=council_from_slug)
@limit_posts(UPLOADS)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_from_slug(request, slug)
    form = VacancyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, file_format = form.cleaned_data["file"]
        try:
            report = vacancies_import(
                organisation=council,
                data=data,
                file_format=file_format,
                source=ImportSource.UPLOAD,
                started_by=_user(request),
                filename=str(getattr(request.FILES.get("file"), "name", "") or ""),
                lists_all=form.cleaned_data["lists_all"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _summary(report))
            return redirect("jobs:import_report", pk=report.pk)
    history = (
        VacancyImport.objects.filter(organisation=council)
        .select_related("started_by")
        .defer("rows")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/imports/imports.html",
        {
            "council": council,
            "form": form,
            "page": page,
            "publishes_directly": _user(request).is_platform_admin
            or request.user.has_perm("jobs.publish_vacancy", Vacancy(organisation=council)),
            "can_manage_settings": request.user.has_perm("jobs.manage_settings", council),
        },
    )


def _summary(report: VacancyImport) -> str:
    parts = [
        f"{report.created_count} added",
        f"{report.updated_count} updated",
        f"{report.unchanged_count} unchanged",
        f"{report.closed_count} closed",
    ]
    text = "Import finished: " + ", ".join(parts) + "."
    if report.error_count:
        text += (
            f" {report.error_count} row{'s' if report.error_count != 1 else ''} could not be "
            "imported: see why below."
        )
    return text


@permission("jobs.import_vacancies", on=import_from_pk)
@require_GET
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = import_from_pk(request, pk)
    entries = [
        {**entry, "label": OUTCOME_LABELS.get(entry.get("outcome", ""), entry.get("outcome"))}
        for entry in report.rows
    ]
    return render(
        request,
        "jobs/imports/report.html",
        {
            "report": report,
            "council": report.organisation,
            "notes": [entry for entry in entries if entry.get("outcome") == "note"],
            "problems": [entry for entry in entries if entry.get("outcome") == "error"],
            "entries": [entry for entry in entries if entry.get("outcome") != "note"],
        },
    )


@public
@require_GET
def import_template(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in TEMPLATES:
        raise Http404("We have templates for csv, json and xml only.")
    content_type, filename = TEMPLATES[file_format]
    response = HttpResponse(example_file(file_format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission("jobs.manage_settings", on=council_from_slug)
@require_http_methods(["GET", "POST"])
def jobs_settings(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_from_slug(request, slug)
    current = CouncilJobsSettings.objects.filter(organisation=council).first()
    instance = current or CouncilJobsSettings(organisation=council)
    form = JobsSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = council_jobs_settings_update(
                organisation=council,
                actor=_user(request),
                feed_url=form.cleaned_data["feed_url"],
                feed_format=form.cleaned_data["feed_format"],
                feed_enabled=form.cleaned_data["feed_enabled"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, council, saved, fetch="fetch" in request.POST)
    return render(
        request,
        "jobs/imports/settings.html",
        {
            "council": council,
            "form": form,
            "jobs_settings": current,
            "approved_by": APPROVED_BY[
                ApprovalRoute(current.approval_route if current else ApprovalRoute.LOTI)
            ],
        },
    )


def _saved(
    request: HttpRequest, council: Organisation, saved: CouncilJobsSettings, *, fetch: bool
) -> HttpResponse:
    """Where a platform admin goes once the settings are saved; "fetch" imports the feed now."""
    if not fetch:
        messages.success(request, f"Saved the jobs settings of {council.short_name}.")
        return redirect("jobs:settings", slug=council.slug)
    if not saved.feed_url:
        messages.error(request, "Saved. Enter a feed address before fetching the feed.")
        return redirect("jobs:settings", slug=council.slug)
    try:
        report = feed_import(organisation=council)
    except ValidationError as error:
        messages.error(request, "Saved, but the feed failed: " + " ".join(error.messages))
        return redirect("jobs:settings", slug=council.slug)
    messages.success(request, "Saved and fetched the feed. " + _summary(report))
    return redirect("jobs:import_report", pk=report.pk)
