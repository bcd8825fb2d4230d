"""Tests for the benchmark statistics: percentiles, disclosure control, periods and words."""

from __future__ import annotations

import datetime
import statistics
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.core.money import pounds_text
from civictalent.salaries.stats import (
    GEOGRAPHIES,
    GEOGRAPHY_LABELS,
    LONDON_ZONES,
    MAX_COUNCIL_SHARE,
    MIN_CELL,
    PERCENTILE_KEYS,
    PERCENTILES,
    ZONES,
    CellSummary,
    Observation,
    council_geography,
    council_id_of,
    geography_matches,
    in_last_12_months,
    last_12_months_window,
    percentile,
    percentile_rank,
    quarter_of,
    quarter_range,
    quarters_back,
    summarise,
    summary_sentence,
)

DAY = datetime.date(2026, 8, 1)


def obs(
    low: int = 4_000_000,
    high: int | None = None,
    council: int = 1,
    zone: str = "inner_london",
    day: datetime.date = DAY,
) -> Observation:
    return Observation(low, low if high is None else high, council, day, zone)


def spread(councils: list[int], low: int = 4_000_000) -> list[Observation]:
    """One salary per entry, each £1,000 above the last, from the councils given."""
    return [obs(low + i * 100_000, low + i * 100_000 + 500_000, c) for i, c in enumerate(councils)]


# --- percentiles -----------------------------------------------------------------------------


def test_percentiles_by_hand() -> None:
    values = [100, 200, 300, 400, 1000]
    # position h = (n - 1) * p / 100 = 4p/100
    assert percentile(values, 0) == 100
    assert percentile(values, 10) == 140  # h 0.4: 100 + 0.4 * 100
    assert percentile(values, 25) == 200  # h 1.0
    assert percentile(values, 50) == 300  # h 2.0
    assert percentile(values, 75) == 400  # h 3.0
    assert percentile(values, 90) == 760  # h 3.6: 400 + 0.6 * 600
    assert percentile(values, 100) == 1000


def test_percentile_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([1, 2, 3, 4], 25) == 2  # h 0.75: 1.75, rounded half up to whole pence
    assert percentile([1, 2], 50) == 2  # 1.5 rounds half up
    assert percentile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 12.5) == 1  # h 1.25


def test_percentile_of_one_value_is_that_value() -> None:
    assert all(percentile([4_250_000], p) == 4_250_000 for p in PERCENTILES)


def test_percentile_rejects_no_values_and_bad_percentiles() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="between 0 and 100"):
        percentile([1, 2], 101)
    with pytest.raises(ValueError, match="between 0 and 100"):
        percentile([1, 2], -1)


@given(st.lists(st.integers(0, 50_000_000), min_size=1, max_size=60), st.integers(1, 99))
def test_percentile_matches_the_inclusive_method_of_the_standard_library(
    values: list[int], p: int
) -> None:
    values.sort()
    if len(values) == 1:
        assert percentile(values, p) == values[0]
        return
    reference = statistics.quantiles(values, n=100, method="inclusive")[p - 1]
    assert abs(percentile(values, p) - reference) <= 0.5 + 1e-6


@given(st.lists(st.integers(0, 50_000_000), min_size=1, max_size=80))
def test_percentiles_never_fall(values: list[int]) -> None:
    values.sort()
    results = [percentile(values, p) for p in PERCENTILES]
    assert results == sorted(results)
    assert values[0] <= results[0] and results[-1] <= values[-1]


# --- percentile rank -------------------------------------------------------------------------


def test_percentile_rank() -> None:
    values = [10, 20, 30, 40]
    assert percentile_rank(5, values) == 0
    assert percentile_rank(50, values) == 100
    assert percentile_rank(25, values) == 50  # two of four below
    assert percentile_rank(20, values) == 38  # (1 + 0.5) / 4 = 37.5, half up
    assert percentile_rank(30, [30, 30, 30]) == 50
    assert percentile_rank(30, [10, 30, 30, 50]) == 50  # (1 + 1) / 4


