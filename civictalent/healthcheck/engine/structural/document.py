"""Checks of the whole document: what it must say somewhere, its length and headings, and its
hygiene (layout tables, images, a text layer, runs of capitals)."""

from __future__ import annotations

import re

from ..rules import Hit, Rule
from .context import Context
from .params import appears, int_param
from .registry import WHOLE_DOCUMENT, register


@register("absent")
def absent(context: Context, rule: Rule) -> list[Hit]:
    """Fires once for the document when none of ``params.any_of`` appears in the text."""
    if context.analysis.word_count < int_param(rule, "min_words", 0):
        return []
    return [] if appears(context, rule, "any_of") else [WHOLE_DOCUMENT]


@register("length_band")
def length_band(context: Context, rule: Rule) -> list[Hit]:
    words = context.analysis.word_count
    shortest, longest = (
        int_param(rule, "minimum_words", 200),
        int_param(rule, "maximum_words", 1500),
    )
    if shortest <= words <= longest:
        return []
    verdict = "short" if words < shortest else "long"
    return [
        Hit(
            0,
            0,
            {"words": str(words), "verdict": verdict, "min": str(shortest), "max": str(longest)},
        )
    ]


@register("few_headings")
def few_headings(context: Context, rule: Rule) -> list[Hit]:
    if context.analysis.word_count < int_param(rule, "from_words", 250):
        return []
    headings = {heading.strip().lower() for heading in context.all_headings}
    minimum = int_param(rule, "minimum", 3)
    if len(headings) >= minimum:
        return []
    return [Hit(0, 0, {"count": str(len(headings)), "minimum": str(minimum)})]


# --- document hygiene ---------------------------------------------------------------------------


@register("layout_tables")
def layout_tables(context: Context, rule: Rule) -> list[Hit]:
    return [WHOLE_DOCUMENT] if context.facts.has_layout_tables else []


@register("images")
def images(context: Context, rule: Rule) -> list[Hit]:
    count = context.facts.image_count
    return [Hit(0, 0, {"count": str(count)})] if count > 0 else []


@register("no_text_layer")
def no_text_layer(context: Context, rule: Rule) -> list[Hit]:
    return [] if context.facts.has_text_layer else [WHOLE_DOCUMENT]


_CAPITAL_RUN_RE = re.compile(r"\b(?:[A-Z]{2,}[\s,;:]+){5,}[A-Z]{2,}\b")


@register("capitals_run")
def capitals_run(context: Context, rule: Rule) -> list[Hit]:
    """Six or more upper-case words in a row inside running text (not a heading)."""
    analysis = context.analysis
    hits = []
    for match in _CAPITAL_RUN_RE.finditer(analysis.text):
        if analysis.sentence_at(match.start()) is not None:
            hits.append(Hit(match.start(), match.end()))
    return hits[:1] if rule.first_only else hits
