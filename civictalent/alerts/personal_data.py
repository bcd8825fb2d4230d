"""What alerts hold about people: subscriptions to their addresses (core/privacy.py)."""

from __future__ import annotations

from civictalent.alerts.models import AlertSubscription
from civictalent.core.privacy import (
    ErasureStep,
    Person,
    PersonalDataSource,
    Rows,
    address_filter,
    rows,
)


def job_alerts(person: Person) -> Rows:
    return rows(
        AlertSubscription.objects.filter(address_filter("email", person.addresses))
        .order_by("created_at")
        .values(
            "email",
            "query_string",
            "frequency",
            "created_at",
            "verified_at",
            "last_sent_at",
            "unsubscribed_at",
        )
    )


def job_alerts_delete(person: Person) -> int:
    _, deleted = AlertSubscription.objects.filter(
        address_filter("email", person.addresses)
    ).delete()
    return deleted.get(AlertSubscription._meta.label, 0)


SOURCES = (PersonalDataSource("job_alerts.json", job_alerts),)
ERASURE = (ErasureStep("alerts_deleted", job_alerts_delete),)
