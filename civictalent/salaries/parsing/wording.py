"""What the words around each range say about it: its period, place, basis (salary, salary
including London weighting, OTE or an allowance), pro rata, full-time equivalent and grade."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from .cues import Cue
from .figures import RawRange
from .results import Basis, Period
from .windows import cue_windows, split_points

_HALF = Decimal("0.5")

_ALLOWANCE_CUES = frozenset({"allow", "lw", "withlw", "incl"})
# In the gaps below, white space before and after an optional word belongs to one quantifier
# ("\s*(?:of\s*)?", not "\s*(?:of)?\s*"), so a long run of spaces is not split every way.
_LEAD_ALLOWANCE_GAP_RE = re.compile(
    r"\s*(?:(?:of|:|-|\u2013|worth|at|is|=)\s*)?(?:up\s*to\s*)?(?:an?\s+)?(?:additional\s+)?"
    r"(?:\(\s*)?",
    re.IGNORECASE,
)
_TRAIL_ALLOWANCE_GAP_RE = re.compile(
    # up to three describing words ("£2,500 on-call allowance", "£4,000 pa London weighting"),
    # but not words that make the allowance something separate from the figure
    r"\s*(?:[(\[]\s*)?(?:(?!(?:excl\w*|plus|with|incl\w*|inc|and|or|not|no|without|before"
    r"|after|but)\b)[A-Za-z.-]+\s+){0,3}?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Wording:
    """What the words around one range say about it. The readers fill it in a few steps."""

    period: Period | None
    excerpt_end: int
    place: str | None = None  # written after the figure
    lead_place: str | None = None  # a label before it ("London: £X")
    weighting_place: str | None = None  # of the London weighting it includes or is near
    ote: bool = False
    includes_weighting: bool = False
    pro_rata: bool = False
    full_time_equivalent: bool = False
    # introduced like an allowance ("allowance of £X", "£X London weighting")
    cued_allowance: bool = False
    allowance_place: str | None = None
    basis: Basis = "base"
    grade: str | None = None

    @property
    def location(self) -> str | None:
        return self.allowance_place or self.lead_place or self.place or self.weighting_place


def read_wording(
    norm: str,
    raws: list[RawRange],
    cues: list[Cue],
    grade_at: list[tuple[int, int, str]],
    grades: tuple[str, ...],
) -> list[Wording]:
    """The wording of each range in ``raws``, from the ``cues`` and grades of ``norm``."""
    count = len(raws)
    splits = split_points(norm, raws, cues, grade_at) if count > 1 else []
    leads, trails, befores = cue_windows(raws, cues, splits)
    range_grades = _range_grades(raws, splits, len(norm), grade_at, grades)
    wordings: list[Wording] = []
    owned: Cue | None = None  # the trailing allowance word the previous figure used
    for index, raw in enumerate(raws):
        trail = trails[index]
        wording = _read_trail(norm, raw, trail)
        _read_lead(wording, leads[index])
        lead_cue = _lead_allowance_cue(norm, raws, index, befores[index], owned)
        if lead_cue is not None:
            wording.cued_allowance = True
            wording.allowance_place = None if lead_cue.kind == "allow" else lead_cue.value
        else:
            trail_cue = _trail_allowance_cue(norm, raw, trail)
            if trail_cue is not None:
                wording.cued_allowance = True
                wording.allowance_place = _weighting_place(norm, trail_cue)
                owned = trail_cue
        wording.basis = _basis(wording)
        wording.grade = range_grades[index]
        wordings.append(wording)
    if count > 1:
        _settle_weighting(raws, wordings)
        _settle_pro_rata(raws, wordings)
    elif wordings[0].cued_allowance:
        wordings[0].basis = "allowance"  # weighting with no salary beside it to be part of
    return wordings


def _read_trail(norm: str, raw: RawRange, trail: list[Cue]) -> Wording:
    """After the figure: the period counts only before the first separator ("£30,000.
    Closing 5pm" is not monthly); places and wording count up to the next range's text."""
    wording = Wording(raw.gap_period, raw.end)
    period_open = wording.period is None
    for cue in trail:
        kind = cue.kind
        if kind == "sep":
            period_open = False
        elif kind == "period":
            if period_open:
                wording.period = cast("Period", cue.value)
                period_open = False
                if not norm[raw.end : cue.start].strip(" ([.:"):
                    wording.excerpt_end = cue.end
        elif kind == "loc":
            if wording.place is None:
                wording.place = cue.value
        elif kind == "lw":
            wording.weighting_place = wording.weighting_place or cue.value
        else:
            _read_either_side(wording, cue)
    return wording


def _read_lead(wording: Wording, lead: list[Cue]) -> None:
    """Before the figure: a label ("Day rate:", "London:") nearest to it wins."""
    period_open = wording.period is None
    for cue in reversed(lead):
        kind = cue.kind
        if kind == "sep":
            period_open = False
        elif kind == "period":
            if period_open and cue.label:
                wording.period = cast("Period", cue.value)
                period_open = False
        elif kind == "loc":
            if wording.lead_place is None:
                wording.lead_place = cue.value
        else:
            _read_either_side(wording, cue)


def _read_either_side(wording: Wording, cue: Cue) -> None:
    kind = cue.kind
    if kind == "ote":
        wording.ote = True
    elif kind == "incl" or kind == "withlw":
        wording.includes_weighting = True
        wording.weighting_place = wording.weighting_place or cue.value
    elif kind == "prorata":
        wording.pro_rata = True
    elif kind == "fte":
        wording.full_time_equivalent = True


def _lead_allowance_cue(
    norm: str, raws: list[RawRange], index: int, before: Cue | None, owned: Cue | None
) -> Cue | None:
    """An allowance word just before the figure ("allowance of £X", "London weighting: £X"),
    unless the previous figure took it as its own trailing word."""
    if (
        before is None
        or before is owned
        or before.kind not in _ALLOWANCE_CUES
        # with the previous figure in between, the gap cannot match; ranges after one cue
        # would each search the same gap
        or (index > 0 and raws[index - 1].start >= before.end)
        or _LEAD_ALLOWANCE_GAP_RE.fullmatch(norm, before.end, raws[index].start) is None
    ):
        return None
    return before


def _trail_allowance_cue(norm: str, raw: RawRange, trail: list[Cue]) -> Cue | None:
    """An allowance word a few describing words after the figure ("£X London weighting")."""
    for cue in trail:
        if cue.kind == "period":
            continue
        if (
            cue.kind in ("allow", "lw")
            and _TRAIL_ALLOWANCE_GAP_RE.fullmatch(norm, raw.end, cue.start) is not None
        ):
            return cue
        return None
    return None


def _weighting_place(norm: str, cue: Cue) -> str | None:
    if cue.kind == "lw":
        return cue.value
    if norm[cue.start : cue.end].lower() == "weighting":
        return "London"
    return None


def _basis(wording: Wording) -> Basis:
    if wording.cued_allowance:
        return "allowance" if wording.allowance_place is None else "including_london_weighting"
    if wording.ote:
        return "on_target_earnings"
    if wording.includes_weighting:
        return "including_london_weighting"
    return "base"


def _range_grades(
    raws: list[RawRange],
    splits: list[int],
    length: int,
    grade_at: list[tuple[int, int, str]],
    grades: tuple[str, ...],
) -> list[str | None]:
    single_grade = grades[0] if len(grades) == 1 else None
    if single_grade is not None or not grades:
        return [single_grade] * len(raws)
    edges = ([s for s, _, _ in grade_at], [e for _, e, _ in grade_at])
    last = len(raws) - 1
    return [
        _grade_for(
            raw,
            0 if index == 0 else splits[index - 1],
            length if index == last else splits[index],
            grade_at,
            edges,
        )
        for index, raw in enumerate(raws)
    ]


def _grade_for(
    raw: RawRange,
    lead_start: int,
    trail_end: int,
    grade_at: list[tuple[int, int, str]],
    edges: tuple[list[int], list[int]],
) -> str | None:
    """The grade written nearest the range: in its own text before it, then after it, then
    anywhere before, then anywhere after. ``edges`` are the grades' starts and ends."""
    starts, ends = edges
    before = bisect_right(ends, raw.start) - 1  # the last grade ending before the figure
    after = bisect_left(starts, raw.end)  # the first grade starting after it
    if before >= 0 and grade_at[before][0] >= lead_start:
        return grade_at[before][2]
    if after < len(grade_at) and grade_at[after][1] <= trail_end:
        return grade_at[after][2]
    if before >= 0:
        return grade_at[before][2]
    return grade_at[after][2] if after < len(grade_at) else None


def _settle_weighting(raws: list[RawRange], wordings: list[Wording]) -> None:
    """London weighting introduced like an allowance but as large as a salary is a salary
    including weighting ("£29,750 - £42,500 with a London weighting of £31,237 - £44,625");
    a small one is an allowance ("plus £3,000 London weighting")."""
    reference: Decimal | None = None
    for raw, wording in zip(raws, wordings, strict=True):
        if not wording.cued_allowance:
            low = raw.low if raw.low is not None else raw.top
            reference = low if reference is None or low > reference else reference
    for raw, wording in zip(raws, wordings, strict=True):
        if not wording.cued_allowance or wording.allowance_place is None:
            continue
        if reference is None or raw.top < reference * _HALF:
            wording.basis = "allowance"


def _settle_pro_rata(raws: list[RawRange], wordings: list[Wording]) -> None:
    """ "£15,000 (£30,000 FTE)": a smaller figure beside a full-time equivalent is the
    pro-rata pay actually received."""
    fte_tops = [
        raw.top for raw, wording in zip(raws, wordings, strict=True) if wording.full_time_equivalent
    ]
    if not fte_tops:
        return
    fte_top = max(fte_tops)
    for raw, wording in zip(raws, wordings, strict=True):
        if not wording.full_time_equivalent and wording.basis != "allowance" and raw.top < fte_top:
            wording.pro_rata = True
