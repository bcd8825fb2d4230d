"""Checks of pay: a pound figure is given, not only a grade, and says what it includes."""

from __future__ import annotations

from ..rules import Hit, Rule
from .context import Context
from .params import param_pattern
from .registry import WHOLE_DOCUMENT, register


@register("no_pay_figure")
def no_pay_figure(context: Context, rule: Rule) -> list[Hit]:
    return [] if context.has_pay_figure else [WHOLE_DOCUMENT]


@register("grade_only")
def grade_only(context: Context, rule: Rule) -> list[Hit]:
    """A pay grade (PO4, SCP 29, Grade 7) but no pound figure anywhere."""
    if context.has_pay_figure or not context.grades:
        return []
    grade = context.grades[0]
    position = context.analysis.lower.find(grade.lower())
    if position < 0:
        return [Hit(0, 0, {"grade": grade})]
    return [Hit(position, position + len(grade), {"grade": grade})]


@register("pay_without")
def pay_without(context: Context, rule: Rule) -> list[Hit]:
    """Pay is stated, but nothing in ``params.any_of`` is (e.g. London weighting)."""
    if not context.has_pay_figure:
        return []
    if any(pay.basis == "including_london_weighting" for pay in context.pay_ranges):
        return []
    if param_pattern(rule, "any_of").search(context.analysis.text):
        return []
    first = context.pay_ranges[0]
    return [Hit(first.start, first.end)]
