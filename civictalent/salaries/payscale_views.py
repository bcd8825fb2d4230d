"""Pay scales pages: spines, grade maps, resolving a grade, and CSV imports (platform admins)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.core.money import pounds_and_pence_text
from civictalent.core.permissions import permission
from civictalent.core.ratelimit import UPLOADS, limit_posts
from civictalent.salaries.models import GradeMap, PayScheme, PaySpine
from civictalent.salaries.payscale_forms import (
    GradeMapImportForm,
    ResolveGradeForm,
    SpineImportForm,
)
from civictalent.salaries.payscales import (
    GradeResolution,
    grade_map_bands_resolved,
    grade_map_import,
    pay_spine_import,
    resolve_grade_explained,
    template_csv,
)

VIEW = "salaries.view_pay_scales"
MANAGE = "salaries.manage_pay_scales"


@permission(VIEW)
@require_GET
def payscales_list(request: HttpRequest) -> HttpResponse:
    spines = list(
        PaySpine.objects.select_related("scheme")
        .annotate(point_count=Count("points"))
        .order_by("scheme__name", "-pay_year", "zone")
    )
    grade_maps = list(
        GradeMap.objects.select_related("organisation", "scheme")
        .annotate(band_count=Count("bands"))
        .order_by("organisation__short_name", "scheme__name", "-valid_from")
    )
    return render(
        request,
        "salaries/payscales_list.html",
        {
            "schemes": PayScheme.objects.order_by("name"),
            "spines": spines,
            "grade_maps": grade_maps,
            "any_illustrative": any(s.is_illustrative for s in spines)
            or any(m.is_illustrative for m in grade_maps),
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission(VIEW)
@require_GET
def payscales_spine(request: HttpRequest, pk: int) -> HttpResponse:
    spine = get_object_or_404(PaySpine.objects.select_related("scheme", "imported_by"), pk=pk)
    rows = [
        (point, pounds_and_pence_text(pence))
        for point, pence in spine.points.values_list("point", "annual_pence")
    ]
    other_versions = (
        PaySpine.objects.filter(scheme=spine.scheme).exclude(pk=spine.pk).order_by("-pay_year")
    )
    return render(
        request,
        "salaries/payscales_spine.html",
        {
            "spine": spine,
            "rows": rows,
            "other_versions": other_versions,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission(VIEW)
@require_GET
def payscales_grade_map(request: HttpRequest, pk: int) -> HttpResponse:
    grade_map = get_object_or_404(GradeMap.objects.select_related("organisation", "scheme"), pk=pk)
    band_rows = grade_map_bands_resolved(grade_map=grade_map)
    resolved = [row.resolution.result for row in band_rows if row.resolution.result]
    spine_years = sorted({result.pay_year_used for result in resolved})
    return render(
        request,
        "salaries/payscales_grade_map.html",
        {
            "grade_map": grade_map,
            "band_rows": band_rows,
            "spine_years": spine_years,
            "is_illustrative": grade_map.is_illustrative
            or any(result.is_illustrative for result in resolved),
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@permission(VIEW)
@require_GET
def payscales_resolve(request: HttpRequest) -> HttpResponse:
    form = ResolveGradeForm(request.GET if "grade" in request.GET else None)
    resolution: GradeResolution | None = None
    if form.is_bound and form.is_valid():
        resolution = resolve_grade_explained(
            organisation=form.cleaned_data["organisation"],
            grade=form.cleaned_data["grade"],
            pay_year=form.cleaned_data["pay_year"],
        )
    return render(
        request,
        "salaries/payscales_resolve.html",
        {"form": form, "resolution": resolution, "result": resolution and resolution.result},
    )


@permission(MANAGE)
@limit_posts(UPLOADS)
@require_http_methods(["GET", "POST"])
def payscales_spine_import(request: HttpRequest) -> HttpResponse:
    form = SpineImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            spine = pay_spine_import(
                scheme_code=form.cleaned_data["scheme_code"],
                scheme_name=form.cleaned_data["scheme_name"],
                pay_year=form.cleaned_data["pay_year"],
                zone=form.cleaned_data["zone"],
                data=form.cleaned_data["file"],
                is_illustrative=form.cleaned_data["is_illustrative"],
                source=form.cleaned_data["source"],
                imported_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                f"Imported {spine.points.count()} spine points for {spine}. Nothing else changed.",
            )
            return redirect("salaries:payscales_spine", pk=spine.pk)
    return render(request, "salaries/payscales_spine_import.html", {"form": form})


@permission(MANAGE)
@limit_posts(UPLOADS)
@require_http_methods(["GET", "POST"])
def payscales_grade_map_import(request: HttpRequest) -> HttpResponse:
    form = GradeMapImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            grade_map = grade_map_import(
                organisation=form.cleaned_data["organisation"],
                scheme_code=form.cleaned_data["scheme"].code,
                valid_from=form.cleaned_data["valid_from"],
                zone=form.cleaned_data["zone"],
                data=form.cleaned_data["file"],
                is_illustrative=form.cleaned_data["is_illustrative"],
                imported_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                f"Imported {grade_map.bands.count()} grades for "
                f"{grade_map.organisation.short_name}, from {grade_map.valid_from}.",
            )
            return redirect("salaries:payscales_grade_map", pk=grade_map.pk)
    return render(request, "salaries/payscales_grade_map_import.html", {"form": form})


def _csv_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission(VIEW)
@require_GET
def payscales_spine_template(request: HttpRequest) -> HttpResponse:
    return _csv_download(template_csv("spine"), "pay-spine-template.csv")


@permission(VIEW)
@require_GET
def payscales_grade_map_template(request: HttpRequest) -> HttpResponse:
    return _csv_download(template_csv("grade_map"), "grade-map-template.csv")
