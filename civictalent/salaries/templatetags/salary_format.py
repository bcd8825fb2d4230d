from __future__ import annotations

from decimal import Decimal

from django import template

from civictalent.core import money

register = template.Library()

WORDS = {
    "base": "Base pay",
    "including_london_weighting": "Including London weighting",
    "on_target_earnings": "On-target earnings",
    "allowance": "Allowance",
}


@register.filter
def pounds_text(pence: int | None) -> str:
    """Whole pounds by the one money rule, as every chart, sentence and download shows them:
    4850050 -> £48,501. Nothing for no figure."""
    if pence is None:
        return ""
    return money.pounds_text(int(pence))


@register.filter
def pounds_text_of_pounds(amount: Decimal | None) -> str:
    """The same, for an amount already in pounds (the salary parser's annual figures)."""
    if amount is None:
        return ""
    return money.pounds_text(money.pence_from_pounds(amount))


@register.filter
def humanize_code(code: str) -> str:
    """A code such as below_london_living_wage, in words."""
    text = str(code)
    return WORDS.get(text, text.replace("_", " ").capitalize())
