"""The second factor, enforced on every page whatever route the session signed in by.

Two rules, checked on every request from a signed-in person:

1. Someone with an authenticator app whose session has not used it (signed in by a route that
   asked for the password alone) reaches nothing until they type a code: only the code page,
   signing out, static files and the health endpoint answer.
2. Council admins and platform admins without an app must set one up before anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from civictalent.accounts.second_factor import has_authenticator_app, session_used_second_factor
from civictalent.organisations.predicates import council_roles

# Pages an admin without an app can still reach: setting one up, signing out, static files.
# (Monitors reach /healthz without a session; a signed-in admin there would see its detail.)
ALLOWED_PREFIXES = ("/accounts/", "/static/")
# Pages a session that owes a code can reach: the code page, signing out, static files.
ALLOWED_BEFORE_THE_CODE = (
    "/accounts/2fa/reauthenticate/",
    "/accounts/logout/",
    "/static/",
)


def must_use_mfa(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_platform_admin", False):
        return True
    return "admin" in council_roles(user).values()


def _with_next(url: str, request: HttpRequest) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class RequireAdminMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or session_used_second_factor(request):
            return self.get_response(request)
        if has_authenticator_app(user):
            if request.path.startswith(ALLOWED_BEFORE_THE_CODE):
                return self.get_response(request)
            messages.info(
                request,
                "Enter the code from your authenticator app to continue. This sign-in has not "
                "used it yet.",
            )
            return redirect(_with_next(reverse("mfa_reauthenticate"), request))
        if (
            settings.REQUIRE_ADMIN_MFA
            and not request.path.startswith(ALLOWED_PREFIXES)
            and must_use_mfa(user)
        ):
            messages.warning(
                request,
                "Your role lets you change other people's access, so your account needs "
                "two-factor authentication. Set up an authenticator app to continue.",
            )
            return redirect(_with_next(reverse("mfa_activate_totp"), request))
        return self.get_response(request)
