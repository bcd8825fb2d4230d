"""What each app contributes to the platform's shared machinery, found by module name.

Low layers never import a feature. Instead each app that has something to add defines a module
with an agreed name, and the layer that needs it collects them all, in the order of
INSTALLED_APPS (as Django's admin finds ``admin.py`` and ``rules`` finds ``rules.py``):

| module in an app   | holds                                     | read by                        |
|--------------------|-------------------------------------------|--------------------------------|
| ``schedule.py``    | ``SCHEDULED_JOBS``: periodic tasks        | ``core.scheduler``             |
| ``personal_data.py`` | ``SOURCES``, ``ERASURE``, ``ERASURE_BLOCKERS``, ``RETENTION`` (see core/privacy.py) | ``accounts`` (download, delete, retention) |
| ``seeding.py``     | ``DEMO_STEPS``, ``GENERATION_STEPS``      | ``seed`` (demo data, the generator) |
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from django.apps import apps


@cache
def contributions(module_name: str, attribute: str) -> tuple[Any, ...]:
    """Every item of ``attribute`` in each installed app's ``module_name`` module, in app order.

    An app without the module contributes nothing; an error inside the module is raised."""
    found: list[Any] = []
    for app_config in apps.get_app_configs():
        qualified = f"{app_config.name}.{module_name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as error:
            if error.name == qualified:
                continue
            raise
        found.extend(getattr(module, attribute, ()))
    return tuple(found)
