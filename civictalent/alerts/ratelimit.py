"""Sign-up limits for job alerts, per address and per client, on the platform's fixed windows.

The counting is civictalent/core/ratelimit.py's: fixed windows in the Django cache, keys hashed
with the site's secret key, so nothing personal is stored. Here are only the two limits and what
a person is told when one is used up.
"""

from __future__ import annotations

from django.http import HttpRequest

from civictalent.core import ratelimit

SIGNUPS_PER_ADDRESS_PER_DAY = 5
SIGNUPS_PER_CLIENT_PER_HOUR = 20

PER_ADDRESS = ratelimit.Limit(
    "alert-signup-address", amount=SIGNUPS_PER_ADDRESS_PER_DAY, window_seconds=24 * 3600
)
PER_CLIENT = ratelimit.Limit(
    "alert-signup-client", amount=SIGNUPS_PER_CLIENT_PER_HOUR, window_seconds=3600
)
MESSAGES = {
    PER_ADDRESS: "This email address has asked for too many alerts today. Check your email for "
    "the links we sent, or try again tomorrow.",
    PER_CLIENT: "There have been too many sign-ups from your connection in the last hour. "
    "Try again later.",
}


def signup_allowed(*, email: str, client: str) -> str | None:
    """Count a sign-up attempt by address and by client. Returns the message to show when
    either is over its limit, or None."""
    client_ok = ratelimit.hit(PER_CLIENT, client or "unknown").allowed
    address_ok = ratelimit.hit(PER_ADDRESS, email.lower()).allowed
    if not client_ok:
        return MESSAGES[PER_CLIENT]
    if not address_ok:
        return MESSAGES[PER_ADDRESS]
    return None


def client_of(request: HttpRequest) -> str:
    """The client's address, read as the sign-in limits read it."""
    return ratelimit.client_address(request)
