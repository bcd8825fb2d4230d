"""Write a parsed framework into the database: create what is new, update what changed, retire
what disappeared, and report it all. Identities are stable: rows are matched by slug, so a
re-import keeps every primary key (and everything that points at it).

The model classes are passed in, so the data migration that loads the starter framework can use
its historical models and the import command the current ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from civictalent.framework.ddat import ParsedFramework
from civictalent.framework.seniority import sort_levels

if TYPE_CHECKING:
    from civictalent.framework.moves import MoveReport

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FrameworkModels:
    framework: Any
    family: Any
    role: Any
    role_level: Any
    skill: Any
    need: Any


@dataclass(frozen=True)
class FrameworkMeta:
    slug: str
    name: str
    version: str = ""
    source: str = ""
    licence: str = ""


@dataclass
class EntityChanges:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "retired": self.retired,
        }


@dataclass
class ImportReport:
    framework_id: int = 0
    families: EntityChanges = field(default_factory=EntityChanges)
    roles: EntityChanges = field(default_factory=EntityChanges)
    role_levels: EntityChanges = field(default_factory=EntityChanges)
    skills: EntityChanges = field(default_factory=EntityChanges)
    skill_needs: EntityChanges = field(default_factory=EntityChanges)
    details: list[str] = field(default_factory=list)
    # What moved from the replaced framework (set by the DDaT import when it becomes the default).
    moves: MoveReport | None = None

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "families": self.families.as_dict(),
            "roles": self.roles.as_dict(),
            "role_levels": self.role_levels.as_dict(),
            "skills": self.skills.as_dict(),
            "skill_needs": self.skill_needs.as_dict(),
        }

    @property
    def changed(self) -> bool:
        return bool(self.moves and self.moves.moved) or any(
            changes["created"] or changes["updated"] or changes["retired"]
            for changes in self.counts().values()
        )


def _upsert(
    model: Any,
    existing: dict[str, Any],
    slug: str,
    values: dict[str, Any],
    changes: EntityChanges,
    details: list[str],
    label: str,
) -> Any:
    """Create the row, or update the fields that differ. Returns the row."""
    row = existing.get(slug)
    if row is None:
        row = model.objects.create(slug=slug, **values)
        changes.created += 1
        details.append(f"added {label} {values.get('name', slug)!r}")
        return row
    differing = [name for name, value in values.items() if getattr(row, name) != value]
    if differing:
        for name in differing:
            setattr(row, name, values[name])
        row.save(update_fields=differing)
        changes.updated += 1
        details.append(f"changed {label} {values.get('name', slug)!r}: {', '.join(differing)}")
    else:
        changes.unchanged += 1
    return row


def _retire(
    queryset: Any, keep: set[str], changes: EntityChanges, details: list[str], label: str
) -> None:
    gone = queryset.filter(is_current=True).exclude(slug__in=keep)
    for name in gone.values_list("name", flat=True):
        details.append(f"retired {label} {name!r} (no longer in the file)")
    changes.retired += gone.update(is_current=False)


def unique_level_slug(level_name: str, role_slug: str, taken: set[str]) -> str:
    slug = slugify(level_name)[:150]
    if slug in taken:
        slug = f"{role_slug}-{slug}"[:150]
    taken.add(slug)
    return slug


def apply_framework(
    models: FrameworkModels,
    parsed: ParsedFramework,
    meta: FrameworkMeta,
    *,
    make_default: bool,
    levels_in_order: bool = False,
    emerging_roles: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update the framework ``meta.slug`` from ``parsed``, all or nothing."""
    report = ImportReport()
    total = len(parsed.roles) + len(parsed.skills)
    done = 0
    with transaction.atomic():
        framework, _ = models.framework.objects.update_or_create(
            slug=meta.slug,
            defaults={
                "name": meta.name,
                "version": meta.version,
                "source": meta.source,
                "licence": meta.licence,
            },
        )
        if make_default and not framework.is_default:
            models.framework.objects.filter(is_default=True).update(is_default=False)
            framework.is_default = True
            framework.save(update_fields=["is_default"])
        elif not models.framework.objects.filter(is_default=True).exists():
            framework.is_default = True
            framework.save(update_fields=["is_default"])
        report.framework_id = framework.pk

        families = {f.slug: f for f in models.family.objects.filter(framework=framework)}
        family_rows: dict[str, Any] = {}
        for family_name in parsed.families:
            slug = slugify(family_name)
            family_rows[family_name] = _upsert(
                models.family,
                families,
                slug,
                {
                    "framework": framework,
                    "name": family_name,
                    "is_current": True,
                    "description": parsed.family_descriptions.get(family_name, ""),
                },
                report.families,
                report.details,
                "family",
            )
        _retire(
            models.family.objects.filter(framework=framework),
            {slugify(n) for n in parsed.families},
            report.families,
            report.details,
            "family",
        )

        skills = {s.slug: s for s in models.skill.objects.filter(framework=framework)}
        skill_rows: dict[str, Any] = {}
        for skill in parsed.skills.values():
            skill_rows[skill.name] = _upsert(
                models.skill,
                skills,
                slugify(skill.name)[:150],
                {
                    "framework": framework,
                    "name": skill.name,
                    "description": skill.description,
                    "is_current": True,
                    **skill.levels,
                },
                report.skills,
                report.details,
                "skill",
            )
            done += 1
            if progress:
                progress(done, total, "skills")
        _retire(
            models.skill.objects.filter(framework=framework),
            {slugify(n)[:150] for n in parsed.skills},
            report.skills,
            report.details,
            "skill",
        )

        roles = {r.slug: r for r in models.role.objects.filter(framework=framework)}
        levels = {lv.slug: lv for lv in models.role_level.objects.filter(framework=framework)}
        taken_level_slugs: set[str] = set()
        kept_level_slugs: set[str] = set()
        level_rows: list[tuple[Any, dict[str, str]]] = []
        for role in parsed.roles.values():
            role_slug = slugify(role.name)[:150]
            role_row = _upsert(
                models.role,
                roles,
                role_slug,
                {
                    "framework": framework,
                    "family": family_rows[role.family],
                    "name": role.name,
                    "description": role.description,
                    "is_current": True,
                    "is_emerging": role.name in emerging_roles,
                    "is_senior_civil_service": role.senior_civil_service,
                },
                report.roles,
                report.details,
                "role",
            )
            names = (
                list(role.levels) if levels_in_order else sort_levels(role.name, list(role.levels))
            )
            for rank, level_name in enumerate(names, start=1):
                level = role.levels[level_name]
                slug = unique_level_slug(level_name, role_slug, taken_level_slugs)
                kept_level_slugs.add(slug)
                level_row = _upsert(
                    models.role_level,
                    levels,
                    slug,
                    {
                        "framework": framework,
                        "role": role_row,
                        "name": level_name,
                        "description": level.description,
                        "rank": rank,
                        "is_current": True,
                    },
                    report.role_levels,
                    report.details,
                    "role level",
                )
                level_rows.append((level_row, level.skills))
            done += 1
            if progress:
                progress(done, total, "roles")
        _retire(
            models.role.objects.filter(framework=framework),
            {slugify(n)[:150] for n in parsed.roles},
            report.roles,
            report.details,
            "role",
        )
        _retire(
            models.role_level.objects.filter(framework=framework),
            kept_level_slugs,
            report.role_levels,
            report.details,
            "role level",
        )
        _apply_skill_needs(models, framework, level_rows, skill_rows, report)
    return report


def _apply_skill_needs(
    models: FrameworkModels,
    framework: Any,
    level_rows: list[tuple[Any, dict[str, str]]],
    skill_rows: dict[str, Any],
    report: ImportReport,
) -> None:
    existing = {
        (need.role_level_id, need.skill_id): need
        for need in models.need.objects.filter(role_level__framework=framework)
    }
    wanted: set[tuple[int, int]] = set()
    to_create = []
    for level_row, needs in level_rows:
        for skill_name, level in needs.items():
            key = (level_row.pk, skill_rows[skill_name].pk)
            wanted.add(key)
            need = existing.get(key)
            if need is None:
                to_create.append(models.need(role_level_id=key[0], skill_id=key[1], level=level))
            elif need.level != level:
                need.level = level
                need.save(update_fields=["level"])
                report.skill_needs.updated += 1
            else:
                report.skill_needs.unchanged += 1
    models.need.objects.bulk_create(to_create, batch_size=500)
    report.skill_needs.created += len(to_create)
    stale = [need.pk for key, need in existing.items() if key not in wanted]
    if stale:
        models.need.objects.filter(pk__in=stale).delete()
        report.skill_needs.retired += len(stale)
