"""parse_bounded_int: the one way a whole number is read from a request."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.core.numbers import LARGEST_ID, parse_bounded_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("7", 7),
        ("007", 7),
        (" 42 ", 42),
        (str(LARGEST_ID), LARGEST_ID),
    ],
)
def test_ascii_digits_within_bounds_are_read(text: str, expected: int) -> None:
    assert parse_bounded_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "²",  # superscript two: str.isdigit() says yes, int() says no
        "3²",
        "١٢",  # Arabic-Indic digits: int() would read them, a URL never means them
        "\uff11\uff12",  # full-width digits
        "-1",
        "+1",
        "1e5",
        "1.0",
        "1_000",
        "0x10",
        "12abc",
        "99999999999999999999999",  # beyond 64 bits: the database cannot hold it
        str(LARGEST_ID + 1),
        "9" * 5000,  # beyond int()'s own digit limit, which raises
        "\x00",
    ],
)
def test_anything_else_is_none(text: str | None) -> None:
    assert parse_bounded_int(text) is None


def test_bounds_are_inclusive() -> None:
    assert parse_bounded_int("1", minimum=1, maximum=100) == 1
    assert parse_bounded_int("100", minimum=1, maximum=100) == 100
    assert parse_bounded_int("0", minimum=1, maximum=100) is None
    assert parse_bounded_int("101", minimum=1, maximum=100) is None
    assert parse_bounded_int("0000000000000000000000100", maximum=100) == 100


def test_a_negative_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="minimum"):
        parse_bounded_int("1", minimum=-1)


@given(st.text(max_size=30))
def test_never_raises_and_stays_within_bounds(text: str) -> None:
    value = parse_bounded_int(text, minimum=3, maximum=10**12)
    assert value is None or 3 <= value <= 10**12


@given(st.integers(min_value=0, max_value=LARGEST_ID))
def test_every_id_round_trips(number: int) -> None:
    assert parse_bounded_int(str(number)) == number
