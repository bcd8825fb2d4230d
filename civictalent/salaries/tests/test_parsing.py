"""Tests for the pay text parser: examples, the labelled accuracy set and properties."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civictalent.salaries.parsing import (
    BASES,
    DEFAULT_ASSUMPTIONS,
    PERIODS,
    Assumptions,
    PayRange,
    SalaryParse,
    parse_many,
    parse_salary,
)

LABELLED = Path(__file__).parent / "data" / "pay_strings.jsonl"
RANGE_FIELDS = (
    "minimum",
    "maximum",
    "period",
    "currency",
    "location",
    "basis",
    "pro_rata",
    "grade",
    "full_time_equivalent",
)


def only(text: str) -> PayRange:
    result = parse_salary(text)
    assert len(result.ranges) == 1, result
    return result.ranges[0]


def dec(value: str) -> Decimal:
    return Decimal(value)


# --------------------------------------------------------------------------------------------
# The forms named in the issue


def test_two_ranges_with_london_weighting() -> None:
    result = parse_salary("£29,750 - £42,500 with a London-weighting of £31,237 - £44,625")
    base, weighted = result.ranges
    assert (base.minimum, base.maximum, base.basis, base.location) == (
        dec("29750"),
        dec("42500"),
        "base",
        None,
    )
    assert (weighted.minimum, weighted.maximum) == (dec("31237"), dec("44625"))
    assert weighted.basis == "including_london_weighting"
    assert weighted.location == "London"


def test_national_london_and_a_separate_allowance() -> None:
    text = "National: £36,530 - £44,225 London: £40,660 - £48,160 + allowance of £4,000"
    national, london, allowance = parse_salary(text).ranges
    assert (national.location, national.minimum, national.maximum) == (
        "National",
        dec("36530"),
        dec("44225"),
    )
    assert (london.location, london.minimum, london.maximum) == (
        "London",
        dec("40660"),
        dec("48160"),
    )
    assert (allowance.basis, allowance.minimum, allowance.maximum) == (
        "allowance",
        dec("4000"),
        dec("4000"),
    )
    assert text[allowance.start : allowance.end] == "£4,000"


def test_k_written_once_applies_to_both_ends_and_ote() -> None:
    pay = only("£25-35k OTE")
    assert (pay.minimum, pay.maximum, pay.basis, pay.period) == (
        dec("25000"),
        dec("35000"),
        "on_target_earnings",
        "year",
    )
    assert "period_inferred" in pay.flags


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "period"),
    [
        ("£25k-£35k", "25000", "35000", "year"),
        ("£30,000 to £35,000 per annum", "30000", "35000", "year"),
        ("£30,000 \u2013 £35,000 p.a.", "30000", "35000", "year"),
        ("£30,000 \u2014 £35,000 pa", "30000", "35000", "year"),
        ("£47,000/annum", "47000", "47000", "year"),
        ("£39,000 a year", "39000", "39000", "year"),
        ("£100 per day", "100", "100", "day"),
        ("£450 a day", "450", "450", "day"),
        ("£600/day", "600", "600", "day"),
        ("£13.85 per hour", "13.85", "13.85", "hour"),
        ("£15.50 p/h", "15.50", "15.50", "hour"),
        ("£18 ph", "18", "18", "hour"),
        ("£21.35 an hour", "21.35", "21.35", "hour"),
        ("£650 per week", "650", "650", "week"),
        ("£3,000 per month", "3000", "3000", "month"),
        ("45000 GBP per year", "45000", "45000", "year"),
    ],
)
def test_amounts_separators_and_periods(text: str, minimum: str, maximum: str, period: str) -> None:
    pay = only(text)
    assert (pay.minimum, pay.maximum, pay.period, pay.currency) == (
        dec(minimum),
        dec(maximum),
        period,
        "GBP",
    )


def test_open_ended_ranges() -> None:
    assert (only("up to £40,000").minimum, only("up to £40,000").maximum) == (None, dec("40000"))
    assert (only("from £30,000").minimum, only("from £30,000").maximum) == (dec("30000"), None)
    plus = only("£60k+")
    assert (plus.minimum, plus.maximum, plus.annual_max) == (dec("60000"), None, None)
    assert plus.excerpt == "£60k+"
    # "from ... to ..." is a closed range
    closed = only("The role is SCS pay band 2, which ranges from £82,900 to £162,500.")
    assert (closed.minimum, closed.maximum, closed.grade) == (dec("82900"), dec("162500"), "SCS2")


def test_pro_rata_and_full_time_equivalent() -> None:
    assert only("£30,000 pro rata").pro_rata is True
    actual, full_time = parse_salary("£15,000 (£30,000 FTE)").ranges
    assert actual.pro_rata and not actual.full_time_equivalent
    assert full_time.full_time_equivalent and not full_time.pro_rata
    assert "pro_rata_actual" in actual.flags
    assert "below_london_living_wage" not in actual.flags


def test_london_weighting_wording() -> None:
    inclusive = only("£35,000 - £40,000 inclusive of London Weighting")
    assert (inclusive.basis, inclusive.location) == ("including_london_weighting", "London")
    base, weighting = parse_salary("£30,000 - £35,000 plus £3,000 London weighting").ranges
    assert base.basis == "base"
    assert (weighting.basis, weighting.minimum, weighting.location) == (
        "allowance",
        dec("3000"),
        "London",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Â£30,000 â€“ Â£35,000 per annum",
        "£30,000\u00a0\u2013\u00a0£35,000 per annum",
        "£30\u2009000 - £35\u2009000 per annum",
        "&pound;30,000 - &pound;35,000 per annum",
    ],
)
def test_mojibake_and_odd_spaces(text: str) -> None:
    pay = only(text)
    assert (pay.minimum, pay.maximum, pay.period) == (dec("30000"), dec("35000"), "year")
    # offsets point into the caller's text, not the cleaned copy
    assert text[pay.start : pay.end] == pay.excerpt
    assert pay.excerpt.rstrip().endswith("per annum")


def test_other_currencies_are_flagged() -> None:
    pay = only("$38000 to $45000 per year")
    assert (pay.currency, pay.minimum, pay.maximum) == ("USD", dec("38000"), dec("45000"))
    assert "currency_not_gbp" in pay.flags
    assert "below_london_living_wage" not in pay.flags
    assert only("€45,000 - €55,000").currency == "EUR"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Competitive", "no pay figure: says 'Competitive'"),
        ("Competitive salary", "no pay figure: says 'Competitive'"),
        ("Please refer to the advert", "no pay figure: refers to the advert"),
        ("Negotiable", "no pay figure: says 'Negotiable'"),
        ("TBC", "no pay figure: says 'TBC'"),
        ("", "no pay figure: text is empty"),
        ("PO4", "grade only: no pound figure"),
    ],
)
def test_text_without_a_figure_says_why(text: str, reason: str) -> None:
    result = parse_salary(text)
    assert result.ranges == ()
    assert result.reason == reason


def test_grade_only_keeps_the_grade() -> None:
    result = parse_salary("PO4")
    assert result.grades == ("PO4",)
    assert parse_salary("Grade: PO1 - PO3, Sc6, SCP 29-32, G7, SCS Pay Band 1").grades == (
        "PO1-PO3",
        "Scale 6",
        "SCP 29-32",
        "Grade 7",
        "SCS1",
    )


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("£15.50 per annum", "hourly_rate_in_annual_field"),
        ("£18,000 per annum", "below_london_living_wage"),
        ("£600,000 per annum", "above_500k"),
        ("£30,000 per hour", "implausible_for_period"),
        ("£45,000", "period_inferred"),
    ],
)
def test_implausible_values_are_flagged_not_dropped(text: str, flag: str) -> None:
    pay = only(text)
    assert flag in pay.flags
    assert pay.minimum is not None


def test_period_inference() -> None:
    assert only("£45,000").period == "year"
    assert only("£13.85").period == "hour"
    assert only("£450").period == "day"


def test_annualisation_uses_the_assumptions() -> None:
    hourly = only("£20 per hour")
    assert hourly.annual_min == dec("37543")  # 20 x 36 x 52.143
    daily = only("£500 per day")
    assert daily.annual_min == dec("130000")  # 500 x 260
    contractor = parse_salary("£500 per day", Assumptions(working_days_per_year=Decimal(225)))
    assert contractor.ranges[0].annual_min == dec("112500")
    assert contractor.assumptions.working_days_per_year == Decimal(225)
    thirty_seven = parse_salary("£20 per hour", Assumptions(hours_per_week=Decimal(37)))
    assert thirty_seven.ranges[0].annual_min == dec("38586")


def test_london_living_wage_threshold_is_configurable() -> None:
    pay_text = "£27,000 per annum"
    assert "below_london_living_wage" not in only(pay_text).flags
    higher = Assumptions(london_living_wage_hourly=Decimal("15.00"))
    assert "below_london_living_wage" in parse_salary(pay_text, higher).ranges[0].flags


def test_assumptions_accept_plain_numbers_and_reject_nonsense() -> None:
    assert Assumptions(hours_per_week=35).hours_per_week == Decimal(35)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        Assumptions(hours_per_week=Decimal(0))


def test_to_dict_is_json_ready_and_states_assumptions() -> None:
    data = parse_salary("£13.85 per hour").to_dict()
    encoded = json.loads(json.dumps(data))
    pay = encoded["ranges"][0]
    assert pay["minimum"] == 13.85 and isinstance(pay["minimum"], float)
    assert pay["annual_min"] == 25998 and isinstance(pay["annual_min"], int)
    assert pay["period"] == "hour" and pay["flags"] == []
    assert set(pay) >= {"start", "end", "excerpt", "grade", "basis", "location"}
    assert encoded["assumptions"] == {
        "hours_per_week": 36,
        "weeks_per_year": 52.143,
        "working_days_per_year": 260,
        "months_per_year": 12,
        "london_living_wage_hourly": 13.85,
        "plausible_annual_maximum": 500000,
        "london_living_wage_annual": 25998,
    }
    assert encoded["grades"] == [] and encoded["reason"] is None
    empty = parse_salary("Competitive").to_dict()
    assert empty["ranges"] == [] and empty["reason"].startswith("no pay figure")


def test_parse_many_and_results_are_frozen() -> None:
    results = parse_many(["£30,000", "Competitive", "PO4"])
    assert [len(r.ranges) for r in results] == [1, 0, 0]
    assert all(r.assumptions is DEFAULT_ASSUMPTIONS for r in results)
    with pytest.raises(AttributeError):
        results[0].ranges[0].minimum = Decimal(1)  # type: ignore[misc]


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        parse_salary(30000)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# The labelled set


def _labelled() -> list[dict[str, Any]]:
    with LABELLED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _as_expected(pay: PayRange) -> dict[str, Any]:
    return {name: getattr(pay, name) for name in RANGE_FIELDS}


def _same_value(found: Any, expected: Any) -> bool:
    if isinstance(expected, bool) or expected is None or found is None:
        return bool(found == expected)
    if isinstance(expected, int | float):
        return Decimal(str(found)) == Decimal(str(expected))
    return bool(found == expected)


def _misses(row: dict[str, Any], result: SalaryParse) -> list[str]:
    expected = row["expected"]
    problems: list[str] = []
    if expected["no_figure"] != (not result.ranges):
        problems.append(f"no_figure: expected {expected['no_figure']}")
    if list(result.grades) != expected["grades"]:
        problems.append(f"grades: {list(result.grades)} != {expected['grades']}")
    if len(result.ranges) != len(expected["ranges"]):
        problems.append(f"{len(result.ranges)} ranges, expected {len(expected['ranges'])}")
        return problems
    for number, (pay, wanted) in enumerate(zip(result.ranges, expected["ranges"], strict=True)):
        found = _as_expected(pay)
        for name in RANGE_FIELDS:
            if name in wanted and not _same_value(found[name], wanted[name]):
                problems.append(f"range {number} {name}: {found[name]!r} != {wanted[name]!r}")
    for number, flags in enumerate(expected.get("flags", [])):
        if sorted(result.ranges[number].flags) != sorted(flags):
            problems.append(f"range {number} flags: {result.ranges[number].flags} != {flags}")
    return problems


def test_labelled_set_is_big_and_varied() -> None:
    rows = _labelled()
    assert len(rows) >= 250
    shapes = Counter(row["shape"] for row in rows)
    for shape in (
        "range_pa",
        "two_ranges_london_weighting",
        "national_london",
        "mojibake",
        "ote",
        "day_rate",
        "hourly",
        "grade_only",
        "no_figure",
        "usd",
        "pro_rata",
        "fte",
    ):
        assert shapes[shape] >= 2, shape
    for row in rows:
        for pay in row["expected"]["ranges"]:
            assert pay["period"] in PERIODS and pay["basis"] in BASES


def test_labelled_accuracy_every_field_right() -> None:
    rows = _labelled()
    misses: list[str] = []
    for row in rows:
        problems = _misses(row, parse_salary(row["text"]))
        if problems:
            misses.append(f"[{row['shape']}] {row['text']!r}: " + "; ".join(problems))
    right = len(rows) - len(misses)
    rate = right / len(rows)
    print(f"\naccuracy: {right}/{len(rows)} = {rate:.2%} of strings with every field right")
    for miss in misses:
        print("  MISS", miss)
    assert rate >= 0.98, "\n".join(misses)


# --------------------------------------------------------------------------------------------
# Properties

SAFE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_invariants(text: str, result: SalaryParse) -> None:
    for pay in result.ranges:
        assert pay.period in PERIODS
        assert pay.basis in BASES
        assert pay.minimum is not None or pay.maximum is not None
        if pay.minimum is not None and pay.maximum is not None:
            assert pay.minimum <= pay.maximum
        if pay.annual_min is not None and pay.annual_max is not None:
            assert pay.annual_min <= pay.annual_max
        assert 0 <= pay.start < pay.end <= len(text)
        assert pay.excerpt == text[pay.start : pay.end]
    if not result.ranges:
        assert result.reason
    json.dumps(result.to_dict())


@SAFE
@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    _check_invariants(text, parse_salary(text))


PAY_WORDS = st.sampled_from(
    [
        "£",
        "$",
        "€",
        "Â£",
        "â€“",
        "GBP",
        "k",
        "K",
        "-",
        "\u2013",
        "\u2014",
        " to ",
        "up to ",
        "from ",
        "+",
        " per annum",
        " p.a.",
        " pa",
        " per hour",
        " ph",
        " per day",
        " OTE",
        " pro rata",
        " FTE",
        "(",
        ")",
        ",",
        ".",
        " ",
        "\u00a0",
        "London: ",
        "National: ",
        " inclusive of London weighting",
        " with a London weighting of ",
        " plus ",
        " allowance of ",
        "PO4",
        "SCP 29-32",
        "Band 7",
        "G7",
        "0",
        "5",
        "13",
        "250",
        "1,000",
        "35,000",
        "99.99",
    ]
)


@SAFE
@given(st.lists(PAY_WORDS, max_size=16).map("".join))
def test_never_crashes_on_pay_like_text(text: str) -> None:
    _check_invariants(text, parse_salary(text))


ANNUAL = st.integers(min_value=1_000, max_value=999_999)

ANNUAL_STYLES = [
    lambda a, b: f"£{a:,} - £{b:,} per annum",
    lambda a, b: f"£{a / 1000:g}k to £{b / 1000:g}k",
    lambda a, b: f"£{a:,}\u2013£{b:,} p.a.",
    lambda a, b: f"{a:,} to {b:,} GBP per year",
    lambda a, b: f"Salary: £{a:,} \u2014 £{b:,} a year",
    lambda a, b: f"Â£{a:,} â€“ Â£{b:,} pa",
    lambda a, b: f"£{a}\u00a0-\u00a0£{b} /annum",
    lambda a, b: f"between £{a:,} and £{b:,} per annum",
    lambda a, b: f"£{a:,} - {b:,} per annum",
]


@SAFE
@given(ANNUAL, ANNUAL, st.sampled_from(ANNUAL_STYLES))
def test_round_trip_annual_ranges(a: int, b: int, style: Any) -> None:
    low, high = sorted((a, b))
    text = style(low, high)
    pay = only(text)
    assert (pay.minimum, pay.maximum, pay.period) == (Decimal(low), Decimal(high), "year")
    assert (pay.annual_min, pay.annual_max) == (Decimal(low), Decimal(high))


@SAFE
@given(st.integers(min_value=1_000, max_value=999_999))
def test_round_trip_single_figure(a: int) -> None:
    pay = only(f"{a} GBP per year")
    assert (pay.minimum, pay.maximum, pay.period) == (Decimal(a), Decimal(a), "year")


@SAFE
@given(
    st.decimals(min_value=Decimal("5.00"), max_value=Decimal("99.99"), places=2),
    st.sampled_from(["£{x} per hour", "£{x} p/h", "£{x}ph", "£{x} an hour", "£{x}/hr"]),
)
def test_round_trip_hourly(x: Decimal, style: str) -> None:
    pay = only(style.format(x=f"{x:.2f}"))
    assert (pay.minimum, pay.maximum, pay.period) == (x, x, "hour")


@SAFE
@given(
    st.integers(min_value=100, max_value=999),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(["£{a} - £{b} per day", "£{a}-£{b}/day", "£{a} to £{b} a day"]),
)
def test_round_trip_day_rates(a: int, extra: int, style: str) -> None:
    b = min(a + extra, 5000)
    pay = only(style.format(a=a, b=b))
    assert (pay.minimum, pay.maximum, pay.period) == (Decimal(a), Decimal(b), "day")


@SAFE
@given(
    st.integers(min_value=1, max_value=60_000),
    st.sampled_from(PERIODS),
    st.decimals(min_value=Decimal("30"), max_value=Decimal("40"), places=1),
    st.decimals(min_value=Decimal("200"), max_value=Decimal("261"), places=0),
)
def test_annual_figures_follow_period_and_assumptions(
    amount: int, period: str, hours: Decimal, days: Decimal
) -> None:
    words = {
        "hour": "per hour",
        "day": "per day",
        "week": "per week",
        "month": "per month",
        "year": "per annum",
    }
    assumptions = Assumptions(hours_per_week=hours, working_days_per_year=days)
    result = parse_salary(f"£{amount:,} {words[period]}", assumptions)
    pay = result.ranges[0]
    assert pay.period == period
    factor = {
        "hour": hours * assumptions.weeks_per_year,
        "day": days,
        "week": assumptions.weeks_per_year,
        "month": Decimal(12),
        "year": Decimal(1),
    }[period]
    expected = (Decimal(amount) * factor).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert pay.annual_min == pay.annual_max == expected
    assert result.assumptions is assumptions
    stated_hours = result.to_dict()["assumptions"]["hours_per_week"]
    assert Decimal(str(stated_hours)) == hours
