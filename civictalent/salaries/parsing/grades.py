"""Grade references in pay text (PO4, SCP 29-32, Band 8a, HEO, SCS1, GS-15, ...): where each is
and its normalised label. Their spans are kept out of the money search."""

from __future__ import annotations

import re

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


# Grades written as a span of two numbers: kind -> (prefix, first group, second group, joiner
# before the second number). Every number is lower-cased: only a band's letter ("8A") changes.
_SPANS = {
    "po": ("PO", "po_a", "po_b", "PO"),
    "so": ("SO", "so_a", "so_b", "SO"),
    "scp": ("SCP ", "scp_a", "scp_b", ""),
    "scale": ("Scale ", "scale_a", "scale_b", ""),
    "band": ("Band ", "band_a", "band_b", ""),
    "grade": ("Grade ", "grade_a", "grade_b", ""),
}
# Grades written as one number or letter: kind -> (prefix, group).
_SINGLES = {
    "scs": ("SCS", "scs_n"),
    "band_letter": ("Band ", "band_l"),
    "g67": ("Grade ", "g_n"),
    "gs": ("GS-", "gs_n"),
}
_BARE = {"po_bare": "PO", "so_bare": "SO"}


def _span_label(prefix: str, first: str, second: str | None, joiner: str) -> str:
    if second is None or second == first:
        return f"{prefix}{first}"
    return f"{prefix}{first}-{joiner}{second}"


def _grade_label(match: re.Match[str]) -> str:
    """The normalised label of a grade matched by ``_GRADE_RE``."""
    kind = match.lastgroup or ""
    group = match.group
    if kind in _SPANS:
        prefix, first, second, joiner = _SPANS[kind]
        second_number = group(second)
        return _span_label(
            prefix,
            group(first).lower(),
            None if second_number is None else second_number.lower(),
            joiner,
        )
    if kind in _SINGLES:
        prefix, name = _SINGLES[kind]
        return f"{prefix}{group(name)}"
    if kind in _BARE:
        return _BARE[kind]
    if kind == "mg":
        return f"{group('mg_p')}{group('mg_n')}"
    if kind == "cs_word":
        for name, label in _CS_WORDS.items():
            if group(name) is not None:
                return label
    return match.group(0)


def find_grades(norm: str) -> tuple[list[tuple[int, int, str]], tuple[str, ...]]:
    """Every grade in ``norm`` as (start, end, label), and the distinct labels in order."""
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
    return grade_at, tuple(grade_labels)
