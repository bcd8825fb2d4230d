"""Pay text parser: turns free-text pay lines from adverts into structured, annualised ranges.

Pure Python (no Django) so the command line, the API and the import jobs can share it and so it
is fast to test. The parser never drops a figure it found: implausible values are kept and
flagged. Every result carries the :class:`Assumptions` used to annualise it.

How it works, in one pass each:

1. the text is normalised without changing its length (mojibake such as ``Â£`` and UTF-8
   dashes read as Windows-1252, non-breaking and thin spaces, unusual dashes), so offsets
   still point into the input;
2. grade references (PO4, SCP 29-32, HEO, SCS1, ...) are found and their spans are kept out of
   the money search;
3. money amounts are found, then neighbouring amounts joined by "-", "to", dashes ... become
   ranges;
4. "cues" (periods, places, London weighting, allowances, OTE, pro rata, FTE, separators) are
   found once and given to the range they describe: a range owns the text up to the last
   separator before the next range.

The rules are documented in ``docs/salary-parsing-accuracy.md``.

Pay text comes from anyone (the health checker reads every line that mentions pay), so each step
is linear in the text's length: no pattern has adjacent quantifiers that can share a run of
spaces, and ranges, cues and grades are matched to each other by bisection, not by scanning all
of them for each range.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple

__all__ = [
    "BASES",
    "DEFAULT_ASSUMPTIONS",
    "PERIODS",
    "Assumptions",
    "PayRange",
    "SalaryParse",
    "parse_many",
    "parse_salary",
]

Period = Literal["hour", "day", "week", "month", "year"]
Basis = Literal["base", "including_london_weighting", "on_target_earnings", "allowance"]

PERIODS: tuple[Period, ...] = ("hour", "day", "week", "month", "year")
BASES: tuple[Basis, ...] = ("base", "including_london_weighting", "on_target_earnings", "allowance")

_ONE = Decimal(1)
_PENNY = Decimal("0.01")
_THOUSAND = Decimal(1000)
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float | str):
        return Decimal(str(value))
    raise TypeError(f"expected a number, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class Assumptions:
    """Constants used to turn a stated rate into a full-time annual figure.

    hours_per_week: 36 is the usual full-time week in London councils (the NJC national
        standard is 37; inner London boroughs commonly use 35 or 36).
    weeks_per_year: 52.143 (365 / 7); paid leave is paid, so a salaried hourly or weekly rate
        is multiplied by every week of the year.
    working_days_per_year: 260 (52 weeks x 5 days), the divisor councils use to turn a salary
        into a daily rate, so a day rate annualises on the same footing as a salary. Contractor
        day rates are often compared on 220-230 billable days instead: set 225 for that view.
    months_per_year: 12.
    london_living_wage_hourly: the Living Wage Foundation London rate (13.85 from October
        2024); annual salaries below hours_per_week x weeks_per_year x this are flagged.
    plausible_annual_maximum: annual figures above this are flagged "above_500k".
    """

    hours_per_week: Decimal = Decimal("36")
    weeks_per_year: Decimal = Decimal("52.143")
    working_days_per_year: Decimal = Decimal("260")
    months_per_year: Decimal = Decimal("12")
    london_living_wage_hourly: Decimal = Decimal("13.85")
    plausible_annual_maximum: Decimal = Decimal("500000")
    # derived once, because every parse uses them
    _hourly_factor: Decimal = field(init=False, repr=False, compare=False)
    _living_wage_annual: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept ints, floats and strings from callers and configuration; store Decimals.
        for item in fields(self):
            if not item.init:
                continue
            value = _as_decimal(getattr(self, item.name))
            if value <= 0:
                raise ValueError(f"{item.name} must be positive, got {value}")
            object.__setattr__(self, item.name, value)
        hourly = self.hours_per_week * self.weeks_per_year
        object.__setattr__(self, "_hourly_factor", hourly)
        object.__setattr__(self, "_living_wage_annual", self.london_living_wage_hourly * hourly)

    def annual_factor(self, period: Period) -> Decimal:
        """How many of ``period`` make one full-time year."""
        if period == "year":
            return _ONE
        if period == "month":
            return self.months_per_year
        if period == "week":
            return self.weeks_per_year
        if period == "day":
            return self.working_days_per_year
        return self._hourly_factor

    @property
    def london_living_wage_annual(self) -> Decimal:
        """hours_per_week x weeks_per_year x london_living_wage_hourly."""
        return self._living_wage_annual

    def to_dict(self) -> dict[str, int | float]:
        result: dict[str, int | float] = {
            item.name: _exact_number(getattr(self, item.name)) for item in fields(self) if item.init
        }
        result["london_living_wage_annual"] = _number(
            self.london_living_wage_annual.quantize(_ONE, ROUND_HALF_UP)
        )
        return result


DEFAULT_ASSUMPTIONS = Assumptions()


@dataclass(frozen=True, init=False)
class PayRange:
    """One pay range found in a text. Offsets index the original input string."""

    minimum: Decimal | None
    maximum: Decimal | None
    period: Period
    currency: str
    location: str | None
    basis: Basis
    pro_rata: bool
    full_time_equivalent: bool
    grade: str | None
    annual_min: Decimal | None
    annual_max: Decimal | None
    flags: tuple[str, ...]
    start: int
    end: int
    excerpt: str

    def __init__(
        self,
        minimum: Decimal | None,
        maximum: Decimal | None,
        period: Period,
        currency: str,
        location: str | None,
        basis: Basis,
        pro_rata: bool,
        full_time_equivalent: bool,
        grade: str | None,
        annual_min: Decimal | None,
        annual_max: Decimal | None,
        flags: tuple[str, ...],
        start: int,
        end: int,
        excerpt: str,
    ) -> None:
        # A frozen dataclass's own __init__ sets each field through object.__setattr__, which
        # was a tenth of the parser's time; filling __dict__ at once is ~3x faster and the
        # instance stays frozen (assignment still raises FrozenInstanceError).
        self.__dict__.update(
            minimum=minimum,
            maximum=maximum,
            period=period,
            currency=currency,
            location=location,
            basis=basis,
            pro_rata=pro_rata,
            full_time_equivalent=full_time_equivalent,
            grade=grade,
            annual_min=annual_min,
            annual_max=annual_max,
            flags=flags,
            start=start,
            end=end,
            excerpt=excerpt,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "minimum": _number_or_none(self.minimum),
            "maximum": _number_or_none(self.maximum),
            "period": self.period,
            "currency": self.currency,
            "location": self.location,
            "basis": self.basis,
            "pro_rata": self.pro_rata,
            "full_time_equivalent": self.full_time_equivalent,
            "grade": self.grade,
            "annual_min": _number_or_none(self.annual_min),
            "annual_max": _number_or_none(self.annual_max),
            "flags": list(self.flags),
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class SalaryParse:
    """Everything found in one text; ``reason`` says why ``ranges`` is empty."""

    ranges: tuple[PayRange, ...]
    grades: tuple[str, ...] = ()
    reason: str | None = None
    assumptions: Assumptions = field(default=DEFAULT_ASSUMPTIONS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ranges": [pay_range.to_dict() for pay_range in self.ranges],
            "grades": list(self.grades),
            "reason": self.reason,
            "assumptions": self.assumptions.to_dict(),
        }


def _number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(_PENNY, ROUND_HALF_UP))


def _exact_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _number_or_none(value: Decimal | None) -> int | float | None:
    return None if value is None else _number(value)


# --------------------------------------------------------------------------------------------
# Normalisation (length preserving, so offsets stay valid for the caller's string)

_MOJIBAKE = (
    ("Ã\u201aÂ£", "   £"),
    ("Â£", " £"),
    ("Â\xa0", "  "),
    ("Â ", "  "),
    ("â\u201a¬", "  €"),
    ("&pound;", "      £"),
    ("&#163;", "     £"),
    ("&euro;", "     €"),
    ("&nbsp;", "      "),
    ("&ndash;", "      \u2013"),
    ("&mdash;", "      \u2014"),
    ("&amp;", "    &"),
)
_MOJIBAKE_QUOTE_RE = re.compile("â€(.)")
_MOJIBAKE_DASHES = {"\u201c": "  \u2013", "\u201d": "  \u2014", "\u2018": "  -"}
_TRANSLATION = str.maketrans(
    {
        "\xa0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\u2028": "\n",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u20a4": "£",
        "\uffe1": "£",
    }
)


def _mojibake_quote(match: re.Match[str]) -> str:
    return _MOJIBAKE_DASHES.get(match.group(1), "   ")


_NEEDS_REPAIR_RE = re.compile("[ÂÃâ&]")
_NEEDS_TRANSLATION_RE = re.compile("[" + "".join(chr(c) for c in _TRANSLATION) + "]")


def _normalise(text: str) -> str:
    if _NEEDS_REPAIR_RE.search(text) is not None:
        for bad, good in _MOJIBAKE:
            text = text.replace(bad, good)
        if "â€" in text:
            text = _MOJIBAKE_QUOTE_RE.sub(_mojibake_quote, text)
    if text.isascii() and "\t" not in text and "\r" not in text:
        return text
    if _NEEDS_TRANSLATION_RE.search(text) is None:
        return text
    return text.translate(_TRANSLATION)


# --------------------------------------------------------------------------------------------
# Grades

_DASH = r"(?:-|\u2013|\u2014|to|/)"
_NOT_MONEY = r"(?![,.]?[0-9])"

_GRADE_RE = re.compile(
    # The guard lets the engine skip positions where no grade can start (most of them).
    r"(?<![A-Za-z0-9])(?=[PSAGHEMB]|(?i:s[cpe]|ba|gr|pa|pr|hi|ex|ad|a[fg]))(?:"
    r"(?P<scs>\bSCS\s?(?i:pay\s?band\s?|PB\s?|band\s?)?(?P<scs_n>[1-4])\b)"
    r"|(?P<po>(?:\bP\.?O\.?|\b(?i:principal\s+officer))\s?(?P<po_a>[0-9]{1,2})\b"
    rf"(?:\s?{_DASH}\s?(?:P\.?O\.?\s?)?(?P<po_b>[0-9]{{1,2}})\b{_NOT_MONEY})?)"
    r"|(?P<so>(?:\bS\.?O\.?|\b(?i:senior\s+officer))\s?(?P<so_a>[0-9]{1,2})\b"
    rf"(?:\s?{_DASH}\s?(?:S\.?O\.?\s?)?(?P<so_b>[0-9]{{1,2}})\b{_NOT_MONEY})?)"
    r"|(?P<po_bare>\b(?i:principal\s+officer)\b)"
    r"|(?P<so_bare>\b(?i:senior\s+officer)\b)"
    r"|(?P<scp>(?:\bSCPs?|\b(?i:spinal\s+column\s+points?|spinal\s+points?|spine\s+points?"
    r"|pay\s+points?))\s?:?\s?(?P<scp_a>[0-9]{1,3})\b"
    rf"(?:\s?(?:-|\u2013|\u2014|to|and|/)\s?(?:SCP\s?)?(?P<scp_b>[0-9]{{1,3}})\b{_NOT_MONEY})?)"
    r"|(?P<scale>(?:\b(?i:scale)|\bSc\.?)\s?(?P<scale_a>[0-9]{1,2})\b"
    rf"(?:\s?(?:-|\u2013|\u2014|to|/)\s?(?:(?i:scale)\s?|Sc\.?\s?)?(?P<scale_b>[0-9]{{1,2}})\b{_NOT_MONEY})?)"
    r"|(?P<band>\b(?:(?i:afc|agenda\s+for\s+change)\s+)?(?i:(?:pay\s+)?band)\s?"
    r"(?P<band_a>[0-9]{1,2}[a-dA-D]?)\b"
    rf"(?:\s?(?:-|\u2013|\u2014|to|/)\s?(?:(?i:band)\s?)?(?P<band_b>[0-9]{{1,2}}[a-dA-D]?)\b{_NOT_MONEY})?)"
    r"|(?P<band_letter>\b(?i:band)\s(?P<band_l>[A-F])\b)"
    r"|(?P<grade>\b(?i:grade)\s?:?\s?(?P<grade_a>[0-9]{1,2}[a-cA-C]?)\b"
    rf"(?:\s?(?:-|\u2013|\u2014|to|/)\s?(?:(?i:grade)\s?)?(?P<grade_b>[0-9]{{1,2}})\b{_NOT_MONEY})?)"
    r"|(?P<g67>\bG(?P<g_n>[67])\b)"
    r"|(?P<cs_word>\b(?i:(?P<cs_heo>higher\s+executive\s+officer)"
    r"|(?P<cs_seo>senior\s+executive\s+officer)|(?P<cs_eo>executive\s+officer)"
    r"|(?P<cs_ao>administrative\s+officer))\b)"
    r"|(?P<cs>\b(?:HEO|SEO|EO|AO|AA)\b)"
    r"|(?P<mg>\b(?P<mg_p>MG|MM)\s?(?P<mg_n>[0-9]{1,2})\b)"
    r"|(?P<gs>\bGS-?\s?(?P<gs_n>[0-9]{1,2})\b))"
)

# Every grade contains one of these; most pay lines contain none, and this literal search is
# much cheaper than the full grade pattern.
_GRADE_HINT_RE = re.compile(
    "PO|SO|P\\.O|S\\.O|SC|Sc|EO|AO|AA|G6|G7|MG|MM|GS|scale|Scale|SCALE|band|Band|BAND|grade|Grade|GRADE"
    "|spin|Spin|SPIN|point|Point|POINT|rincipal|RINCIPAL|enior|ENIOR|xecutive|XECUTIVE"
    "|dministrative|DMINISTRATIVE|AfC|AFC|afc|genda|GENDA"
)
_CS_WORDS = {"cs_heo": "HEO", "cs_seo": "SEO", "cs_eo": "EO", "cs_ao": "AO"}


def _span_label(prefix: str, first: str, second: str | None, joiner: str) -> str:
    if second is None or second == first:
        return f"{prefix}{first}"
    return f"{prefix}{first}-{joiner}{second}"


def _grade_label(match: re.Match[str]) -> str:
    kind = match.lastgroup
    group = match.group
    if kind == "scs":
        return f"SCS{group('scs_n')}"
    if kind == "po":
        return _span_label("PO", group("po_a"), group("po_b"), "PO")
    if kind == "so":
        return _span_label("SO", group("so_a"), group("so_b"), "SO")
    if kind == "po_bare":
        return "PO"
    if kind == "so_bare":
        return "SO"
    if kind == "scp":
        return _span_label("SCP ", group("scp_a"), group("scp_b"), "")
    if kind == "scale":
        return _span_label("Scale ", group("scale_a"), group("scale_b"), "")
    if kind == "band":
        return _span_label("Band ", group("band_a").lower(), _lower_or_none(group("band_b")), "")
    if kind == "band_letter":
        return f"Band {group('band_l')}"
    if kind == "grade":
        return _span_label("Grade ", group("grade_a").lower(), group("grade_b"), "")
    if kind == "g67":
        return f"Grade {group('g_n')}"
    if kind == "cs_word":
        for name, label in _CS_WORDS.items():
            if group(name) is not None:
                return label
    if kind == "mg":
        return f"{group('mg_p')}{group('mg_n')}"
    if kind == "gs":
        return f"GS-{group('gs_n')}"
    return match.group(0)


def _lower_or_none(value: str | None) -> str | None:
    return None if value is None else value.lower()


# --------------------------------------------------------------------------------------------
# Money amounts

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

# --------------------------------------------------------------------------------------------
# Cues: one regex, one pass over the lower-cased text. Where two alternatives could start at one
# place the earlier wins (so "annual leave" is noise, not a period, and "with London weighting"
# is not a bare "with"). Each alternative is guarded by the characters it can start with: the
# regex engine then skips most alternatives at most positions, which is most of the speed.

_NOT_LETTER_BEFORE = r"(?<![a-z])"
_NOT_LETTER_AFTER = r"(?![a-z])"

_PERIOD_PARTS: tuple[tuple[str, str, str], ...] = (
    # (group, first characters, pattern). Groups ending in "a" are abbreviations, trusted only
    # right after a figure ("£30k pa"), never as a label before one.
    (
        "y",
        "pa/y",
        r"per\s+ann?um|per\s+year|a\s+year|/\s?ann?um|/\s?(?:year|yr)(?![a-z])"
        r"|per\s+yr(?![a-z])|(?<![a-z])annum|annually|yearly|annual(?![a-z])",
    ),
    ("ya", "p", r"p\.\s?a\.?|(?<![a-z])pa(?![a-z])|p/a(?![a-z])"),
    ("h", "pa/h", r"per\s+hour|an\s+hour|per\s+hr(?![a-z])|/\s?(?:hour|hr|h)(?![a-z])|hourly"),
    ("ha", "p", r"p/hr?(?![a-z])|p\.h\.?|(?<![a-z])ph(?![a-z])"),
    ("d", "pa/d", r"per\s+day|a\s+day|/\s?day|daily|per\s+diem|day\s+rate"),
    ("da", "p", r"p/d(?![a-z])|(?<![a-z])pd(?![a-z])"),
    ("w", "pa/w", r"per\s+week|a\s+week|/\s?(?:week|wk)(?![a-z])|weekly"),
    ("wa", "p", r"p/w(?![a-z])|(?<![a-z])pw(?![a-z])"),
    ("m", "pa/m", r"per\s+(?:calendar\s+)?month|a\s+month|/\s?(?:month|mth)(?![a-z])|monthly"),
    ("ma", "p", r"(?<![a-z])pcm(?![a-z])|p\.c\.m\.?|p\.m\.|(?<![a-z])pm(?![a-z])"),
)
_PERIOD_OF: dict[str, Period] = {
    "y": "year",
    "ya": "year",
    "h": "hour",
    "ha": "hour",
    "d": "day",
    "da": "day",
    "w": "week",
    "wa": "week",
    "m": "month",
    "ma": "month",
}
_PERIOD_ALTERNATIVES = "|".join(f"(?P<{name}>{body})" for name, _, body in _PERIOD_PARTS)

_CITIES = (
    "New York",
    "San Francisco",
    "Washington",
    "Chicago",
    "Boston",
    "Seattle",
    "Manchester",
    "Birmingham",
    "Leeds",
    "Bristol",
    "Edinburgh",
    "Glasgow",
    "Cardiff",
    "Belfast",
    "Newcastle",
    "Liverpool",
    "Sheffield",
    "Nottingham",
    "Leicester",
    "Brighton",
    "Cambridge",
    "Oxford",
    "Reading",
    "Milton Keynes",
    "Southampton",
    "Norwich",
    "Exeter",
    "Plymouth",
    "Coventry",
    "Salford",
    "Darlington",
    "Newport",
    "Swansea",
    "York",
    "Dublin",
    "Paris",
    "Berlin",
    "Amsterdam",
)
_CITY_OF = {name.lower(): name for name in _CITIES}
_CITY_PATTERN = "|".join(name.lower().replace(" ", r"\s+") for name in _CITIES)
_CITY_FIRSTS = "".join(sorted({name[0].lower() for name in _CITIES}))

# London weighting, and the NHS's equivalent, the High Cost Area Supplement.
_LW = r"(?:london[- ]?weighting|(?:london\s+)?hcas|high\s+cost\s+area\s+supplement)"
_INCL = r"(?:including|inclusive\s+of|includes|incl\.?|inc\.?)"
_CUE_PARTS: tuple[tuple[str, str, str], ...] = (
    (
        "noise",
        "hdsawlrnc",
        r"(?:hours?|hrs?|days?|shifts?|sessions?)\.?\s*(?:per|a|an|/|each)\s*"
        r"(?:week|wk|day|month|year|annum|fortnight)"
        r"|annual\s+leave|(?:days?|weeks?)\s+(?:annual\s+)?(?:holiday|leave)"
        r"|(?:london\s+|real\s+|national\s+)?living\s+wage|national\s+(?:insurance|minimum)"
        r"|london\s+borough|city\s+of\s+london\s+corporation",
    ),
    (
        "incl",
        "iohl",
        rf"{_INCL}\s+(?:an?\s+|the\s+)?(?:(?P<iz1>inner|outer)\s+)?(?:{_LW}|lw(?![a-z])"
        r"|london\s+allowance)"
        rf"|(?:(?P<iz2>inner|outer)\s+)?(?:{_LW}|lw)\s+(?:is\s+)?included"
        rf"|{_INCL}\s*(?=[£$€]?\s?[0-9][0-9,.]*\s?k?\s+(?:(?P<iz3>inner|outer)\s+)?{_LW})",
    ),
    ("withlw", "w", rf"with\s+(?:an?\s+|the\s+)?(?:(?P<wz>inner|outer)\s+)?{_LW}"),
    (
        "lw",
        "iolh",
        rf"(?:(?P<lz>inner|outer)\s+)?{_LW}|(?<![a-z])lw(?![a-z])|london\s+allowance",
    ),
    ("ote", "o", r"(?<![a-z])ote(?![a-z])|on[- ]target(?:\s+earnings)?"),
    ("prorata", "p", r"pro[- ]?rat(?:a|ed)(?![a-z])|pro[- ]rota"),
    ("fte", "f", r"(?<![a-z])fte(?![a-z])|f\.t\.e\.?|full[- ]time\s+equivalent"),
    (
        "allow",
        "asmgbwrc",
        r"allowance|supplement|market\s+premium|golden\s+hello|bonus|weighting|commission"
        r"|(?:recruitment\s+and\s+)?(?:retention|recruitment)\s+payment",
    ),
    *_PERIOD_PARTS,
    (
        "loc",
        "iortnugcl" + _CITY_FIRSTS,
        r"(?:(?P<lio>inner|outer)\s+london"
        r"|(?P<lnat>outside\s+(?:of\s+)?london|(?<![a-z])national(?:ly)?(?![a-z])"
        r"|rest\s+of\s+(?:the\s+)?(?:uk|country)|uk[- ]wide|(?<![a-z])regions?(?![a-z])"
        r"|regional(?![a-z]))"
        r"|(?P<lldn>(?:greater\s+|central\s+)?london)"
        rf"|(?P<lcity>{_CITY_PATTERN}))(?![a-z])(?P<colon>\s*:)?",
    ),
    (
        "sep",
        ",;|\n+/.aopbwt",
        r",(?![0-9])|[;|\n+]|(?<=\s)/(?=\s)|\.(?=\s)"
        r"|(?<![a-z])(?:and|or|plus|but|whereas|while|whilst|then|with)(?![a-z])",
    ),
)


def _first_class(characters: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(characters))) + "]"


def _alternatives(parts: tuple[tuple[str, str, str], ...]) -> str:
    return "|".join(f"(?={_first_class(firsts)})(?P<{name}>{body})" for name, firsts, body in parts)


def _block(parts: tuple[tuple[str, str, str], ...]) -> str:
    firsts = "".join(part[1] for part in parts)
    return f"(?={_first_class(firsts)})(?:{_alternatives(parts)})"


_PERIOD_NAMES = frozenset(_PERIOD_OF)
_CUE_RE = re.compile(
    # Cues start at the beginning of a word (or just after "30k", as in "30kpa") or at
    # punctuation. Blocks share one guard so a position is rejected in a few checks.
    r"(?:(?<![a-z])(?=[a-z])|(?<=[0-9]k)(?=p)|(?=[,;|\n+./]))(?:"
    + _block(
        tuple(p for p in _CUE_PARTS if p[0] not in _PERIOD_NAMES and p[0] not in ("loc", "sep"))
    )
    + "|"
    + _block(_PERIOD_PARTS)
    + "|"
    + _alternatives(tuple(p for p in _CUE_PARTS if p[0] in ("loc", "sep")))
    + ")"
)
_CUE_KIND = {name: ("period" if name in _PERIOD_OF else name) for name, _, _ in _CUE_PARTS}


def _lower(text: str) -> str:
    """Lower-case without changing length, so cue offsets are offsets into the text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_ALLOWANCE_CUES = frozenset({"allow", "lw", "withlw", "incl"})
