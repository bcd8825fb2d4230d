"""Turn configuration mistakes into one readable line instead of a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


# gunicorn stops (rather than restarting workers forever) when a worker exits with this code.
GUNICORN_BOOT_ERROR = 3


def explain_configuration_errors(start: Callable[[], T], *, exit_code: int = 1) -> T:
    """Run ``start``; if the configuration is wrong, print why on one line and exit."""
    from django.core.exceptions import ImproperlyConfigured

    from config.env import SettingError

    try:
        return start()
    except (ImproperlyConfigured, SettingError) as error:
        print(f"Civic Talent cannot start: {error}", file=sys.stderr)
        raise SystemExit(exit_code) from None
