"""Pay text parser: turns free-text pay lines from adverts into structured, annualised ranges.

Pure Python (no Django) so the command line, the API and the import jobs can share it and so it
is fast to test. The parser never drops a figure it found: implausible values are kept and
flagged. Every result carries the :class:`Assumptions` used to annualise it.

How it works, in one pass each (one module each):

1. ``normalise``: the text is normalised without changing its length (mojibake such as ``Â£``
   and UTF-8 dashes read as Windows-1252, non-breaking and thin spaces, unusual dashes), so
   offsets still point into the input;
2. ``grades``: grade references (PO4, SCP 29-32, HEO, SCS1, ...) are found and their spans are
   kept out of the money search;
3. ``figures``: money amounts are found, then neighbouring amounts joined by "-", "to",
   dashes ... become ranges;
4. ``cues``, ``windows`` and ``wording``: "cues" (periods, places, London weighting,
   allowances, OTE, pro rata, FTE, separators) are found once and given to the range they
   describe: a range owns the text up to the last separator before the next range;
5. ``annualise``: each range gets its period, currency, annual figures and flags.

The rules are documented in ``docs/salary-parsing-accuracy.md``.

Pay text comes from anyone (the health checker reads every line that mentions pay), so each step
is linear in the text's length: no pattern has adjacent quantifiers that can share a run of
spaces, and ranges, cues and grades are matched to each other by bisection, not by scanning all
of them for each range.
"""

from .parser import parse_many, parse_salary
from .results import (
    BASES,
    DEFAULT_ASSUMPTIONS,
    PERIODS,
    Assumptions,
    Basis,
    PayRange,
    Period,
    SalaryParse,
)

__all__ = [
    "BASES",
    "DEFAULT_ASSUMPTIONS",
    "PERIODS",
    "Assumptions",
    "Basis",
    "PayRange",
    "Period",
    "SalaryParse",
    "parse_many",
    "parse_salary",
]
