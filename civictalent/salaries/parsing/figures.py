"""Money amounts in pay text, and neighbouring amounts joined by "-", "to", dashes ... into
ranges. Bare numbers that are not pay ("Step 1", "37 hours", "12 June") are dropped."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import NamedTuple

from .periods import PERIOD_ALTERNATIVES
from .results import Period

_THOUSAND = Decimal(1000)
_DIGIT_RE = re.compile("[0-9]")

_AMOUNT_RE = re.compile(
    r"(?=[£$€0-9GUE])(?P<pre>US\$|£|\$|€|(?<![A-Za-z])(?:GBP|USD|EUR)(?![A-Za-z]))?[ ]{0,2}"
    r"(?<![0-9.,])"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3}){1,3}(?:\.[0-9]{1,4})?"
    # at most three groups, as with commas: unbounded, "111 111 ... 111" is one number too
    # large to round (and each start rescans the rest of the run)
    r"|[0-9]{1,3}(?: [0-9]{3}){1,3}(?![0-9])"
    r"|[0-9]{1,9}(?:\.[0-9]{1,4})?)"
    r"(?![0-9]|[.,][0-9])"
    r"(?P<k>[ ]?[kK](?=[^A-Za-z]|$|pa(?![A-Za-z])|p\.a)|[ ]?(?i:thousand)(?![A-Za-z]))?"
    r"(?:[ ]?(?P<post>GBP|USD|EUR|(?i:pounds?|sterling|dollars?|euros?))(?![A-Za-z]))?"
    r"(?![ ]?%)"
)
_CURRENCY = {
    "£": "GBP",
    "GBP": "GBP",
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
}

_PAIR_GAP_RE = re.compile(
    r"\s*(?:(?:(?P<gy>p\.\s?a\.?|pa|per\s+annum)|(?P<gh>ph|p/h|per\s+hour|/\s?hr|/\s?hour)"
    r"|(?P<gd>pd|per\s+day|/\s?day))\s*)?"
    r"(?P<sep>-{1,2}|\u2013|\u2014|to|until|till|up\s*to|rising\s+to|increasing\s+to|and)"
    r"(?:\s*(?:up\s*to|to))?\s*(?:step\s+[0-9]{1,2}\s*)?",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(r"between\s*$", re.IGNORECASE)
_PREFIX_MAX_RE = re.compile(
    r"(?:up\s*to|to\s+a\s+max(?:imum)?\s+of|max(?:imum)?\.?(?:\s+of)?|not\s+exceeding"
    r"|no\s+more\s+than|capped\s+at"
    r"|(?<![A-Za-z])max(?:imum)?\s+(?:[A-Za-z-]+\s+){1,8}?(?:is|of|will\s+be))\s*:?\s*$",
    re.IGNORECASE,
)
_PREFIX_MIN_RE = re.compile(
    r"(?<![A-Za-z])(?:from|starting\s+(?:at|from)|min(?:imum)?\.?(?:\s+of)?|at\s+least"
    r"|in\s+excess\s+of|over|above|more\s+than|no\s+less\s+than"
    r"|min(?:imum)?\s+(?:[A-Za-z-]+\s+){1,8}?(?:is|of|will\s+be))\s*:?\s*$",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(
    # "£30k+" is open-ended, "£30k + £3k allowance" is not
    r"(?P<plus>\+(?!\s*[£$€0-9]))"
    r"|\s*(?:(?P<open>upwards|or\s+(?:more|above)|and\s+above|min(?:imum)?\.?)"
    r"|(?P<max>max(?:imum)?\.?))(?![A-Za-z])",
    re.IGNORECASE,
)
_PREFIX_HINT_RE = re.compile(
    "up|max|exceed|more|capped|from|start|min|least|excess|over|above|less", re.IGNORECASE
)
_TRAIL_PERIOD_START_RE = re.compile(
    rf"\s*(?:[(\[]\s*)?(?:gross\s+)?(?:{PERIOD_ALTERNATIVES})", re.IGNORECASE
)


class _Amount(NamedTuple):
    start: int
    end: int
    value: Decimal
    currency: str | None
    has_k: bool
    grouped: bool
    decimal: bool
    money: bool  # a currency, a "k" or thousands separators: pay even with no period stated


class RawRange(NamedTuple):
    """A figure or range as written, before the words around it are read."""

    start: int
    end: int
    low: Decimal | None
    high: Decimal | None
    currency: str | None
    gap_period: Period | None
    reversed: bool
    top: Decimal  # the maximum, or the minimum of an open range: what magnitude checks use


def find_ranges(norm: str, grade_at: list[tuple[int, int, str]]) -> list[RawRange]:
    """Every pay figure or range in ``norm``, outside the grades found at ``grade_at``."""
    if _DIGIT_RE.search(norm) is None:
        return []
    grade_spans = [(s, e) for s, e, _ in grade_at]
    amounts = _amounts(norm, grade_spans)
    if amounts:
        amounts = _worth_keeping(norm, amounts, grade_spans)
    if amounts:
        return _pair(norm, amounts, grade_spans)
    return []


def _overlaps(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (in order, not overlapping each other;
    ``ends`` their ends)."""
    index = bisect_right(ends, start)
    return index < len(spans) and spans[index][0] < end


