from __future__ import annotations

from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from civictalent.core.models import AuditEvent

AUDIT_PAGE_SIZE = 50


def audit_events(
    *,
    action: str = "",
    organisation_id: int | None = None,
    person: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    if person:
        events = events.filter(
            Q(actor__email__icontains=person) | Q(actor__display_name__icontains=person)
        )
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events


def audit_action_codes() -> list[str]:
    """Every action the log holds, for its filter."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def organisations_to_filter_by() -> QuerySet:
    """Every organisation, by name, for the audit log's filter. Read through the log's own link
    to organisations, so core imports no feature."""
    organisation_model: Any = AuditEvent._meta.get_field("organisation").related_model
    return organisation_model.objects.order_by("name").only("id", "name")


def paginate(queryset: QuerySet, page_number: str | None, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(page_number)