def test_percentile_rank_needs_values() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile_rank(1, [])


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=40), st.integers(0, 1000))
def test_percentile_rank_is_between_0_and_100_and_rises(values: list[int], value: int) -> None:
    values.sort()
    rank = percentile_rank(value, values)
    assert 0 <= rank <= 100
    assert percentile_rank(value + 1, values) >= rank


# --- summarise and disclosure control --------------------------------------------------------


def test_four_observations_are_hidden_and_five_are_shown() -> None:
    four = summarise(spread([1, 2, 3, 4]))
    assert four.suppressed
    assert four.suppressed_reason == "Hidden: fewer than 5 salaries (4 so far)."
    assert four.count == 4 and four.councils == 4
    assert four.stats == {}

    five = summarise(spread([1, 2, 3, 4, 5]))
    assert not five.suppressed
    assert five.suppressed_reason == ""
    assert five.count == MIN_CELL
    assert set(five.stats) == {"min", "mid", "max"}
    assert all(set(values) == set(PERCENTILE_KEYS) for values in five.stats.values())


def test_empty_cell_is_hidden() -> None:
    cell = summarise([])
    assert cell.count == 0 and cell.councils == 0
    assert cell.largest_council_share == Decimal("0.000")
    assert cell.suppressed_reason == "Hidden: fewer than 5 salaries (0 so far)."


def test_one_council_with_more_than_half_is_hidden() -> None:
    cell = summarise(spread([7, 7, 7, 8, 9]))  # 3 of 5: 60%
    assert cell.suppressed_reason == (
        "Hidden: one council supplies more than half of these salaries."
    )
    assert cell.largest_council_share == Decimal("0.600")
    assert cell.count == 5 and cell.councils == 3
    assert cell.stats == {}


def test_one_council_with_exactly_half_is_shown() -> None:
    cell = summarise(spread([7, 7, 7, 8, 9, 10]))  # 3 of 6: exactly half
    assert cell.largest_council_share == MAX_COUNCIL_SHARE
    assert not cell.suppressed
    assert cell.stats["mid"]["p50"] > 0


def test_share_is_compared_exactly_not_after_rounding() -> None:
    # 1001 of 2001 is 0.50025: rounds to 0.500 for storage, yet it is more than half
    councils = [1] * 1001 + list(range(2, 1002))
    cell = summarise([obs(4_000_000, council=c) for c in councils])
    assert cell.largest_council_share == Decimal("0.500")
    assert cell.suppressed


def test_largest_council_share_has_three_places() -> None:
    cell = summarise(spread([1, 1, 2, 3, 4, 5]))
    assert cell.largest_council_share == Decimal("0.333")
    assert cell.largest_council_share.as_tuple().exponent == -3


def test_stats_by_hand() -> None:
    ranges = [(3_000_000, 3_500_000), (3_200_000, 3_600_000), (3_400_000, 4_000_000)]
    ranges += [(3_600_000, 4_400_000), (4_000_000, 5_000_001)]
    cell = summarise([obs(a, b, council=i) for i, (a, b) in enumerate(ranges)])
    assert cell.stats["min"] == {
        "p10": 3_080_000,  # h 0.4
        "p25": 3_200_000,
        "p50": 3_400_000,
        "p75": 3_600_000,
        "p90": 3_840_000,  # h 3.6: 3,600,000 + 0.6 * 400,000
    }
    assert cell.stats["max"]["p50"] == 4_000_000
    # midpoints: 3,250,000 3,400,000 3,700,000 4,000,000 4,500,001 (4,500,000.5 half up)
    assert cell.stats["mid"]["p50"] == 3_700_000
    assert cell.stats["mid"]["p90"] == 4_300_001  # 4,000,000 + 0.6 * 500,001 = 4,300,000.6


def test_hidden_cells_carry_no_percentile_anywhere() -> None:
    observations = spread([7, 7, 7, 8, 9])
    cell = summarise(observations)
    fields = cell.as_fields()
    assert fields["stats"] == {}
    text = repr(cell) + repr(fields)
    for observation in observations:
        for pence in (
            observation.annual_min_pence,
            observation.annual_max_pence,
            observation.annual_mid_pence,
        ):
            assert str(pence) not in text
    assert cell.value("mid", "p50") is None


