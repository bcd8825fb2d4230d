"""Pay scales: spines (spine point to annual amount) and councils' grade maps (grade to points).

Admins import both from CSV. Parsing is pure (bytes in, rows out, no database) and reports every
problem with the row number a spreadsheet shows (the header is row 1). Imports are all or
nothing: a spine's or a grade map's rows are replaced in one transaction, or not at all.

``resolve_grade`` answers "what does PO4 at Greenwich pay in 2025-26?" as a pound range.
Figures are never invented here: real spines come from the current NJC pay circular (or the
Greater London Provincial Council's) and grade maps from each council. ``payscales_load_demo``
loads made-up, round-number figures that are labelled illustrative everywhere they are shown.

One module each: ``csv_files`` (reading the two CSV files), ``grades`` (one spelling per grade),
``years`` (pay years and zones), ``imports`` (writing spines and grade maps), ``resolution``
(a grade's pay in a year) and ``demo`` (the illustrative figures).
"""

from .csv_files import (
    GRADE_MAP_COLUMNS,
    LARGEST_ANNUAL_PENCE,
    LARGEST_POINT,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MAX_GRADE_LENGTH,
    MAX_PROBLEMS_REPORTED,
    SPINE_COLUMNS,
    CSVProblem,
    ParsedBand,
    ParsedSpineRow,
    PayScaleCSVError,
    parse_grade_map_csv,
    parse_spine_csv,
    template_csv,
)
from .demo import (
    DEMO_PAY_YEAR,
    DEMO_SCHEME_CODE,
    DEMO_SCHEME_NAME,
    ILLUSTRATIVE_SOURCE,
    DemoPayScalesReport,
    payscales_load_demo,
)
from .grades import normalise_grade
from .imports import grade_map_import, pay_spine_import
from .resolution import (
    BandRow,
    GradeResolution,
    ResolvedGrade,
    ResolvedPoint,
    grade_map_bands_resolved,
    resolve_grade,
    resolve_grade_explained,
)
from .years import check_pay_year, check_zone, current_pay_year

__all__ = [
    "DEMO_PAY_YEAR",
    "DEMO_SCHEME_CODE",
    "DEMO_SCHEME_NAME",
    "GRADE_MAP_COLUMNS",
    "ILLUSTRATIVE_SOURCE",
    "LARGEST_ANNUAL_PENCE",
    "LARGEST_POINT",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "MAX_GRADE_LENGTH",
    "MAX_PROBLEMS_REPORTED",
    "SPINE_COLUMNS",
    "BandRow",
    "CSVProblem",
    "DemoPayScalesReport",
    "GradeResolution",
    "ParsedBand",
    "ParsedSpineRow",
    "PayScaleCSVError",
    "ResolvedGrade",
    "ResolvedPoint",
    "check_pay_year",
    "check_zone",
    "current_pay_year",
    "grade_map_bands_resolved",
    "grade_map_import",
    "normalise_grade",
    "parse_grade_map_csv",
    "parse_spine_csv",
    "pay_spine_import",
    "payscales_load_demo",
    "resolve_grade",
    "resolve_grade_explained",
    "template_csv",
]
