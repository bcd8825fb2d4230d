"""Tests for the server-rendered SVG charts: well-formed, accessible, escaped and CSP-safe."""

from __future__ import annotations

import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.salaries.charts import (
    HIDDEN_ONE_COUNCIL_TEXT,
    HIDDEN_TEXT,
    ChartRow,
    TrendPoint,
    nice_ticks,
    range_chart,
    trend_chart,
)
from civictalent.salaries.stats import Observation, quarters_back, summarise

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def row(label: str, base: int = 4_000_000) -> ChartRow:
    return ChartRow(label, base, base + 300_000, base + 500_000, base + 800_000, base + 1_200_000)


def hidden_row(label: str, reason: str = "Hidden: fewer than 5 salaries (3 so far).") -> ChartRow:
    return ChartRow(label, None, None, None, None, None, reason)


ROWS = [
    row("London"),
    row("Inner London", 4_300_000),
    row("Outer London", 3_800_000),
    hidden_row("Your council"),
]
POINTS = [
    TrendPoint(quarter, None if index == 2 else 4_000_000 + index * 50_000, 8 + index)
    for index, quarter in enumerate(["2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"])
]


def charts() -> list[str]:
    return [
        range_chart("Pay for data analysts", "Ranges by area.", ROWS, "analyst-range"),
        trend_chart("Median pay by quarter", "The median rises.", POINTS, "analyst-trend"),
    ]


@pytest.mark.parametrize("svg", charts())
def test_charts_are_accessible_svg(svg: str) -> None:
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox") or "")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root[0] is title and root[1] is desc
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert labelled_by == [title.get("id"), desc.get("id")]
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("svg", charts())
def test_charts_use_no_inline_styles(svg: str) -> None:
    root = parse(svg)
    assert root.find(f".//{SVG}style") is None
    assert all("style" not in element.attrib for element in root.iter())
    assert "style" not in svg
    assert "<script" not in svg


@pytest.mark.parametrize("svg", charts())
def test_charts_use_the_agreed_fonts_and_colours(svg: str) -> None:
    root = parse(svg)
    assert root.get("font-family") == "arial, sans-serif"
    colours = {
        value.lower()
        for element in root.iter()
        for name, value in element.attrib.items()
        if name in {"fill", "stroke"} and value != "none"
    }
    assert colours <= {"#1d70b8", "#0b0c0c", "#505a5f", "#b1b4b6", "#ffffff"}
    text_colours = {element.get("fill") for element in root.iter(f"{SVG}text")}
    assert text_colours <= {"#0b0c0c", "#505a5f"}


def test_labels_are_escaped() -> None:
    nasty = 'R&D <script>alert("x")</script>'
    svg = range_chart(
        'Title & "quotes" <b>', "Desc <i>", [row(nasty), hidden_row("<Hidden>")], "nasty"
    )
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "R&amp;D &lt;script&gt;" in svg
    root = parse(svg)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'Title & "quotes" <b>'
    assert "".join(texts(root)).startswith("R&D <script>")
    trend = trend_chart("A&B <x>", "<desc>", [TrendPoint("<q>", 100_000, 5)], "nasty-trend")
    assert "<x>" not in trend and "<q>" not in trend
    parse(trend)


def test_range_chart_draws_box_whisker_and_median_with_a_legend() -> None:
    root = parse(charts()[0])
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#1d70b8"]
    assert len(rects) == 3 + 1  # three rows and the legend swatch
    words = " ".join(texts(root))
    assert "middle half" in words
    assert "10th to 90th percentile" in words
    assert "median" in words
    for label in ("London", "Inner London", "Outer London", "Your council"):
        assert label in texts(root)


def test_range_chart_axis_has_four_to_six_round_pound_ticks() -> None:
    root = parse(charts()[0])
    ticks = [t for t in texts(root) if t.startswith("£")]
    assert 4 <= len(ticks) <= 6
    assert all(re.fullmatch(r"£\d{1,3}(,\d{3})*", tick) for tick in ticks)


def test_hidden_rows_say_so_instead_of_drawing_a_bar() -> None:
    svg = range_chart("t", "d", [hidden_row("Your council")], "only-hidden")
    root = parse(svg)
    assert HIDDEN_TEXT in texts(root)
    assert root.find(f".//{SVG}rect") is None
    assert HIDDEN_TEXT == "Hidden: too few salaries"
    assert HIDDEN_TEXT in texts(parse(charts()[0]))


