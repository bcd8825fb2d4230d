"""Writes for API tokens: make one (the secret is returned once, only its hash is kept), revoke
one, and recognise one on a request (its last-used time, and an audit event per request)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.api.models import ApiToken, TokenScope
from civictalent.core.audit import audit_record
from civictalent.organisations.models import Organisation

SECRET_PREFIX = "ct_"  # noqa: S105 - how every token starts, not a secret
MAX_DAYS = 366
EXPIRY_CHOICES = (30, 90, 180, 365)
# The last-used time is written at most this often, so a busy client does not write every call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def secret_hash(secret: str) -> str:
    """SHA-256 of the secret. A token's secret is 256 random bits, so a fast hash is enough:
    nobody can guess one to try against the hashes, unlike a person's password."""
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(
    *,
    organisation: Organisation,
    created_by: Any,
    name: str,
    scope: str,
    expires_in_days: int,
) -> tuple[ApiToken, str]:
    """A new token for ``organisation``; returns it and its secret, which is never kept."""
    name = name.strip()
    if not name:
        raise ValidationError("Say which system will use the token, so you can recognise it later.")
    if scope not in TokenScope.values:
        raise ValidationError("Choose whether the token may only read, or read and write.")
    if not 1 <= expires_in_days <= MAX_DAYS:
        raise ValidationError(f"A token lasts from 1 to {MAX_DAYS} days.")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            organisation=organisation,
            name=name[:100],
            scope=scope,
            key_prefix=secret[:10],
            key_hash=secret_hash(secret),
            created_by=created_by,
            expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
        )
        token.full_clean()
        token.save()
        audit_record(
            actor=created_by,
            action="api_token.created",
            target=token,
            organisation=organisation,
            summary=f"{created_by.email} made the API token {token.name!r} "
            f"({token.get_scope_display().lower()}, until {token.expires_at:%Y-%m-%d})",
        )
    return token, secret


def api_token_revoke(*, token: ApiToken, revoked_by: Any) -> ApiToken:
    """Stop the token working at once. Revoking a revoked token changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.revoked_by = revoked_by
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=revoked_by,
            action="api_token.revoked",
            target=token,
            organisation=token.organisation,
            summary=f"{revoked_by.email} revoked the API token {token.name!r}",
        )
    return token


def api_token_for_request(*, secret: str, method: str, path: str) -> ApiToken | None:
    """The active token with this secret, or None. Each request made with a token is audited
    (which token, which council, what it asked for) and updates its last-used time."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(key_hash=secret_hash(secret), revoked_at=None, expires_at__gt=now)
        .first()
    )
    if token is None:
        return None
    with transaction.atomic():
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        audit_record(
            actor=None,
            action="api_token.used",
            target=token,
            organisation=token.organisation,
            summary=f"API token {token.name!r} ({token.key_prefix}…): {method} {path[:200]}",
        )
    return token
