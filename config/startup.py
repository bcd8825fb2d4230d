"""Turn configuration mistakes into one readable line instead of a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def explain_configuration_errors(start: Callable[[], T]) -> T:
    """Run ``start``; if the configuration is wrong, print why on one line and exit 1."""
    from django.core.exceptions import ImproperlyConfigured

    from config.env import SettingError

    try:
        return start()
    except (ImproperlyConfigured, SettingError) as error:
        print(f"Civic Talent cannot start: {error}", file=sys.stderr)
        raise SystemExit(1) from None
