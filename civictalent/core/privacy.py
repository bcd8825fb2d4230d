"""What each app tells the privacy machinery about the personal data it holds.

Each app that holds data about people lists it in its own ``personal_data.py`` (found through
core/registry.py), so the people's-rights code in ``accounts`` never imports a feature:

- ``SOURCES``: one JSON file each in "Download your data", with the foreign keys to the person it
  covers (a test fails when a model gains a foreign key to a person that no source covers);
- ``ERASURE``: what to delete or anonymise when a person deletes their account, beyond what the
  foreign keys cascade or empty;
- ``ERASURE_BLOCKERS``: reasons an account may not be deleted yet (the only admin of a council);
- ``RETENTION``: rules applied daily that delete or anonymise data past its time.

docs/data-protection.md is the register of them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

Rows = list[dict[str, Any]]
DELETED_PERSON = "a deleted person"


@dataclass(frozen=True)
class Person:
    """Whom a download or a deletion is about: the account, every address they use, their name."""

    user: Any
    addresses: list[str]
    name: str


@dataclass(frozen=True)
class PersonalDataSource:
    """One JSON file of the download, and the foreign keys to the person it covers."""

    filename: str
    collect: Callable[[Person], Any]
    covers: tuple[str, ...] = ()  # "app_label.Model.field"


@dataclass(frozen=True)
class ErasureStep:
    """Run when an account is deleted, before the account itself; returns how many records it
    deleted or changed, recorded under ``name`` in the deletion's audit event."""

    name: str
    erase: Callable[[Person], int]


@dataclass(frozen=True)
class ErasureBlocker:
    """Plain-English reasons the account may not be deleted yet; none when it may."""

    reasons: Callable[[Any], list[str]]


@dataclass(frozen=True)
class RetentionRule:
    """Applied daily: removes what is past its time at ``now``; returns how many records."""

    name: str
    apply: Callable[[datetime], int]


def rows(values: Any) -> Rows:
    """A ``.values()`` query set as plain dicts."""
    return [dict(row) for row in values]


def address_filter(field: str, addresses: list[str]) -> Q:
    """Records whose ``field`` is any of the addresses, in any case."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def scrub_text(text: str, *, addresses: list[str], name: str) -> str:
    """``text`` with every one of the person's addresses, and their name, replaced."""
    for address in addresses:
        text = re.sub(re.escape(address), DELETED_PERSON, text, flags=re.IGNORECASE)
    if len(name.strip()) >= 3:
        text = re.sub(rf"\b{re.escape(name.strip())}\b", DELETED_PERSON, text)
    return text
