"""Sign-up limits per address and per client, counted in the Django cache.

Counters live in fixed windows (the window's number is part of the key) and are increased with
the cache's ``incr``, which is atomic on the shared caches we run in production (and on the
in-process cache used in tests). Keys are hashes of the address or IP address with the site's
secret key: nothing personal is stored, in the cache or in the database.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

SIGNUPS_PER_ADDRESS_PER_DAY = 5
SIGNUPS_PER_CLIENT_PER_HOUR = 20


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window_seconds: int
    message: str


PER_ADDRESS = Limit(
    "address",
    SIGNUPS_PER_ADDRESS_PER_DAY,
    24 * 3600,
    "This email address has asked for too many alerts today. Check your email for the links "
    "we sent, or try again tomorrow.",
)
PER_CLIENT = Limit(
    "client",
    SIGNUPS_PER_CLIENT_PER_HOUR,
    3600,
    "There have been too many sign-ups from your connection in the last hour. Try again later.",
)


def _key(limit: Limit, value: str, now: float) -> str:
    window = int(now // limit.window_seconds)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{limit.scope}:{value}".encode()).hexdigest()
    return f"alerts:signup:{limit.scope}:{window}:{digest[:32]}"


def hit(limit: Limit, value: str, *, now: float | None = None) -> bool:
    """Count one attempt; False when it is over the limit."""
    key = _key(limit, value, time.time() if now is None else now)
    cache.add(key, 0, timeout=limit.window_seconds + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=limit.window_seconds + 60)
        count = 1
    return count <= limit.limit


def signup_allowed(*, email: str, client: str) -> str | None:
    """Count a sign-up attempt by address and by client. Returns the message to show when
    either is over its limit, or None."""
    client_ok = hit(PER_CLIENT, client or "unknown")
    address_ok = hit(PER_ADDRESS, email.lower())
    if not client_ok:
        return PER_CLIENT.message
    if not address_ok:
        return PER_ADDRESS.message
    return None


def client_of(request: HttpRequest) -> str:
    """The client's address, read as the sign-in limits read it (allauth's adapter, set by
    ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER behind a proxy)."""
    from allauth.account.adapter import get_adapter

    try:
        return str(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ImproperlyConfigured):
        return "unknown"
