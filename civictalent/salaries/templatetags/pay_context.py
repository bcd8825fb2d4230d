"""``{% london_pay_context level min_pence max_pence %}``: the London benchmark for a role level
and where the pay sits in it (salaries/pay_context.py), for any page where pay is decided."""

from __future__ import annotations

from typing import Any

from django import template

from civictalent.framework.models import RoleLevel
from civictalent.salaries.pay_context import london_pay_context as context_for

register = template.Library()


@register.inclusion_tag("salaries/_pay_context.html", takes_context=True)
def london_pay_context(
    context: template.Context,
    level: RoleLevel | None,
    min_pence: int | None = None,
    max_pence: int | None = None,
    *,
    heading_level: int = 2,
    subject: str = "The advertised pay",
) -> dict[str, Any]:
    """Nothing for a visitor who is not signed in: benchmarks are for council staff."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return {"pay": None}
    return {
        "pay": context_for(
            level, annual_min_pence=min_pence, annual_max_pence=max_pence, subject=subject
        ),
        "heading_tag": f"h{max(2, min(int(heading_level), 4))}",
        "heading_class": "govuk-heading-m" if int(heading_level) <= 2 else "govuk-heading-s",
    }
