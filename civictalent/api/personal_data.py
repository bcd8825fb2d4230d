"""What the API holds about people: who made and who revoked a council's API tokens
(core/privacy.py). A token itself is the council's, not a person's, so it stays when the person
who made it deletes their account (the link to them is emptied)."""

from __future__ import annotations

from civictalent.api.models import ApiToken
from civictalent.core.privacy import Person, PersonalDataSource, Rows, rows


def api_tokens_made(person: Person) -> Rows:
    return rows(
        ApiToken.objects.filter(created_by=person.user)
        .order_by("created_at")
        .values("organisation__name", "name", "scope", "created_at", "expires_at", "revoked_at")
    )


def api_tokens_revoked(person: Person) -> Rows:
    return rows(
        ApiToken.objects.filter(revoked_by=person.user)
        .order_by("revoked_at")
        .values("organisation__name", "name", "revoked_at")
    )


SOURCES = (
    PersonalDataSource("api_tokens_made.json", api_tokens_made, ("api.ApiToken.created_by",)),
    PersonalDataSource("api_tokens_revoked.json", api_tokens_revoked, ("api.ApiToken.revoked_by",)),
)
