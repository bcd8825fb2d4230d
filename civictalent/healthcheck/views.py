from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.core.numbers import parse_bounded_int
from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import public
from civictalent.core.ratelimit import HEALTH_CHECKS, limit_posts
from civictalent.documents import DocumentRejected
from civictalent.healthcheck import presentation, services
from civictalent.healthcheck.engine import CheckTooSlow, apply_suggestion, check
from civictalent.healthcheck.forms import CheckForm

PLACEHOLDER = re.compile(r"\{(\w+)\}")


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
        before_text, applied = text, False
        if action is not None:
            try:
                text = apply_suggestion(text, *action)
                applied = True
            except ValueError as error:
                messages.error(request, str(error))
        try:
            report = check(text, facts)
        except CheckTooSlow as error:
            form.add_error("document" if upload else "text", error.message)
            return render(request, "healthcheck/checker.html", context)
        if applied and action is not None and previous is not None:
            # said in the summary at the top, which has the focus, rather than in a banner
            context["score_change"] = presentation.score_change(
                before_text, text, action[1], action[2], previous, report.score
            )
        form = CheckForm(initial={"text": text})
        context.update(form=form, checked=True, **presentation.report_context(report, text))
    return render(request, "healthcheck/checker.html", context)


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
                            "source_url": rule.source_url,
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
