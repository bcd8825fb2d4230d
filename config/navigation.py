"""The service's navigation: the one place that knows every part of the platform by name.

It lives in the project package, beside the URLs that join the apps, so no app has to know the
others to draw the header (see docs/decisions/0010-app-layers-and-pure-modules.md).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def navigation_items(request: HttpRequest) -> list[dict[str, Any]]:
    """The parts of the service, in GOV.UK Frontend's service navigation. Short enough to fit
    one line at 1280 pixels for every role (tests/test_browser_dashboard.py): the person's own
    links (their account, signing in and out, platform admin) are in the header instead, and
    what to do next is on the dashboard."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    items: list[dict[str, Any]] = [
        {"text": "Dashboard", "href": reverse("core:dashboard")}
        if signed_in
        else {"text": "Home", "href": reverse("core:home")},
        {"text": "Jobs", "href": reverse("jobs:board")},
    ]
    if signed_in:
        items.append({"text": "Job descriptions", "href": reverse("jdlibrary:library")})
        items.append({"text": "Salaries", "href": reverse("salaries:overview")})
    items += [
        {"text": "Health check", "href": reverse("healthcheck:checker")},
        {"text": "Framework", "href": reverse("framework:overview")},
        {"text": "Councils", "href": reverse("organisations:list")},
    ]
    return _marked(items, request.path)


def account_items(request: HttpRequest) -> list[dict[str, Any]]:
    """The person's own links, at the right of the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        items = [
            {"text": "Sign in", "href": reverse("account_login")},
            {"text": "Create an account", "href": reverse("account_signup")},
        ]
    else:
        items = [{"text": "Your account", "href": reverse("accounts:profile")}]
        if user.is_platform_admin:
            items.insert(0, {"text": "Platform admin", "href": reverse("core:platform")})
        items.append({"text": "Sign out", "href": reverse("account_logout")})
    return _marked(items, request.path)


def _marked(items: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    """Each item marked current (its own page) or active (a page within it)."""
    for item in items:
        href = item["href"]
        item["current"] = path == href
        item["active"] = not item["current"] and href != "/" and path.startswith(href)
    return items


def service_navigation(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_navigation": navigation_items(request),
        "account_navigation": account_items(request),
    }
