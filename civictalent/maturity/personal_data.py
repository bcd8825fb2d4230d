"""What the maturity app holds about people (core/privacy.py): each part adds its sources.

Capability model: the versions a platform admin saved (their name goes when their account does:
``changed_by`` is emptied)."""

from __future__ import annotations

from civictalent.core.privacy import Person, PersonalDataSource, Rows, rows
from civictalent.maturity.models import CapabilityVersion


def capability_versions_saved(person: Person) -> Rows:
    return rows(
        CapabilityVersion.objects.filter(changed_by=person.user).values(
            "capability__name", "number", "summary", "changed_at"
        )
    )


SOURCES = (
    PersonalDataSource(
        "capability_versions_saved.json",
        capability_versions_saved,
        ("maturity.CapabilityVersion.changed_by",),
    ),
)