def test_a_cell_cannot_be_hidden_and_carry_figures() -> None:
    shown = summarise(spread([1, 2, 3, 4, 5]))
    with pytest.raises(ValueError, match="hidden cell"):
        CellSummary(5, 5, Decimal("0.2"), "Hidden: reasons.", shown.stats)
    with pytest.raises(ValueError, match="p10 to p90"):
        CellSummary(5, 5, Decimal("0.2"), "", {"mid": shown.stats["mid"]})


def test_as_fields_fit_the_benchmark_cell() -> None:
    fields = summarise(spread([1, 2, 3, 4, 5])).as_fields()
    assert set(fields) == {
        "count",
        "councils",
        "largest_council_share",
        "suppressed_reason",
        "stats",
    }


def test_observation_rejects_impossible_values() -> None:
    with pytest.raises(ValueError, match="above"):
        obs(5, 4)
    with pytest.raises(ValueError, match="negative"):
        obs(-1, 4)
    with pytest.raises(ValueError, match="zone"):
        obs(zone="mars")


def test_midpoint_rounds_half_up() -> None:
    assert obs(100, 201).annual_mid_pence == 151
    assert obs(100, 200).annual_mid_pence == 150


ranges = st.tuples(st.integers(0, 20_000_000), st.integers(0, 5_000_000), st.integers(1, 8))


@given(st.lists(ranges, min_size=0, max_size=40))
def test_summaries_are_ordered_and_hidden_cells_are_empty(
    rows: list[tuple[int, int, int]],
) -> None:
    cell = summarise([obs(low, low + extra, council) for low, extra, council in rows])
    assert cell.count == len(rows)
    assert cell.councils == len({council for _, _, council in rows})
    if cell.suppressed:
        assert cell.stats == {}
        return
    assert cell.count >= MIN_CELL
    assert cell.largest_council_share <= MAX_COUNCIL_SHARE
    for measure in ("min", "mid", "max"):
        values = [cell.stats[measure][key] for key in PERCENTILE_KEYS]
        assert values == sorted(values)
    for key in PERCENTILE_KEYS:
        assert cell.stats["min"][key] <= cell.stats["mid"][key] <= cell.stats["max"][key]


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (datetime.date(2026, 1, 1), "2026Q1"),
        (datetime.date(2026, 3, 31), "2026Q1"),
        (datetime.date(2026, 4, 1), "2026Q2"),
        (datetime.date(2026, 9, 30), "2026Q3"),
        (datetime.date(2026, 12, 31), "2026Q4"),
    ],
)
def test_quarter_of(day: datetime.date, quarter: str) -> None:
    assert quarter_of(day) == quarter


def test_quarters_back_oldest_first_across_years() -> None:
    assert quarters_back(datetime.date(2026, 8, 1), 4) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert quarters_back(datetime.date(2026, 2, 1), 2) == ["2025Q4", "2026Q1"]
    assert quarters_back(DAY, 1) == ["2026Q3"]
    assert quarters_back(DAY, 0) == []
    with pytest.raises(ValueError, match="negative"):
        quarters_back(DAY, -1)


def test_quarter_range() -> None:
    assert quarter_range("2026Q1") == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert quarter_range("2024Q4") == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    with pytest.raises(ValueError, match="2026Q3"):
        quarter_range("2026-Q3")


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(9000, 12, 31)))
def test_every_day_lies_in_its_own_quarter(day: datetime.date) -> None:
    first, last = quarter_range(quarter_of(day))
    assert first <= day <= last


def test_in_last_12_months() -> None:
    today = datetime.date(2026, 7, 15)
    assert in_last_12_months(today, today)
    assert in_last_12_months(datetime.date(2025, 7, 16), today)
    assert not in_last_12_months(datetime.date(2025, 7, 15), today)
    assert not in_last_12_months(datetime.date(2026, 7, 16), today)
    assert last_12_months_window(datetime.date(2028, 2, 29)) == (
        datetime.date(2027, 3, 1),
        datetime.date(2028, 2, 29),
    )


