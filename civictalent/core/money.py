"""Money: pence and pounds, and the one way each kind of figure is shown. Pure: no Django.

Money is kept in whole pence (``int``) and, where pounds are needed for arithmetic, as
``Decimal``; never as float. Every page, template filter, chart, sentence, download and piece of
structured data turns pence into words or numbers here, so the same figure always reads the same.

The one rounding rule
---------------------
Where a figure is shown in whole pounds, it is rounded to the nearest pound with an exact half
rounded up, away from zero: 4,850,049p is £48,500, 4,850,050p is £48,501 and -4,850,050p is
-£48,501. The same rule turns pounds with fractions of a penny into whole pence.

Why half up: it is the rule people learn at school, so a reader checking a figure by hand gets
the same answer. Python's ``round()`` and format specifications (``f"{x:,.0f}"``) round an exact
half to the even neighbour instead (48,500.5 becomes 48,500), which is how a benchmark table
once said £48,500 while the sentence above it said £48,501. Why away from zero: a negative
figure then reads as the mirror of the positive one.

Which text for which figure
---------------------------
* :func:`pounds_text` ("£48,501"): whole pounds, by the rule above. Statistics and benchmarks,
  charts, sentences and downloads.
* :func:`pounds_and_pence_text` ("£27,269.00"): always to the penny. Pay spines and grades,
  which are set to the penny.
* :func:`exact_pounds_text` ("£40,000" or "£40,000.50"): pence only when there are some, never
  rounded. A vacancy's advertised pay, exactly as the council typed it.

Numbers rather than text: :func:`whole_pounds` (spreadsheets), :func:`pounds_for_json`
(schema.org JSON-LD), :func:`pounds_form_value` (a form field's starting value) and
:func:`thousands_of_pounds_text` (a chart drawn where no pound sign can be).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final, overload

__all__ = [
    "LARGEST_POUNDS_DIGITS",
    "PENCE_PER_POUND",
    "exact_pounds_text",
    "middle_pence",
    "pence_from_pounds",
    "pounds_and_pence_text",
    "pounds_for_json",
    "pounds_form_value",
    "pounds_from_pence",
    "pounds_from_text",
    "pounds_text",
    "thousands_of_pounds_text",
    "whole_pounds",
]

PENCE_PER_POUND: Final = 100
# Pounds with this many digits or more (a million million) are no salary, budget or price: a
# typed "1E+999999" would otherwise become an integer of a million digits.
LARGEST_POUNDS_DIGITS: Final = 12


def _checked_pence(pence: int) -> int:
    # bool is an int to Python, and a float that slipped in would round silently: refuse both.
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise TypeError(f"money is whole pence (an int), not {pence!r}")
    return pence


def _halves_away_from_zero(numerator: int, denominator: int) -> int:
    """numerator / denominator to the nearest integer, an exact half away from zero. In
    integers, so exact for any size."""
    whole, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        whole += 1
    return -whole if numerator < 0 else whole


# --------------------------------------------------------------------------------------------
# Pence and pounds


@overload
def pounds_from_pence(pence: int) -> Decimal: ...
@overload
def pounds_from_pence(pence: None) -> None: ...
def pounds_from_pence(pence: int | None) -> Decimal | None:
    """Pence as pounds, exactly, to two places: 2_726_900 -> ``Decimal("27269.00")``."""
    if pence is None:
        return None
    return Decimal(_checked_pence(pence)).scaleb(-2)


@overload
def pence_from_pounds(pounds: Decimal | int) -> int: ...
@overload
def pence_from_pounds(pounds: None) -> None: ...
def pence_from_pounds(pounds: Decimal | int | None) -> int | None:
    """Pounds as whole pence; a fraction of a penny is rounded half up (away from zero)."""
    if pounds is None:
        return None
    if isinstance(pounds, float):
        raise TypeError(f"pounds are a Decimal or an int, never a float: {pounds!r}")
    amount = Decimal(pounds)
    if not amount.is_finite():
        raise ValueError(f"{pounds!r} is not an amount of money")
    if amount.adjusted() >= LARGEST_POUNDS_DIGITS:
        raise ValueError(f"{amount:.3E} pounds is too large to be an amount of money")
    return int((amount * PENCE_PER_POUND).to_integral_value(rounding=ROUND_HALF_UP))


@overload
def whole_pounds(pence: int) -> int: ...
@overload
def whole_pounds(pence: None) -> None: ...
def whole_pounds(pence: int | None) -> int | None:
    """Pence to the nearest whole pound, halves up (away from zero): THE rounding rule.

    ``None`` (no figure, as in a hidden cell) stays ``None``.
    """
    if pence is None:
        return None
    return _halves_away_from_zero(_checked_pence(pence), PENCE_PER_POUND)


def middle_pence(low_pence: int, high_pence: int) -> int:
    """The middle of a pay range, rounded half up to whole pence: (4_000_000, 4_500_001) ->
    4_250_001. Benchmarks and a council's own median both use it, so they compare like with
    like."""
    return _halves_away_from_zero(_checked_pence(low_pence) + _checked_pence(high_pence), 2)


# --------------------------------------------------------------------------------------------
# Text


def _signed(text: str, negative: bool) -> str:
    return f"-{text}" if negative else text


def pounds_text(pence: int) -> str:
    """Whole pounds with a pound sign and thousands separators, by the rounding rule:
    4_850_050 -> "£48,501"; -4_850_050 -> "-£48,501"."""
    pounds = whole_pounds(_checked_pence(pence))
    return _signed(f"£{abs(pounds):,}", pounds < 0)


def pounds_and_pence_text(pence: int) -> str:
    """Pounds and pence, always two places: 2_726_900 -> "£27,269.00"."""
    _checked_pence(pence)
    pounds, pennies = divmod(abs(pence), PENCE_PER_POUND)
    return _signed(f"£{pounds:,}.{pennies:02d}", pence < 0)


def exact_pounds_text(pence: int) -> str:
    """Pounds, with pence only when there are some, never rounded: 4_000_000 -> "£40,000",
    4_000_050 -> "£40,000.50"."""
    _checked_pence(pence)
    if pence % PENCE_PER_POUND:
        return pounds_and_pence_text(pence)
    return _signed(f"£{abs(pence) // PENCE_PER_POUND:,}", pence < 0)


def thousands_of_pounds_text(pence: int) -> str:
    """Thousands of pounds without a pound sign, for a picture whose font has none:
    4_800_000 -> "48k", 4_850_000 -> "48.5k". Whole pounds by the rounding rule first."""
    thousands = Decimal(whole_pounds(_checked_pence(pence))) / 1000
    digits = f"{thousands:f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return f"{digits}k"


# --------------------------------------------------------------------------------------------
# Numbers for other formats


@overload
def pounds_for_json(pence: int) -> int | float: ...
@overload
def pounds_for_json(pence: None) -> None: ...
def pounds_for_json(pence: int | None) -> int | float | None:
    """A JSON number of pounds, exact: 4_850_000 -> 48500, 4_850_050 -> 48500.5.

    JSON has no decimal type, so pence become a float here, at the very last step and nowhere
    else: for any salary (far below 2**53 pence) ``pence / 100`` is the float nearest the exact
    figure, and JSON writes it with the shortest digits that read back the same, which are the
    exact pounds and pence. Whole pounds stay an int, so no ".0" appears.
    """
    if pence is None:
        return None
    if _checked_pence(pence) % PENCE_PER_POUND == 0:
        return pence // PENCE_PER_POUND
    return pence / PENCE_PER_POUND


def pounds_form_value(pence: int | None) -> str:
    """What a pounds field starts with: "48500", "48500.50", or "" when there is no figure.
    No pound sign or separators, so the form reads it back unchanged."""
    if pence is None:
        return ""
    _checked_pence(pence)
    if pence % PENCE_PER_POUND:
        return str(pounds_from_pence(pence))
    return str(pence // PENCE_PER_POUND)


# --------------------------------------------------------------------------------------------
# Reading what people type


def pounds_from_text(text: str) -> Decimal | None:
    """A money figure as people type it ("£42,000", "42000.00", "42 000"); None for nothing;
    ValueError, with a message for the person, for something that is not a number."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"Enter the amount as a number of pounds, like 42000; not {text!r}."
        ) from None
    if not value.is_finite():
        raise ValueError("Enter the amount as a number of pounds, like 42000.")
    if value.adjusted() >= LARGEST_POUNDS_DIGITS:
        raise ValueError("That amount is far too large: enter pounds, like 42000.")
    return value
