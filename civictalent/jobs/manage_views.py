"""Vacancy pages: the public page and its apply link, writing and checking a vacancy, moderation,
closing and extending, the library offer, a council's vacancy list and its insight."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.permissions import permission, public, signed_in
from civictalent.core.richtext import sanitise_html, with_govuk_classes
from civictalent.healthcheck.engine import CheckTooSlow
from civictalent.healthcheck.presentation import (
    SEVERITY_LABELS,
    SEVERITY_TAGS,
    by_category,
    numbered,
    pieces,
    unfinished_check_message,
)
from civictalent.jobs import approval, insight, refusals, services
from civictalent.jobs.board_links import SEARCH_PARAMETER, back_to_board
from civictalent.jobs.forms import (
    ExtendForm,
    LibraryOfferForm,
    RejectForm,
    VacancyForm,
    add_service_errors,
    initial_from_jd,
)
from civictalent.jobs.models import LibraryOffer, Vacancy, VacancyStatus
from civictalent.jobs.structured_data import job_posting, json_ld, posting_of
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import (
    council_roles,
    organisations_publishing,
    organisations_where,
)

LIST_PAGE_SIZE = 50


def vacancy_from_pk(request: HttpRequest, pk: int, **_: object) -> Vacancy:
    return get_object_or_404(
        Vacancy.objects.select_related("organisation", "role_level__role", "family"), pk=pk
    )


def council_from_slug(request: HttpRequest, slug: str, **_: object) -> Organisation:
    """The council of the URL, read once per request (the permission check asks first)."""
    found = getattr(request, "_jobs_council", None)
    if not isinstance(found, Organisation) or found.slug != slug:
        found = get_object_or_404(Organisation, slug=slug)
        setattr(request, "_jobs_council", found)  # noqa: B010 - not a declared attribute
    return found


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _posted(request: HttpRequest) -> Any:
    """The POST data, even when empty (an empty form must show its errors, not reappear)."""
    return request.POST if request.method == "POST" else None


def _description(vacancy: Vacancy) -> str:
    # Sanitised when saved, and again here: a row written some other way (a data fix, a restore)
    # still cannot put script on a public page. nh3 takes microseconds.
    safe = sanitise_html(vacancy.description_html)
    return mark_safe(with_govuk_classes(safe, heading_offset=1))  # noqa: S308


def _may(request: HttpRequest, name: str, target: Any = None) -> bool:
    return bool(request.user.has_perm(name, target))


# --------------------------------------------------------------------------------------------
# The public page


@public
@require_GET
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    if found.status == VacancyStatus.ARCHIVED:
        return render(request, "jobs/vacancy_gone.html", {"vacancy": found}, status=410)
    if not _may(request, "jobs.read_vacancy", found):
        raise Http404("No such vacancy.")
    if (
        request.method == "GET"
        and found.status == VacancyStatus.PUBLISHED
        and not insight.is_probably_robot(request.headers.get("User-Agent", ""))
    ):
        services.vacancy_count(vacancy=found, what="views")
    url = settings.SITE_URL + reverse("jobs:vacancy", kwargs={"pk": found.pk})
    is_public = found.status in {VacancyStatus.PUBLISHED, VacancyStatus.CLOSED}
    return render(
        request,
        "jobs/vacancy.html",
        {
            "vacancy": found,
            "description": _description(found),
            "json_ld": mark_safe(json_ld(job_posting(posting_of(found, url=url))))  # noqa: S308 - escaped by json_ld
            if is_public
            else "",
            "can_edit": _may(request, "jobs.edit_vacancy", found),
            "can_see_council": _may(request, "jobs.view_council_vacancies", found.organisation),
            "canonical_url": url,
            "back_url": back_to_board(request.GET.get(SEARCH_PARAMETER), vacancy_pk=found.pk),
            "came_from_search": SEARCH_PARAMETER in request.GET,
        },
    )


@public
@require_GET
def vacancy_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Count an apply click, then send the person to the council's recruitment site."""
    found = vacancy_from_pk(request, pk)
    if found.status != VacancyStatus.PUBLISHED or not found.apply_url:
        if found.status in {VacancyStatus.PUBLISHED, VacancyStatus.CLOSED}:
            messages.info(request, "This vacancy is closed: applications are no longer taken.")
            return redirect("jobs:vacancy", pk=found.pk)
        raise Http404("No such vacancy.")
    if request.method == "GET" and not insight.is_probably_robot(
        request.headers.get("User-Agent", "")
    ):
        services.vacancy_count(vacancy=found, what="apply_clicks")
    # apply_url was checked to be https when saved; never a URL from the request.
    return HttpResponseRedirect(found.apply_url)


