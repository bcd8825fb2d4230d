"""Predicates shared by every app's rules: who is a platform admin, who holds which council role.

Roles are read once per request and cached on the user object, so a page that checks many rules
costs one query.
"""

from __future__ import annotations

from typing import Any

import rules

ADMIN_SITE_ACTIONS = ("view", "add", "change", "delete")


def organisation_of(target: Any) -> Any:
    """The organisation a target belongs to: itself, or its ``organisation`` attribute."""
    from civictalent.organisations.models import Organisation

    if isinstance(target, Organisation):
        return target
    return getattr(target, "organisation", None)


def council_roles(user: Any) -> dict[int, str]:
    """Organisation id -> role name for this user, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_civictalent_roles", None)
    if cached is None:
        from civictalent.organisations.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._civictalent_roles = cached
    return cached


EDITING_ROLES = frozenset({"editor", "admin"})


def organisations_where(user: Any, roles: frozenset[str] = EDITING_ROLES) -> list[int]:
    """Ids of the organisations where the person holds one of ``roles``."""
    return [organisation for organisation, role in council_roles(user).items() if role in roles]


def forget_council_roles(user: Any) -> None:
    if hasattr(user, "_civictalent_roles"):
        del user._civictalent_roles


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.is_platform_admin
    )


def _role_in(user: Any, target: Any, allowed: set[str]) -> bool:
    organisation = organisation_of(target)
    if organisation is None:
        return False
    return council_roles(user).get(organisation.pk) in allowed


@rules.predicate
def is_council_member(user: Any, target: Any) -> bool:
    return _role_in(user, target, {"member", "editor", "admin"})


@rules.predicate
def is_council_editor(user: Any, target: Any) -> bool:
    return _role_in(user, target, {"editor", "admin"})


@rules.predicate
def is_council_admin(user: Any, target: Any) -> bool:
    return _role_in(user, target, {"admin"})


def grant_admin_site_to_platform_admins(
    app_label: str, model_names: list[str], actions: tuple[str, ...] = ADMIN_SITE_ACTIONS
) -> None:
    """Let platform admins use these models in the admin site (by default: every action)."""
    for model_name in model_names:
        for action in actions:
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_platform_admin)
    rules.add_perm(app_label, is_platform_admin)
