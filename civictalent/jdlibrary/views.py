from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.paging import CountedPaginator
from civictalent.core.permissions import permission, signed_in
from civictalent.core.ratelimit import UPLOADS, limit_posts
from civictalent.documents import DocumentRejected
from civictalent.healthcheck.engine import CheckTooSlow
from civictalent.healthcheck.presentation import unfinished_check_message
from civictalent.jdlibrary import bulk, curation, health_selectors, selectors, services
from civictalent.jdlibrary.forms import EDITED_KINDS, ContributeForm, PublishForm, ReviewForm
from civictalent.jdlibrary.models import SECTION_LABELS, JobDescription, Licence
from civictalent.jdlibrary.suggestions import suggestions_for


def jd_from_pk(request: HttpRequest, pk: int, **_: object) -> JobDescription:
    return get_object_or_404(
        JobDescription.objects.select_related("organisation", "role_level__role"), pk=pk
    )


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def jd_check_unfinished_message() -> str:
    """Shown in place of a JD's health check when the check ran out of time (CheckTooSlow)."""
    return unfinished_check_message(
        "this job description",
        "Its score is the one from its last finished check. Take out long runs of repeated "
        "characters or text that is not part of the job description, then save it to check it "
        "again.",
    )


@signed_in
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters = selectors.LibraryFilters(
        query=get.get("q", "").strip()[:200],
        council=parse_bounded_int(get.get("council")),
        family=parse_bounded_int(get.get("family")),
        role_level=parse_bounded_int(get.get("role_level")),
        contract=get.get("contract", ""),
        salary_band=get.get("salary", ""),
        exemplars_only=get.get("exemplars") == "1",
        published_within_days=parse_bounded_int(get.get("published"))
        if get.get("published") in selectors.PUBLISHED_WITHIN
        else None,
        sort=get.get("sort", "relevance") if get.get("sort") in selectors.SORTS else "relevance",
    )
    found = selectors.library_with_counts(_user(request), filters)
    page = CountedPaginator(found.results, 20, count=found.total).get_page(get.get("page"))
    return render(
        request,
        "jdlibrary/library.html",
        {
            "page": page,
            "filters": filters,
            "facets": found.facets,
            "salary_bands": [(key, band[0]) for key, band in selectors.SALARY_BANDS.items()],
            "published_options": selectors.PUBLISHED_WITHIN,
            "sorts": selectors.SORTS,
            "can_contribute": request.user.has_perm("jdlibrary.contribute"),
        },
    )


@permission("jdlibrary.contribute")
@limit_posts(UPLOADS)
@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest) -> HttpResponse:
    councils = selectors.councils_user_edits_for(_user(request))
    form = ContributeForm(request.POST or None, request.FILES or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            if upload:
                jd = bulk.jd_create_from_document(
                    organisation=form.cleaned_data["organisation"],
                    author=_user(request),
                    data=upload.read(),
                    filename=upload.name,
                    pay_text=form.cleaned_data["pay_text"],
                )
            else:
                jd = bulk.jd_create_from_text(
                    organisation=form.cleaned_data["organisation"],
                    author=_user(request),
                    text=form.cleaned_data["text"],
                    pay_text=form.cleaned_data["pay_text"],
                )
        except DocumentRejected as error:
            form.add_error("document" if upload else "text", error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            for duplicate in curation.near_duplicates_of_jd(jd=jd, user=_user(request)):
                messages.warning(request, f"{duplicate.message} Check you are not adding a copy.")
            messages.success(
                request,
                "We read your job description. Check each field, correct anything we got wrong, "
                "then save.",
            )
            return redirect("jdlibrary:review", pk=jd.pk)
    return render(request, "jdlibrary/contribute.html", {"form": form})


def _sections_by_kind(jd: JobDescription) -> dict[str, str]:
    """One text per kind for the review form. When a kind has several sections (criteria by
    group: "Engaging people - Essential"), each keeps its heading as a "### " subheading, so
    saving the form does not lose them."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for section in jd.sections.all():
        kind = section.kind if section.kind in EDITED_KINDS else "other"
        grouped.setdefault(kind, []).append((section.heading, section.text))
    texts: dict[str, str] = {}
    for kind, parts in grouped.items():
        several = len(parts) > 1
        texts[kind] = "\n\n".join(
            f"### {heading}\n\n{text}"
            if several and heading and heading != SECTION_LABELS[kind]
            else text
            for heading, text in parts
        )
    return texts


@permission("jdlibrary.edit_jd", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    form = ReviewForm(request.POST or None, instance=jd, sections=_sections_by_kind(jd))
    if request.method == "POST" and form.is_valid():
        sections = [
            services.SectionInput(kind, SECTION_LABELS[kind], text)
            for kind, text in form.section_texts().items()
        ]
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.jd_update(jd=jd, author=_user(request), sections=sections, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved.")
            return redirect("jdlibrary:detail", pk=jd.pk)
    try:
        report, _ = health_selectors.jd_health_report(jd)
    except CheckTooSlow:
        return render(
            request,
            "jdlibrary/review.html",
            {"jd": jd, "form": form, "health": None, "unfinished": jd_check_unfinished_message()},
        )
    return render(request, "jdlibrary/review.html", {"jd": jd, "form": form, "health": report})


@permission("jdlibrary.edit_jd", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    initial = {
        "visibility": jd.visibility,
        "licence": jd.licence or Licence.OGL,  # the open licence, unless they chose another
        "consent": bool(jd.sharing_consent_at),
    }
    form = PublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notes = services.jd_publish(
                jd=jd,
                author=_user(request),
                visibility=form.cleaned_data["visibility"],
                licence=form.cleaned_data["licence"],
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, " ".join(["Published.", *notes]))
            return redirect("jdlibrary:detail", pk=jd.pk)
    return render(request, "jdlibrary/publish.html", {"jd": jd, "form": form})


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    return render(
        request,
        "jdlibrary/detail.html",
        {
            "jd": jd,
            "sections": jd.sections.all(),
            "versions": jd.versions.select_related("author")[:10],
            "can_edit": request.user.has_perm("jdlibrary.edit_jd", jd),
            "can_copy": request.user.has_perm("jdlibrary.contribute"),
            "suggestions": suggestions_for(jd),
            "alternatives": selectors.alternatives(jd, _user(request))[:10],
            "alternatives_count": selectors.alternatives(jd, _user(request)).count(),
            "can_curate": request.user.has_perm("jdlibrary.curate"),
        },
    )
