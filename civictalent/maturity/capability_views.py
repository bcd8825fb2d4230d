"""The capability model's pages: the public online tool (browse, filter, download) and, for
platform admins, editing with history and importing a whole table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import permission, public
from civictalent.core.ratelimit import UPLOADS, limit_posts
from civictalent.maturity import capability_selectors as selectors
from civictalent.maturity.capability_forms import (
    CapabilityFilterForm,
    CapabilityForm,
    CapabilityImportForm,
    RoleRowFormSet,
)
from civictalent.maturity.capability_services import (
    CapabilityVersionConflictError,
    RoleRow,
    capability_model_import,
    capability_update,
)
from civictalent.maturity.capability_table import (
    COLUMNS,
    CapabilityTableError,
    as_csv,
    as_xlsx,
    parse_rows,
    read_csv,
    read_xlsx,
    table_rows,
)
from civictalent.maturity.models import Capability, CouncilSize

EDIT = "maturity.edit_capability_model"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_edit(request: HttpRequest) -> bool:
    # The rule alone: Django's model backend would add two queries to every public page.
    return bool(request.user.is_authenticated and rules.has_perm(EDIT, request.user))


@cached_for_anonymous
@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = CapabilityFilterForm(request.GET or None)
    stage: int | None = None
    size = ""
    if form.is_bound and form.is_valid():
        stage = int(form.cleaned_data["stage"]) if form.cleaned_data["stage"] else None
        size = form.cleaned_data["size"]
    return render(
        request,
        "maturity/capabilities/index.html",
        {
            "form": form,
            "domains": selectors.domains_with_capabilities(stage=stage, size=size or None),
            "stage": stage,
            "size_label": CouncilSize(size).label if size else "",
            "stage_meanings": selectors.STAGE_MEANINGS,
            "can_edit": _can_edit(request),
        },
    )


@cached_for_anonymous
@public
@require_GET
def domain(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.domain_by_slug(slug)
    return render(
        request,
        "maturity/capabilities/domain.html",
        {"domain": selectors.domains_with_capabilities(domain=found)[0]},
    )


@cached_for_anonymous
@public
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    capability = selectors.capability_by_slug(slug)
    return render(
        request,
        "maturity/capabilities/detail.html",
        {
            "capability": capability,
            "roles": selectors.role_lines(capability),
            "totals": selectors.fte_totals(capability),
            "stage_meaning": selectors.STAGE_MEANINGS.get(capability.must_have_stage, ""),
            "can_edit": _can_edit(request),
        },
    )


def _initial(capability: Capability) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    fields = {
        "version": capability.version,
        "domain": capability.domain_id,
        "name": capability.name,
        "description": capability.description,
        "benefits": capability.benefits,
        "responsibilities": capability.responsibilities,
        "must_have_stage": capability.must_have_stage,
        "is_emerging": capability.is_emerging,
        "staffing_is_illustrative": capability.staffing_is_illustrative,
    }
    rows = [
        {
            "role_level": row.role_level_id,
            "fte_small": row.fte_small,
            "fte_medium": row.fte_medium,
            "fte_large": row.fte_large,
        }
        for row in capability.roles.all()
    ]
    return fields, rows


def _error_list(form: Any, formset: Any) -> list[tuple[str, str]]:
    """The error summary's lines: each links to the field it is about."""
    errors = [(f"#{form['name'].auto_id}", str(message)) for message in form.non_field_errors()]
    for bound in form:
        if bound.is_hidden:
            errors += [("#id_name", str(message)) for message in bound.errors]
            continue
        anchor = f"#{bound.auto_id}" + ("_0" if bound.name in {"domain", "must_have_stage"} else "")
        errors += [(anchor, str(message)) for message in bound.errors]
    errors += [("#role-levels", str(message)) for message in formset.non_form_errors()]
    for number, row_form in enumerate(formset.forms, start=1):
        for bound in row_form:
            errors += [
                (f"#{bound.auto_id}", f"Role level {number}: {message}") for message in bound.errors
            ]
    return errors


