"""Council admins and platform admins must use an authenticator app before doing anything else."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from civictalent.core.predicates import council_roles

# Pages an admin without MFA can still reach: setting MFA up, signing out, static files, health.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz")


def must_use_mfa(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_platform_admin", False):
        return True
    return "admin" in council_roles(user).values()


class RequireAdminMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.REQUIRE_ADMIN_MFA
            and not request.path.startswith(ALLOWED_PREFIXES)
            and must_use_mfa(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                "Your role lets you change other people's access, so your account needs "
                "two-factor authentication. Set up an authenticator app to continue.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
