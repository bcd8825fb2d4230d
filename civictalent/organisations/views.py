from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import permission, public
from civictalent.organisations import selectors, services
from civictalent.organisations.forms import (
    DecisionForm,
    JoinRequestForm,
    OrganisationSettingsForm,
    RoleForm,
)
from civictalent.organisations.models import JoinRequest, Membership, Organisation


def organisation_from_slug(request: HttpRequest, slug: str, **_: object) -> Organisation:
    """The active council of the URL, read once per request: the permission check and the view
    both ask for it."""
    cached: dict[str, Organisation] = request.__dict__.setdefault("_civictalent_councils", {})
    if slug not in cached:
        cached[slug] = get_object_or_404(Organisation, slug=slug, is_active=True)
    return cached[slug]


@cached_for_anonymous
@public
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_listing()
    return render(request, "organisations/list.html", {"organisations": organisations})


@cached_for_anonymous
@public
@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    membership = None
    pending = None
    if request.user.is_authenticated:
        membership = Membership.objects.filter(user=request.user, organisation=organisation).first()
        pending = JoinRequest.objects.filter(
            user=request.user, organisation=organisation, status=JoinRequest.Status.PENDING
        ).first()
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "pending_request": pending,
            "can_manage": request.user.has_perm("organisations.manage_members", organisation),
            "can_edit": request.user.has_perm("organisations.edit_organisation", organisation),
            "can_see_scores": request.user.has_perm("jdlibrary.view_council_scores", organisation),
        },
    )


@permission("organisations.request_to_join", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def join_request_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                user=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You asked to join {organisation.short_name}. We have emailed its council "
                "admins and will email you when they decide.",
            )
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/join.html", {"organisation": organisation, "form": form})


@permission("organisations.manage_members", on=organisation_from_slug)
@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    return _members_page(request, organisation_from_slug(request, slug))


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    failed: JoinRequest | None = None,
    errors: list[tuple[str, str]] | None = None,
    form: DecisionForm | None = None,
) -> HttpResponse:
    """The members page; after a decision that could not be saved, with an error summary at the
    top linking to that request's fields, the errors beside them and what was typed kept."""
    services.council_people_view_record(request=request, organisation=organisation)
    errors = errors or []
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of(organisation),
            "join_requests": selectors.pending_join_requests(organisation),
            "decision_form": DecisionForm(),
            "errors": errors,
            "failed": {
                "pk": failed.pk if failed else None,
                "decision_error": " ".join(m for a, m in errors if not a.startswith("#note-")),
                "note_error": " ".join(m for a, m in errors if a.startswith("#note-")),
                "decision": form.data.get("decision", "") if form else "",
                "note": form.data.get("note", "") if form else "",
            },
        },
    )


@permission("organisations.manage_members", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organisation=organisation
    )
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                changed_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{membership.user.name}'s role is saved.")
            return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/member_edit.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@permission("organisations.manage_members", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organisation=organisation
    )
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, removed_by=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{membership.user.name} is no longer a member.")
        return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/member_remove.html",
        {"organisation": organisation, "membership": membership},
    )


@permission("organisations.manage_members", on=organisation_from_slug)
@require_POST
def join_request_decide(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=request_id, organisation=organisation
    )
    form = DecisionForm(request.POST)
    decision_anchor = f"#decision-approve-{join_request.pk}"
    if not form.is_valid():
        anchors = {"decision": decision_anchor, "note": f"#note-{join_request.pk}"}
        errors = [
            (anchors.get(name, decision_anchor), str(message))
            for name, messages_for_field in form.errors.items()
            for message in messages_for_field
        ]
        return _members_page(request, organisation, failed=join_request, errors=errors, form=form)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.join_request_decide(
            join_request=join_request,
            decided_by=request.user,  # type: ignore[arg-type]
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        join_request.refresh_from_db()
        if join_request.status != JoinRequest.Status.PENDING:
            decision_anchor = "#join-requests"  # decided meanwhile: no longer on the page
        errors = [(decision_anchor, message) for message in error.messages]
        return _members_page(request, organisation, failed=join_request, errors=errors, form=form)
    else:
        verb = "approved" if approve else "declined"
        messages.success(
            request, f"You {verb} {join_request.user.name}'s request. We emailed them."
        )
    return redirect("organisations:members", slug=organisation.slug)


@permission("organisations.edit_organisation", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    initial = {
        "is_loti_member": organisation.is_loti_member,
        "website": organisation.website,
        "domains": "\n".join(organisation.domains.values_list("domain", flat=True)),
    }
    form = OrganisationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation,
                changed_by=request.user,  # type: ignore[arg-type]
                is_loti_member=form.cleaned_data["is_loti_member"],
                website=form.cleaned_data["website"],
                domains=services.normalise_domains(form.cleaned_data["domains"]),
            )
        except ValidationError as error:
            form.add_error("domains" if "domain" in str(error) else None, error)
        else:
            messages.success(request, f"{organisation.short_name} is saved.")
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/edit.html", {"organisation": organisation, "form": form})
