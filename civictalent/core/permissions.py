"""Every view says who may use it: ``public``, ``signed_in`` or ``permission``.

The permission walker (tests/test_permission_walker.py) fails the build if a
view of ours declares none. The rules themselves live in each app's ``rules.py``.

A refusal says what the person can do instead: ``permission(..., refusal=...)`` names a function
that words it for the person and the page's object, as a :class:`Refusal`, which the 403 page
shows. Without one (or when it returns None) the 403 page gives its general words.
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


class Refusal(PermissionDenied):
    """A refusal written for the person: what they cannot do (``title``), why and what they can
    do instead (``instead``), and where to go to do it (``link_text`` and ``link_href``).

    Word it only from what the person may already know: never name another council's data."""

    def __init__(
        self, title: str, *, instead: str = "", link_text: str = "", link_href: str = ""
    ) -> None:
        super().__init__(title)
        self.title = title
        self.instead = instead
        self.link_text = link_text
        self.link_href = link_href


# Words a refusal for this person and the page's object, or None for the general words.
RefusalWording = Callable[[HttpRequest, Any], Refusal | None]

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


def permission(
    name: str, *, on: ObjectGetter | None = None, refusal: RefusalWording | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """Only people the rule ``name`` allows (on the object ``on(request, **kwargs)`` returns);
    anyone else gets ``refusal(request, object)`` when it words one."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = on(request, **kwargs) if on else None
            if not request.user.has_perm(name, target):
                worded = refusal(request, target) if refusal else None
                if worded is not None:
                    raise worded
                raise PermissionDenied(f"You do not have permission to do this ({name}).")
            return view(request, *args, **kwargs)

        wrapper.access_rule = AccessRule(  # type: ignore[attr-defined]
            who=f"people allowed {name}", permission=name, requires_sign_in=True
        )
        return wrapper  # type: ignore[return-value]

    return decorator
