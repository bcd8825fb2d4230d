from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from civictalent.core.models import AuditEvent

AUDIT_PAGE_SIZE = 50


def audit_events(*, action: str = "", organisation_id: int | None = None) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    return events


def organisations_to_filter_by() -> QuerySet:
    """Every organisation, by name, for the audit log's filter. Read through the log's own link
    to organisations, so core imports no feature."""
    organisation_model: Any = AuditEvent._meta.get_field("organisation").related_model
    return organisation_model.objects.order_by("name").only("id", "name")


def paginate(queryset: QuerySet, page_number: str | None, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(page_number)
