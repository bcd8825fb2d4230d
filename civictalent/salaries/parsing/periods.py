"""How pay periods are written ("per annum", "p.a.", "/hr", "pcm", "day rate" ...): one named
group each, shared by the cue search and by the check for a period right after a figure."""

from __future__ import annotations

from .results import Period

PERIOD_PARTS: tuple[tuple[str, str, str], ...] = (
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
PERIOD_OF: dict[str, Period] = {
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
PERIOD_ALTERNATIVES = "|".join(f"(?P<{name}>{body})" for name, _, body in PERIOD_PARTS)
