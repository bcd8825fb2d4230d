"""Checks of inclusive language: the balance of masculine- and feminine-coded words."""

from __future__ import annotations

from ..rules import Hit, Rule
from ..text import lemma_candidates
from .context import Context
from .params import distinct, int_param, word_set
from .registry import register


def _coded_words(context: Context, rule: Rule, name: str) -> list[tuple[int, int]]:
    words = word_set(tuple(str(word) for word in rule.params.get(name, ())))
    spans = []
    for token in context.analysis.tokens:
        if not lemma_candidates(token.lower).isdisjoint(words) and rule.allows(
            context.analysis, token.start, token.end
        ):
            spans.append((token.start, token.end))
    return spans


@register("gender_coded_balance")
def gender_coded_balance(context: Context, rule: Rule) -> list[Hit]:
    """Advice when masculine-coded words clearly outnumber feminine-coded ones."""
    masculine = _coded_words(context, rule, "masculine")
    feminine = _coded_words(context, rule, "feminine")
    if len(masculine) - len(feminine) < int_param(rule, "margin", 3):
        return []
    text = context.analysis.text
    examples = distinct(text[start:end].lower() for start, end in masculine)
    return [
        Hit(
            0,
            0,
            {
                "masculine": str(len(masculine)),
                "feminine": str(len(feminine)),
                "examples": ", ".join(examples[:8]),
            },
        )
    ]
