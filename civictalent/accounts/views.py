from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts import erasure
from civictalent.accounts.forms import DisplayNameForm
from civictalent.accounts.models import User
from civictalent.accounts.personal_data import personal_data_zip
from civictalent.core.audit import audit_record
from civictalent.core.permissions import public, signed_in
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


@signed_in
@require_GET
@never_cache
def download_data(request: HttpRequest) -> HttpResponse:
    """Everything we hold about the signed-in person, as a zip of JSON files."""
    user: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    content = personal_data_zip(user, service=settings.SERVICE_NAME, made_at=now)
    audit_record(
        actor=user,
        action="personal_data.downloaded",
        target=user,
        summary=f"{user} downloaded a copy of their personal data",
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="civic-talent-your-data-{now:%Y-%m-%d}.zip"'
    )
    return response


@signed_in
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Ask, then delete the signed-in person's account. Deleting needs a recent sign-in: allauth
    asks for the password (or a two-factor code) first and then carries on with the deletion."""
    user: User = request.user  # type: ignore[assignment]
    errors: list[str] = []
    if request.method == "POST":
        try:
            erasure.account_delete(user=user)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            logout(request)
            return redirect("accounts:deleted")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "errors": errors,
            "reasons": errors or erasure.reasons_account_cannot_be_deleted(user),
        },
    )


@public
@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_deleted.html")
