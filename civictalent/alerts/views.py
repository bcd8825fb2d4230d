"""Alert pages: subscribe (public), and pages reached by signed links from our emails."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from civictalent.alerts import links, ratelimit, services
from civictalent.alerts.forms import (
    FeedbackCommentForm,
    FrequencyForm,
    SubscribeForm,
    UnsubscribeForm,
)
from civictalent.alerts.links import BadLinkError, LinkTarget
from civictalent.alerts.models import AlertSubscription
from civictalent.core.permissions import public
from civictalent.jobs.criteria import criteria_from_query, criteria_from_query_string
from civictalent.jobs.criteria_words import describe

ANSWERS = {"yes": True, "no": False}


def _bad_link(request: HttpRequest, error: BadLinkError) -> HttpResponse:
    return render(request, "alerts/bad_link.html", {"message": error.message}, status=error.status)


def _resolve(request: HttpRequest, token: str, purpose: str) -> LinkTarget | HttpResponse:
    try:
        return links.resolve(token, purpose)
    except BadLinkError as error:
        return _bad_link(request, error)


def _search_context(subscription: AlertSubscription) -> dict[str, Any]:
    return {
        "subscription": subscription,
        "search": describe(criteria_from_query_string(subscription.query_string)),
        "board_url": links.board_path(subscription.query_string),
    }


@public
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Ask for email alerts for the search in this page's query string."""
    criteria = criteria_from_query(dict(request.GET.lists()))
    query_string = criteria.to_query_string(include_sort=False)
    form = SubscribeForm(request.POST or None)
    context: dict[str, Any] = {
        "form": form,
        "search": describe(criteria),
        "problems": criteria.problems,
        "board_url": links.board_path(query_string),
        "action": f"{reverse('alerts:subscribe')}?{query_string}"
        if query_string
        else reverse("alerts:subscribe"),
    }
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        limited = ratelimit.signup_allowed(email=email, client=ratelimit.client_of(request))
        if limited:
            form.add_error(None, limited)
            return render(request, "alerts/subscribe.html", context, status=429)
        try:
            services.subscription_request(
                email=email, criteria=criteria, frequency=form.cleaned_data["frequency"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "alerts/check_email.html", {**context, "email": email})
    return render(request, "alerts/subscribe.html", context)


@public
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email. A button confirms, so a mail scanner that follows
    links cannot confirm an alert nobody asked for."""
    target = _resolve(request, token, links.CONFIRM)
    if isinstance(target, HttpResponse):
        return target
    subscription = target.subscription
    context = {**_search_context(subscription), "token": token}
    if subscription.unsubscribed_at is not None:
        return render(request, "alerts/unsubscribed.html", context)
    if request.method == "POST" and subscription.verified_at is None:
        services.subscription_confirm(subscription=subscription)
        return render(
            request,
            "alerts/confirmed.html",
            {**context, "manage_url": links.manage_path(subscription)},
        )
    if subscription.verified_at is not None:
        return render(
            request,
            "alerts/confirmed.html",
            {**context, "already": True, "manage_url": links.manage_path(subscription)},
        )
    return render(request, "alerts/confirm.html", context)


@public
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Change how often, or unsubscribe (with an optional reason)."""
    target = _resolve(request, token, links.MANAGE)
    if isinstance(target, HttpResponse):
        return target
    subscription = target.subscription
    action = request.POST.get("action", "") if request.method == "POST" else ""
    frequency_form = FrequencyForm(
        request.POST if action == "frequency" else None,
        initial={"frequency": subscription.frequency},
    )
    unsubscribe_form = UnsubscribeForm(
        request.POST if action in {"unsubscribe", "reason"} else None
    )
    if action == "frequency" and frequency_form.is_valid():
        try:
            services.subscription_change_frequency(
                subscription=subscription, frequency=frequency_form.cleaned_data["frequency"]
            )
        except ValidationError as error:
            frequency_form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You will now get {subscription.get_frequency_display().lower()} emails.",
            )
            return redirect(request.path)
    if action in {"unsubscribe", "reason"} and unsubscribe_form.is_valid():
        services.subscription_unsubscribe(
            subscription=subscription,
            reason=unsubscribe_form.cleaned_data["reason"],
            comment=unsubscribe_form.cleaned_data["comment"],
        )
        if action == "reason":
            messages.success(request, "Thank you for telling us.")
        return redirect(request.path)
    errored = frequency_form if frequency_form.errors else unsubscribe_form
    return render(
        request,
        "alerts/manage.html",
        {
            **_search_context(subscription),
            "frequency_form": frequency_form,
            "unsubscribe_form": unsubscribe_form,
            "errored_form": errored,
        },
    )


@public
@csrf_exempt  # authenticated by the link's signature; mail providers POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe: POST stops the alert (as mail providers do from the
    List-Unsubscribe-Post header); GET asks first, so a link scanner cannot unsubscribe."""
    target = _resolve(request, token, links.UNSUBSCRIBE)
    if isinstance(target, HttpResponse):
        return target
    subscription = target.subscription
    context = {**_search_context(subscription), "token": token}
    if request.method == "POST":
        services.subscription_unsubscribe(subscription=subscription)
    if subscription.unsubscribed_at is not None:
        return render(
            request,
            "alerts/unsubscribed.html",
            {
                **context,
                "manage_path": links.manage_path(subscription),
                "reason_form": UnsubscribeForm(),
            },
        )
    return render(request, "alerts/unsubscribe.html", context)


@public
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    """'Were these jobs relevant?' from a digest: the click records the answer, and the page
    offers a box for a comment."""
    if answer not in ANSWERS:
        return _bad_link(request, BadLinkError("This link is not valid.", status=404))
    target = _resolve(request, token, links.FEEDBACK)
    if isinstance(target, HttpResponse):
        return target
    if target.run_id is None:
        return _bad_link(request, BadLinkError("This link is not valid."))
    form = FeedbackCommentForm(request.POST or None)
    comment = None
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "alerts/feedback.html", {"form": form, "relevant": ANSWERS[answer]}
            )
        comment = form.cleaned_data["comment"]
    try:
        services.feedback_record(
            subscription=target.subscription,
            run_id=target.run_id,
            relevant=ANSWERS[answer],
            comment=comment,
        )
    except ValidationError as error:
        return render(
            request, "alerts/bad_link.html", {"message": " ".join(error.messages)}, status=404
        )
    return render(
        request,
        "alerts/feedback.html",
        {
            "form": FeedbackCommentForm() if comment is None else None,
            "relevant": ANSWERS[answer],
            "thanked": comment is not None,
        },
    )
