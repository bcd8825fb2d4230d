"""Every view says who may use it: ``public``, ``signed_in`` or ``permission``.

The permission walker (tests/test_permission_walker.py) fails the build if a
view of ours declares none. The rules themselves live in each app's ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
ObjectGetter = Callable[..., Any]

# Views we did not write, and why they need no rule of ours.
THIRD_PARTY_VIEW_MODULES = {
    "allauth.": "django-allauth guards its own pages (sign-in, sign-up, MFA, email, password).",
    "django.contrib.admin.": "The admin site admits only active platform admins (see core.admin).",
    "django.views.static": "Serves static files in development only.",
    "django.contrib.staticfiles.": "Serves static files in development only.",
    "ninja.": "API operations declare their auth in civictalent/api; tests/test_api checks them.",
}


@dataclass(frozen=True)
class AccessRule:
    who: str
    permission: str | None = None
    requires_sign_in: bool = False


def access_rule_of(view: Callable[..., Any]) -> AccessRule | None:
    rule = getattr(view, "access_rule", None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, "access_rule", None)
    return rule


def public(view: ViewFunc) -> ViewFunc:
    """Anyone may use this view, signed in or not."""
    view.access_rule = AccessRule(who="anyone")  # type: ignore[attr-defined]
    return view


def signed_in(view: ViewFunc) -> ViewFunc:
    """Anyone who is signed in may use this view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access_rule = AccessRule(who="signed-in people", requires_sign_in=True)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def permission(name: str, *, on: ObjectGetter | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Only people the rule ``name`` allows (on the object ``on(request, **kwargs)`` returns)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = on(request, **kwargs) if on else None
            if not request.user.has_perm(name, target):
                raise PermissionDenied(f"You do not have permission to do this ({name}).")
            return view(request, *args, **kwargs)

        wrapper.access_rule = AccessRule(  # type: ignore[attr-defined]
            who=f"people allowed {name}", permission=name, requires_sign_in=True
        )
        return wrapper  # type: ignore[return-value]

    return decorator
