"""Writes to the capability model: loading the starter model, editing a capability (with its role
levels and staff numbers) safely when two admins edit at once, and importing a whole table.

Every change raises the capability's ``version``, keeps a snapshot of it as it now is
(``CapabilityVersion``) and writes an audit entry. An edit made from an older version than the
one saved is refused whole: nothing of it is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.framework.models import RoleLevel
from civictalent.maturity.capability_starter import STARTER_CAPABILITIES, STARTER_DOMAINS
from civictalent.maturity.capability_table import (
    CapabilityTableError,
    TableCapability,
    TableProblem,
)
from civictalent.maturity.models import Capability, CapabilityRole, CapabilityVersion, Domain

STARTER_FRAMEWORK_SLUG = "starter"
EDITABLE_FIELDS = (
    "domain",
    "name",
    "description",
    "benefits",
    "responsibilities",
    "must_have_stage",
    "is_emerging",
    "staffing_is_illustrative",
)
FIELD_LABELS = {
    "domain": "domain",
    "name": "name",
    "description": "description",
    "benefits": "benefits",
    "responsibilities": "responsibilities",
    "must_have_stage": "must-have stage",
    "is_emerging": "emerging",
    "staffing_is_illustrative": "illustrative staff numbers",
    "roles": "role levels and staff numbers",
}
LARGEST_FTE = Decimal("100")


class CapabilityVersionConflictError(ValidationError):
    """Someone saved the capability after the editor opened it: nothing of the edit is saved."""


@dataclass(frozen=True)
class RoleRow:
    """A role level that delivers a capability, with its FTE for each size of council."""

    role_level: RoleLevel
    fte_small: Decimal
    fte_medium: Decimal
    fte_large: Decimal


@dataclass
class LoadReport:
    domains_created: int = 0
    capabilities_created: int = 0
    roles_created: int = 0
    skipped_role_levels: list[str] = field(default_factory=list)

    def phrases(self) -> list[str]:
        made = []
        if self.domains_created:
            made.append(f"{self.domains_created} capability model domains")
        if self.capabilities_created:
            made.append(
                f"{self.capabilities_created} capabilities with {self.roles_created} role levels"
            )
        return made


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


# --- Snapshots and what changed ----------------------------------------------------------------


def _fte(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.1")))


def _role_snapshot(
    level: RoleLevel, small: Decimal, medium: Decimal, large: Decimal
) -> dict[str, str]:
    return {
        "role_level": level.slug,
        "role_level_name": level.name,
        "fte_small": _fte(small),
        "fte_medium": _fte(medium),
        "fte_large": _fte(large),
    }


def snapshot_of(capability: Capability, roles: Sequence[RoleRow] | None = None) -> dict[str, Any]:
    """The capability as a JSON-ready dict: what a version keeps and what edits compare."""
    if roles is None:
        role_rows = [
            _role_snapshot(row.role_level, row.fte_small, row.fte_medium, row.fte_large)
            for row in capability.roles.select_related("role_level").order_by("order", "pk")
        ]
    else:
        role_rows = [
            _role_snapshot(row.role_level, row.fte_small, row.fte_medium, row.fte_large)
            for row in roles
        ]
    return {
        "domain": capability.domain.slug,
        "domain_name": capability.domain.name,
        "name": capability.name,
        "description": capability.description,
        "benefits": capability.benefits,
        "responsibilities": capability.responsibility_list,
        "must_have_stage": capability.must_have_stage,
        "is_emerging": capability.is_emerging,
        "staffing_is_illustrative": capability.staffing_is_illustrative,
        "roles": role_rows,
    }


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The snapshot keys whose values differ (the domain's name follows its slug)."""
    keys = [key for key in (*EDITABLE_FIELDS, "roles") if before.get(key) != after.get(key)]
    return keys


def change_summary(keys: Sequence[str]) -> str:
    return "Changed " + ", ".join(FIELD_LABELS.get(key, key) for key in keys) + "."


def _record_version(
    capability: Capability,
    *,
    number: int,
    snapshot: dict[str, Any],
    summary: str,
    changed_by: User | None,
) -> CapabilityVersion:
    return CapabilityVersion.objects.create(
        capability=capability,
        number=number,
        summary=summary[:300],
        snapshot=snapshot,
        changed_by=changed_by,
    )


def _check_roles(roles: Sequence[RoleRow]) -> None:
    seen: set[int] = set()
    for row in roles:
        if row.role_level.pk in seen:
            raise ValidationError(
                f"{row.role_level.name} is listed twice. List each role level once."
            )
        seen.add(row.role_level.pk)
        for label, value in (
            ("a smaller", row.fte_small),
            ("a medium", row.fte_medium),
            ("a larger", row.fte_large),
        ):
            if value < 0 or value > LARGEST_FTE or value != value.quantize(Decimal("0.1")):
                raise ValidationError(
                    f"The FTE for {label} council for {row.role_level.name} must be from 0 to "
                    f"{LARGEST_FTE}, with at most one decimal place."
                )