@permission(EDIT)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    capability = selectors.capability_by_slug(slug)
    fields, rows = _initial(capability)
    choices = selectors.role_level_choices()
    offered = {pk for _, levels in choices for pk, _ in levels}
    # A level left behind by a framework import can still be kept or removed here.
    elsewhere = [
        (row.role_level_id, f"{row.role_level.name} ({row.role_level.framework.name})")
        for row in capability.roles.all()
        if row.role_level_id not in offered
    ]
    if elsewhere:
        choices.append(("Role levels of other frameworks", elsewhere))
    form_kwargs = {"level_choices": choices}
    if request.method == "POST":
        form = CapabilityForm(request.POST)
        formset = RoleRowFormSet(request.POST, prefix="roles", form_kwargs=form_kwargs)
        if form.is_valid() and formset.is_valid():
            chosen = [row for row_form in formset.forms if (row := row_form.row) is not None]
            levels = selectors.role_levels_by_pk([row[0] for row in chosen])
            roles = [
                RoleRow(levels[pk], Decimal(small), Decimal(medium), Decimal(large))
                for pk, small, medium, large in chosen
                if pk in levels
            ]
            values = {key: form.cleaned_data[key] for key in form.cleaned_data if key != "version"}
            try:
                saved = capability_update(
                    capability=capability,
                    changed_by=request.user,  # type: ignore[arg-type]
                    expected_version=form.cleaned_data["version"],
                    roles=roles,
                    **values,
                )
            except CapabilityVersionConflictError as conflict:
                form.add_error(None, conflict)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, field_errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, field_errors)
                else:
                    form.add_error(None, error)
            else:
                if saved.version == capability.version:
                    messages.info(request, "Nothing changed, so no new version was saved.")
                else:
                    messages.success(request, f"Saved {saved.name} as version {saved.version}.")
                return redirect("capabilities:detail", slug=saved.slug)
    else:
        form = CapabilityForm(initial=fields)
        formset = RoleRowFormSet(initial=rows, prefix="roles", form_kwargs=form_kwargs)
    return render(
        request,
        "maturity/capabilities/edit.html",
        {
            "capability": capability,
            "form": form,
            "formset": formset,
            "errors": _error_list(form, formset) if form.is_bound else [],
        },
    )


@permission(EDIT)
@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    capability = selectors.capability_by_slug(slug)
    return render(
        request,
        "maturity/capabilities/history.html",
        {"capability": capability, "history": selectors.capability_history(capability)},
    )


@permission(EDIT)
@limit_posts(UPLOADS)
@require_http_methods(["GET", "POST"])
def import_table(request: HttpRequest) -> HttpResponse:
    form = CapabilityImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        kind, data = form.cleaned_data["file"]
        try:
            rows = read_xlsx(data) if kind == "xlsx" else read_csv(data)
            capabilities = parse_rows(
                rows,
                known_domains=selectors.known_domains(),
                known_role_levels=selectors.known_role_levels(),
            )
            summary = capability_model_import(
                rows=capabilities,
                changed_by=request.user,  # type: ignore[arg-type]
            )
        except CapabilityTableError as error:
            problems = error.messages
            form.add_error(
                "file",
                f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''} "
                "(listed below). Nothing was imported: correct the file and upload it again.",
            )
        else:
            return render(request, "maturity/capabilities/import_done.html", {"summary": summary})
    return render(
        request,
        "maturity/capabilities/import.html",
        {"form": form, "problems": problems, "columns": COLUMNS},
    )


@cached_for_anonymous
@public
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        as_csv(table_rows(selectors.table_capabilities())), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="capability-model.csv"'
    return response


@cached_for_anonymous
@public
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        as_xlsx(table_rows(selectors.table_capabilities())), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="capability-model.xlsx"'
    return response
