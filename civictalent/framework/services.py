"""Load frameworks: the starter framework shipped with the project, and official DDaT files."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from civictalent.core.audit import audit_record
from civictalent.framework import models as framework_models
from civictalent.framework.ddat import (
    ParsedFramework,
    ParsedLevel,
    ParsedRole,
    ParsedSkill,
    parse_ddat,
)
from civictalent.framework.loading import (
    FrameworkMeta,
    FrameworkModels,
    ImportReport,
    Progress,
    apply_framework,
)
from civictalent.framework.moves import references_move
from civictalent.framework.starter import (
    STARTER_FRAMEWORK,
    STARTER_FRAMEWORK_LICENCE,
    STARTER_FRAMEWORK_NAME,
    STARTER_FRAMEWORK_SOURCE,
    STARTER_FRAMEWORK_VERSION,
    StarterFamily,
)
from civictalent.framework.starter_skills import LEVEL_MEANINGS, needs_by_role_level, starter_skills

STARTER_SLUG = "starter"
DDAT_SLUG = "ddat"
DDAT_META = FrameworkMeta(
    slug=DDAT_SLUG,
    name="Government Digital and Data Profession Capability Framework",
    source="ddat-capability-framework.service.gov.uk (official download)",
    licence="Open Government Licence v3.0; Crown copyright (Central Digital and Data Office)",
)
STARTER_META = FrameworkMeta(
    slug=STARTER_SLUG,
    name=STARTER_FRAMEWORK_NAME,
    version=STARTER_FRAMEWORK_VERSION,
    source=STARTER_FRAMEWORK_SOURCE,
    licence=STARTER_FRAMEWORK_LICENCE,
)


def current_models() -> FrameworkModels:
    return FrameworkModels(
        framework=framework_models.Framework,
        family=framework_models.JobFamily,
        role=framework_models.Role,
        role_level=framework_models.RoleLevel,
        skill=framework_models.Skill,
        need=framework_models.RoleLevelSkill,
    )


def starter_as_parsed(families: tuple[StarterFamily, ...] = STARTER_FRAMEWORK) -> ParsedFramework:
    """The starter framework as if parsed from files, with its skills (starter_skills.py)."""
    needs = needs_by_role_level()
    roles: dict[str, ParsedRole] = {}
    for family in families:
        for role in family.roles:
            roles[role.name] = ParsedRole(
                family=family.name,
                name=role.name,
                description=role.description,
                senior_civil_service=role.senior_civil_service,
                levels={
                    level.name: ParsedLevel(
                        level.name,
                        level.description,
                        skills=dict(needs.get((role.name, level.name), {})),
                    )
                    for level in role.levels
                },
            )
    return ParsedFramework(
        families=[family.name for family in families],
        roles=roles,
        skills={
            skill.name: ParsedSkill(skill.name, skill.description, dict(LEVEL_MEANINGS))
            for skill in starter_skills().values()
        },
        family_descriptions={family.name: family.description for family in families},
    )


def emerging_role_names() -> frozenset[str]:
    return frozenset(
        role.name for family in STARTER_FRAMEWORK for role in family.roles if role.emerging
    )


def framework_load_starter(models: FrameworkModels | None = None) -> ImportReport:
    """Load (or refresh) the starter framework. The default only if no other framework is."""
    return apply_framework(
        models or current_models(),
        starter_as_parsed(),
        STARTER_META,
        make_default=False,
        levels_in_order=True,
        emerging_roles=emerging_role_names(),
    )


def framework_import_ddat(
    *,
    roles_path: Path,
    skills_path: Path,
    version: str = "",
    make_default: bool = True,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the official download. Raises DDaTFormatError (nothing changed) if malformed.

    As the default, it replaces the frameworks before it: everything that points at their role
    levels moves to the imported ones (see moves.py), in the same transaction. ``dry_run``
    reports what would change and what would move, and changes nothing."""
    parsed = parse_ddat(
        roles_path, skills_path, roles_name=roles_path.name, skills_name=skills_path.name
    )
    meta = FrameworkMeta(
        slug=DDAT_META.slug,
        name=DDAT_META.name,
        version=version,
        source=DDAT_META.source,
        licence=DDAT_META.licence,
    )
    with transaction.atomic():
        report = apply_framework(
            current_models(),
            parsed,
            meta,
            make_default=make_default,
            emerging_roles=emerging_role_names(),
            progress=progress,
        )
        framework = framework_models.Framework.objects.get(pk=report.framework_id)
        if make_default:
            report.moves = references_move(target=framework, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
        elif report.changed:
            _audit_import(framework, report)
    return report


def _audit_import(framework: framework_models.Framework, report: ImportReport) -> None:
    moves = report.moves
    moved = f"; moved {moves.moved} rows from {', '.join(moves.sources)}" if moves else ""
    cannot = f", {moves.cannot_move} could not move" if moves and moves.cannot_move else ""
    audit_record(
        actor=None,
        action="framework.imported",
        target=framework,
        summary=f"Imported {framework.name} {framework.version}".strip() + moved + cannot,
        changes={
            "counts": report.counts(),
            "moves": moves.summary() if moves else {},
        },
    )
