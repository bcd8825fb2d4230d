"""What a role level has, from the apps above the framework: its job descriptions, its open
vacancies and its London pay benchmark, shown on the role level page.

The framework sits below the library, the jobs board and salaries, so it never imports them.
Each of those apps contributes panels from its own ``role_level_panels.py``: ``PANELS``,
functions that take the person looking (a user, or an anonymous visitor) and the role level and
return a :class:`LevelPanel`, or None when they have nothing to show that person. Each panel is
rendered by its own template with its own context, in ``order``. The page is cached for
anonymous visitors (core/page_cache.py), so a panel shown to them must be the same for every
anonymous visitor; any change to a row makes the cached pages stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from civictalent.core.registry import contributions
from civictalent.framework.models import RoleLevel


@dataclass(frozen=True)
class LevelPanel:
    order: int
    template: str
    context: dict[str, Any] = field(default_factory=dict)


LevelPanelBuilder = Callable[[Any, RoleLevel], LevelPanel | None]


def level_panels(user: Any, level: RoleLevel) -> list[LevelPanel]:
    """Every installed app's panels for this role level and person, in order."""
    found = [
        panel
        for build in contributions("role_level_panels", "PANELS")
        if (panel := build(user, level)) is not None
    ]
    return sorted(found, key=lambda panel: panel.order)


def rendered_level_panels(request: HttpRequest, level: RoleLevel) -> list[SafeString]:
    """The panels for the person asking, each rendered by its own (autoescaped) template."""
    return [
        render_to_string(panel.template, panel.context, request=request)
        for panel in level_panels(request.user, level)
    ]
