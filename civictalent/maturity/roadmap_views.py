"""Pages of a council's roadmap: the costed plan, its profile, which capabilities it has, its
actions, the investment case, and the public guidance on team structures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.core.permissions import permission, public
from civictalent.maturity import roadmap_selectors as selectors
from civictalent.maturity import roadmap_services as services
from civictalent.maturity.models import Capability, RoadmapAction
from civictalent.maturity.roadmap_documents import cost_method, investment_case_docx
from civictalent.maturity.roadmap_forms import CouncilProfileForm, CoverageForm, RoadmapActionForm
from civictalent.organisations.models import Organisation
from civictalent.organisations.services import council_private_view_record
from civictalent.organisations.views import organisation_from_slug

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _field_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


@permission("maturity.view_council", on=organisation_from_slug)
@require_GET
def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    council_private_view_record(
        request=request, organisation=organisation, what=f"the roadmap of {organisation.short_name}"
    )
    data = selectors.roadmap_data(organisation, request.user)
    can_edit = request.user.has_perm("maturity.edit_plan", organisation)
    return render(
        request,
        "maturity/roadmap/roadmap.html",
        {
            "organisation": organisation,
            "data": data,
            "plan": data.plan,
            "groups": selectors.page_groups(data),
            "can_edit": can_edit,
            "can_start_jd": can_edit and request.user.has_perm("jdlibrary.contribute"),
            "method": cost_method(data.plan),
        },
    )


@permission("maturity.edit_plan", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    current, _ = selectors.profile_of(organisation)
    form = CouncilProfileForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.council_profile_save(
                organisation=organisation,
                size=data["size"],
                on_costs_percent=data["on_costs_percent"],
                structure=data["structure"],
                central_team_people=data["central_team_people"],
                service_team_people=data["service_team_people"],
                structure_notes=data["structure_notes"],
                saved_by=request.user,
            )
        except ValidationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, "Your council's profile is saved: the costs use it now.")
            return redirect("maturity:roadmap", slug=organisation.slug)
    return render(
        request, "maturity/roadmap/profile.html", {"organisation": organisation, "form": form}
    )


@permission("maturity.edit_plan", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def coverage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    capabilities = list(Capability.objects.select_related("domain"))
    form = CoverageForm(
        request.POST or None,
        capabilities=capabilities,
        current=selectors.coverage_of(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.capability_coverage_save(
                organisation=organisation, statuses=form.statuses(), saved_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your council's capabilities are saved ({changed} changed). The plan below "
                "follows them.",
            )
            return redirect("maturity:roadmap", slug=organisation.slug)
    return render(
        request,
        "maturity/roadmap/coverage.html",
        {"organisation": organisation, "form": form, "capabilities": capabilities},
    )


def _action_page(
    request: HttpRequest, organisation: Organisation, action: RoadmapAction | None
) -> HttpResponse:
    initial = RoadmapActionForm.initial_for(action) if action else {}
    form = RoadmapActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and "delete" in request.POST and action is not None:
        services.roadmap_action_delete(action=action, deleted_by=request.user)
        messages.success(request, f"The action “{action.title}” is deleted.")
        return redirect("maturity:roadmap", slug=organisation.slug)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "owner": data["owner"],
            "due_on": data["due_on"],
            "status": data["status"],
            "capability": data["capability"],
        }
        try:
            if action is None:
                services.roadmap_action_create(
                    organisation=organisation, created_by=request.user, **fields
                )
            else:
                services.roadmap_action_update(action=action, changed_by=request.user, **fields)
        except ValidationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, f"The action “{data['title']}” is saved.")
            return redirect("maturity:roadmap", slug=organisation.slug)
    return render(
        request,
        "maturity/roadmap/action.html",
        {"organisation": organisation, "form": form, "action": action},
    )


@permission("maturity.edit_plan", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _action_page(request, organisation_from_slug(request, slug), None)


@permission("maturity.edit_plan", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    action = get_object_or_404(
        RoadmapAction.objects.select_related("organisation"), pk=pk, organisation=organisation
    )
    return _action_page(request, organisation, action)


@permission("maturity.view_council", on=organisation_from_slug)
@require_GET
def investment_case(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    council_private_view_record(
        request=request,
        organisation=organisation,
        what=f"the investment case of {organisation.short_name}",
    )
    data = selectors.roadmap_data(organisation, request.user)
    topics = selectors.lowest_topics(data.assessment) if data.assessment else []
    response = HttpResponse(investment_case_docx(data, topics=topics), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="investment-case-{organisation.slug}.docx"'
    )
    return response


@public
@require_GET
def team_structures(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "maturity/roadmap/team_structures.html",
        {
            "table": selectors.structure_table(),
            "own": selectors.own_structures(request.user),
            "min_councils": selectors.MIN_COUNCILS,
        },
    )
