"""Suggestions on a job description: anyone who can see it proposes an improvement on its own
page; the owning council's editors accept or decline it (a POST from the JD's page)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from civictalent.accounts.models import User
from civictalent.core.forms import GovukFormMixin
from civictalent.core.permissions import permission
from civictalent.jdlibrary.models import JDSuggestion, JobDescription
from civictalent.jdlibrary.suggestions import (
    MAX_RESPONSE_CHARACTERS,
    MAX_SUGGESTION_CHARACTERS,
    MIN_SUGGESTION_CHARACTERS,
    suggestion_create,
    suggestion_resolve,
    suggestions_for,
)


def jd_from_pk(request: HttpRequest, pk: int, **_: object) -> JobDescription:
    return get_object_or_404(JobDescription.objects.select_related("organisation"), pk=pk)


def suggestion_from_pk(request: HttpRequest, pk: int, **_: object) -> JDSuggestion:
    return get_object_or_404(
        JDSuggestion.objects.select_related("job_description__organisation", "author"), pk=pk
    )


def jd_of_suggestion(request: HttpRequest, pk: int, **_: object) -> JobDescription:
    return suggestion_from_pk(request, pk).job_description


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _suggestions_url(jd: JobDescription, suggestion: JDSuggestion | None = None) -> str:
    anchor = f"suggestion-{suggestion.pk}" if suggestion else "suggestions"
    return reverse("jdlibrary:detail", args=[jd.pk]) + "#" + anchor


class SuggestionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="What should change, and why?",
        help_text="Say which part of the job description to improve and how. The council's "
        "editors will read it and accept or decline it; everyone who can see this job "
        "description sees your suggestion and your name.",
        max_length=MAX_SUGGESTION_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write your suggestion.",
            "max_length": f"Keep your suggestion to {MAX_SUGGESTION_CHARACTERS:,} characters or "
            "fewer. Make one suggestion at a time.",
        },
    )


class ResolveForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose accept or decline.",
            "invalid_choice": "Choose accept or decline.",
        },
    )
    response = forms.CharField(
        label="Response (optional)",
        help_text="The person who suggested it is emailed your decision and this response.",
        required=False,
        max_length=MAX_RESPONSE_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Keep your response to {MAX_RESPONSE_CHARACTERS:,} characters or fewer."
        },
    )


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = suggestion_create(
                jd=jd, author=_user(request), text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                f"Thank you. We sent your suggestion to the editors at "
                f"{jd.organisation.short_name}; we will email you when they decide.",
            )
            return redirect(_suggestions_url(jd, suggestion))
    return render(
        request,
        "jdlibrary/suggestion_create.html",
        {
            "jd": jd,
            "form": form,
            "suggestions": suggestions_for(jd),
            "can_edit": request.user.has_perm("jdlibrary.edit_jd", jd),
            "min_characters": MIN_SUGGESTION_CHARACTERS,
        },
    )


@permission("jdlibrary.edit_jd", on=jd_of_suggestion)
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = suggestion_from_pk(request, pk)
    jd = suggestion.job_description
    form = ResolveForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            suggestion = suggestion_resolve(
                suggestion=suggestion,
                by=_user(request),
                accept=accept,
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_suggestions_url(jd, suggestion))
        told = (
            f" We emailed {suggestion.author.name}."
            if suggestion.author and suggestion.author.pk != request.user.pk
            else ""
        )
        messages.success(request, f"Suggestion {'accepted' if accept else 'declined'}.{told}")
        return redirect(_suggestions_url(jd, suggestion))
    # Errors are shown on a page of their own, with what the editor typed.
    return render(
        request,
        "jdlibrary/suggestion_resolve.html",
        {"jd": jd, "suggestion": suggestion, "form": form},
    )
