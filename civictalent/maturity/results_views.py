"""An assessment's results (the heatmap against London, the change since last time), its CSV and
Word downloads, and a council's progress over all its submitted assessments.

A council's results are for its members and platform admins; a platform admin who is not a
member leaves an audit entry each time they read them.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from civictalent.core.permissions import permission
from civictalent.maturity import results_exports, results_selectors
from civictalent.maturity.assessment_views import assessment_from_pk
from civictalent.maturity.models import Assessment, AssessmentStatus
from civictalent.organisations.services import council_private_view_record
from civictalent.organisations.views import organisation_from_slug

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _submitted(request: HttpRequest, pk: int) -> Assessment:
    assessment = assessment_from_pk(request, pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise Http404("This assessment has not been submitted yet.")
    return assessment


def _file_name(assessment: Assessment, extension: str) -> str:
    return (
        f"maturity-results-{slugify(assessment.organisation.short_name)}-"
        f"{slugify(assessment.name) or assessment.pk}.{extension}"
    )


def _record_reading(request: HttpRequest, assessment: Assessment, what: str = "") -> None:
    council_private_view_record(
        request=request,
        organisation=assessment.organisation,
        target=assessment,
        what=f"{assessment.organisation.short_name}'s maturity results for {assessment.name}{what}",
    )


@permission("maturity.view_assessment", on=assessment_from_pk)
@require_GET
@never_cache
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_from_pk(request, pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        return render(request, "maturity/results/not_submitted.html", {"assessment": assessment})
    found = results_selectors.assessment_results(assessment)
    _record_reading(request, assessment)
    return render(
        request,
        "maturity/results/results.html",
        {
            "assessment": assessment,
            "results": found,
            "summary": results_exports.summary(found),
            "hidden_reasons": sorted(
                {
                    row.london.hidden_reason
                    for row in [found.overall, *found.topics, *found.themes]
                    if row.london.hidden_reason
                }
            ),
        },
    )


@permission("maturity.view_assessment", on=assessment_from_pk)
@require_GET
@never_cache
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _submitted(request, pk)
    found = results_selectors.assessment_results(assessment)
    _record_reading(request, assessment, " (CSV)")
    response = HttpResponse(results_exports.as_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(assessment, "csv")}"'
    return response


@permission("maturity.view_assessment", on=assessment_from_pk)
@require_GET
@never_cache
def results_docx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _submitted(request, pk)
    found = results_selectors.assessment_results(assessment)
    _record_reading(request, assessment, " (Word)")
    response = HttpResponse(results_exports.as_docx(found), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(assessment, "docx")}"'
    return response


@permission("maturity.view_council", on=organisation_from_slug)
@require_GET
@never_cache
def progress(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    models = results_selectors.council_progress(organisation)
    council_private_view_record(
        request=request,
        organisation=organisation,
        target=organisation,
        what=f"{organisation.short_name}'s maturity progress",
    )
    return render(
        request,
        "maturity/results/progress.html",
        {"organisation": organisation, "models": models},
    )
