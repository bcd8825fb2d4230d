"""Reads of the capability model: the browse pages, a capability's history, and its table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404

from civictalent.framework.models import RoleLevel
from civictalent.maturity.capability_services import FIELD_LABELS, changed_fields
from civictalent.maturity.capability_table import TableCapability, TableRole
from civictalent.maturity.models import (
    Capability,
    CapabilityRole,
    CapabilityVersion,
    CouncilSize,
    Domain,
)

STAGE_MEANINGS = {
    1: "Getting started: the basics every council needs to run safely.",
    2: "Developing: services and data are managed deliberately, not by accident.",
    3: "Defined: shared ways of working across the council.",
    4: "Managed: evidence and measurement steer decisions and investment.",
    5: "Leading: the council innovates and shares what it learns with others.",
}


def first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _role_rows() -> Prefetch[Any]:
    return Prefetch(
        "roles",
        queryset=CapabilityRole.objects.select_related(
            "role_level__framework", "role_level__role"
        ).order_by("order", "pk"),
    )


def domains_with_capabilities(
    *, stage: int | None = None, size: str | None = None, domain: Domain | None = None
) -> list[Domain]:
    """Domains, each with ``shown``: its capabilities a council needs by ``stage`` (all when
    None), each with ``summary_line`` and, for a council ``size``, ``fte_total``."""
    capabilities: QuerySet[Capability] = Capability.objects.select_related("domain").order_by(
        "order", "name"
    )
    if stage is not None:
        capabilities = capabilities.filter(must_have_stage__lte=stage)
    if size:
        capabilities = capabilities.annotate(fte_total=Sum(f"roles__fte_{CouncilSize(size).value}"))
    domains = list(Domain.objects.all() if domain is None else [domain])
    by_domain: dict[int, list[Capability]] = {one.pk: [] for one in domains}
    for capability in capabilities:
        capability.summary_line = first_sentence(capability.description)  # type: ignore[attr-defined]
        if capability.domain_id in by_domain:
            by_domain[capability.domain_id].append(capability)
    for one in domains:
        one.shown = by_domain[one.pk]  # type: ignore[attr-defined]
    return domains


def domain_by_slug(slug: str) -> Domain:
    try:
        return Domain.objects.get(slug=slug)
    except Domain.DoesNotExist:
        raise Http404("No such domain.") from None


def capability_by_slug(slug: str) -> Capability:
    try:
        return (
            Capability.objects.select_related("domain")
            .prefetch_related(_role_rows())
            .get(slug=slug)
        )
    except Capability.DoesNotExist:
        raise Http404("No such capability.") from None


@dataclass(frozen=True)
class RoleLine:
    """A role row of a capability as the page shows it."""

    role: CapabilityRole
    level: RoleLevel
    framework_query: str  # "?framework=..." when the level is not in the default framework


def role_lines(capability: Capability) -> list[RoleLine]:
    lines = []
    for row in capability.roles.all():
        framework = row.role_level.framework
        query = "" if framework.is_default else f"?framework={framework.slug}"
        lines.append(RoleLine(row, row.role_level, query))
    return lines


def fte_totals(capability: Capability) -> dict[str, Decimal]:
    rows = list(capability.roles.all())
    return {
        "small": sum((row.fte_small for row in rows), Decimal(0)),
        "medium": sum((row.fte_medium for row in rows), Decimal(0)),
        "large": sum((row.fte_large for row in rows), Decimal(0)),
    }


# --- History -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _shown(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "(none)"
    return str(value) if value not in (None, "") else "(empty)"


def _role_changes(before: list[dict[str, str]], after: list[dict[str, str]]) -> list[Change]:
    def key(row: dict[str, str]) -> str:
        return row.get("role_level", "")

    def fte(row: dict[str, str]) -> str:
        return (
            f"{row.get('fte_small')} / {row.get('fte_medium')} / {row.get('fte_large')} FTE "
            "(smaller / medium / larger council)"
        )

    old = {key(row): row for row in before}
    new = {key(row): row for row in after}
    changes = []
    for slug, row in new.items():
        name = row.get("role_level_name", slug)
        if slug not in old:
            changes.append(Change(f"Role level added: {name}", "", fte(row)))
        elif fte(old[slug]) != fte(row):
            changes.append(Change(f"Staff numbers for {name}", fte(old[slug]), fte(row)))
    for slug, row in old.items():
        if slug not in new:
            changes.append(
                Change(f"Role level removed: {row.get('role_level_name', slug)}", fte(row), "")
            )
    return changes


def version_changes(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    if before is None:
        return []
    changes: list[Change] = []
    for key in changed_fields(before, after):
        if key == "roles":
            changes.extend(_role_changes(before.get("roles", []), after.get("roles", [])))
        elif key == "domain":
            changes.append(
                Change("Domain", str(before.get("domain_name")), str(after.get("domain_name")))
            )
        else:
            label = FIELD_LABELS.get(key, key)
            changes.append(
                Change(
                    label[:1].upper() + label[1:],
                    _shown(key, before.get(key)),
                    _shown(key, after.get(key)),
                )
            )
    return changes


def capability_history(capability: Capability) -> list[tuple[CapabilityVersion, list[Change]]]:
    """Each version, newest first, with what changed since the one before."""
    versions = list(
        CapabilityVersion.objects.filter(capability=capability)
        .select_related("changed_by")
        .order_by("number")
    )
    history = []
    previous: dict[str, Any] | None = None
    for version in versions:
        history.append((version, version_changes(previous, version.snapshot)))
        previous = version.snapshot
    history.reverse()
    return history


# --- The table and what an import may name ------------------------------------------------------


def table_capabilities() -> list[TableCapability]:
    """Every capability as the rows of the CSV and Excel files."""
    capabilities = Capability.objects.select_related("domain").prefetch_related(_role_rows())
    return [
        TableCapability(
            domain=capability.domain.slug,
            slug=capability.slug,
            name=capability.name,
            description=capability.description,
            benefits=capability.benefits,
            responsibilities=tuple(capability.responsibility_list),
            must_have_stage=capability.must_have_stage,
            is_emerging=capability.is_emerging,
            staffing_is_illustrative=capability.staffing_is_illustrative,
            roles=tuple(
                TableRole(row.role_level.slug, row.fte_small, row.fte_medium, row.fte_large)
                for row in capability.roles.all()
            ),
        )
        for capability in capabilities
    ]


def known_domains() -> dict[str, str]:
    """Each domain's slug and name, in lower case, to its slug."""
    known: dict[str, str] = {}
    for slug, name in Domain.objects.values_list("slug", "name"):
        known[slug.lower()] = slug
        known[name.lower()] = slug
    return known


def known_role_levels() -> set[str]:
    return set(
        RoleLevel.objects.filter(framework__is_default=True, is_current=True).values_list(
            "slug", flat=True
        )
    )


def role_level_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The default framework's role levels grouped by role, for a select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, role in (
        RoleLevel.objects.filter(framework__is_default=True, is_current=True)
        .order_by("role__name", "rank", "name")
        .values_list("pk", "name", "role__name")
    ):
        groups.setdefault(role, []).append((pk, name))
    return list(groups.items())


def role_levels_by_pk(pks: list[int]) -> dict[int, RoleLevel]:
    return RoleLevel.objects.select_related("framework").in_bulk(pks)
