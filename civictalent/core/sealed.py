"""Text sealed with a key derived from the site's secret key, for columns that can hold secrets.

Emails waiting in the outbox can carry a password-reset or confirmation link that signs anyone in.
Sealed, they read as ciphertext to anyone with the database or a backup but not the secret key:
the admin site, a database console, a backup holder. The key is derived from ``SECRET_KEY`` (and
``SECRET_KEY_FALLBACKS``, so rotating the key leaves sealed text readable until the old key goes).
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "sealed:"


def _fernet_for(secret: str) -> Fernet:
    digest = hashlib.sha256(f"civictalent.sealed:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet_for(str(secret)) for secret in secrets])


def seal(text: str) -> str:
    if not text:
        return ""
    return PREFIX + _keys().encrypt(text.encode()).decode("ascii")


class SealedTextUnreadableError(ValueError):
    """Sealed with a secret key this installation no longer has."""


def unseal(stored: str) -> str:
    """The text; rows written before sealing began (no prefix) are returned as they are."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _keys().decrypt(stored[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken:
        raise SealedTextUnreadableError(
            "This text was sealed with a secret key that is no longer configured."
        ) from None


class SealedTextField(models.TextField):
    """A text column stored sealed; code reads and writes plain text."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return value
        try:
            return unseal(value)
        except SealedTextUnreadableError:
            return ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return seal(str(value))
