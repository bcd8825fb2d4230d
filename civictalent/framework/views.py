from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.permissions import public
from civictalent.framework import selectors
from civictalent.framework.forms import ProgressionForm
from civictalent.framework.level_panels import rendered_level_panels
from civictalent.framework.models import Framework, SkillLevel


def _framework(request: HttpRequest) -> Framework:
    return selectors.framework_for(request.GET.get("framework"))


def _render(
    request: HttpRequest, template: str, framework: Framework, **context: object
) -> HttpResponse:
    """Every framework page knows its framework and keeps it in its links."""
    query = "" if framework.is_default else f"?framework={framework.slug}"
    return render(request, template, {"framework": framework, "fw_query": query, **context})


@cached_for_anonymous
@public
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    return _render(
        request,
        "framework/overview.html",
        framework,
        frameworks=Framework.objects.all(),
        families=selectors.families_with_roles(framework),
        emerging=selectors.emerging_roles(framework),
    )


@cached_for_anonymous
@public
@require_GET
def family_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(request)
    return _render(
        request, "framework/family.html", framework, family=selectors.family(framework, slug)
    )


@cached_for_anonymous
@public
@require_GET
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(request)
    return _render(request, "framework/role.html", framework, role=selectors.role(framework, slug))


@cached_for_anonymous
@public
@require_GET
def level_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(request)
    level = selectors.role_level(framework, slug)
    previous_level, next_level = selectors.neighbouring_levels(level)
    by_level: dict[str, list[object]] = {choice.value: [] for choice in reversed(SkillLevel)}
    unlevelled: list[object] = []
    for need in level.needs:  # type: ignore[attr-defined]
        (by_level[need.level] if need.level else unlevelled).append(need)
    groups = [(SkillLevel(value).label, needs) for value, needs in by_level.items() if needs]
    return _render(
        request,
        "framework/level.html",
        framework,
        level=level,
        groups=groups,
        unlevelled=unlevelled,
        previous_level=previous_level,
        next_level=next_level,
        # What the apps above the framework have for this level (jdlibrary, jobs, salaries).
        panels=rendered_level_panels(request, level),
    )


@cached_for_anonymous
@public
@require_GET
def skill_list(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    return _render(request, "framework/skills.html", framework, skills=selectors.skills(framework))


@cached_for_anonymous
@public
@require_GET
def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(request)
    skill = selectors.skill(framework, slug)
    descriptors = [
        (choice.label, skill.description_at(choice.value))
        for choice in SkillLevel
        if skill.description_at(choice.value)
    ]
    return _render(
        request,
        "framework/skill.html",
        framework,
        skill=skill,
        descriptors=descriptors,
        needs=selectors.skill_needs(skill),
    )


@cached_for_anonymous
@public
@require_GET
def progression(request: HttpRequest) -> HttpResponse:
    framework = _framework(request)
    levels = list(selectors.levels_for_choice(framework))
    form = ProgressionForm(request.GET if "start" in request.GET else None, levels=levels)
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        start, end, steps = selectors.progression(
            framework, form.cleaned_data["start"], form.cleaned_data["end"]
        )
        context |= {
            "start": start,
            "end": end,
            "steps": steps,
            "growing": [step for step in steps if step.kind in {"new", "grow"}],
        }
    return _render(request, "framework/progression.html", framework, **context)
