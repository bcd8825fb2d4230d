"""Checks registered by name, for YAML rules to call."""

from __future__ import annotations

from collections.abc import Callable

from ..rules import Hit, Rule
from .context import Context

CheckFunction = Callable[[Context, Rule], list[Hit]]
CHECKS: dict[str, CheckFunction] = {}

WHOLE_DOCUMENT = Hit(0, 0)


def register(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def decorate(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = function
        return function

    return decorate


def run_check(context: Context, rule: Rule) -> list[Hit]:
    assert rule.check is not None
    return CHECKS[rule.check](context, rule)
