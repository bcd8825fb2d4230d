"""What each app contributes to the platform's shared machinery, found by module name.

Low layers never import a feature. Instead each app that has something to add defines a module
with an agreed name, and the layer that needs it collects them all, in the order of
INSTALLED_APPS (as Django's admin finds ``admin.py`` and ``rules`` finds ``rules.py``):

- ``schedule.py``: ``SCHEDULED_JOBS``, the app's periodic tasks; read by ``core.scheduler``.
- ``personal_data.py``: ``SOURCES``, ``ERASURE``, ``ERASURE_BLOCKERS`` and ``RETENTION``, what
  the app holds about people (see core/privacy.py); read by ``accounts`` to download, delete and
  expire a person's data.
- ``seeding.py``: ``DEMO_STEPS`` and ``GENERATION_STEPS``; read by ``seed`` (demo data and the
  large-data generator).
- ``role_level_moves.py``: ``ROLE_LEVEL_MOVES``, the app's rows that point at role levels or
  name job families, and how they move when an imported framework replaces the default (see
  framework/moves.py); read by ``framework`` (``civictalent import-ddat``).
- ``dashboard.py``: ``PANELS``, functions that give the signed-in person the app's panels of
  their dashboard (see core/dashboard.py); read by core's dashboard and platform admin pages.
- ``role_level_panels.py``: ``PANELS``, functions that give the role level page a panel of what
  the app has for that level (job descriptions, open vacancies, the London pay benchmark; see
  framework/level_panels.py); read by ``framework``'s role level page.
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
