"""Whole numbers from what a request carries (query strings, posted fields, headers). Pure: no
Django.

Every number a view reads from a request goes through ``parse_bounded_int``: ASCII digits only,
within bounds, or ``None``. ``str.isdigit()`` is not enough: it says yes to "²", which ``int()``
then refuses, and ``int()`` itself reads Arabic-Indic and full-width digits, and numbers no
database column can hold, which the database then refuses. Each is a server error, not an
answer, when it reaches a view unchecked.
"""

from __future__ import annotations

# The largest value a 64-bit signed integer column (every primary key here) can hold.
LARGEST_ID = 2**63 - 1
_ASCII_DIGITS = frozenset("0123456789")
_SPACE = " \t\r\n"


def parse_bounded_int(
    text: str | None, *, minimum: int = 0, maximum: int = LARGEST_ID
) -> int | None:
    """The whole number ``text`` spells in ASCII digits (spaces around it allowed), if it is
    between ``minimum`` and ``maximum`` inclusive; otherwise None. No sign, no decimal point,
    no exponent, no underscores."""
    if minimum < 0:
        raise ValueError("parse_bounded_int reads no sign: the minimum must be 0 or more.")
    if text is None:
        return None
    digits = text.strip(_SPACE)
    if not digits or not _ASCII_DIGITS.issuperset(digits):
        return None
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(maximum)):
        return None  # too long to be in bounds; int() is never asked to read thousands of digits
    number = int(significant)
    return number if minimum <= number <= maximum else None
