"""Writes of a council's plan: its profile, which capabilities it has, and its roadmap's
actions; and the audit entry when a platform admin reads a council's plan."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.core.audit import audit_record
from civictalent.maturity.models import (
    ActionStatus,
    Capability,
    CapabilityCoverage,
    CouncilProfile,
    Coverage,
    RoadmapAction,
)
from civictalent.organisations.models import Organisation


@transaction.atomic
def council_profile_save(
    *,
    organisation: Organisation,
    size: str,
    on_costs_percent: Decimal,
    structure: str,
    central_team_people: int | None,
    service_team_people: int | None,
    structure_notes: str,
    saved_by: Any,
) -> CouncilProfile:
    profile = CouncilProfile.objects.select_for_update().filter(organisation=organisation).first()
    if profile is None:
        profile = CouncilProfile(organisation=organisation)
    profile.size = size
    profile.on_costs_percent = on_costs_percent
    profile.structure = structure
    profile.central_team_people = central_team_people
    profile.service_team_people = service_team_people
    profile.structure_notes = structure_notes
    profile.updated_by = saved_by
    profile.full_clean()
    profile.save()
    audit_record(
        actor=saved_by,
        action="maturity.profile_saved",
        target=profile,
        summary=f"{organisation.short_name}'s roadmap profile saved",
        organisation=organisation,
    )
    return profile


@transaction.atomic
def capability_coverage_save(
    *, organisation: Organisation, statuses: Mapping[int, str], saved_by: Any
) -> int:
    """Save which capabilities the council has (capability id -> status), all at once; returns
    how many changed. Unknown capabilities or statuses are refused and nothing is saved."""
    known = set(Capability.objects.filter(pk__in=list(statuses)).values_list("pk", flat=True))
    unknown = sorted(set(statuses) - known)
    if unknown:
        raise ValidationError("Some capabilities no longer exist. Reload the page and try again.")
    if any(status not in Coverage.values for status in statuses.values()):
        raise ValidationError("Choose covered, partly covered or not covered for each one.")
    existing = {
        row.capability_id: row
        for row in CapabilityCoverage.objects.select_for_update().filter(organisation=organisation)
    }
    changed_rows: list[CapabilityCoverage] = []
    new_rows: list[CapabilityCoverage] = []
    for capability_id, status in statuses.items():
        row = existing.get(capability_id)
        if row is None:
            if status != Coverage.NONE:
                new_rows.append(
                    CapabilityCoverage(
                        organisation=organisation, capability_id=capability_id, status=status
                    )
                )
        elif row.status != status:
            row.status = status
            row.updated_at = timezone.now()  # bulk_update does not set auto_now fields
            changed_rows.append(row)
    CapabilityCoverage.objects.bulk_create(new_rows)
    CapabilityCoverage.objects.bulk_update(changed_rows, ["status", "updated_at"])
    changed = len(new_rows) + len(changed_rows)
    if changed:
        audit_record(
            actor=saved_by,
            action="maturity.coverage_saved",
            target=organisation,
            summary=f"{organisation.short_name}'s capabilities saved ({changed} changed)",
            organisation=organisation,
        )
    return changed


def _check_capability(capability: Capability | None) -> None:
    if capability is not None and not Capability.objects.filter(pk=capability.pk).exists():
        raise ValidationError({"capability": "That capability no longer exists."})


@transaction.atomic
def roadmap_action_create(
    *,
    organisation: Organisation,
    title: str,
    owner: str,
    due_on: datetime.date | None,
    status: str = ActionStatus.NOT_STARTED,
    capability: Capability | None = None,
    created_by: Any,
) -> RoadmapAction:
    _check_capability(capability)
    action = RoadmapAction(
        organisation=organisation,
        title=title,
        owner=owner,
        due_on=due_on,
        status=status,
        capability=capability,
        created_by=created_by,
    )
    action.full_clean()
    action.save()
    audit_record(
        actor=created_by,
        action="maturity.action_added",
        target=action,
        summary=f"Roadmap action added: {title}",
        organisation=organisation,
    )
    return action


@transaction.atomic
def roadmap_action_update(
    *,
    action: RoadmapAction,
    title: str,
    owner: str,
    due_on: datetime.date | None,
    status: str,
    capability: Capability | None,
    changed_by: Any,
) -> RoadmapAction:
    _check_capability(capability)
    action.title = title
    action.owner = owner
    action.due_on = due_on
    action.status = status
    action.capability = capability
    action.full_clean()
    action.save()
    audit_record(
        actor=changed_by,
        action="maturity.action_changed",
        target=action,
        summary=f"Roadmap action changed: {title}",
        organisation=action.organisation,
    )
    return action


@transaction.atomic
def roadmap_action_delete(*, action: RoadmapAction, deleted_by: Any) -> None:
    audit_record(
        actor=deleted_by,
        action="maturity.action_deleted",
        target=action,
        summary=f"Roadmap action deleted: {action.title}",
        organisation=action.organisation,
    )
    action.delete()
