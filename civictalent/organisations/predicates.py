"""Predicates about council roles, for every app's rules: who holds which role where.

Roles are read once per request and cached on the user object, so a page that checks many rules
costs one query.
"""

from __future__ import annotations

from typing import Any

import rules

from civictalent.organisations.models import Membership, Organisation


def organisation_of(target: Any) -> Any:
    """The organisation a target belongs to: itself, or its ``organisation`` attribute."""
    if isinstance(target, Organisation):
        return target
    return getattr(target, "organisation", None)


def council_roles(user: Any) -> dict[int, str]:
    """Organisation id -> role name for this user, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_civictalent_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._civictalent_roles = cached
    return cached


EDITING_ROLES = frozenset({"editor", "admin"})


def organisations_where(user: Any, roles: frozenset[str] = EDITING_ROLES) -> list[int]:
    """Ids of the organisations where the person holds one of ``roles``."""
    return [organisation for organisation, role in council_roles(user).items() if role in roles]


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
