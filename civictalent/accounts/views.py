from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.forms import DisplayNameForm
from civictalent.core.permissions import signed_in
from civictalent.organisations import selectors as organisation_selectors


@signed_in
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": organisation_selectors.memberships_of_user(user),  # type: ignore[arg-type]
            "join_requests": organisation_selectors.join_requests_of_user(user),  # type: ignore[arg-type]
            "has_authenticator": Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists(),
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def edit_name(request: HttpRequest) -> HttpResponse:
    form = DisplayNameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your name is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/edit_name.html", {"form": form})