# --- geography -------------------------------------------------------------------------------


def test_geography_matching() -> None:
    inner, outer = obs(zone="inner_london", council=3), obs(zone="outer_london", council=4)
    fringe, national = obs(zone="fringe", council=3), obs(zone="national", council=5)
    assert GEOGRAPHIES == ("london", "inner_london", "outer_london")
    assert [geography_matches("london", o) for o in (inner, outer, fringe, national)] == [
        True,
        True,
        False,
        False,
    ]
    assert geography_matches("inner_london", inner) and not geography_matches("inner_london", outer)
    assert geography_matches("outer_london", outer) and not geography_matches("outer_london", inner)
    assert geography_matches("council:3", inner) and geography_matches("council:3", fringe)
    assert not geography_matches("council:4", inner)
    assert geography_matches(council_geography(4), outer)


def test_unknown_geographies_are_refused() -> None:
    for bad in ("londres", "council:", "council:x", "council:-1", "council:٣"):
        with pytest.raises(ValueError):
            geography_matches(bad, obs())
    assert council_id_of("london") is None
    assert council_id_of("council:17") == 17


# --- words -----------------------------------------------------------------------------------


def shown_cell() -> CellSummary:
    mid = {"p10": 4_000_000, "p25": 4_400_000, "p50": 4_850_000, "p75": 5_275_000, "p90": 6_000_000}
    return CellSummary(42, 17, Decimal("0.119"), "", {"min": mid, "mid": mid, "max": mid})


def test_summary_sentence_when_shown() -> None:
    assert summary_sentence("Senior data analyst", shown_cell(), "London") == (
        "In London, the middle of the advertised range for Senior data analyst is £48,500 "
        "(median of 42 salaries from 17 councils); half are between £44,000 and £52,750."
    )


def test_summary_sentence_when_too_few() -> None:
    cell = summarise(spread([1, 2, 3]))
    assert summary_sentence("Senior data analyst", cell, "Inner London") == (
        "In Inner London, pay for Senior data analyst is hidden: fewer than 5 salaries (3 so far)."
    )


def test_summary_sentence_when_one_council_dominates() -> None:
    cell = summarise(spread([7, 7, 7, 8, 9]))
    sentence = summary_sentence("Data engineer", cell, "Outer London")
    assert sentence == (
        "In Outer London, pay for Data engineer is hidden: one council supplies more than half "
        "of these salaries (5 salaries from 3 councils)."
    )
    assert "£" not in sentence


def test_summary_sentence_uses_the_computed_cell() -> None:
    cell = summarise(spread([1, 2, 3, 4, 5, 6]))
    sentence = summary_sentence("Analyst", cell, "London")
    assert f"is {pounds_text(cell.stats['mid']['p50'])} " in sentence
    assert "(median of 6 salaries from 6 councils)" in sentence


def test_a_half_way_median_reads_as_the_money_rule_says() -> None:
    mid = {"p10": 4_000_000, "p25": 4_400_000, "p50": 4_850_050, "p75": 5_275_000, "p90": 6_000_000}
    cell = CellSummary(42, 17, Decimal("0.119"), "", {"min": mid, "mid": mid, "max": mid})
    assert " is £48,501 (median" in summary_sentence("Analyst", cell, "London")


def test_the_pure_zones_are_the_shared_pay_zones() -> None:
    # stats.py imports no Django, so it names the zones itself; they must be PayZone's values.
    from civictalent.core.vocabularies import PayZone

    assert set(ZONES) == set(PayZone.values)
    assert {"inner_london", "outer_london"} == set(LONDON_ZONES)
    assert GEOGRAPHY_LABELS["inner_london"] == PayZone.INNER_LONDON.label
    assert GEOGRAPHY_LABELS["outer_london"] == PayZone.OUTER_LONDON.label