def _replace_roles(capability: Capability, roles: Sequence[RoleRow]) -> None:
    capability.roles.all().delete()
    CapabilityRole.objects.bulk_create(
        CapabilityRole(
            capability=capability,
            role_level=row.role_level,
            fte_small=row.fte_small,
            fte_medium=row.fte_medium,
            fte_large=row.fte_large,
            order=order,
        )
        for order, row in enumerate(roles)
    )


def _conflict(capability: Capability, expected_version: int) -> CapabilityVersionConflictError:
    latest = (
        CapabilityVersion.objects.filter(capability=capability)
        .select_related("changed_by")
        .order_by("-number")
        .first()
    )
    who = f" by {latest.changed_by}" if latest and latest.changed_by else ""
    when = (
        f" at {timezone.localtime(latest.changed_at):%H:%M on %-d %B %Y}"
        if latest is not None
        else ""
    )
    return CapabilityVersionConflictError(
        f"Someone else saved changes to {capability.name}{who}{when}, after you opened it "
        f"(you edited version {expected_version}). Nothing you entered has been saved. Open the "
        "capability again to see their changes, then make yours.",
        code="version_conflict",
    )


# --- Editing one capability --------------------------------------------------------------------


@transaction.atomic
def capability_update(
    *,
    capability: Capability,
    changed_by: User | None,
    expected_version: int,
    roles: Sequence[RoleRow] | None = None,
    summary: str = "",
    **fields: Any,
) -> Capability:
    """Change the capability's ``fields`` (those in ``EDITABLE_FIELDS``) and, if given, replace its
    role levels and staff numbers with ``roles``, as one new version.

    Raises CapabilityVersionConflictError (nothing saved) when the capability is no longer at
    ``expected_version``, and ValidationError for values it cannot keep. Saving what is already
    there changes nothing and records no version."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise TypeError(f"capability_update cannot change {', '.join(unknown)}")
    current = Capability.objects.select_for_update().select_related("domain").get(pk=capability.pk)
    if current.version != expected_version:
        raise _conflict(current, expected_version)
    before = snapshot_of(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean(exclude=["version"])
    if roles is not None:
        _check_roles(roles)
    after = snapshot_of(current, roles if roles is not None else [])
    if roles is None:
        after["roles"] = before["roles"]
    keys = changed_fields(before, after)
    if not keys:
        return current
    number = expected_version + 1
    written = Capability.objects.filter(pk=current.pk, version=expected_version).update(
        **{name: getattr(current, name) for name in fields},
        version=number,
        updated_at=timezone.now(),
    )
    if not written:
        raise _conflict(current, expected_version)
    if roles is not None and "roles" in keys:
        _replace_roles(current, roles)
    current.version = number
    summary = summary or change_summary(keys)
    _record_version(current, number=number, snapshot=after, summary=summary, changed_by=changed_by)
    audit_record(
        actor=changed_by,
        action="capability.updated",
        target=current,
        summary=f"{current.name}: {summary}",
        changes={key: [before.get(key), after.get(key)] for key in keys if key != "roles"}
        | ({"roles": "changed"} if "roles" in keys else {}),
    )
    return current


# --- The starter model -------------------------------------------------------------------------


def _level_finder() -> Any:
    """Find a role level of the default framework by a starter framework slug: by slug, then by
    the starter level's name (after a DDaT import replaced the starter framework)."""
    levels = list(
        RoleLevel.objects.filter(framework__is_default=True, is_current=True).order_by("pk")
    )
    by_slug = {level.slug: level for level in levels}
    by_name: dict[str, RoleLevel] = {}
    for level in levels:
        by_name.setdefault(level.name.lower(), level)
    starter_names = dict(
        RoleLevel.objects.filter(framework__slug=STARTER_FRAMEWORK_SLUG).values_list("slug", "name")
    )

    def find(slug: str) -> RoleLevel | None:
        if slug in by_slug:
            return by_slug[slug]
        name = starter_names.get(slug) or slug.replace("-", " ")
        return by_name.get(name.lower())

    return find


