"""How the API recognises a council's token: ``Authorization: Bearer ct_...``.

The class name is the name of the security scheme in the OpenAPI schema (/api/openapi.json).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from civictalent.api.models import ApiToken
from civictalent.api.services import api_token_for_request
from civictalent.core.ratelimit import API_ANONYMOUS, hit, identity_of


class CouncilToken(HttpBearer):
    """An API token a council admin made (Your council > API tokens): it reads, and with the
    read-and-write scope writes, that council's data only."""

    openapi_description = (
        "A council's API token, sent as 'Authorization: Bearer ct_...'. A council admin makes "
        "one on the council's API tokens page; it acts for that council only, until it expires "
        "or is revoked."
    )
    openapi_bearerFormat = "ct_ followed by 43 characters"  # noqa: N815 - OpenAPI's own name

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = api_token_for_request(
            secret=token.strip(), method=request.method or "", path=request.path
        )
        if found is None:
            # Wrong or revoked secrets count against the caller's address, so nobody can try
            # secrets as fast as they like.
            decision = hit(API_ANONYMOUS, identity_of(request))
            if not decision.allowed:
                raise Throttled(decision.retry_after_seconds)
        return found


council_token = CouncilToken()


def token_of(request: HttpRequest) -> ApiToken:
    """The token a request authenticated with (only on operations whose auth is a token)."""
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    return token