def _amounts(norm: str, grade_spans: list[tuple[int, int]]) -> list[_Amount]:
    found: list[_Amount] = []
    grade_ends = [e for _, e in grade_spans]
    for match in _AMOUNT_RE.finditer(norm):
        pre, num, k, post = match.groups()
        end = match.end()
        if pre is None:
            start = match.start(2)
            if start > 0 and norm[start - 1].isalpha():
                continue
        else:
            start = match.start()
        if grade_spans and _overlaps(grade_spans, grade_ends, start, end):
            continue
        grouped = "," in num or " " in num
        value = Decimal(num.replace(",", "").replace(" ", "") if grouped else num)
        if k is not None:
            value *= _THOUSAND
        code = pre or post
        currency = None
        if code is not None:
            currency = _CURRENCY.get(code) or _CURRENCY.get(code.lower())
        found.append(
            _Amount(
                start,
                end,
                value,
                currency,
                k is not None,
                grouped,
                "." in num,
                currency is not None or k is not None or (grouped and value >= _THOUSAND),
            )
        )
    return found


def _gap_without_grades(
    norm: str, start: int, end: int, grade_spans: list[tuple[int, int]]
) -> re.Match[str] | None:
    """ "SO2 £39,000 to PO1 £41,500" and "Step 1 - $128,078 to GS-15 Step 10 $172,500" are
    ranges whose ends are labelled with grades."""
    inside = []
    for position in range(bisect_left(grade_spans, (start, start)), len(grade_spans)):
        s, e = grade_spans[position]
        if s >= end:
            break
        if e <= end:
            inside.append((s, e))
    if not inside:
        return None
    pieces: list[str] = []
    position = start
    for s, e in inside:
        pieces += [norm[position:s], " " * (e - s)]
        position = e
    pieces.append(norm[position:end])
    return _PAIR_GAP_RE.fullmatch("".join(pieces))


def _pair(norm: str, amounts: list[_Amount], grade_spans: list[tuple[int, int]]) -> list[RawRange]:
    raws: list[RawRange] = []
    index = 0
    count = len(amounts)
    while index < count:
        first = amounts[index]
        if index + 1 < count:
            second = amounts[index + 1]
            gap = _range_gap(norm, first, second, grade_spans)
            if (
                gap is not None
                and (
                    first.currency is None
                    or second.currency is None
                    or first.currency == second.currency
                )
                and (
                    gap.group("sep")[0] not in "aA"  # "and" joins a range only after "between"
                    or _BETWEEN_RE.search(norm, max(0, first.start - 12), first.start) is not None
                )
            ):
                raws.append(_join(first, second, gap))
                index += 2
                continue
        if _accept_single(norm, first):
            raws.append(_single(norm, first))
        index += 1
    return raws


