"""Predicates every app's rules share that need no council: who is a platform admin, and the
admin-site permissions platform admins get. Council roles are in organisations/predicates.py.
"""

from __future__ import annotations

from typing import Any

import rules

ADMIN_SITE_ACTIONS = ("view", "add", "change", "delete")


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.is_platform_admin
    )


def grant_admin_site_to_platform_admins(
    app_label: str, model_names: list[str], actions: tuple[str, ...] = ADMIN_SITE_ACTIONS
) -> None:
    """Let platform admins use these models in the admin site (by default: every action)."""
    for model_name in model_names:
        for action in actions:
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_platform_admin)
    rules.add_perm(app_label, is_platform_admin)
