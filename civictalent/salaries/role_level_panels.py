"""The role level page's panel of London pay for that level (framework/level_panels.py), with
the salaries pages' disclosure rules (salaries/pay_context.py). Signed-in people only, as the
benchmarks are."""

from __future__ import annotations

from typing import Any

from civictalent.framework.level_panels import LevelPanel
from civictalent.framework.models import RoleLevel
from civictalent.salaries.pay_context import london_pay_context


def benchmark_panel(user: Any, level: RoleLevel) -> LevelPanel | None:
    if not user.is_authenticated:
        return None
    return LevelPanel(
        order=30,
        template="salaries/_pay_context.html",
        context={
            "pay": london_pay_context(level),
            "heading_tag": "h2",
            "heading_class": "govuk-heading-m",
        },
    )


PANELS = [benchmark_panel]
