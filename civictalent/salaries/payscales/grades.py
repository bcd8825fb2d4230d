"""Grade names in one spelling each, matching the salary parser's labels."""

from __future__ import annotations

import re

from civictalent.salaries.parsing import parse_salary

_OWN_GRADE_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # pattern, label prefix, prefix repeated before the second number of a span
    (
        re.compile(
            r"(?:P\.?\s?O\.?|PRINCIPAL\s+OFFICER)\s*([0-9]{1,2})"
            r"(?:\s*(?:-|\u2013|\u2014|TO|/)\s*(?:P\.?\s?O\.?|PRINCIPAL\s+OFFICER)?\s*([0-9]{1,2}))?"
        ),
        "PO",
        "PO",
    ),
    (
        re.compile(
            r"(?:S\.?\s?O\.?|SENIOR\s+OFFICER)\s*([0-9]{1,2})"
            r"(?:\s*(?:-|\u2013|\u2014|TO|/)\s*(?:S\.?\s?O\.?|SENIOR\s+OFFICER)?\s*([0-9]{1,2}))?"
        ),
        "SO",
        "SO",
    ),
    (
        re.compile(
            r"(?:SCALE|SC\.?)\s*([0-9]{1,2})"
            r"(?:\s*(?:-|\u2013|\u2014|TO|/)\s*(?:SCALE|SC\.?)?\s*([0-9]{1,2}))?"
        ),
        "Scale ",
        "",
    ),
    (
        re.compile(
            r"(?:SCPS?|SPINAL\s+COLUMN\s+POINTS?|SPINE\s+POINTS?)\s*:?\s*([0-9]{1,3})"
            r"(?:\s*(?:-|\u2013|\u2014|TO|/)\s*(?:SCP)?\s*([0-9]{1,3}))?"
        ),
        "SCP ",
        "",
    ),
)

# Words that may surround a grade the salary parser recognises without changing which grade it is.
_GRADE_WORDS = frozenset({"GRADE", "BAND", "PAY", "G", "AFC", "AGENDA", "FOR", "CHANGE"})


def normalise_grade(text: str) -> str:
    """One spelling per grade, matching the salary parser's labels.

    "Principal Officer 4", "P.O. 4" and "po4" become "PO4"; "SO 1" becomes "SO1"; "Sc6",
    "SC 6" and "scale 6" become "Scale 6"; "PO4 - 6" becomes "PO4-PO6". Other grades the
    parser knows ("Grade 7", "Band 5", "HEO") take its label; anything else is upper-cased
    with its spaces removed ("lbg 12" becomes "LBG12").
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return ""
    upper = cleaned.upper()
    for pattern, prefix, joiner in _OWN_GRADE_RULES:
        match = pattern.fullmatch(upper)
        if match is not None:
            first, second = str(int(match.group(1))), match.group(2)
            if second is None or int(second) == int(first):
                return f"{prefix}{first}"
            return f"{prefix}{first}-{joiner}{int(second)}"
    grades = parse_salary(cleaned).grades
    if len(grades) == 1:
        label = grades[0]
        label_tokens = set(re.findall(r"[A-Z]+|[0-9]+", label.upper()))
        tokens = re.findall(r"[A-Z]+|[0-9]+", upper)
        if all(token in label_tokens or token in _GRADE_WORDS for token in tokens):
            return label
        if "".join(token[0] for token in tokens) == label:  # Higher Executive Officer: HEO
            return label
    return re.sub(r"\s+", "", upper)
