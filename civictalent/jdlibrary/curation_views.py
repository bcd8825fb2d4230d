"""Curating the library: mark and unmark exemplars (platform admins), compare JDs (everyone
signed in, over what they may see)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.forms import GovukFormMixin
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.permissions import permission, signed_in
from civictalent.jdlibrary import (
    curation,
    curation_rules,  # noqa: F401 - registers "jdlibrary.curate"
    selectors,
)
from civictalent.jdlibrary.models import JDStatus, JobDescription, Visibility

CHOOSER_RESULTS = 20


def jd_from_pk(request: HttpRequest, pk: int, **_: object) -> JobDescription:
    return get_object_or_404(JobDescription.objects.select_related("organisation"), pk=pk)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


class ExemplarForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is this a good example?",
        help_text="Councils see this next to the exemplar badge. Say what to copy from it, in at "
        f"least {curation.MIN_REASON_CHARACTERS} characters.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say why this job description is a good example."},
    )


@permission("jdlibrary.curate", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def mark_exemplar(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    form = ExemplarForm(request.POST or None, initial={"reason": jd.exemplar_reason})
    if request.method == "POST" and form.is_valid():
        try:
            curation.jd_mark_exemplar(jd=jd, by=_user(request), reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request, f"{jd.title} is now an exemplar. It comes first in the library."
            )
            return redirect("jdlibrary:detail", pk=jd.pk)
    return render(
        request,
        "jdlibrary/curation_mark_exemplar.html",
        {
            "jd": jd,
            "form": form,
            "shared": jd.status == JDStatus.PUBLISHED and jd.visibility == Visibility.MEMBERS,
        },
    )


@permission("jdlibrary.curate", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def unmark_exemplar(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    if request.method == "POST":
        curation.jd_unmark_exemplar(jd=jd, by=_user(request))
        messages.success(request, f"{jd.title} is no longer an exemplar.")
        return redirect("jdlibrary:detail", pk=jd.pk)
    return render(request, "jdlibrary/curation_unmark_exemplar.html", {"jd": jd})


def _requested_ids(values: list[str]) -> tuple[list[int], int]:
    """The distinct whole numbers asked for, in order, and how many values were not numbers."""
    ids: list[int] = []
    malformed = 0
    for value in values:
        number = parse_bounded_int(value)
        if number is None:
            malformed += 1
            continue
        if number not in ids:
            ids.append(number)
    return ids, malformed


def _starting_point(user: User, value: str) -> JobDescription | None:
    """The JD a comparison starts from (``?from=``, as linked from a JD's page), if visible."""
    number = parse_bounded_int(value)
    if number is None:
        return None
    return selectors.visible_job_descriptions(user).filter(pk=number).first()


@signed_in
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    requested, malformed = _requested_ids(request.GET.getlist("jd"))
    query = request.GET.get("q", "").strip()[:200]
    # The Search button sends action=search: the person is finding JDs to tick, not comparing
    # yet, so what they have ticked so far stays ticked and is not judged.
    searching = request.GET.get("action") == "search"
    errors: list[str] = []
    chosen: list[JobDescription] = []
    comparison = None
    if searching and requested:
        kept = selectors.visible_job_descriptions(user).filter(pk__in=requested).in_bulk()
        chosen = [kept[pk] for pk in requested if pk in kept]
    elif len(requested) > curation.MAX_COMPARED:
        errors.append(
            f"You can compare up to {curation.MAX_COMPARED} job descriptions at once; you chose "
            f"{len(requested)}. Untick some and compare again."
        )
    elif requested or malformed:
        found = (
            selectors.visible_job_descriptions(user)
            .filter(pk__in=requested)
            .prefetch_related("sections")
            .in_bulk()
        )
        chosen = [found[pk] for pk in requested if pk in found]
        hidden = len(requested) - len(chosen) + malformed
        if hidden:
            messages.info(
                request,
                f"We left out {hidden} of the job descriptions you asked for: "
                f"{'it is' if hidden == 1 else 'they are'} not in the library or not shared "
                "with you.",
            )
        if len(chosen) < curation.MIN_COMPARED:
            errors.append(
                f"Choose at least {curation.MIN_COMPARED} job descriptions to compare; you "
                f"chose {len(chosen)}{' that you can see' if hidden else ''}. Search below and "
                "tick two or three."
            )
        else:
            comparison = curation.jd_comparison(chosen)
    starting_from = None
    if not requested and not malformed and not searching:
        starting_from = _starting_point(user, request.GET.get("from", ""))
        if starting_from is not None:
            chosen = [starting_from]
    filters = selectors.LibraryFilters(query=query)
    if starting_from is not None and starting_from.role_level_id and not query:
        # People usually compare JDs for the same role level: offer those first.
        filters.role_level = starting_from.role_level_id
    candidates = list(selectors.library(user, filters)[:CHOOSER_RESULTS])
    chosen_ids = {jd.pk for jd in chosen}
    choices = chosen + [jd for jd in candidates if jd.pk not in chosen_ids]
    return render(
        request,
        "jdlibrary/curation_compare.html",
        {
            "comparison": comparison,
            "errors": errors,
            "choices": choices,
            "chosen_ids": chosen_ids,
            "query": query,
            "starting_from": starting_from,
            "not_checked": curation.HEALTH_NOT_CHECKED,
        },
    )
