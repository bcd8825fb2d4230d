"""The role level page's panel of job descriptions at that level (framework/level_panels.py):
the ones the person may see, exemplars first. Signed-in people only, as the library is."""

from __future__ import annotations

from typing import Any

from civictalent.framework.level_panels import LevelPanel
from civictalent.framework.models import RoleLevel
from civictalent.jdlibrary.selectors import visible_job_descriptions

SHOWN = 10


def job_descriptions_panel(user: Any, level: RoleLevel) -> LevelPanel | None:
    if not user.is_authenticated:
        return None
    found = visible_job_descriptions(user).filter(role_level=level)
    shown = list(found.order_by("-is_exemplar", "-published_at", "-updated_at", "pk")[:SHOWN])
    total = len(shown) if len(shown) < SHOWN else found.count()
    return LevelPanel(
        order=10,
        template="jdlibrary/_level_panel.html",
        context={"level": level, "job_descriptions": shown, "total": total},
    )


PANELS = [job_descriptions_panel]
