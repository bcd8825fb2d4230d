from __future__ import annotations

from django import template

register = template.Library()

WORDS = {
    "base": "Base pay",
    "including_london_weighting": "Including London weighting",
    "on_target_earnings": "On-target earnings",
    "allowance": "Allowance",
}


@register.filter
def pounds(pence: int | None) -> str:
    """Whole pounds with thousands separators: 4850000 -> 48,500."""
    if pence is None:
        return "none"
    return f"{round(int(pence) / 100):,}"


@register.filter
def humanize_code(code: str) -> str:
    """A code such as below_london_living_wage, in words."""
    text = str(code)
    return WORDS.get(text, text.replace("_", " ").capitalize())
