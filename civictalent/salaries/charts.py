"""Accessible salary charts drawn on the server as SVG strings.

Pure Python (no Django). Each chart is an ``<svg role="img">`` labelled by its own ``<title>``
and ``<desc>`` (give every chart on a page its own ``id_prefix``), scales with its container
(``viewBox`` and ``width="100%"``, so it reflows down to 320 px) and uses presentation
attributes only: the site's Content-Security-Policy forbids ``style`` attributes and ``<style>``
elements. Colours are GOV.UK's (blue #1d70b8 for boxes and lines, near-black #0b0c0c for text and
marks, dark grey #505a5f for axes), each at least 4.5:1 against white, and nothing relies on
colour alone: a legend in words says what the box, the line and the mark mean, and hidden rows
and quarters say so in text. The numbers themselves belong in the data table beside the chart.

All text passed in is XML-escaped, and characters that XML cannot hold are dropped, so any label
gives a well-formed document. Returned strings are safe to mark safe in a template.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Final
from xml.sax.saxutils import escape

from civictalent.core.money import pounds_text

__all__ = [
    "HIDDEN_ONE_COUNCIL_TEXT",
    "HIDDEN_TEXT",
    "ChartRow",
    "TrendPoint",
    "nice_ticks",
    "range_chart",
    "trend_chart",
]

BLUE: Final = "#1d70b8"
BLACK: Final = "#0b0c0c"
GREY: Final = "#505a5f"
GRID: Final = "#b1b4b6"
WHITE: Final = "#ffffff"
FONT: Final = "arial, sans-serif"

HIDDEN_TEXT: Final = "Hidden: too few salaries"
HIDDEN_ONE_COUNCIL_TEXT: Final = "Hidden: over half from one council"

_WIDTH: Final = 560
_CHAR_WIDTH: Final = 0.55  # of the font size: a generous average for Arial
_ID_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_XML_INVALID: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_QUARTER_RE: Final = re.compile(r"^(\d{4})Q([1-4])$")
_PERCENTILE_KEYS: Final = ("p10", "p25", "p50", "p75", "p90")


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One row of a range chart: percentiles in pence, or ``None`` when the cell is hidden."""

    label: str
    p10: int | None
    p25: int | None
    p50: int | None
    p75: int | None
    p90: int | None
    suppressed_reason: str = ""

    def __post_init__(self) -> None:
        values = self.values()
        if values is not None and list(values) != sorted(values):
            raise ValueError(f"percentiles for {self.label!r} must rise from p10 to p90")

    @property
    def suppressed(self) -> bool:
        return bool(self.suppressed_reason) or self.values() is None

    def values(self) -> tuple[int, int, int, int, int] | None:
        """``(p10, p25, p50, p75, p90)``, or ``None`` if any is missing."""
        p10, p25, p50, p75, p90 = self.p10, self.p25, self.p50, self.p75, self.p90
        if p10 is None or p25 is None or p50 is None or p75 is None or p90 is None:
            return None
        return p10, p25, p50, p75, p90

    @classmethod
    def from_stats(
        cls,
        label: str,
        stats: Mapping[str, Mapping[str, int]],
        suppressed_reason: str = "",
        measure: str = "mid",
    ) -> ChartRow:
        """A row from a cell's ``stats`` (as stored on ``BenchmarkCell``) for one measure."""
        values = stats.get(measure) if not suppressed_reason else None
        if not values:
            return cls(label, None, None, None, None, None, suppressed_reason or "Hidden.")
        p10, p25, p50, p75, p90 = (values[key] for key in _PERCENTILE_KEYS)
        return cls(label, p10, p25, p50, p75, p90, "")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The median for one quarter (``"2026Q3"``), ``None`` when hidden, and its sample size."""

    quarter: str
    median_pence: int | None
    count: int


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _text(text: str) -> str:
    return escape(_clean(text))


def _num(value: float) -> str:
    rounded = round(value, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def _text_width(text: str, font_size: int) -> float:
    return len(text) * font_size * _CHAR_WIDTH


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(_clean(text), width) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1 :]), width)]
    return lines


def _check_id(id_prefix: str) -> None:
    if not _ID_RE.match(id_prefix):
        raise ValueError(
            f"id_prefix must start with a letter and hold only letters, digits, - and _: "
            f"{id_prefix!r}"
        )


def nice_ticks(low_pence: int, high_pence: int) -> list[int]:
    """Four to six round axis values (in pence) covering ``low_pence`` to ``high_pence``.

    Steps are 1, 2, 2.5 or 5 times a power of ten pounds (from £10), and the span is widened to at
    least £1,000 so a cell where everybody pays the same still gets a readable axis.
    """
    if low_pence > high_pence:
        low_pence, high_pence = high_pence, low_pence
    minimum_span = 100_000
    if high_pence - low_pence < minimum_span:
        centre = (low_pence + high_pence) // 2
        low_pence = max(0, centre - minimum_span // 2)
        high_pence = low_pence + minimum_span
    step = 1000
    for power in range(3, 16):
        for multiple in (100, 200, 250, 500):
            step = multiple * 10 ** (power - 2)
            first = (low_pence // step) * step
            last = -(-high_pence // step) * step
            if 4 <= (last - first) // step + 1 <= 6:
                return list(range(first, last + 1, step))
    # Not reached for salaries (the steps double at most, so one of them gives 4 to 6 ticks).
    return list(range((low_pence // step) * step, high_pence + step, step))


def _svg_open(id_prefix: str, title: str, description: str, height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'viewBox="0 0 {_WIDTH} {_num(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{FONT}" class="app-chart">'
        f'<title id="{id_prefix}-title">{_text(title)}</title>'
        f'<desc id="{id_prefix}-desc">{_text(description)}</desc>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1) -> str:
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="{stroke}" stroke-width="{_num(width)}"/>'
    )


def _label(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 14,
    fill: str = BLACK,
    anchor: str = "start",
) -> str:
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}">{_text(text)}</text>'
    )


def _hidden_text(reason: str) -> str:
    return HIDDEN_ONE_COUNCIL_TEXT if "one council" in reason.lower() else HIDDEN_TEXT


# --------------------------------------------------------------------------------------------
# Range chart
# --------------------------------------------------------------------------------------------

_LABEL_SIZE: Final = 16
_TICK_SIZE: Final = 14
_LABEL_WRAP: Final = 18
_ROW_MIN_HEIGHT: Final = 52
_LINE_HEIGHT: Final = 20
_BOX_HEIGHT: Final = 22


def range_chart(
    title: str,
    description: str,
    rows: Sequence[ChartRow],
    id_prefix: str = "salary-range",
) -> str:
    """A horizontal range chart: one row per label with whisker (p10 to p90), box (p25 to p75)
    and median mark, on a £ axis; hidden rows say so in words instead of drawing a bar."""
    _check_id(id_prefix)
    wrapped = [_wrap(row.label, _LABEL_WRAP, 3) for row in rows]
    longest = max(
        (_text_width(line, _LABEL_SIZE) for lines in wrapped for line in lines), default=0
    )
    label_column = min(max(longest, 60.0), 180.0)
    plot_left = 8 + label_column + 16
    plot_right = _WIDTH - 40.0

    shown = [values for row in rows if not row.suppressed and (values := row.values())]
    ticks = nice_ticks(min(v[0] for v in shown), max(v[4] for v in shown)) if shown else []

    def x_of(pence: int) -> float:
        span = ticks[-1] - ticks[0]
        return plot_left + (pence - ticks[0]) / span * (plot_right - plot_left)

    body: list[str] = []
    top = 12.0
    y = top
    for row, lines in zip(rows, wrapped, strict=True):
        height = max(_ROW_MIN_HEIGHT, len(lines) * _LINE_HEIGHT + 16)
        middle = y + height / 2
        body.append("<g>")
        first_line = middle - (len(lines) - 1) * _LINE_HEIGHT / 2 + 5
        for index, line in enumerate(lines):
            body.append(
                _label(8, first_line + index * _LINE_HEIGHT, line, size=_LABEL_SIZE, fill=BLACK)
            )
        values = row.values()
        if row.suppressed or values is None or not ticks:
            body.append(
                _label(plot_left, middle + 5, _hidden_text(row.suppressed_reason), fill=BLACK)
            )
        else:
            p10, p25, p50, p75, p90 = (x_of(value) for value in values)
            body.append(_line(p10, middle, p90, middle, BLACK, 2))
            body.append(_line(p10, middle - 8, p10, middle + 8, BLACK, 2))
            body.append(_line(p90, middle - 8, p90, middle + 8, BLACK, 2))
            body.append(
                f'<rect x="{_num(p25)}" y="{_num(middle - _BOX_HEIGHT / 2)}" '
                f'width="{_num(max(p75 - p25, 2))}" height="{_BOX_HEIGHT}" fill="{BLUE}" '
                f'stroke="{BLACK}" stroke-width="1"/>'
            )
            body.append(_line(p50, middle - 17, p50, middle + 17, WHITE, 7))
            body.append(_line(p50, middle - 17, p50, middle + 17, BLACK, 3))
        body.append("</g>")
        y += height

    parts: list[str] = []
    if ticks:
        axis_y = y + 8
        grid = [_line(x_of(tick), top, x_of(tick), axis_y, GRID, 1) for tick in ticks]
        parts.append(f'<g aria-hidden="true">{"".join(grid)}</g>')
        parts.extend(body)
        axis = [_line(plot_left, axis_y, plot_right, axis_y, GREY, 1)]
        for tick in ticks:
            axis.append(_line(x_of(tick), axis_y, x_of(tick), axis_y + 6, GREY, 1))
            axis.append(
                _label(x_of(tick), axis_y + 24, pounds_text(tick), fill=GREY, anchor="middle")
            )
        axis.append(
            _label(
                (plot_left + plot_right) / 2,
                axis_y + 48,
                "Full-time annual salary",
                fill=BLACK,
                anchor="middle",
            )
        )
        parts.append(f"<g>{''.join(axis)}</g>")
        y = axis_y + 64
        parts.append(_range_legend(y))
        y += 3 * 24 + 4
    else:
        parts.extend(body)
        y += 8
    return _svg_open(id_prefix, title, description, y) + "".join(parts) + "</svg>"


def _range_legend(top: float) -> str:
    items = [
        (
            f'<rect x="8" y="{_num(top + 3)}" width="28" height="14" fill="{BLUE}" '
            f'stroke="{BLACK}" stroke-width="1"/>',
            "Box: the middle half of salaries (25th to 75th percentile)",
        ),
        (
            _line(8, top + 34, 36, top + 34, BLACK, 2)
            + _line(8, top + 28, 8, top + 40, BLACK, 2)
            + _line(36, top + 28, 36, top + 40, BLACK, 2),
            "Line: 10th to 90th percentile",
        ),
        (
            _line(22, top + 49, 22, top + 67, BLACK, 3),
            "Mark: the median (50th percentile)",
        ),
    ]
    parts = [
        glyph + _label(48, top + 15 + index * 24, text, fill=BLACK)
        for index, (glyph, text) in enumerate(items)
    ]
    return f"<g>{''.join(parts)}</g>"


# --------------------------------------------------------------------------------------------
# Trend chart
# --------------------------------------------------------------------------------------------

_PLOT_TOP: Final = 16.0
_PLOT_HEIGHT: Final = 220.0
_TREND_LEFT: Final = 84.0
_TREND_RIGHT: Final = _WIDTH - 24.0
_PLOT_BOTTOM: Final = _PLOT_TOP + _PLOT_HEIGHT
_TREND_PAD: Final = 24.0
_TREND_NOTE_WRAP: Final = 78


def _quarter_lines(quarter: str) -> tuple[str, str]:
    match = _QUARTER_RE.match(quarter)
    if match is None:
        return quarter, ""
    return f"Q{match.group(2)}", match.group(1)


def _runs(points: Sequence[tuple[float, float | None]]) -> Iterator[list[tuple[float, float]]]:
    run: list[tuple[float, float]] = []
    for x, y in points:
        if y is None:
            if run:
                yield run
            run = []
        else:
            run.append((x, y))
    if run:
        yield run


def trend_chart(
    title: str,
    description: str,
    points: Sequence[TrendPoint],
    id_prefix: str = "salary-trend",
) -> str:
    """The median by quarter as a line with dots; hidden quarters are gaps with a dashed line,
    the word "hidden" where there is room, and a note. Each quarter shows its sample size."""
    _check_id(id_prefix)
    plot_left, plot_right, plot_bottom = _TREND_LEFT, _TREND_RIGHT, _PLOT_BOTTOM
    medians = [point.median_pence for point in points if point.median_pence is not None]
    ticks = nice_ticks(min(medians), max(medians)) if medians else []

    inner_left, inner_right = plot_left + _TREND_PAD, plot_right - _TREND_PAD
    count = len(points)
    spacing = (inner_right - inner_left) / (count - 1) if count > 1 else inner_right - inner_left
    xs = [
        (inner_left + inner_right) / 2 if count == 1 else inner_left + index * spacing
        for index in range(count)
    ]

    def y_of(pence: int) -> float:
        span = ticks[-1] - ticks[0]
        return plot_bottom - (pence - ticks[0]) / span * _PLOT_HEIGHT

    parts: list[str] = []
    grid = [_line(plot_left, y_of(t), plot_right, y_of(t), GRID, 1) for t in ticks]
    parts.append(f'<g aria-hidden="true">{"".join(grid)}</g>')
    parts.append(_trend_axes(points, xs, ticks, y_of, spacing))

    hidden = [x for point, x in zip(points, xs, strict=True) if point.median_pence is None]
    if hidden:
        parts.append(_hidden_quarters(hidden, spacing, count))

    if ticks:
        plotted = [
            (x, None if point.median_pence is None else y_of(point.median_pence))
            for point, x in zip(points, xs, strict=True)
        ]
        parts.append(_median_line(plotted))

    y = plot_bottom + 80
    legend = (
        _line(8, y - 5, 36, y - 5, BLUE, 3)
        + f'<circle cx="22" cy="{_num(y - 5)}" r="5" fill="{BLUE}" stroke="{WHITE}" '
        f'stroke-width="2"/>'
        + _label(48, y, "Line and dots: the median full-time annual salary in each quarter")
    )
    parts.append(f"<g>{legend}</g>")
    notes: list[str] = []
    if not points:
        notes.append("No quarters to show yet.")
    elif not medians:
        notes.append("Every quarter is hidden, so there is no line to draw.")
    if hidden:
        notes.append(
            "Dashed lines mark hidden quarters: fewer than 5 salaries, or one council supplies "
            "more than half of them. The line is not drawn across them."
        )
    for line in textwrap.wrap(" ".join(notes), _TREND_NOTE_WRAP):
        y += 22
        parts.append(_label(8, y, line))
    y += 16
    return _svg_open(id_prefix, title, description, y) + "".join(parts) + "</svg>"


def _trend_axes(
    points: Sequence[TrendPoint],
    xs: list[float],
    ticks: list[int],
    y_of: Callable[[int], float],
    spacing: float,
) -> str:
    """The salary axis with its ticks, and each quarter (every few when crowded) with its
    sample size under it."""
    plot_left, plot_right, plot_bottom = _TREND_LEFT, _TREND_RIGHT, _PLOT_BOTTOM
    count = len(points)
    axis = [_line(plot_left, _PLOT_TOP, plot_left, plot_bottom, GREY, 1)]
    axis.append(_line(plot_left, plot_bottom, plot_right, plot_bottom, GREY, 1))
    for tick in ticks:
        axis.append(_line(plot_left - 6, y_of(tick), plot_left, y_of(tick), GREY, 1))
        axis.append(
            _label(plot_left - 10, y_of(tick) + 5, pounds_text(tick), fill=GREY, anchor="end")
        )
    every = max(1, ceil(48 / spacing)) if count > 1 else 1
    axis.append(_label(plot_left - 10, plot_bottom + 54, "Salaries", size=14, anchor="end"))
    for index, (point, x) in enumerate(zip(points, xs, strict=True)):
        if (count - 1 - index) % every:
            continue
        quarter, year = _quarter_lines(point.quarter)
        axis.append(_line(x, plot_bottom, x, plot_bottom + 6, GREY, 1))
        axis.append(_label(x, plot_bottom + 22, quarter, size=14, anchor="middle"))
        if year:
            axis.append(_label(x, plot_bottom + 38, year, size=14, fill=GREY, anchor="middle"))
        axis.append(_label(x, plot_bottom + 54, f"{point.count:,}", size=14, anchor="middle"))
    return f"<g>{''.join(axis)}</g>"


def _hidden_quarters(hidden: list[float], spacing: float, count: int) -> str:
    """A dashed line at each hidden quarter, and the word "hidden" where there is room."""
    plot_bottom = _PLOT_BOTTOM
    gaps = []
    for x in hidden:
        gaps.append(
            f'<line x1="{_num(x)}" y1="{_num(_PLOT_TOP)}" x2="{_num(x)}" '
            f'y2="{_num(plot_bottom)}" stroke="{GREY}" stroke-width="1" '
            f'stroke-dasharray="4 4"/>'
        )
        if spacing >= 44 or count == 1:
            gaps.append(_label(x, plot_bottom - 8, "hidden", size=14, fill=GREY, anchor="middle"))
    return f"<g>{''.join(gaps)}</g>"


def _median_line(plotted: list[tuple[float, float | None]]) -> str:
    """The medians as dots, joined by a line within each run of shown quarters."""
    series: list[str] = []
    for run in _runs(plotted):
        if len(run) > 1:
            coordinates = " ".join(f"{_num(x)},{_num(y)}" for x, y in run)
            series.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{BLUE}" '
                f'stroke-width="3" stroke-linejoin="round"/>'
            )
        series.extend(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" fill="{BLUE}" '
            f'stroke="{WHITE}" stroke-width="2"/>'
            for x, y in run
        )
    return f"<g>{''.join(series)}</g>"