# In the gaps below, white space before and after an optional word belongs to one quantifier
# ("\s*(?:of\s*)?", not "\s*(?:of)?\s*"), so a long run of spaces is not split every way.
_LEAD_ALLOWANCE_GAP_RE = re.compile(
    r"\s*(?:(?:of|:|-|\u2013|worth|at|is|=)\s*)?(?:up\s*to\s*)?(?:an?\s+)?(?:additional\s+)?"
    r"(?:\(\s*)?",
    re.IGNORECASE,
)
_TRAIL_ALLOWANCE_GAP_RE = re.compile(
    # up to three describing words ("£2,500 on-call allowance", "£4,000 pa London weighting"),
    # but not words that make the allowance something separate from the figure
    r"\s*(?:[(\[]\s*)?(?:(?!(?:excl\w*|plus|with|incl\w*|inc|and|or|not|no|without|before"
    r"|after|but)\b)[A-Za-z.-]+\s+){0,3}?",
    re.IGNORECASE,
)

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
    rf"\s*(?:[(\[]\s*)?(?:gross\s+)?(?:{_PERIOD_ALTERNATIVES})", re.IGNORECASE
)

_NO_FIGURE = (
    (re.compile(r"competitive", re.I), "no pay figure: says 'Competitive'"),
    (re.compile(r"negotiable|neg\.", re.I), "no pay figure: says 'Negotiable'"),
    (
        re.compile(
            r"(?<![A-Za-z])(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|agreed|advised|determined))"
            r"(?![A-Za-z])",
            re.I,
        ),
        "no pay figure: says 'TBC'",
    ),
    (
        re.compile(
            r"(?:refer|see|as\s+per|detailed\s+in|set\s+out\s+in|listed\s+in|stated\s+in"
            r"|shown\s+in|in)\s+(?:to\s+)?(?:the\s+)?(?:job\s+)?"
            r"(?:advert|advertisement|job\s+description|jd|vacancy|listing|attached|pack)",
            re.I,
        ),
        "no pay figure: refers to the advert",
    ),
    (
        re.compile(
            r"(?<![A-Za-z])(?:doe|depending\s+on\s+experience|dependent\s+on\s+experience"
            r"|depends\s+on\s+experience)(?![A-Za-z])",
            re.I,
        ),
        "no pay figure: depends on experience",
    ),
    (
        re.compile(r"(?<![A-Za-z])(?:unpaid|voluntary|volunteer)(?![A-Za-z])", re.I),
        "no pay figure: unpaid or voluntary",
    ),
)

