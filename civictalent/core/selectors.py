from __future__ import annotations

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


def paginate(queryset: QuerySet, page_number: str | None, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(page_number)