@transaction.atomic
def capability_model_load_starter() -> LoadReport:
    """Create the starter domains and capabilities that are missing; leave existing ones alone
    (platform admins may have edited them), so a second run changes nothing. Role levels the
    default framework does not have are skipped and reported."""
    report = LoadReport()
    domains: dict[str, Domain] = {}
    for order, starter_domain in enumerate(STARTER_DOMAINS, start=1):
        domain, created = Domain.objects.get_or_create(
            slug=starter_domain.slug,
            defaults={
                "name": starter_domain.name,
                "summary": starter_domain.summary,
                "order": order,
            },
        )
        domains[domain.slug] = domain
        report.domains_created += int(created)
    existing = set(Capability.objects.values_list("slug", flat=True))
    taken_names = {name.lower() for name in Capability.objects.values_list("name", flat=True)}
    find = _level_finder()
    for order, starter in enumerate(STARTER_CAPABILITIES, start=1):
        if starter.slug in existing or starter.name.lower() in taken_names:
            continue
        capability = Capability(
            domain=domains[starter.domain],
            slug=starter.slug,
            name=starter.name,
            description=starter.description,
            benefits=starter.benefits,
            responsibilities="\n".join(starter.responsibilities),
            must_have_stage=starter.must_have_stage,
            is_emerging=starter.is_emerging,
            staffing_is_illustrative=True,
            order=order,
        )
        capability.full_clean()
        capability.save()
        rows: list[RoleRow] = []
        for role in starter.roles:
            level = find(role.role_level)
            if level is None or any(row.role_level.pk == level.pk for row in rows):
                report.skipped_role_levels.append(f"{role.role_level} ({starter.name})")
                continue
            rows.append(
                RoleRow(
                    level,
                    Decimal(role.fte_small),
                    Decimal(role.fte_medium),
                    Decimal(role.fte_large),
                )
            )
        _replace_roles(capability, rows)
        report.capabilities_created += 1
        report.roles_created += len(rows)
        _record_version(
            capability,
            number=1,
            snapshot=snapshot_of(capability, rows),
            summary="Loaded from the Civic Talent starter capability model.",
            changed_by=None,
        )
    return report


# --- Importing a table -------------------------------------------------------------------------


@transaction.atomic
def capability_model_import(
    *, rows: Sequence[TableCapability], changed_by: User | None
) -> ImportSummary:
    """Create or update each capability in ``rows`` (read by capability_table.parse_rows), all or
    nothing: a capability in the file gets exactly the file's columns and role levels; a
    capability not in the file is left as it is. Raises CapabilityTableError (nothing saved)."""
    summary = ImportSummary()
    domains = {domain.slug: domain for domain in Domain.objects.all()}
    levels = {
        level.slug: level
        for level in RoleLevel.objects.filter(framework__is_default=True, is_current=True)
    }
    existing = {
        capability.slug: capability
        for capability in Capability.objects.select_related("domain").filter(
            slug__in=[row.slug for row in rows]
        )
    }
    problems: list[TableProblem] = []
    next_order = (Capability.objects.aggregate(top=Max("order"))["top"] or 0) + 1
    for row in rows:
        domain = domains.get(row.domain)
        missing = [role.role_level for role in row.roles if role.role_level not in levels]
        if domain is None or missing:
            problems.append(
                TableProblem(
                    row.row or None,
                    f"{row.slug}: the domain or role levels {', '.join(missing)} no longer exist.",
                )
            )
            continue
        role_rows = [
            RoleRow(levels[role.role_level], role.fte_small, role.fte_medium, role.fte_large)
            for role in row.roles
        ]
        values = {
            "domain": domain,
            "name": row.name,
            "description": row.description,
            "benefits": row.benefits,
            "responsibilities": "\n".join(row.responsibilities),
            "must_have_stage": row.must_have_stage,
            "is_emerging": row.is_emerging,
            "staffing_is_illustrative": row.staffing_is_illustrative,
        }
        capability = existing.get(row.slug)
        try:
            if capability is None:
                capability = Capability(slug=row.slug, order=next_order, **values)
                next_order += 1
                capability.full_clean()
                capability.save()
                _replace_roles(capability, role_rows)
                _record_version(
                    capability,
                    number=1,
                    snapshot=snapshot_of(capability, role_rows),
                    summary="Created by an import.",
                    changed_by=changed_by,
                )
                audit_record(
                    actor=changed_by,
                    action="capability.imported",
                    target=capability,
                    summary=f"{capability.name}: created by an import.",
                )
                summary.created.append(capability.name)
                continue
            before_version = capability.version
            updated = capability_update(
                capability=capability,
                changed_by=changed_by,
                expected_version=before_version,
                roles=role_rows,
                summary="",
                **values,
            )
        except ValidationError as error:
            problems.extend(
                TableProblem(row.row or None, f"{row.slug}: {message}")
                for message in error.messages
            )
            continue
        if updated.version != before_version:
            summary.updated.append(updated.name)
        else:
            summary.unchanged += 1
    if problems:
        raise CapabilityTableError(problems[:20])
    return summary
