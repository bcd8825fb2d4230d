"""The health of library JDs: a JD's report with one-click suggestions, a council's scores over
time and re-scoring the library. Served under /health-check/ (jdlibrary/health_urls.py)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.permissions import permission
from civictalent.healthcheck.engine import CheckTooSlow
from civictalent.healthcheck.presentation import parse_action, report_context
from civictalent.healthcheck.services import rules_version
from civictalent.jdlibrary import health, health_selectors, services
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.views import jd_check_unfinished_message, jd_from_pk
from civictalent.organisations.models import Organisation


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def jd_report(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    context: dict[str, Any] = {
        "jd": jd,
        "can_edit": request.user.has_perm("jdlibrary.edit_jd", jd),
    }
    try:
        report, checked = health_selectors.jd_health_report(jd)
    except CheckTooSlow:
        context["unfinished"] = jd_check_unfinished_message()
    else:
        context.update(report_context(report, checked.text))
    return render(request, "jdlibrary/health_report.html", context)


@permission("jdlibrary.edit_jd", on=jd_from_pk)
@require_http_methods(["POST"])
def jd_apply(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    action = parse_action(request.POST.get("apply", ""))
    before = jd.health_score
    if action is None:
        messages.error(request, "Choose a suggestion to apply.")
        return redirect("library_health:jd_report", pk=jd.pk)
    try:
        jd = services.jd_apply_suggestion(
            jd=jd, author=cast(User, request.user), rule=action[0], start=action[1], end=action[2]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        jd.refresh_from_db(fields=["health_score", "version"])
        messages.success(
            request,
            f"Suggestion applied as version {jd.version}. "
            f"The score went from {before} to {jd.health_score}.",
        )
    return redirect("library_health:jd_report", pk=jd.pk)


def organisation_from_pk(request: HttpRequest, pk: int, **_: object) -> Organisation:
    return get_object_or_404(Organisation, pk=pk)


@permission("jdlibrary.view_council_scores", on=organisation_from_pk)
@require_GET
def council_scores(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from_pk(request, pk)
    return render(
        request,
        "jdlibrary/health_council_scores.html",
        {
            "organisation": organisation,
            "months": health_selectors.monthly_scores(organisation),
            "job_descriptions": health_selectors.council_job_descriptions(organisation),
            "summary": health_selectors.council_summary(organisation),
        },
    )


@permission("jdlibrary.rescore_library")
@require_http_methods(["GET", "POST"])
def rescore(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        health.library_rescore_start(requested_by=cast(User, request.user))
        messages.success(
            request, "Re-scoring has started in the background. Refresh this page to follow it."
        )
        return redirect("library_health:rescore")
    return render(
        request,
        "jdlibrary/health_rescore.html",
        {
            "rules_version": rules_version(),
            "stale": health_selectors.stale_job_descriptions().count(),
            "total": JobDescription.objects.count(),
            "runs": health_selectors.recent_rescore_runs(),
        },
    )
