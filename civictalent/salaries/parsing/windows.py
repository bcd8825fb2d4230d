"""Which cues describe which range: a range owns the text up to the last separator before the
next range, so each cue is given to one range, before it (its lead) or after it (its trail)."""

from __future__ import annotations

from bisect import bisect_left

from .cues import Cue
from .figures import RawRange

_SPLITTERS = frozenset({"sep", "withlw"})
_NEXT_LABELS = frozenset({"fte", "ote"})


def split_points(
    norm: str, raws: list[RawRange], cues: list[Cue], grade_at: list[tuple[int, int, str]]
) -> list[int]:
    """Where the text between range i and range i + 1 stops describing range i.

    At the last separator ("," "and" "with" "+" ...) or a "Place:" label in between; when
    places or grades are written before the figures ("National £X London £Y"), also at the
    last place or grade in between.
    """
    first_start = raws[0].start
    places_first = any(c.kind == "loc" and c.end <= first_start for c in cues)
    grades_first = any(e <= first_start for _, e, _ in grade_at)
    cue_starts = [cue.start for cue in cues]
    grade_starts = [s for s, _, _ in grade_at]
    splits: list[int] = []
    for index in range(len(raws) - 1):
        gap_start, gap_end = raws[index].end, raws[index + 1].start
        chosen = -1
        for position in range(bisect_left(cue_starts, gap_start), len(cues)):
            cue = cues[position]
            if cue.end > gap_end:
                break
            if cue.kind in _SPLITTERS or (cue.kind == "loc" and (cue.label or places_first)):
                chosen = cue.start
            elif (
                # "£13,000 pro rata (FTE £26,000)": a label touching the next figure and not the
                # previous one describes the next.
                cue.kind in _NEXT_LABELS
                and not norm[cue.end : gap_end].strip(" :-\u2013([")
                and norm[gap_start : cue.start].strip()
            ):
                chosen = max(chosen, cue.start)
        if grades_first:
            for position in range(bisect_left(grade_starts, gap_start), len(grade_at)):
                s, e, _ = grade_at[position]
                if s >= gap_end:
                    break
                if e <= gap_end and s > chosen:
                    chosen = s
        splits.append(gap_end if chosen < 0 else chosen)
    return splits


def cue_windows(
    raws: list[RawRange], cues: list[Cue], splits: list[int]
) -> tuple[list[list[Cue]], list[list[Cue]], list[Cue | None]]:
    """For each range: the cues since the previous split (lead), the cues up to the next split
    (trail), and the cue immediately before it wherever that is."""
    count = len(raws)
    if count == 1:
        start, end = raws[0].start, raws[0].end
        lead = [cue for cue in cues if cue.end <= start]
        return [lead], [[cue for cue in cues if cue.start >= end]], [lead[-1] if lead else None]
    leads: list[list[Cue]] = [[] for _ in range(count)]
    trails: list[list[Cue]] = [[] for _ in range(count)]
    index = 0
    for cue in cues:
        while index + 1 < count and cue.start >= splits[index]:
            index += 1
        raw = raws[index]
        if cue.end <= raw.start:
            leads[index].append(cue)
        elif cue.start >= raw.end:
            trails[index].append(cue)
    befores: list[Cue | None] = []
    position = 0
    total = len(cues)
    last: Cue | None = None
    for raw in raws:
        while position < total and cues[position].end <= raw.start:
            last = cues[position]
            position += 1
        befores.append(last)
    return leads, trails, befores
