"""``{% form_pay_context form vacancy %}``: the London benchmark beside the pay fields of the
vacancy form, for the role level and pay the form holds (or the saved vacancy's)."""

from __future__ import annotations

from typing import Any

from django import forms, template

from civictalent.core.money import pence_from_pounds, pounds_from_text
from civictalent.core.numbers import parse_bounded_int
from civictalent.framework.models import RoleLevel
from civictalent.salaries.templatetags.pay_context import london_pay_context

register = template.Library()


def _pence(value: Any) -> int | None:
    try:
        pounds = pounds_from_text(str(value or ""))
        return pence_from_pounds(pounds) if pounds is not None else None
    except ValueError:
        return None


@register.inclusion_tag("salaries/_pay_context.html", takes_context=True)
def form_pay_context(
    context: template.Context, form: forms.Form, vacancy: Any = None
) -> dict[str, Any]:
    level_id = parse_bounded_int(str(form["role_level"].value() or ""))
    level = RoleLevel.objects.filter(pk=level_id).first() if level_id is not None else None
    if level is None and vacancy is not None:
        level = vacancy.role_level
    low, high = _pence(form["annual_min"].value()), _pence(form["annual_max"].value())
    if low is None and vacancy is not None:
        low, high = vacancy.annual_min_pence, vacancy.annual_max_pence
    return london_pay_context(
        context, level, low, high, heading_level=3, subject="The pay in this form"
    )
