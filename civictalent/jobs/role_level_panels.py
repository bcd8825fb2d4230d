"""The role level page's panel of open vacancies at that level (framework/level_panels.py):
public, like the jobs board, so it is the same for every visitor."""

from __future__ import annotations

from typing import Any

from civictalent.framework.level_panels import LevelPanel
from civictalent.framework.models import RoleLevel
from civictalent.jobs.selectors import open_vacancies

SHOWN = 10


def open_vacancies_panel(user: Any, level: RoleLevel) -> LevelPanel:
    found = open_vacancies().filter(role_level=level)
    shown = list(found.select_related("organisation").order_by("closes_at", "pk")[:SHOWN])
    # The board filters by family and seniority, not by role level: beyond SHOWN, the page
    # links to the family's jobs.
    total = len(shown) if len(shown) < SHOWN else found.count()
    return LevelPanel(
        order=20,
        template="jobs/_level_panel.html",
        context={"level": level, "vacancies": shown, "total": total},
    )


PANELS = [open_vacancies_panel]