# Plausible stated values for each period (inclusive), used for "implausible_for_period" and to
# decide whether a period stated once in a text can be shared by its other ranges.
_PLAUSIBLE: dict[Period, tuple[Decimal, Decimal]] = {
    "hour": (Decimal(4), Decimal(1000)),
    "day": (Decimal(30), Decimal(5000)),
    "week": (Decimal(100), Decimal(25000)),
    "month": (Decimal(400), Decimal(100000)),
    "year": (Decimal(1000), Decimal(100_000_000)),
}


# --------------------------------------------------------------------------------------------
# Internal working records


class _Amount(NamedTuple):
    start: int
    end: int
    value: Decimal
    currency: str | None
    has_k: bool
    grouped: bool
    decimal: bool
    money: bool  # a currency, a "k" or thousands separators: pay even with no period stated


class _Raw(NamedTuple):
    start: int
    end: int
    low: Decimal | None
    high: Decimal | None
    currency: str | None
    gap_period: Period | None
    reversed: bool
    top: Decimal  # the maximum, or the minimum of an open range: what magnitude checks use


class _Cue(NamedTuple):
    start: int
    end: int
    kind: str
    value: str | None
    label: bool


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


def _pair(norm: str, amounts: list[_Amount], grade_spans: list[tuple[int, int]]) -> list[_Raw]:
    raws: list[_Raw] = []
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


