"""How often one person, or one connection, may do something costly: a fixed window per limit.

Each limit counts attempts in fixed windows (the window's number is part of the cache key) with
the cache's ``incr``, and each counter expires when its window ends, whatever the cache backend.
Signed-in people are counted by their account, everyone else by the client's address. Keys are
hashes made with the site's secret key, so no address or account id is stored in the cache.

The client's address is the one django-allauth's sign-in limits use (``REMOTE_ADDR`` unless
``ALLAUTH_TRUSTED_PROXY_COUNT`` or ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER`` says how to read it behind
a proxy). Behind a reverse proxy, set one of those, or every visitor shares the proxy's address
and its limits. See docs/security.md.

The sign-in, sign-up and password-reset limits are django-allauth's (``ACCOUNT_RATE_LIMITS`` in
config/settings/base.py); the alert sign-up limits are in civictalent/alerts/ratelimit.py.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from ninja.throttling import BaseThrottle

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])

# The time now, in seconds; tests fix it so a window cannot end half way through one.
clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class Limit:
    """At most ``amount`` attempts at ``action`` per ``window_seconds``, for one person."""

    action: str
    amount: int
    window_seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    retry_after_seconds: int


# Checking an advert is cheap, but each check reads a document or runs every rule: a person
# applying suggestions one by one checks again each time.
HEALTH_CHECKS = Limit("health-check", amount=60, window_seconds=10 * 60)
# Every upload is read, parsed and written: a council imports a few files an hour, not dozens.
UPLOADS = Limit("upload", amount=30, window_seconds=60 * 60)
# The API: anonymous clients by address, signed-in people by account.
API_ANONYMOUS = Limit("api-anonymous", amount=60, window_seconds=60)
API_SIGNED_IN = Limit("api-signed-in", amount=300, window_seconds=60)
# A council's own system calling with an API token: counted per token.
API_TOKEN = Limit("api-token", amount=120, window_seconds=60)


def window_of(limit: Limit, now: float) -> int:
    return int(now // limit.window_seconds)


def seconds_until_next_window(limit: Limit, now: float) -> int:
    """Whole seconds until the current window ends (at least 1)."""
    end = (window_of(limit, now) + 1) * limit.window_seconds
    return max(1, math.ceil(end - now))


def cache_key(limit: Limit, identity: str, now: float) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{limit.action}:{identity}".encode()).hexdigest()
    return f"ratelimit:{limit.action}:{window_of(limit, now)}:{digest[:32]}"


def amount_of(limit: Limit) -> int:
    """The limit's amount, or the one ``CIVICTALENT_RATE_LIMITS`` sets for its action (a test
    that must send many requests, such as the API fuzzer, raises it there)."""
    overrides: dict[str, int] = getattr(settings, "CIVICTALENT_RATE_LIMITS", {})
    return int(overrides.get(limit.action, limit.amount))


def hit(limit: Limit, identity: str, *, now: float | None = None) -> Decision:
    """Count one attempt by ``identity``; the decision says whether it is within the limit."""
    moment = clock() if now is None else now
    key = cache_key(limit, identity, moment)
    # The counter lives until its window ends (and a minute more, for clocks that differ). Some
    # caches' incr (Django's database cache: get, then set with the default 300 s) reset the
    # expiry, so it is set again after each count: without that, a day's limit would hold only
    # while the attacker kept hitting it at least every five minutes.
    timeout = seconds_until_next_window(limit, moment) + 60
    cache.add(key, 0, timeout=timeout)
    try:
        count = int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=timeout)
        count = 1
    cache.touch(key, timeout=timeout)
    return Decision(
        allowed=count <= amount_of(limit),
        count=count,
        retry_after_seconds=seconds_until_next_window(limit, moment),
    )


def client_address(request: HttpRequest) -> str:
    """The client's address, read as the sign-in limits read it."""
    from allauth.account.adapter import get_adapter

    try:
        return str(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ImproperlyConfigured):
        return str(request.META.get("REMOTE_ADDR") or "unknown")


def identity_of(request: HttpRequest) -> str:
    """Whom to count: the account when signed in, else the client's address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_address(request)}"


def retry_after_in_words(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    if minutes <= 1:
        return "1 minute"
    if minutes < 120:
        return f"{minutes} minutes"
    hours = math.ceil(minutes / 60)
    return f"{hours} hours"


def too_many_requests(request: HttpRequest, retry_after_seconds: int | None = None) -> HttpResponse:
    """Our 429 page: what happened and when to try again, with a Retry-After header."""
    response = render(
        request,
        "429.html",
        {
            "retry_after_words": retry_after_in_words(retry_after_seconds)
            if retry_after_seconds
            else ""
        },
        status=429,
    )
    if retry_after_seconds:
        response["Retry-After"] = str(retry_after_seconds)
    return response


def limit_posts(limit: Limit) -> Callable[[ViewFunc], ViewFunc]:
    """Count each POST to the view against ``limit``; answer 429 once it is used up.

    Put it below the access-rule decorator, so people who may not use the view are turned away
    before they are counted."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST":
                decision = hit(limit, identity_of(request))
                if not decision.allowed:
                    return too_many_requests(request, decision.retry_after_seconds)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


class ApiThrottle(BaseThrottle):
    """django-ninja throttle on our fixed windows: per API token when a request carries one, per
    account when signed in, else per address.

    (ninja's own throttles read X-Forwarded-For, which any client can set.)"""

    def __init__(
        self,
        *,
        anonymous: Limit = API_ANONYMOUS,
        signed_in: Limit = API_SIGNED_IN,
        token: Limit = API_TOKEN,
    ):
        self.anonymous = anonymous
        self.signed_in = signed_in
        self.token = token
        self._last = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        # A request the API authenticated with a token (api/auth.py) is counted per token.
        token_identity = getattr(getattr(request, "auth", None), "rate_limit_identity", None)
        identity = token_identity or identity_of(request)
        if token_identity:
            limit = self.token
        elif identity.startswith("user:"):
            limit = self.signed_in
        else:
            limit = self.anonymous
        decision = hit(limit, identity)
        self._last.retry_after = decision.retry_after_seconds
        return decision.allowed

    def wait(self) -> float | None:
        return getattr(self._last, "retry_after", None)