# --------------------------------------------------------------------------------------------
# Writing


def _councils_for(user: User) -> Any:
    if user.is_platform_admin:
        return Organisation.objects.filter(is_active=True).order_by("name")
    return Organisation.objects.filter(pk__in=organisations_where(user)).order_by("name")


@permission("jobs.create_vacancy")
@require_http_methods(["GET", "POST"])
def vacancy_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    councils = _councils_for(user)
    initial: dict[str, Any] = {}
    source_jd = None
    from_jd = parse_bounded_int(request.GET.get("from_jd") or request.POST.get("from_jd"))
    if from_jd is not None:
        from civictalent.jdlibrary.models import JobDescription

        source_jd = (
            JobDescription.objects.select_related("organisation")
            .prefetch_related("sections")
            .filter(pk=from_jd)
            .first()
        )
        if source_jd is None or not user.has_perm("jdlibrary.view_jd", source_jd):
            raise Http404("No such job description.")
        initial = initial_from_jd(source_jd)
        if not councils.filter(pk=source_jd.organisation_id).exists():
            initial.pop("organisation", None)
    form = VacancyForm(_posted(request), initial=initial, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.vacancy_create(
                organisation=form.cleaned_data["organisation"],
                author=user,
                fields=form.to_fields(),
                source_job_description=source_jd,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your draft is saved. Check it, then send it to be published."
            )
            return redirect("jobs:vacancy_draft", pk=created.pk)
    return render(
        request,
        "jobs/manage/vacancy_form.html",
        {"form": form, "vacancy": None, "source_jd": source_jd},
    )


@permission("jobs.edit_vacancy", on=vacancy_from_pk)
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    if found.status not in services.EDITABLE_STATUSES:
        messages.info(
            request,
            f"This vacancy is {found.get_status_display().lower()}, so it cannot be changed.",
        )
        return redirect("jobs:vacancy_draft", pk=found.pk)
    form = VacancyForm(
        _posted(request), initial=VacancyForm.initial_from(services.fields_of(found))
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=found, author=_user(request), fields=form.to_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("jobs:vacancy_draft", pk=found.pk)
    return render(request, "jobs/manage/vacancy_form.html", {"form": form, "vacancy": found})


def _health_report_context(found: Vacancy) -> dict[str, Any]:
    """The vacancy's health check report for the page, or why there is none: a check that runs
    out of time (CheckTooSlow) leaves the rest of the page to show."""
    try:
        report = services.vacancy_health_report(found)
    except CheckTooSlow:
        return {
            "report": None,
            "unfinished": unfinished_check_message(
                "this advert",
                "Take out long runs of repeated characters or text that is not part of the "
                "advert, then check it again.",
            ),
        }
    text, _ = services.vacancy_checked_text(found)
    findings = numbered(report)
    return {
        "report": report,
        "pieces": pieces(text, findings),
        "groups": by_category(report, findings),
        "severity_labels": SEVERITY_LABELS,
        "severity_tags": SEVERITY_TAGS,
    }


@permission("jobs.view_council_vacancies", on=vacancy_from_pk)
@require_GET
def vacancy_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's view of a vacancy: its status, what publishing still needs, its health
    check and what can be done next."""
    found = vacancy_from_pk(request, pk)
    editable = found.status in services.EDITABLE_STATUSES
    can_approve = _may(request, "jobs.publish_vacancy", found)
    return render(
        request,
        "jobs/manage/vacancy_draft.html",
        {
            "vacancy": found,
            "description": _description(found),
            "problems": services.publish_problems(found)
            if found.status in {"draft", "rejected", "submitted"}
            else {},
            **_health_report_context(found),
            "apply_mode": "",
            "can_edit": editable and _may(request, "jobs.edit_vacancy", found),
            "can_act": _may(request, "jobs.edit_vacancy", found),
            "can_publish": can_approve,
            # Whoever may publish it may also return it with what to change.
            "can_moderate": can_approve,
            "closed_by_time": services.closed_by_time(found),
            "approvers": services.approvers_of(found),
        },
    )


# --------------------------------------------------------------------------------------------
# Moderation


@permission("jobs.edit_vacancy", on=vacancy_from_pk)
@require_http_methods(["GET", "POST"])
def vacancy_submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    problems = services.publish_problems(found)
    can_publish = _may(request, "jobs.publish_vacancy", found)
    if request.method == "POST":
        try:
            outcome = services.vacancy_submit(vacancy=found, author=_user(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("jobs:vacancy_draft", pk=found.pk)
        messages.success(
            request,
            "Sent for approval. We will email you when it is published or if it needs changes.",
        )
        if outcome.can_publish_directly:
            messages.info(request, "You approve your council's adverts, so you can publish it now.")
        return redirect("jobs:vacancy_draft", pk=found.pk)
    return render(
        request,
        "jobs/manage/vacancy_submit.html",
        {
            "vacancy": found,
            "problems": problems,
            "can_publish": can_publish,
            "approvers": services.approvers_of(found),
        },
    )


@permission("jobs.publish_vacancy", on=vacancy_from_pk, refusal=refusals.approving_vacancy)
@require_http_methods(["GET", "POST"])
def vacancy_publish(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    if request.method == "POST":
        try:
            services.vacancy_publish(vacancy=found, actor=_user(request))
        except PermissionDenied:
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("jobs:vacancy_draft", pk=found.pk)
        messages.success(request, f"{found.title} is published on the jobs board.")
        if found.status == VacancyStatus.SUBMITTED and _may(request, "jobs.view_approvals"):
            return redirect("jobs:moderation")
        return redirect("jobs:vacancy", pk=found.pk)
    return render(
        request,
        "jobs/manage/vacancy_publish.html",
        {"vacancy": found, "problems": services.publish_problems(found)},
    )


@permission("jobs.publish_vacancy", on=vacancy_from_pk, refusal=refusals.approving_vacancy)
@require_http_methods(["GET", "POST"])
def vacancy_reject(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    form = RejectForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_reject(
                vacancy=found, moderator=_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{found.title} is returned to {found.organisation.name}.")
            return redirect("jobs:moderation")
    return render(request, "jobs/manage/vacancy_reject.html", {"vacancy": found, "form": form})


# --------------------------------------------------------------------------------------------
# Closing, extending and the library offer


@permission("jobs.edit_vacancy", on=vacancy_from_pk)
@require_http_methods(["GET", "POST"])
def vacancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    if request.method == "POST":
        try:
            services.vacancy_close(vacancy=found, actor=_user(request), reason="Closed early")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"{found.title} is closed and off the jobs board.")
        return redirect("jobs:vacancy_draft", pk=found.pk)
    return render(request, "jobs/manage/vacancy_close.html", {"vacancy": found})


@permission("jobs.edit_vacancy", on=vacancy_from_pk)
@require_http_methods(["GET", "POST"])
def vacancy_extend(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    form = ExtendForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_extend(
                vacancy=found, author=_user(request), closes_at=form.cleaned_data["closes_at"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{found.title} now closes on "
                f"{timezone.localtime(form.cleaned_data['closes_at']):%-d %B %Y at %H:%M}.",
            )
            return redirect("jobs:vacancy_draft", pk=found.pk)
    return render(
        request,
        "jobs/manage/vacancy_extend.html",
        {
            "vacancy": found,
            "form": form,
            "reopens": found.status == VacancyStatus.CLOSED,
            "can_extend": found.status == VacancyStatus.PUBLISHED
            or (found.status == VacancyStatus.CLOSED and services.closed_by_time(found)),
        },
    )


@permission("jobs.edit_vacancy", on=vacancy_from_pk)
@require_http_methods(["GET", "POST"])
def vacancy_library(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_from_pk(request, pk)
    form = LibraryOfferForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        add = form.cleaned_data["decision"] == "add"
        try:
            decided = services.vacancy_offer_decide(vacancy=found, actor=_user(request), add=add)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decided.library_job_description_id:
                messages.success(
                    request,
                    "The job description is in the library as a draft. Check it, then publish "
                    "it to share it.",
                )
                return redirect("jdlibrary:review", pk=decided.library_job_description_id)
            messages.success(request, "The job description will not be added to the library.")
            return redirect("jobs:vacancy_draft", pk=found.pk)
    return render(
        request,
        "jobs/manage/vacancy_library.html",
        {"vacancy": found, "form": form, "offered": found.library_offer == LibraryOffer.OFFERED},
    )


# --------------------------------------------------------------------------------------------
# A council's vacancies and insight


@signed_in
@require_GET
def my_vacancies(request: HttpRequest) -> HttpResponse:
    """Where an editor starts: their councils' vacancy lists, and the moderation queue."""
    user = _user(request)
    member_of = list(Organisation.objects.filter(pk__in=list(council_roles(user))).order_by("name"))
    can_approve = _may(request, "jobs.view_approvals")
    if len(member_of) == 1 and not user.is_platform_admin:
        return redirect("jobs:council_vacancies", slug=member_of[0].slug)
    return render(
        request,
        "jobs/manage/my_vacancies.html",
        {
            "councils": member_of,
            "can_create": _may(request, "jobs.create_vacancy"),
            "can_moderate": can_approve,
            "waiting": approval.waiting_for_approval(
                None if user.is_platform_admin else organisations_publishing(user)
            ).count()
            if can_approve
            else 0,
        },
    )


STATUS_ORDER = (
    VacancyStatus.REJECTED,
    VacancyStatus.DRAFT,
    VacancyStatus.SUBMITTED,
    VacancyStatus.PUBLISHED,
    VacancyStatus.CLOSED,
    VacancyStatus.ARCHIVED,
)


@permission("jobs.view_council_vacancies", on=council_from_slug)
@require_GET
def council_vacancies(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_from_slug(request, slug)
    status = request.GET.get("status", "")
    if status not in VacancyStatus.values:
        status = ""
    counts = dict(
        Vacancy.objects.filter(organisation=council)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    found = (
        Vacancy.objects.filter(organisation=council)
        .only(
            "pk",
            "title",
            "status",
            "closes_at",
            "published_at",
            "updated_at",
            "rejection_reason",
            "library_offer",
            "health_score",
            "organisation_id",
        )
        .order_by("-updated_at", "-pk")
    )
    found = found.filter(status=status) if status else found.exclude(status=VacancyStatus.ARCHIVED)
    page = Paginator(found, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/manage/council_vacancies.html",
        {
            "council": council,
            "page": page,
            "status": status,
            "tabs": [
                (value, VacancyStatus(value).label, counts.get(value, 0)) for value in STATUS_ORDER
            ],
            "total": sum(count for value, count in counts.items() if value != "archived"),
            "offers": Vacancy.objects.filter(
                organisation=council, library_offer=LibraryOffer.OFFERED
            ).count(),
            "can_create": _may(request, "jobs.edit_vacancy", council),
            "can_import": _may(request, "jobs.import_vacancies", council),
            "can_manage_settings": _may(request, "jobs.manage_settings", council),
            "can_manage_approval": _may(request, "jobs.manage_approval", council),
        },
    )


@permission("jobs.view_council_vacancies", on=council_from_slug)
@require_GET
def council_insight(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_from_slug(request, slug)
    months = insight.council_months(council, today=timezone.localdate())
    views, clicks = insight.council_totals(council)
    page = Paginator(insight.vacancies_with_counts(council), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "jobs/manage/insight.html",
        {
            "council": council,
            "months": months,
            "chart": mark_safe(  # noqa: S308 - built from numbers and escaped labels
                insight.months_chart(
                    months, title=f"Views and apply clicks by month for {council.short_name}"
                )
            ),
            "total_views": views,
            "total_clicks": clicks,
            "rate": insight.click_rate(views, clicks),
            "page": page,
            "rows": [
                (item, insight.click_rate(item.total_views, item.total_apply_clicks))  # type: ignore[attr-defined]
                for item in page
            ],
        },
    )
