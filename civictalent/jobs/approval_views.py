"""Approval pages: the queue of adverts waiting for approval (each approver sees their own
councils'; LOTI's moderators see every council's), the spot checks of what councils published
themselves, and a council's choice of who approves its adverts. Thin: the work is in
services/approval.py and the transitions table."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civictalent.accounts.models import User
from civictalent.core.permissions import permission
from civictalent.jobs import approval, refusals, services
from civictalent.jobs.approval_forms import ApprovalForm, WithdrawForm
from civictalent.jobs.forms import add_service_errors
from civictalent.jobs.manage_views import council_from_slug, vacancy_from_pk
from civictalent.jobs.models import ApprovalRoute, CouncilJobsSettings, VacancyStatus
from civictalent.organisations.models import Membership, Organisation, Role
from civictalent.organisations.predicates import organisations_publishing

QUEUE_LIMIT = 200
SPOT_CHECK_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@permission("jobs.view_approvals", refusal=refusals.approval_queue)
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    """Adverts waiting for approval, oldest first: a moderator's are every council's, anyone
    else's those of the councils whose adverts they approve."""
    user = _user(request)
    mine = None if user.is_platform_admin else organisations_publishing(user)
    waiting = list(approval.waiting_for_approval(mine)[:QUEUE_LIMIT])
    councils = (
        []
        if mine is None
        else list(Organisation.objects.filter(pk__in=mine).order_by("short_name"))
    )
    routes = approval.approval_routes(
        {vacancy.organisation_id for vacancy in waiting} | {council.pk for council in councils}
    )
    rows = [
        (vacancy, routes[vacancy.organisation_id] == ApprovalRoute.COUNCIL) for vacancy in waiting
    ]
    return render(
        request,
        "jobs/manage/moderation.html",
        {
            "rows": rows,
            "waiting_count": len(waiting),
            "is_moderator": user.is_platform_admin,
            "approves_any": any(own for _, own in rows),
            "councils": [
                (council, routes[council.pk] == ApprovalRoute.COUNCIL) for council in councils
            ],
            "spot_checks_due": approval.spot_checks_due().count() if user.is_platform_admin else 0,
        },
    )


@permission("jobs.moderate", refusal=refusals.moderating)
@require_GET
def spot_checks(request: HttpRequest) -> HttpResponse:
    """What councils published themselves and no platform admin has checked, newest first."""
    page = Paginator(approval.spot_checks_due(), SPOT_CHECK_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "jobs/manage/spot_checks.html",
        {
            "page": page,
            "waiting_count": approval.waiting_for_approval().count(),
        },
    )


@permission("jobs.moderate", refusal=refusals.moderating)
@require_POST
def vacancy_spot_check(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    try:
        services.vacancy_spot_check_confirm(vacancy=found, moderator=_user(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"{found.title} ({found.organisation.short_name}) is checked: it looks right."
        )
    return redirect("jobs:spot_checks")


@permission("jobs.moderate", refusal=refusals.moderating)
@require_http_methods(["GET", "POST"])
def vacancy_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_withdraw(
                vacancy=found, moderator=_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{found.title} is off the jobs board and returned to "
                f"{found.organisation.name} with your reason.",
            )
            return redirect("jobs:spot_checks")
    return render(
        request,
        "jobs/manage/vacancy_withdraw.html",
        {"vacancy": found, "form": form, "published": found.status == VacancyStatus.PUBLISHED},
    )


@permission("jobs.manage_approval", on=council_from_slug, refusal=refusals.approval_settings)
@require_http_methods(["GET", "POST"])
def council_approval(request: HttpRequest, slug: str) -> HttpResponse:
    """Who approves the council's adverts, and its named publishers."""
    council = council_from_slug(request, slug)
    user = _user(request)
    current = CouncilJobsSettings.objects.filter(organisation=council).first()
    route = current.approval_route if current else ApprovalRoute.LOTI
    locked = bool(current and current.approval_locked)
    may_lock = user.has_perm("jobs.lock_approval", council)
    memberships = list(
        Membership.objects.filter(organisation=council)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    members = [membership for membership in memberships if membership.role != Role.ADMIN]
    form = ApprovalForm(
        request.POST if request.method == "POST" else None,
        initial={
            "approval_route": route,
            "approval_locked": locked,
            "publishers": [str(member.pk) for member in members if member.is_publisher],
        },
        members=members,
        may_choose_route=may_lock or not locked,
        may_lock=may_lock,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _approval_save(form, council=council, user=user, may_lock=may_lock)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved how {council.short_name}'s adverts are approved.")
            return redirect("jobs:council_approval", slug=council.slug)
    return render(
        request,
        "jobs/manage/council_approval.html",
        {
            "council": council,
            "form": form,
            "route": route,
            "approved_by": services.APPROVED_BY[ApprovalRoute(route)],
            "locked": locked,
            "may_lock": may_lock,
            "admins": [membership for membership in memberships if membership.role == Role.ADMIN],
        },
    )


def _approval_save(form: ApprovalForm, *, council: Organisation, user: User, may_lock: bool) -> Any:
    """The route (when the form offered it) and the publishers, together or not at all."""
    with transaction.atomic():
        if "approval_route" in form.fields:
            services.council_approval_update(
                organisation=council,
                actor=user,
                route=form.cleaned_data["approval_route"],
                locked=form.cleaned_data["approval_locked"] if may_lock else None,
            )
        if "publishers" in form.fields:
            services.council_publishers_update(
                organisation=council, actor=user, publishers=form.chosen_publishers()
            )