def _scaled_pair(first: _Amount, second: _Amount) -> tuple[Decimal, Decimal]:
    low, high = first.value, second.value
    # "£25-35k" and "£30-40,000": the thousands are written once, on the second figure.
    if second.has_k and not first.has_k and low < _THOUSAND:
        low *= _THOUSAND
    elif first.has_k and not second.has_k and high < _THOUSAND:
        high *= _THOUSAND
    elif (
        not first.has_k
        and not first.decimal
        and not first.grouped
        and low < _THOUSAND <= high
        and low * _THOUSAND <= high < low * _THOUSAND * 3
    ):
        low *= _THOUSAND
    return low, high


def _gap_period(gap: re.Match[str]) -> Period | None:
    """The period in "£31,000 p.a. - £34,000 p.a." (the last one is found as a cue)."""
    year, hour, day = gap.group("gy", "gh", "gd")
    if year is not None:
        return "year"
    if hour is not None:
        return "hour"
    if day is not None:
        return "day"
    return None


def _join(first: _Amount, second: _Amount, gap: re.Match[str]) -> RawRange:
    low, high = _scaled_pair(first, second)
    reversed_ = high < low
    if reversed_:
        low, high = high, low
    return RawRange(
        first.start,
        second.end,
        low,
        high,
        first.currency or second.currency,
        _gap_period(gap),
        reversed_,
        high,
    )


def _period_follows(norm: str, position: int) -> bool:
    """A period right after a bare number makes it pay ("250 per day"), but not "5pm"."""
    match = _TRAIL_PERIOD_START_RE.match(norm, position)
    return match is not None and match.lastgroup != "ma"


def _worth_keeping(
    norm: str, amounts: list[_Amount], grade_spans: list[tuple[int, int]]
) -> list[_Amount]:
    """Drop bare numbers that are not pay: "Step 1", "37 hours", "12 June". A bare number is
    kept when it looks like money (k, thousands commas), a period follows it, or it is one end
    of a range whose other end looks like pay ("30-35k", "£30,000 - 35000")."""
    for amount in amounts:
        if not amount.money:
            break
    else:
        return amounts
    kept: list[_Amount] = []
    last = len(amounts) - 1
    for index, amount in enumerate(amounts):
        if amount.money or _period_follows(norm, amount.end):
            kept.append(amount)
            continue
        if index < last:
            after = amounts[index + 1]
            if (
                after.currency is None
                and (after.has_k or _period_follows(norm, after.end))
                and _range_gap(norm, amount, after, grade_spans) is not None
            ):
                kept.append(amount)
                continue
        if index > 0:
            before = amounts[index - 1]
            if before.money and _range_gap(norm, before, amount, grade_spans) is not None:
                kept.append(amount)
    return kept


def _range_gap(
    norm: str, first: _Amount, second: _Amount, grade_spans: list[tuple[int, int]]
) -> re.Match[str] | None:
    gap = _PAIR_GAP_RE.fullmatch(norm, first.end, second.start)
    if gap is None and grade_spans:
        gap = _gap_without_grades(norm, first.end, second.start, grade_spans)
    return gap


def _accept_single(norm: str, amount: _Amount) -> bool:
    return amount.money or _period_follows(norm, amount.end)


def _single(norm: str, amount: _Amount) -> RawRange:
    low: Decimal | None = amount.value
    high: Decimal | None = amount.value
    start = amount.start
    end = amount.end
    suffix = _SUFFIX_RE.match(norm, end)
    if suffix is not None:
        if suffix.lastgroup == "max":
            low = None
        else:
            high = None
            if suffix.lastgroup == "plus":
                end += 1
    elif start:
        lead = norm[max(0, start - 80) : start]
        # the hint saves running the two anchored searches on most figures
        if _PREFIX_HINT_RE.search(lead) is not None:
            if _PREFIX_MAX_RE.search(lead) is not None:
                low = None
            elif _PREFIX_MIN_RE.search(lead) is not None:
                high = None
    return RawRange(start, end, low, high, amount.currency, None, False, amount.value)
