"""Predicates about council roles, for every app's rules: who holds which role where.

Roles (and who is a named publisher) are read once per request and cached on the user object,
so a page that checks many rules costs one query.
"""

from __future__ import annotations

from typing import Any

from civictalent.core.predicates import Person, object_predicate
from civictalent.organisations.models import Membership, Organisation


def organisation_of(target: object) -> Organisation | None:
    """The organisation a target belongs to: itself, or its ``organisation`` attribute."""
    if isinstance(target, Organisation):
        return target
    organisation: Organisation | None = getattr(target, "organisation", None)
    return organisation


def _memberships(user: object) -> tuple[dict[int, str], frozenset[int]]:
    """Organisation id -> role name, and the organisations where the person is a named
    publisher: one query, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}, frozenset()
    cached: tuple[dict[int, str], frozenset[int]] | None = getattr(user, "_civictalent_roles", None)
    if cached is None:
        # Signed in, so the platform's user; the cache is set on the request's user object.
        signed_in: Any = user
        rows = list(
            Membership.objects.filter(user=signed_in).values_list(
                "organisation_id", "role", "is_publisher"
            )
        )
        cached = (
            {organisation: role for organisation, role, _ in rows},
            frozenset(organisation for organisation, _, named in rows if named),
        )
        signed_in._civictalent_roles = cached
    return cached


def council_roles(user: object) -> dict[int, str]:
    """Organisation id -> role name for this user, cached on the user for the request."""
    return _memberships(user)[0]


def organisations_publishing(user: object) -> list[int]:
    """Ids of the organisations whose job adverts the person approves (when the council
    approves its own): where they are a council admin or a named publisher."""
    roles, named = _memberships(user)
    return [
        organisation
        for organisation, role in roles.items()
        if role == "admin" or organisation in named
    ]


EDITING_ROLES = frozenset({"editor", "admin"})


def organisations_where(user: object, roles: frozenset[str] = EDITING_ROLES) -> list[int]:
    """Ids of the organisations where the person holds one of ``roles``."""
    return [organisation for organisation, role in council_roles(user).items() if role in roles]


def _role_in(user: Person, target: object, allowed: set[str]) -> bool:
    organisation = organisation_of(target)
    if organisation is None:
        return False
    return council_roles(user).get(organisation.pk) in allowed


@object_predicate
def is_council_member(user: Person, target: object) -> bool:
    return _role_in(user, target, {"member", "editor", "admin"})


@object_predicate
def is_council_editor(user: Person, target: object) -> bool:
    return _role_in(user, target, {"editor", "admin"})


@object_predicate
def is_council_admin(user: Person, target: object) -> bool:
    return _role_in(user, target, {"admin"})


@object_predicate
def is_council_publisher(user: Person, target: object) -> bool:
    """A council admin or a named publisher of the target's council."""
    organisation = organisation_of(target)
    return organisation is not None and organisation.pk in organisations_publishing(user)
