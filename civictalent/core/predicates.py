"""Predicates every app's rules share that need no council: who is a platform admin, and the
admin-site permissions platform admins get. Council roles are in organisations/predicates.py.

``rules.predicate`` is untyped, so a function it decorates loses its types. ``person_predicate``
and ``object_predicate`` decorate the same way and keep them: the test's arguments are checked,
and the result is a :class:`rules.Predicate`, which combines with ``&``, ``|`` and ``~``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import rules
from rules import Predicate

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

# Whoever a rule is asked about: a signed-in user, or a visitor who is not signed in.
Person: TypeAlias = "AbstractBaseUser | AnonymousUser"
# What a rule is asked about, or None when a permission is checked without an object.
Target = TypeVar("Target")

ADMIN_SITE_ACTIONS = ("view", "add", "change", "delete")

# rules' own test that the person is signed in, with its type.
is_authenticated: Predicate = rules.is_authenticated


def person_predicate(test: Callable[[Person], bool]) -> Predicate:
    """``@rules.predicate`` for a test of the person alone."""
    predicate: Predicate = rules.predicate(test)
    return predicate


def object_predicate(test: Callable[[Person, Target], bool]) -> Predicate:
    """``@rules.predicate`` for a test of the person and the object a rule is asked about."""
    predicate: Predicate = rules.predicate(test)
    return predicate


def add_permission(name: str, predicate: Predicate) -> None:
    """``rules.add_perm`` with its arguments checked."""
    rules.add_perm(name, predicate)


@person_predicate
def is_platform_admin(user: Person) -> bool:
    # Only the platform's own user model has the flag; a visitor is never signed in.
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_platform_admin", False)
    )


def grant_admin_site_to_platform_admins(
    app_label: str, model_names: list[str], actions: tuple[str, ...] = ADMIN_SITE_ACTIONS
) -> None:
    """Let platform admins use these models in the admin site (by default: every action)."""
    for model_name in model_names:
        for action in actions:
            add_permission(f"{app_label}.{action}_{model_name}", is_platform_admin)
    add_permission(app_label, is_platform_admin)
