"""Pay text normalised without changing its length, so offsets still point into the input:
mojibake such as ``Â£`` and UTF-8 dashes read as Windows-1252, HTML entities, non-breaking and
thin spaces, unusual dashes."""

from __future__ import annotations

import re

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


def normalise(text: str) -> str:
    """``text`` with its mojibake repaired and its spaces and dashes made plain, same length."""
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


def lower_same_length(text: str) -> str:
    """Lower-case without changing length, so cue offsets are offsets into the text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
