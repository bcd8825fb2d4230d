"""What the checks share: a rule's parameters read as numbers, word sets and patterns, whether
any of a rule's patterns appears in the text, and words listed once each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..rules import Rule, compile_insensitive
from .context import Context


@lru_cache(maxsize=256)
def _patterns(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def param_pattern(rule: Rule, name: str) -> re.Pattern[str]:
    return _patterns(tuple(str(item) for item in rule.params.get(name, ())))


@lru_cache(maxsize=256)
def _fast_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], bool]:
    return compile_insensitive("|".join(f"(?:{pattern})" for pattern in patterns))


def appears(context: Context, rule: Rule, name: str) -> bool:
    """True if any of the rule's ``params[name]`` patterns appears anywhere in the text."""
    analysis = context.analysis
    if not rule.may_match(analysis):
        return False
    pattern, lower = _fast_patterns(tuple(str(item) for item in rule.params.get(name, ())))
    searched = analysis.lower if lower and analysis.lower_is_aligned else analysis.text
    if not lower or analysis.lower_is_aligned:
        return pattern.search(searched) is not None
    return param_pattern(rule, name).search(analysis.text) is not None


def int_param(rule: Rule, name: str, default: int) -> int:
    return int(rule.params.get(name, default))


def float_param(rule: Rule, name: str, default: float) -> float:
    return float(rule.params.get(name, default))


@lru_cache(maxsize=8)
def word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def distinct(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))
