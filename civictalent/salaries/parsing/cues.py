"""Cues: the words around a figure that say what it is (periods, places, London weighting,
allowances, OTE, pro rata, FTE, separators), found in one pass over the lower-cased text.

Where two alternatives could start at one place the earlier wins (so "annual leave" is noise,
not a period, and "with London weighting" is not a bare "with"). Each alternative is guarded by
the characters it can start with: the regex engine then skips most alternatives at most
positions, which is most of the speed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .normalise import lower_same_length
from .periods import PERIOD_OF, PERIOD_PARTS

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
    *PERIOD_PARTS,
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


_PERIOD_NAMES = frozenset(PERIOD_OF)
_CUE_RE = re.compile(
    # Cues start at the beginning of a word (or just after "30k", as in "30kpa") or at
    # punctuation. Blocks share one guard so a position is rejected in a few checks.
    r"(?:(?<![a-z])(?=[a-z])|(?<=[0-9]k)(?=p)|(?=[,;|\n+./]))(?:"
    + _block(
        tuple(p for p in _CUE_PARTS if p[0] not in _PERIOD_NAMES and p[0] not in ("loc", "sep"))
    )
    + "|"
    + _block(PERIOD_PARTS)
    + "|"
    + _alternatives(tuple(p for p in _CUE_PARTS if p[0] in ("loc", "sep")))
    + ")"
)
_CUE_KIND = {name: ("period" if name in PERIOD_OF else name) for name, _, _ in _CUE_PARTS}


class Cue(NamedTuple):
    start: int
    end: int
    kind: str
    value: str | None
    label: bool


_LABEL_PERIODS = frozenset({"y", "h", "d", "w", "m"})
_JOB_SIZE_RE = re.compile(r"(?<![0-9,.£$€])(?:[01]?\.[0-9]+|[0-9])\s*$")


def find_cues(norm: str) -> list[Cue]:
    cues: list[Cue] = []
    for match in _CUE_RE.finditer(lower_same_length(norm)):
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
            value = PERIOD_OF[name]
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
        cues.append(Cue(start, end, kind, value, label))
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
