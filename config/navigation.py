"""The service's navigation: the one place that knows every part of the platform by name.

It lives in the project package, beside the URLs that join the apps, so no app has to know the
others to draw the header (see docs/decisions/0010-app-layers-and-pure-modules.md).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from civictalent.organisations.predicates import organisations_where


def navigation_items(request: HttpRequest) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {"text": "Home", "href": reverse("core:home")},
        {"text": "Jobs", "href": reverse("jobs:board")},
        {"text": "Councils", "href": reverse("organisations:list")},
        {"text": "Capability framework", "href": reverse("framework:overview")},
        {"text": "Health check", "href": reverse("healthcheck:checker")},
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items.append({"text": "Job descriptions", "href": reverse("jdlibrary:library")})
        items.append({"text": "Salaries", "href": reverse("salaries:overview")})
        if user.is_platform_admin or organisations_where(user):
            items.append({"text": "Your vacancies", "href": reverse("jobs:my_vacancies")})
        items.append({"text": "Your account", "href": reverse("accounts:profile")})
        if user.is_platform_admin:
            items.append({"text": "Platform admin", "href": reverse("core:platform")})
        items.append({"text": "Sign out", "href": reverse("account_logout")})
    else:
        items.append({"text": "Sign in", "href": reverse("account_login")})
        items.append({"text": "Create an account", "href": reverse("account_signup")})
    path = request.path
    for item in items:
        href = item["href"]
        item["current"] = path == href
        item["active"] = not item["current"] and href != "/" and path.startswith(href)
    return items


def service_navigation(request: HttpRequest) -> dict[str, Any]:
    return {"service_navigation": navigation_items(request)}
