"""``parse_salary``: pay text in, every range found out, in one pass for each step (see the
package's docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .annualise import pay_ranges
from .cues import find_cues
from .figures import find_ranges
from .grades import find_grades
from .normalise import normalise
from .results import DEFAULT_ASSUMPTIONS, Assumptions, SalaryParse
from .wording import read_wording

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


def parse_salary(text: str, assumptions: Assumptions = DEFAULT_ASSUMPTIONS) -> SalaryParse:
    """Every pay range in ``text``, annualised with ``assumptions``; never raises on text."""
    if not isinstance(text, str):
        raise TypeError(f"parse_salary expects a str, got {type(text).__name__}")
    norm = normalise(text)
    grade_at, grades = find_grades(norm)
    raws = find_ranges(norm, grade_at)
    if not raws:
        return SalaryParse(
            ranges=(),
            grades=grades,
            reason=_reason_without_figure(norm, bool(grades)),
            assumptions=assumptions,
        )
    wordings = read_wording(norm, raws, find_cues(norm), grade_at, grades)
    ranges = pay_ranges(text, raws, wordings, assumptions)
    return SalaryParse(ranges=ranges, grades=grades, reason=None, assumptions=assumptions)


def parse_many(
    lines: Iterable[str], assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> list[SalaryParse]:
    """Parse each text (for example each line of standard input) with the same assumptions."""
    return [parse_salary(line, assumptions) for line in lines]


def _reason_without_figure(norm: str, has_grades: bool) -> str:
    if has_grades:
        return "grade only: no pound figure"
    if not norm.strip():
        return "no pay figure: text is empty"
    for pattern, reason in _NO_FIGURE:
        if pattern.search(norm) is not None:
            return reason
    return "no pay figure found"
