"""Filters for the results pages: the change since last time in words, and a score to two
places (the same words the downloads use)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from civictalent.maturity import results_exports
from civictalent.maturity.results_selectors import Change

register = template.Library()


@register.filter
def change_words(change: Change | None) -> str:
    return results_exports.change_text(change)


@register.filter
def score(value: Decimal | None) -> str:
    return results_exports.number(value)
