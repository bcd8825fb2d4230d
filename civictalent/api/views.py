"""A council's API tokens: list, make (the secret shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civictalent.api.forms import TokenForm
from civictalent.api.models import ApiToken
from civictalent.api.services import api_token_create, api_token_revoke
from civictalent.core.permissions import permission
from civictalent.organisations.views import organisation_from_slug


@permission("api.manage_tokens", on=organisation_from_slug)
@require_GET
def token_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    tokens = ApiToken.objects.filter(organisation=organisation).select_related(
        "created_by", "revoked_by"
    )
    return render(
        request, "api/tokens.html", {"organisation": organisation, "tokens": list(tokens)}
    )


@permission("api.manage_tokens", on=organisation_from_slug)
@require_http_methods(["GET", "POST"])
@never_cache
def token_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_token_create(
                organisation=organisation,
                created_by=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown in this response only, never stored: no redirect that could show it again.
            return render(
                request,
                "api/token_created.html",
                {"organisation": organisation, "token": token, "secret": secret},
            )
    return render(request, "api/token_new.html", {"organisation": organisation, "form": form})


@permission("api.manage_tokens", on=organisation_from_slug)
@require_POST
def token_revoke(request: HttpRequest, slug: str, token_id: int) -> HttpResponse:
    organisation = organisation_from_slug(request, slug)
    token = get_object_or_404(ApiToken, pk=token_id, organisation=organisation)
    api_token_revoke(token=token, revoked_by=request.user)
    messages.success(request, f"The token {token.name!r} no longer works.")
    return redirect("api_tokens:list", slug=organisation.slug)
