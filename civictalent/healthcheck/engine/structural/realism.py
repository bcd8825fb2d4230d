"""Checks of realism: how many criteria are essential, and walls of tasks with few outcomes."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..rules import Hit, Rule
from ..text import Analysis
from .context import Context
from .params import float_param, int_param, param_pattern
from .registry import register

_ESSENTIAL_CELL_RE = re.compile(r"\|\s*(?:E|Essential)\s*(?:\||$)", re.IGNORECASE)


@register("too_many_essential")
def too_many_essential(context: Context, rule: Rule) -> list[Hit]:
    """More essential criteria than a candidate can reasonably be asked to show."""
    analysis = context.analysis
    text = analysis.text
    essential = _essential_items(analysis)
    limit = int_param(rule, "maximum", 10)
    if len(essential) <= limit:
        return []
    start, end = essential[0][0], essential[-1][1]
    return [
        Hit(
            start,
            end,
            {"count": str(len(essential)), "limit": str(limit), "match": text[start:end]},
        )
    ]


def _essential_items(analysis: Analysis) -> list[tuple[int, int]]:
    text = analysis.text
    items: list[tuple[int, int]] = []
    in_essential = False
    for line in analysis.lines:
        content = text[line.start : line.end].lower()
        if line.kind == "table":
            if _ESSENTIAL_CELL_RE.search(text[line.start : line.end]):
                items.append((line.start, line.end))
            continue
        if line.kind in ("heading", "text") and len(content.split()) <= 12:
            if "essential" in content:
                in_essential = True
                continue
            if "desirable" in content or line.kind == "heading":
                in_essential = False
                continue
        if line.kind == "bullet" and in_essential:
            items.append((line.start, line.end))
    return items


@register("task_wall")
def task_wall(context: Context, rule: Rule) -> list[Hit]:
    """A long run of list items that are tasks, with few saying what they achieve."""
    analysis = context.analysis
    outcome = param_pattern(rule, "outcome_cues")
    minimum = int_param(rule, "minimum_items", 10)
    share = float_param(rule, "minimum_outcome_share", 0.34)
    criteria = param_pattern(rule, "not_under")
    hits = []
    for run in _bullet_runs(analysis):
        if len(run) < minimum or _introduced_by(analysis, run[0][0], criteria):
            continue
        with_outcome = sum(1 for start, end in run if outcome.search(analysis.text, start, end))
        if with_outcome / len(run) < share:
            start, end = run[0][0], run[-1][1]
            hits.append(
                Hit(
                    start,
                    end,
                    {"count": str(len(run)), "with_outcome": str(with_outcome)},
                )
            )
    return hits


def _introduced_by(analysis: Analysis, offset: int, pattern: re.Pattern[str]) -> bool:
    """True if the nearest heading or text line above ``offset`` matches ``pattern``."""
    lines = analysis.lines
    ends = analysis.memo.get("line_ends")
    if ends is None:
        ends = analysis.memo["line_ends"] = [line.end for line in lines]
    # Lines are in order, so those ending by ``offset`` come first: walk back from the last.
    for index in range(bisect_right(ends, offset) - 1, -1, -1):
        line = lines[index]
        if line.kind in ("blank", "bullet"):
            continue
        return pattern.search(analysis.text, line.start, line.end) is not None
    return False


def _bullet_runs(analysis: Analysis) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for line in analysis.lines:
        if line.kind == "bullet":
            current.append((line.start, line.end))
        elif line.kind == "blank":
            continue
        elif line.kind == "text" and current and len(analysis.text[line.start : line.end]) < 200:
            continue  # a wrapped continuation of the item above
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs
