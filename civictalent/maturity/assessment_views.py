"""Pages of maturity models and councils' self-assessments (the URLs are in assessment_urls.py).

Who may do what is in rules.py; a platform admin reading a council's assessments who is not one
of its members is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civictalent.core.numbers import parse_bounded_int
from civictalent.core.permissions import permission, public
from civictalent.maturity import assessment_selectors as selectors
from civictalent.maturity import assessment_services as services
from civictalent.maturity.assessment_forms import InviteForm, SettleForm, StartForm, TopicForm
from civictalent.maturity.models import Assessment, MaturityModel, Question
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import council_roles
from civictalent.organisations.services import council_private_view_record
from civictalent.organisations.views import organisation_from_slug


def assessment_from_pk(request: HttpRequest, pk: int, **_: object) -> Assessment:
    cached: Assessment | None = getattr(request, "_maturity_assessment", None)
    if cached is None or cached.pk != pk:
        try:
            cached = selectors.assessment_for_page(pk)
        except Assessment.DoesNotExist:
            raise Http404("No such assessment.") from None
        request._maturity_assessment = cached  # type: ignore[attr-defined]
    return cached


# --- Maturity models (public) ----------------------------------------------------------------


@public
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    roles = council_roles(request.user)
    councils = list(Organisation.objects.filter(pk__in=roles).order_by("name")) if roles else []
    return render(
        request,
        "maturity/assessments/overview.html",
        {"models": selectors.maturity_models_listed(), "councils": councils},
    )


@public
@require_GET
def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        model, topics, levels = selectors.maturity_model_detail(slug)
    except MaturityModel.DoesNotExist:
        raise Http404("No such maturity model.") from None
    return render(
        request,
        "maturity/assessments/model.html",
        {"model": model, "topics": topics, "levels": levels},
    )


# --- A council's assessments -----------------------------------------------------------------


@permission("maturity.view_council", on=organisation_from_slug)
@require_GET
def council(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    council_private_view_record(
        request=request,
        organisation=organisation,
        what=f"the maturity assessments of {organisation.short_name}",
    )
    return render(
        request,
        "maturity/assessments/council.html",
        {
            "organisation": organisation,
            "assessments": selectors.council_assessments(organisation),
            "can_start": request.user.has_perm("maturity.start_assessment", organisation),
        },
    )


@permission("maturity.start_assessment", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    default = services.default_model()  # loads the starter model if there is none
    form = StartForm(request.POST or None, initial={"model": default.pk})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                organisation=organisation,
                name=form.cleaned_data["name"],
                model=form.cleaned_data["model"],
                started_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{assessment.name} has started. Invite the people who will answer it."
            )
            return redirect("maturity:assessment", pk=assessment.pk)
    return render(
        request, "maturity/assessments/start.html", {"organisation": organisation, "form": form}
    )


# --- One assessment --------------------------------------------------------------------------


@permission("maturity.view_assessment", on=assessment_from_pk)
@require_GET
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    council_private_view_record(
        request=request,
        organisation=found.organisation,
        what=f"the assessment {found.name} of {found.organisation.short_name}",
    )
    can_manage = request.user.has_perm("maturity.manage_assessment", found)
    context: dict[str, Any] = {
        "assessment": found,
        "can_answer": request.user.has_perm("maturity.answer", found),
        "can_manage": can_manage,
    }
    if found.is_open:
        context["topics"] = selectors.topics_progress(found, request.user)
        if can_manage:
            context["contributors"] = selectors.contributors_progress(found)
            context["disagreements"] = len(
                [d for d in selectors.disagreements_of(found) if d.settlement is None]
            )
    else:
        context["scores"] = found.scores.select_related("topic", "theme").order_by("kind", "pk")
    return render(request, "maturity/assessments/assessment.html", context)


@permission("maturity.manage_assessment", on=assessment_from_pk)
@require_http_methods(["GET", "POST"])
def contributors(request: HttpRequest, pk: int) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    members = selectors.members_to_invite(found)
    form = InviteForm(request.POST if "invite" in request.POST else None, members=members)
    if "remove" in request.POST:
        chosen_pk = parse_bounded_int(request.POST.get("remove"))
        contributor = get_object_or_404(found.contributors, pk=chosen_pk or 0)
        name = contributor.user.name
        try:
            services.assessment_contributor_remove(contributor=contributor, removed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{name} is no longer a contributor; their answers are removed."
            )
        return redirect("maturity:contributors", pk=found.pk)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.assessment_contributors_invite(
                assessment=found, users=form.chosen(), invited_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Invited {len(invited)}: we have emailed them a link.")
            return redirect("maturity:contributors", pk=found.pk)
    return render(
        request,
        "maturity/assessments/contributors.html",
        {
            "assessment": found,
            "form": form,
            "members": members,
            "contributors": selectors.contributors_progress(found),
        },
    )


@permission("maturity.answer", on=assessment_from_pk)
@require_http_methods(["GET", "POST"])
def topic(request: HttpRequest, pk: int, topic_slug: str) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    try:
        current, rows, levels, following = selectors.topic_page(found, topic_slug, request.user)
    except StopIteration:
        raise Http404("No such topic in this assessment.") from None
    form = TopicForm(request.POST or None, rows=rows, levels=levels)
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_answers_save(assessment=found, user=request.user, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "continue" in request.POST and following is not None:
                return redirect("maturity:topic", pk=found.pk, topic_slug=following.slug)
            messages.success(request, f"Your answers to {current.name} are saved.")
            return redirect("maturity:assessment", pk=found.pk)
    return render(
        request,
        "maturity/assessments/topic.html",
        {"assessment": found, "topic": current, "form": form, "following": following},
    )


@permission("maturity.manage_assessment", on=assessment_from_pk)
@require_GET
def disagreements(request: HttpRequest, pk: int) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    return _disagreements_page(request, found)


def _disagreements_page(
    request: HttpRequest, found: Assessment, failed: SettleForm | None = None, failed_pk: int = 0
) -> HttpResponse:
    levels = list(found.model.levels.order_by("number"))
    items = []
    for item in selectors.disagreements_of(found):
        if failed is not None and item.question.pk == failed_pk:
            form = failed
        else:
            initial = (
                {"level": item.settlement.level, "reason": item.settlement.reason}
                if (item.settlement)
                else None
            )
            form = SettleForm(prefix=f"s{item.question.pk}", levels=levels, initial=initial)
        items.append((item, form))
    return render(
        request,
        "maturity/assessments/disagreements.html",
        {"assessment": found, "items": items, "levels": {lv.number: lv.name for lv in levels}},
    )


@permission("maturity.manage_assessment", on=assessment_from_pk)
@require_POST
def settle(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    question = get_object_or_404(Question, pk=question_pk, model_id=found.model_id)
    levels = list(found.model.levels.order_by("number"))
    form = SettleForm(request.POST, prefix=f"s{question.pk}", levels=levels)
    if form.is_valid():
        try:
            services.settlement_record(
                assessment=found,
                question=question,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
                settled_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Question {question.text} is settled.")
            return redirect("maturity:disagreements", pk=found.pk)
    return _disagreements_page(request, found, failed=form, failed_pk=question.pk)


@permission("maturity.manage_assessment", on=assessment_from_pk)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = assessment_from_pk(request, pk)
    readiness = selectors.readiness_of(found)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            services.assessment_submit(assessment=found, submitted_by=request.user)
        except ValidationError as error:
            errors = [("#readiness", message) for message in error.messages]
        else:
            messages.success(request, f"{found.name} is submitted. Its results are saved.")
            return redirect("maturity:assessment", pk=found.pk)
    return render(
        request,
        "maturity/assessments/submit.html",
        {"assessment": found, "readiness": readiness, "errors": errors},
    )
