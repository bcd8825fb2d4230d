"""Has this session used the second factor? The answer every admin-only page depends on.

Owning an authenticator app is not enough: a session proves the second factor only when allauth
recorded a code in it (at sign-in, at re-authentication, or when the app was set up in this
session). A session signed in by any other route, with the password alone, has no such record.
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

SECOND_FACTOR_METHOD = "mfa"


def session_used_second_factor(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == SECOND_FACTOR_METHOD for record in records)


def has_authenticator_app(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def record_second_factor_on_set_up(
    *, sender: Any, request: HttpRequest | None, user: Any, authenticator: Authenticator, **_: Any
) -> None:
    """Setting the app up meant typing a code from it: this session has used it.

    Connected to allauth's ``authenticator_added`` signal, the only place allauth tells us; without
    it a person would be asked for a second code straight after setting the app up.
    """
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request, "user", None) != user:
        return
    record_authentication(
        request, user, SECOND_FACTOR_METHOD, id=authenticator.pk, type=authenticator.type
    )
