from __future__ import annotations

import re
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import permission, public
from civictalent.core.ratelimit import HEALTH_CHECKS, limit_posts
from civictalent.documents import DocumentRejected
from civictalent.healthcheck import presentation, selectors, services
from civictalent.healthcheck.engine import CheckTooSlow, Report, apply_suggestion, check
from civictalent.healthcheck.forms import CheckForm
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.views import jd_from_pk
from civictalent.organisations.models import Organisation

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _report_context(report: Report, text: str) -> dict[str, Any]:
    findings = presentation.numbered(report)
    return {
        "report": report,
        "pieces": presentation.pieces(text, findings),
        "groups": presentation.by_category(report, findings),
        "document_findings": [f for f in findings if not f.has_span],
        "severity_labels": presentation.SEVERITY_LABELS,
        "severity_tags": presentation.SEVERITY_TAGS,
    }


@public
@limit_posts(HEALTH_CHECKS)
@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    """Paste or upload an advert, see its score and findings, apply suggestions, check again."""
    form = CheckForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        facts = None
        upload = form.cleaned_data["document"]
        if upload:
            try:
                read = services.read_for_check(upload.read(), upload.name)
            except DocumentRejected as error:
                form.add_error("document", error.message)
                return render(request, "healthcheck/checker.html", context)
            text, facts = read.text, read.facts
        previous = parse_bounded_int(request.POST.get("previous_score"), maximum=100)
        action = presentation.parse_action(request.POST.get("apply", ""))
        if action is not None:
            try:
                text = apply_suggestion(text, *action)
            except ValueError as error:
                messages.error(request, str(error))
        try:
            report = check(text, facts)
        except CheckTooSlow as error:
            form.add_error("document" if upload else "text", error.message)
            return render(request, "healthcheck/checker.html", context)
        if action is not None and previous is not None:
            messages.success(
                request, f"Suggestion applied. The score went from {previous} to {report.score}."
            )
        form = CheckForm(initial={"text": text})
        context.update(form=form, checked=True, **_report_context(report, text))
    return render(request, "healthcheck/checker.html", context)


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def jd_report(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    report, checked = services.jd_report(jd)
    return render(
        request,
        "healthcheck/jd_report.html",
        {
            "jd": jd,
            "can_edit": request.user.has_perm("jdlibrary.edit_jd", jd),
            **_report_context(report, checked.text),
        },
    )


@permission("jdlibrary.edit_jd", on=jd_from_pk)
@require_http_methods(["POST"])
def jd_apply(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    action = presentation.parse_action(request.POST.get("apply", ""))
    before = jd.health_score
    if action is None:
        messages.error(request, "Choose a suggestion to apply.")
        return redirect("healthcheck:jd_report", pk=jd.pk)
    try:
        jd = services.jd_apply_suggestion(
            jd=jd, author=cast(User, request.user), rule=action[0], start=action[1], end=action[2]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        jd.refresh_from_db(fields=["health_score", "version"])
        messages.success(
            request,
            f"Suggestion applied as version {jd.version}. "
            f"The score went from {before} to {jd.health_score}.",
        )
    return redirect("healthcheck:jd_report", pk=jd.pk)


def organisation_from_pk(request: HttpRequest, pk: int, **_: object) -> Organisation:
    return get_object_or_404(Organisation, pk=pk)


@permission("healthcheck.view_council_scores", on=organisation_from_pk)
@require_GET
def council_scores(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from_pk(request, pk)
    return render(
        request,
        "healthcheck/council_scores.html",
        {
            "organisation": organisation,
            "months": selectors.monthly_scores(organisation),
            "job_descriptions": selectors.council_job_descriptions(organisation),
            "summary": selectors.council_summary(organisation),
        },
    )


@permission("healthcheck.rescore_library")
@require_http_methods(["GET", "POST"])
def rescore(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.rescore_start(requested_by=cast(User, request.user))
        messages.success(
            request, "Re-scoring has started in the background. Refresh this page to follow it."
        )
        return redirect("healthcheck:rescore")
    return render(
        request,
        "healthcheck/rescore.html",
        {
            "rules_version": services.rules_version(),
            "stale": services.stale_job_descriptions().count(),
            "total": JobDescription.objects.count(),
            "runs": selectors.recent_rescore_runs(),
        },
    )


@cached_for_anonymous
@public
@require_GET
def scoring(request: HttpRequest) -> HttpResponse:
    """How the score is worked out, from the numbers the engine uses (so it cannot drift)."""
    from civictalent.healthcheck.engine import CATEGORIES, rules
    from civictalent.healthcheck.engine import scoring as engine_scoring

    rule_set = rules()
    return render(
        request,
        "healthcheck/scoring.html",
        {
            "categories": [
                {
                    "label": label,
                    "weight": engine_scoring.CATEGORY_WEIGHTS[key],
                    "rules": [
                        {
                            "id": rule.id,
                            "severity": rule.severity,
                            "message": PLACEHOLDER.sub("…", rule.message),
                            "source": rule.source,
                        }
                        for rule in rule_set.rules
                        if rule.category == key
                    ],
                }
                for key, label in CATEGORIES
            ],
            "points": engine_scoring.SEVERITY_POINTS,
            "per_rule": engine_scoring.COUNTED_PER_RULE,
            "floor": engine_scoring.CATEGORY_FLOOR,
            "no_pay_cap": engine_scoring.NO_PAY_CAP,
            "no_text_cap": engine_scoring.NO_TEXT_LAYER_CAP,
            "severity_labels": presentation.SEVERITY_LABELS,
        },
    )