def _join(first: _Amount, second: _Amount, gap: re.Match[str]) -> _Raw:
    low, high = _scaled_pair(first, second)
    reversed_ = high < low
    if reversed_:
        low, high = high, low
    return _Raw(
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


def _single(norm: str, amount: _Amount) -> _Raw:
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
    return _Raw(start, end, low, high, amount.currency, None, False, amount.value)


_LABEL_PERIODS = frozenset({"y", "h", "d", "w", "m"})
_DIGIT_RE = re.compile("[0-9]")
_JOB_SIZE_RE = re.compile(r"(?<![0-9,.£$€])(?:[01]?\.[0-9]+|[0-9])\s*$")


def _cues(norm: str) -> list[_Cue]:
    cues: list[_Cue] = []
    for match in _CUE_RE.finditer(_lower(norm)):
        name = match.lastgroup
        if name is None or name == "noise":
            continue
        start, end = match.span()
        kind = _CUE_KIND[name]
        value: str | None = None
        label = False
        if kind == "period":
            if name == "ma" and end - start == 2 and norm[start:end] != "pm":
                continue  # "PM" is a product manager; only lower-case "pm" is per month
            value = _PERIOD_OF[name]
            label = name in _LABEL_PERIODS
        elif kind == "fte":
            if _JOB_SIZE_RE.search(norm, max(0, start - 8), start) is not None:
                continue  # "0.6 FTE" is the size of the job, not a full-time figure
        elif kind == "loc":
            value = _location_of(match)
            label = match.group("colon") is not None
        elif kind == "incl":
            value = _zone(match.group("iz1") or match.group("iz2") or match.group("iz3"))
        elif kind == "withlw":
            value = _zone(match.group("wz"))
        elif kind == "lw":
            value = _zone(match.group("lz"))
        cues.append(_Cue(start, end, kind, value, label))
    return cues


def _zone(zone: str | None) -> str:
    if zone is None:
        return "London"
    return "Inner London" if zone.lower() == "inner" else "Outer London"


def _location_of(match: re.Match[str]) -> str:
    inner_outer = match.group("lio")
    if inner_outer is not None:
        return _zone(inner_outer)
    if match.group("lnat") is not None:
        return "National"
    if match.group("lldn") is not None:
        return "London"
    city = match.group("lcity") or ""
    return _CITY_OF.get(" ".join(city.lower().split()), city)


_SPLITTERS = frozenset({"sep", "withlw"})
_NEXT_LABELS = frozenset({"fte", "ote"})


def _splits(
    norm: str, raws: list[_Raw], cues: list[_Cue], grade_at: list[tuple[int, int, str]]
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


def _plausible(period: Period, value: Decimal) -> bool:
    low, high = _PLAUSIBLE[period]
    return low <= value <= high


def _reason_without_figure(norm: str, has_grades: bool) -> str:
    if has_grades:
        return "grade only: no pound figure"
    if not norm.strip():
        return "no pay figure: text is empty"
    for pattern, reason in _NO_FIGURE:
        if pattern.search(norm) is not None:
            return reason
    return "no pay figure found"


def parse_salary(text: str, assumptions: Assumptions = DEFAULT_ASSUMPTIONS) -> SalaryParse:
    """Every pay range in ``text``, annualised with ``assumptions``; never raises on text."""
    if not isinstance(text, str):
        raise TypeError(f"parse_salary expects a str, got {type(text).__name__}")
    norm = _normalise(text)

    grade_at: list[tuple[int, int, str]] = []
    grade_labels: list[str] = []
    for match in _GRADE_RE.finditer(norm) if _GRADE_HINT_RE.search(norm) is not None else ():
        label = _grade_label(match)
        grade_at.append((match.start(), match.end(), label))
        if label not in grade_labels:
            grade_labels.append(label)
    for bare in ("PO", "SO"):
        # "Senior Officer (SO2)" is one grade, not two.
        if bare in grade_labels and any(g.startswith(bare) and g != bare for g in grade_labels):
            grade_labels.remove(bare)
    grades = tuple(grade_labels)

    raws: list[_Raw] = []
    if _DIGIT_RE.search(norm) is not None:
        grade_spans = [(s, e) for s, e, _ in grade_at]
        amounts = _amounts(norm, grade_spans)
        if amounts:
            amounts = _worth_keeping(norm, amounts, grade_spans)
        if amounts:
            raws = _pair(norm, amounts, grade_spans)
    if not raws:
        return SalaryParse(
            ranges=(),
            grades=grades,
            reason=_reason_without_figure(norm, bool(grades)),
            assumptions=assumptions,
        )
    ranges = _build(text, norm, raws, _cues(norm), grade_at, grades, assumptions)
    return SalaryParse(ranges=ranges, grades=grades, reason=None, assumptions=assumptions)


def _windows(
    raws: list[_Raw], cues: list[_Cue], splits: list[int]
) -> tuple[list[list[_Cue]], list[list[_Cue]], list[_Cue | None]]:
    """For each range: the cues since the previous split (lead), the cues up to the next split
    (trail), and the cue immediately before it wherever that is."""
    count = len(raws)
    if count == 1:
        start, end = raws[0].start, raws[0].end
        lead = [cue for cue in cues if cue.end <= start]
        return [lead], [[cue for cue in cues if cue.start >= end]], [lead[-1] if lead else None]
    leads: list[list[_Cue]] = [[] for _ in range(count)]
    trails: list[list[_Cue]] = [[] for _ in range(count)]
    index = 0
    for cue in cues:
        while index + 1 < count and cue.start >= splits[index]:
            index += 1
        raw = raws[index]
        if cue.end <= raw.start:
            leads[index].append(cue)
        elif cue.start >= raw.end:
            trails[index].append(cue)
    befores: list[_Cue | None] = []
    position = 0
    total = len(cues)
    last: _Cue | None = None
    for raw in raws:
        while position < total and cues[position].end <= raw.start:
            last = cues[position]
            position += 1
        befores.append(last)
    return leads, trails, befores


def _build(
    text: str,
    norm: str,
    raws: list[_Raw],
    cues: list[_Cue],
    grade_at: list[tuple[int, int, str]],
    grades: tuple[str, ...],
    assumptions: Assumptions,
) -> tuple[PayRange, ...]:
    count = len(raws)
    length = len(norm)
    splits = _splits(norm, raws, cues, grade_at) if count > 1 else []
    leads, trails, befores = _windows(raws, cues, splits)

    periods: list[Period | None] = []
    excerpt_ends: list[int] = []
    locations: list[str | None] = []
    bases: list[Basis] = []
    cued_allowance: list[tuple[bool, str | None]] = []
    pro_ratas: list[bool] = []
    ftes: list[bool] = []
    range_grades: list[str | None] = []

    owned: _Cue | None = None  # the trailing allowance word the previous figure used
    grade_edges = ([s for s, _, _ in grade_at], [e for _, e, _ in grade_at])
    single_grade = grades[0] if len(grades) == 1 else None
    for index, raw in enumerate(raws):
        trail = trails[index]
        period: Period | None = raw.gap_period
        excerpt_end = raw.end
        ote = incl = pro_rata = fte = False
        place: str | None = None
        weighting_place: str | None = None

        # After the figure: the period counts only before the first separator ("£30,000.
        # Closing 5pm" is not monthly); places and wording count up to the next range's text.
        period_open = period is None
        for cue in trail:
            kind = cue.kind
            if kind == "sep":
                period_open = False
            elif kind == "period":
                if period_open:
                    period = cue.value  # type: ignore[assignment]
                    period_open = False
                    if not norm[raw.end : cue.start].strip(" ([.:"):
                        excerpt_end = cue.end
            elif kind == "loc":
                if place is None:
                    place = cue.value
            elif kind == "ote":
                ote = True
            elif kind == "incl" or kind == "withlw":
                incl = True
                weighting_place = weighting_place or cue.value
            elif kind == "lw":
                weighting_place = weighting_place or cue.value
            elif kind == "prorata":
                pro_rata = True
            elif kind == "fte":
                fte = True

        # Before the figure: a label ("Day rate:", "London:") nearest to it wins.
        period_open = period is None
        lead_place: str | None = None
        for cue in reversed(leads[index]):
            kind = cue.kind
            if kind == "sep":
                period_open = False
            elif kind == "period":
                if period_open and cue.label:
                    period = cue.value  # type: ignore[assignment]
                    period_open = False
            elif kind == "loc":
                if lead_place is None:
                    lead_place = cue.value
            elif kind == "ote":
                ote = True
            elif kind == "incl" or kind == "withlw":
                incl = True
                weighting_place = weighting_place or cue.value
            elif kind == "prorata":
                pro_rata = True
            elif kind == "fte":
                fte = True
        periods.append(period)
        excerpt_ends.append(excerpt_end)

        # An allowance: "allowance of £X", "London weighting: £X", "£X London weighting".
        cued = False
        cue_place: str | None = None
        before = befores[index]
        if (
            before is not None
            and before is not owned
            and before.kind in _ALLOWANCE_CUES
            # with the previous figure in between, the gap cannot match; ranges after one cue
            # would each search the same gap
            and (index == 0 or raws[index - 1].start < before.end)
            and _LEAD_ALLOWANCE_GAP_RE.fullmatch(norm, before.end, raw.start) is not None
        ):
            cued = True
            if before.kind != "allow":
                cue_place = before.value
        else:
            for cue in trail:
                if cue.kind == "period":
                    continue
                if (
                    cue.kind in ("allow", "lw")
                    and _TRAIL_ALLOWANCE_GAP_RE.fullmatch(norm, raw.end, cue.start) is not None
                ):
                    cued = True
                    owned = cue
                    if cue.kind == "lw":
                        cue_place = cue.value
                    elif norm[cue.start : cue.end].lower() == "weighting":
                        cue_place = "London"
                break
        cued_allowance.append((cued, cue_place))

        basis: Basis = "base"
        if cued:
            basis = "allowance" if cue_place is None else "including_london_weighting"
        elif ote:
            basis = "on_target_earnings"
        elif incl:
            basis = "including_london_weighting"
        bases.append(basis)
        locations.append(cue_place or lead_place or place or weighting_place)
        pro_ratas.append(pro_rata)
        ftes.append(fte)
        if single_grade is not None or not grades:
            range_grades.append(single_grade)
        else:
            lead_start = 0 if index == 0 else splits[index - 1]
            trail_end = length if index == count - 1 else splits[index]
            range_grades.append(_grade_for(raw, lead_start, trail_end, grade_at, grade_edges))

    if count > 1:
        _settle_weighting(raws, bases, cued_allowance)
        _settle_pro_rata(raws, bases, pro_ratas, ftes)
    elif cued_allowance[0][0]:
        bases[0] = "allowance"  # weighting with no salary beside it to be part of

    currency_default = "GBP"
    for raw in raws:
        if raw.currency is not None:
            currency_default = raw.currency
            break
    # where each period is stated, for the ranges that state none
    stated: dict[Period, list[int]] = {}
    if None in periods:
        for index, period in enumerate(periods):
            if period is not None:
                stated.setdefault(period, []).append(index)
    has_fte = True in ftes
    llw_annual = assumptions.london_living_wage_annual
    ceiling = assumptions.plausible_annual_maximum

    results: list[PayRange] = []
    for index, raw in enumerate(raws):
        flags: list[str] = []
        low, high, top = raw.low, raw.high, raw.top
        period = periods[index]
        if period is None and stated:
            # A period stated once ("... £31,237 - £44,625 per annum") covers the other ranges
            # when it makes sense for their figures; the nearest statement wins (the later of
            # two as near).
            period = _nearest_stated(stated, index, top)
        if period is None:
            period = "year" if top >= _THOUSAND else "day" if top >= _HUNDRED else "hour"
            flags.append("period_inferred")
        currency = raw.currency or currency_default
        if currency != "GBP":
            flags.append("currency_not_gbp")
        if raw.reversed:
            flags.append("range_reversed")
        least, most = _PLAUSIBLE[period]
        if not least <= top <= most or (low is not None and not least <= low <= most):
            if period == "year" and top < _HUNDRED:
                flags.append("hourly_rate_in_annual_field")
            else:
                flags.append("implausible_for_period")
        factor = assumptions.annual_factor(period)
        annual_low = None if low is None else low * factor
        annual_high = None if high is None else high * factor
        basis = bases[index]
        pro_rata = pro_ratas[index]
        fte = ftes[index]
        actual_part_time = pro_rata and has_fte and not fte
        if (
            currency == "GBP"
            and basis != "allowance"
            and not actual_part_time
            and (annual_low if annual_low is not None else annual_high) < llw_annual  # type: ignore[operator]
        ):
            flags.append("below_london_living_wage")
        if (annual_high if annual_high is not None else annual_low) > ceiling:  # type: ignore[operator]
            flags.append("above_500k")
        if actual_part_time:
            flags.append("pro_rata_actual")
        start = raw.start
        end = excerpt_ends[index]
        results.append(
            PayRange(
                low,
                high,
                period,
                currency,
                locations[index],
                basis,
                pro_rata,
                fte,
                range_grades[index],
                None if annual_low is None else annual_low.quantize(_ONE, ROUND_HALF_UP),
                None if annual_high is None else annual_high.quantize(_ONE, ROUND_HALF_UP),
                tuple(flags),
                start,
                end,
                text[start:end],
            )
        )
    return tuple(results)


def _settle_weighting(
    raws: list[_Raw], bases: list[Basis], cued_allowance: list[tuple[bool, str | None]]
) -> None:
    """London weighting introduced like an allowance but as large as a salary is a salary
    including weighting ("£29,750 - £42,500 with a London weighting of £31,237 - £44,625");
    a small one is an allowance ("plus £3,000 London weighting")."""
    reference: Decimal | None = None
    for raw, (cued, _) in zip(raws, cued_allowance, strict=True):
        if not cued:
            low = raw.low if raw.low is not None else raw.top
            reference = low if reference is None or low > reference else reference
    for index, (cued, weighting_location) in enumerate(cued_allowance):
        if not cued or weighting_location is None:
            continue
        if reference is None or raws[index].top < reference * _HALF:
            bases[index] = "allowance"


def _settle_pro_rata(
    raws: list[_Raw], bases: list[Basis], pro_ratas: list[bool], ftes: list[bool]
) -> None:
    """ "£15,000 (£30,000 FTE)": a smaller figure beside a full-time equivalent is the
    pro-rata pay actually received."""
    if True not in ftes:
        return
    fte_top = max(raw.top for raw, fte in zip(raws, ftes, strict=True) if fte)
    for index, raw in enumerate(raws):
        if not ftes[index] and bases[index] != "allowance" and raw.top < fte_top:
            pro_ratas[index] = True


def _nearest_stated(stated: dict[Period, list[int]], index: int, top: Decimal) -> Period | None:
    """The period stated nearest to range ``index`` that is plausible for its figure."""
    best: tuple[int, int] | None = None
    chosen: Period | None = None
    for period, indexes in stated.items():
        if not _plausible(period, top):
            continue
        position = bisect_left(indexes, index)
        for candidate in indexes[max(0, position - 1) : position + 1]:
            key = (abs(candidate - index), -candidate)
            if best is None or key < best:
                best, chosen = key, period
    return chosen


def _grade_for(
    raw: _Raw,
    lead_start: int,
    trail_end: int,
    grade_at: list[tuple[int, int, str]],
    edges: tuple[list[int], list[int]],
) -> str | None:
    """The grade written nearest the range: in its own text before it, then after it, then
    anywhere before, then anywhere after. ``edges`` are the grades' starts and ends."""
    starts, ends = edges
    before = bisect_right(ends, raw.start) - 1  # the last grade ending before the figure
    after = bisect_left(starts, raw.end)  # the first grade starting after it
    if before >= 0 and grade_at[before][0] >= lead_start:
        return grade_at[before][2]
    if after < len(grade_at) and grade_at[after][1] <= trail_end:
        return grade_at[after][2]
    if before >= 0:
        return grade_at[before][2]
    return grade_at[after][2] if after < len(grade_at) else None


def parse_many(
    lines: Iterable[str], assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> list[SalaryParse]:
    """Parse each text (for example each line of standard input) with the same assumptions."""
    return [parse_salary(line, assumptions) for line in lines]
