from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.core.money import (
    exact_pounds_text,
    middle_pence,
    pence_from_pounds,
    pounds_and_pence_text,
    pounds_for_json,
    pounds_form_value,
    pounds_from_pence,
    pounds_from_text,
    pounds_text,
    thousands_of_pounds_text,
    whole_pounds,
)


@pytest.mark.parametrize(
    ("pence", "pounds"),
    [
        (0, 0),
        (49, 0),
        (50, 1),
        (4_850_000, 48_500),
        (4_850_049, 48_500),
        (4_850_050, 48_501),  # an exact half goes up, not to the even neighbour
        (4_850_150, 48_502),
        (4_850_099, 48_501),
        (-50, -1),  # halves go away from zero
        (-49, 0),
        (-4_850_050, -48_501),
    ],
)
def test_whole_pounds_rounds_halves_up_away_from_zero(pence: int, pounds: int) -> None:
    assert whole_pounds(pence) == pounds


def test_no_figure_stays_no_figure() -> None:
    assert whole_pounds(None) is None
    assert pounds_from_pence(None) is None
    assert pence_from_pounds(None) is None
    assert pounds_for_json(None) is None
    assert pounds_form_value(None) == ""


@pytest.mark.parametrize(
    "text_of", [pounds_text, pounds_and_pence_text, exact_pounds_text, thousands_of_pounds_text]
)
@pytest.mark.parametrize("not_pence", [None, 48500.5, Decimal("48500"), "4850050", True])
def test_text_needs_whole_pence(text_of: Any, not_pence: object) -> None:
    with pytest.raises(TypeError, match="whole pence"):
        text_of(not_pence)


def test_pounds_text_is_whole_pounds_by_the_one_rule() -> None:
    assert pounds_text(4_850_049) == "£48,500"
    assert pounds_text(4_850_050) == "£48,501"
    assert pounds_text(0) == "£0"
    assert pounds_text(99) == "£1"
    assert pounds_text(123_456_789) == "£1,234,568"
    assert pounds_text(-4_850_050) == "-£48,501"


def test_pounds_and_pence_text_always_shows_pence() -> None:
    assert pounds_and_pence_text(2_726_900) == "£27,269.00"
    assert pounds_and_pence_text(2_726_905) == "£27,269.05"
    assert pounds_and_pence_text(5) == "£0.05"
    assert pounds_and_pence_text(-2_726_905) == "-£27,269.05"


def test_exact_pounds_text_shows_pence_only_when_there_are_some() -> None:
    assert exact_pounds_text(4_000_000) == "£40,000"
    assert exact_pounds_text(4_000_050) == "£40,000.50"
    assert exact_pounds_text(4_850_050) == "£48,500.50"  # never rounded
    assert exact_pounds_text(-150) == "-£1.50"


def test_thousands_of_pounds_text() -> None:
    assert thousands_of_pounds_text(4_800_000) == "48k"
    assert thousands_of_pounds_text(4_850_000) == "48.5k"
    assert thousands_of_pounds_text(10_000_000) == "100k"
    assert thousands_of_pounds_text(0) == "0k"


def test_pence_and_pounds_convert_exactly() -> None:
    assert pounds_from_pence(2_726_900) == Decimal("27269.00")
    assert str(pounds_from_pence(4_850_050)) == "48500.50"
    assert pence_from_pounds(Decimal("27269.00")) == 2_726_900
    assert pence_from_pounds(40_000) == 4_000_000
    assert pence_from_pounds(Decimal("0.005")) == 1  # a half penny goes up
    assert pence_from_pounds(Decimal("0.0049")) == 0
    assert pence_from_pounds(Decimal("-0.005")) == -1
    with pytest.raises(TypeError, match="never a float"):
        pence_from_pounds(0.1)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="not an amount"):
        pence_from_pounds(Decimal("NaN"))
    with pytest.raises(ValueError, match="too large"):
        pence_from_pounds(Decimal("1E+999999"))
    assert pence_from_pounds(Decimal("999999999999.99")) == 99_999_999_999_999


def test_middle_pence_rounds_half_up() -> None:
    assert middle_pence(4_000_000, 4_500_000) == 4_250_000
    assert middle_pence(4_000_000, 4_500_001) == 4_250_001
    assert middle_pence(1, 2) == 2


def test_pounds_for_json_is_an_exact_number() -> None:
    assert pounds_for_json(4_850_000) == 48500 and isinstance(pounds_for_json(4_850_000), int)
    assert json.dumps(pounds_for_json(4_850_050)) == "48500.5"
    assert json.dumps(pounds_for_json(4_000_001)) == "40000.01"


def test_pounds_form_value_reads_back_unchanged() -> None:
    assert pounds_form_value(4_850_000) == "48500"
    assert pounds_form_value(4_850_050) == "48500.50"
    assert pounds_from_text(pounds_form_value(4_850_050)) == Decimal("48500.50")


def test_pounds_from_text_reads_what_people_type() -> None:
    assert pounds_from_text("£42,000") == Decimal("42000")
    assert pounds_from_text(" 42 000.50 ") == Decimal("42000.50")
    assert pounds_from_text("  ") is None
    with pytest.raises(ValueError, match="like 42000"):
        pounds_from_text("forty thousand")
    with pytest.raises(ValueError, match="like 42000"):
        pounds_from_text("Infinity")
    with pytest.raises(ValueError, match="far too large"):
        pounds_from_text("1e999999")
    assert pounds_from_text("4.2e4") == Decimal("42000")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_every_text_agrees_with_the_numbers(pence: int) -> None:
    pounds = whole_pounds(pence)
    assert pounds_text(pence) == ("-" if pounds < 0 else "") + f"£{abs(pounds):,}"
    assert abs(pounds * 100 - pence) <= 50
    assert pence_from_pounds(pounds_from_pence(pence)) == pence
    assert pounds_from_text(pounds_form_value(pence)) == pounds_from_pence(pence)
    assert Decimal(json.dumps(pounds_for_json(pence))) == pounds_from_pence(pence)
    assert exact_pounds_text(pence).replace("£", "").replace(",", "") in {
        str(pounds_from_pence(pence)),
        str(pence // 100) if pence >= 0 else f"-{abs(pence) // 100}",
    }