def test_hidden_rows_give_the_right_reason() -> None:
    reason = "Hidden: one council supplies more than half of these salaries."
    root = parse(range_chart("t", "d", [row("London"), hidden_row("Camden", reason)], "why"))
    assert HIDDEN_ONE_COUNCIL_TEXT in texts(root)
    assert HIDDEN_TEXT not in texts(root)


def test_rows_from_a_summarised_cell() -> None:
    day = datetime.date(2026, 5, 1)
    cells = [
        summarise(
            [
                Observation(
                    3_000_000 + i * 100_000, 3_500_000 + i * 100_000, i, day, "inner_london"
                )
                for i in range(n)
            ]
        )
        for n in (6, 2)
    ]
    rows = [
        ChartRow.from_stats(f"Cell {n}", cell.stats, cell.suppressed_reason)
        for n, cell in enumerate(cells)
    ]
    assert not rows[0].suppressed and rows[0].p50 == cells[0].stats["mid"]["p50"]
    assert rows[1].suppressed and rows[1].p50 is None
    root = parse(range_chart("t", "d", rows, "from-cells"))
    assert HIDDEN_TEXT in texts(root)


def test_rows_must_rise() -> None:
    with pytest.raises(ValueError, match="rise"):
        ChartRow("Bad", 5, 4, 3, 2, 1)


def test_id_prefix_must_be_a_valid_id() -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        range_chart("t", "d", ROWS, 'x" onload="alert(1)')
    with pytest.raises(ValueError, match="id_prefix"):
        trend_chart("t", "d", POINTS, "1abc")


def test_two_charts_have_different_ids() -> None:
    first = parse(range_chart("t", "d", ROWS, "one"))
    second = parse(range_chart("t", "d", ROWS, "two"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_trend_chart_draws_gaps_for_hidden_quarters() -> None:
    root = parse(charts()[1])
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2  # broken at the hidden quarter
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("r") == "5"]
    assert len(dots) == 4 + 1  # four shown quarters and the legend dot
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1
    words = " ".join(texts(root))
    assert "hidden" in words
    assert "Dashed lines mark hidden quarters" in words
    assert "12" in texts(root)  # the hidden quarter's sample size is still shown


def test_trend_chart_without_gaps_has_no_note() -> None:
    quarters = quarters_back(datetime.date(2026, 8, 1), 12)
    points = [TrendPoint(q, 4_000_000 + i * 10_000, 9) for i, q in enumerate(quarters)]
    root = parse(trend_chart("t", "d", points, "no-gaps"))
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert "Dashed" not in " ".join(texts(root))
    ticks = [t for t in texts(root) if t.startswith("£")]
    assert 4 <= len(ticks) <= 6


@pytest.mark.parametrize(
    "points",
    [
        [],
        [TrendPoint("2026Q3", None, 2)],
        [TrendPoint("2026Q3", 4_000_000, 9)],
        [TrendPoint("2026Q2", None, 2), TrendPoint("2026Q3", None, 3)],
    ],
)
def test_trend_chart_edge_cases_still_render(points: list[TrendPoint]) -> None:
    root = parse(trend_chart("t", "d", points, "edge"))
    assert root.get("role") == "img"


def test_range_chart_with_no_rows_or_equal_values_renders() -> None:
    parse(range_chart("t", "d", [], "empty"))
    flat = ChartRow("Flat", 4_000_000, 4_000_000, 4_000_000, 4_000_000, 4_000_000)
    root = parse(range_chart("t", "d", [flat], "flat"))
    assert 4 <= len([t for t in texts(root) if t.startswith("£")]) <= 6


@given(st.integers(0, 100_000_000), st.integers(0, 100_000_000))
def test_nice_ticks_cover_the_data_with_four_to_six_round_values(low: int, high: int) -> None:
    ticks = nice_ticks(low, high)
    assert 4 <= len(ticks) <= 6
    assert ticks[0] <= min(low, high) and ticks[-1] >= max(low, high)
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert step % 1000 == 0  # at least £10, whole pounds
    assert all(tick % step == 0 for tick in ticks)


@given(st.text(max_size=80), st.text(max_size=80), st.text(max_size=40))
def test_any_text_gives_well_formed_svg(title: str, description: str, label: str) -> None:
    parse(range_chart(title, description, [row(label), hidden_row(label)], "any"))
    parse(trend_chart(title, description, [TrendPoint(label, 4_000_000, 6)], "any-trend"))
