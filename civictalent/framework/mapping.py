"""Job title -> role level in the default framework: the title mapper, built once per process and
framework version, and the one lookup of the role level it names (for vacancies and library JDs)."""

from __future__ import annotations

from functools import lru_cache

from civictalent.framework.models import Framework, RoleLevel
from civictalent.framework.titles import CatalogueRole, TitleMapper


def catalogue_of(framework: Framework) -> list[CatalogueRole]:
    levels = (
        RoleLevel.objects.filter(framework=framework, is_current=True, role__is_current=True)
        .select_related("role__family")
        .order_by("role__name", "rank")
    )
    roles: dict[str, tuple[str, list[str]]] = {}
    for level in levels:
        roles.setdefault(level.role.name, (level.role.family.name, []))[1].append(level.name)
    return [
        CatalogueRole(family=family, role=role, levels=tuple(names))
        for role, (family, names) in roles.items()
    ]


@lru_cache(maxsize=4)
def _mapper_for(framework_id: int, updated_at: str) -> TitleMapper:
    return TitleMapper(catalogue_of(Framework.objects.get(pk=framework_id)))


def default_title_mapper() -> TitleMapper | None:
    framework = Framework.objects.filter(is_default=True).only("id", "updated_at").first()
    if framework is None:
        return None
    return _mapper_for(framework.pk, framework.updated_at.isoformat())


def role_level_for_title(title: str, text: str = "") -> RoleLevel | None:
    """The default framework's role level for a job title (``text``, the job's description,
    helps the mapper decide), with its role; None when there is no default framework or the
    mapper finds no level."""
    mapper = default_title_mapper()
    if mapper is None:
        return None
    match = mapper.map(title, text)
    if not match.role_level:
        return None
    return (
        RoleLevel.objects.select_related("role")
        .filter(framework__is_default=True, name=match.role_level, role__name=match.role)
        .first()
    )
