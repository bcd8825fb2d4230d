"""What salaries hold about people: who imported a pay spine (core/privacy.py).

Salary observations are not linked to the person who added them.
"""

from __future__ import annotations

from civictalent.core.privacy import Person, PersonalDataSource, Rows, rows
from civictalent.salaries.models import PaySpine


def pay_spines_imported(person: Person) -> Rows:
    return rows(PaySpine.objects.filter(imported_by=person.user).values("id", "scheme__name"))


SOURCES = (
    PersonalDataSource(
        "pay_spines_imported.json", pay_spines_imported, ("salaries.PaySpine.imported_by",)
    ),
)
