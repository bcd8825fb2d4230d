from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from civictalent.framework.models import (
    Framework,
    JobFamily,
    Role,
    RoleLevel,
    RoleLevelSkill,
    Skill,
)
from civictalent.framework.progression import SkillStep, compare_skill_needs


def framework_for(slug: str | None) -> Framework:
    """The framework named in the query string, or the default one."""
    frameworks = Framework.objects.all()
    framework = (
        frameworks.filter(slug=slug) if slug else frameworks.filter(is_default=True)
    ).first()
    if framework is None:
        raise Http404("No such framework.")
    return framework


def families_with_roles(framework: Framework) -> QuerySet[JobFamily]:
    current_roles = Role.objects.filter(is_current=True).annotate(
        level_count=Count("levels", filter=Q(levels__is_current=True))
    )
    return (
        JobFamily.objects.filter(framework=framework, is_current=True)
        .prefetch_related(Prefetch("roles", queryset=current_roles, to_attr="current_roles"))
        .order_by("name")
    )


def emerging_roles(framework: Framework) -> QuerySet[Role]:
    return Role.objects.filter(
        framework=framework, is_current=True, is_emerging=True
    ).select_related("family")


def family(framework: Framework, slug: str) -> JobFamily:
    try:
        return families_with_roles(framework).get(slug=slug)
    except JobFamily.DoesNotExist:
        raise Http404("No such job family.") from None


def role(framework: Framework, slug: str) -> Role:
    levels = RoleLevel.objects.filter(is_current=True).order_by("rank")
    try:
        return (
            Role.objects.select_related("family", "framework")
            .prefetch_related(Prefetch("levels", queryset=levels, to_attr="current_levels"))
            .get(framework=framework, slug=slug)
        )
    except Role.DoesNotExist:
        raise Http404("No such role.") from None


def role_level(framework: Framework, slug: str) -> RoleLevel:
    needs = RoleLevelSkill.objects.select_related("skill").order_by("skill__name")
    try:
        return (
            RoleLevel.objects.select_related("role__family", "framework")
            .prefetch_related(Prefetch("skill_needs", queryset=needs, to_attr="needs"))
            .get(framework=framework, slug=slug)
        )
    except RoleLevel.DoesNotExist:
        raise Http404("No such role level.") from None


def neighbouring_levels(level: RoleLevel) -> tuple[RoleLevel | None, RoleLevel | None]:
    siblings = list(
        RoleLevel.objects.filter(role_id=level.role_id, is_current=True)
        .order_by("rank")
        .only("id", "slug", "name", "rank")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == level.pk)
    before = siblings[index - 1] if index > 0 else None
    after = siblings[index + 1] if index + 1 < len(siblings) else None
    return before, after


def skills(framework: Framework) -> QuerySet[Skill]:
    return Skill.objects.filter(framework=framework, is_current=True).annotate(
        role_level_count=Count("needed_by")
    )


def skill(framework: Framework, slug: str) -> Skill:
    try:
        return Skill.objects.get(framework=framework, slug=slug)
    except Skill.DoesNotExist:
        raise Http404("No such skill.") from None


def skill_needs(skill: Skill) -> QuerySet[RoleLevelSkill]:
    return (
        RoleLevelSkill.objects.filter(skill=skill, role_level__is_current=True)
        .select_related("role_level__role__family")
        .order_by("role_level__role__name", "role_level__rank")
    )


def levels_for_choice(framework: Framework) -> QuerySet[RoleLevel]:
    return (
        RoleLevel.objects.filter(framework=framework, is_current=True, role__is_current=True)
        .select_related("role")
        .order_by("role__name", "rank")
        .only("id", "slug", "name", "rank", "role__name")
    )


def progression(
    framework: Framework, from_slug: str, to_slug: str
) -> tuple[RoleLevel, RoleLevel, list[SkillStep]]:
    start, end = role_level(framework, from_slug), role_level(framework, to_slug)

    def needs_of(level: RoleLevel) -> dict[str, tuple[str, str]]:
        return {need.skill.name: (need.skill.slug, need.level) for need in level.needs}  # type: ignore[attr-defined]

    return start, end, compare_skill_needs(needs_of(start), needs_of(end))
