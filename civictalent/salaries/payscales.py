"""Pay scales: spines (spine point to annual amount) and councils' grade maps (grade to points).

Admins import both from CSV. Parsing is pure (bytes in, rows out, no database) and reports every
problem with the row number a spreadsheet shows (the header is row 1). Imports are all or
nothing: a spine's or a grade map's rows are replaced in one transaction, or not at all.

``resolve_grade`` answers "what does PO4 at Greenwich pay in 2025-26?" as a pound range.
Figures are never invented here: real spines come from the current NJC pay circular (or the
Greater London Provincial Council's) and grade maps from each council. ``payscales_load_demo``
loads made-up, round-number figures that are labelled illustrative everywhere they are shown.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone

from civictalent.core.audit import audit_record
from civictalent.core.money import pence_from_pounds, pounds_and_pence_text, pounds_from_pence
from civictalent.core.vocabularies import PayZone
from civictalent.salaries.annual_pay import pay_year_of
from civictalent.salaries.models import (
    GradeBand,
    GradeMap,
    PayScheme,
    PaySpine,
    SpinePoint,
)
from civictalent.salaries.parsing import parse_salary

if TYPE_CHECKING:
    from civictalent.accounts.models import User
    from civictalent.organisations.models import Organisation

MAX_CSV_BYTES = 1_048_576  # 1 MB
MAX_CSV_ROWS = 2_000
MAX_PROBLEMS_REPORTED = 20
LARGEST_POINT = 999
LARGEST_ANNUAL_PENCE = 100_000_000  # £1,000,000: anything larger is not an annual salary
MAX_GRADE_LENGTH = 30

SPINE_COLUMNS = ("point", "annual_amount")
GRADE_MAP_COLUMNS = ("grade", "min_point", "max_point")

ILLUSTRATIVE_SOURCE = "Illustrative figures for the demonstration only: not real pay"
DEMO_SCHEME_CODE = "illustrative-demo"
DEMO_SCHEME_NAME = "Illustrative council spine (demo)"
DEMO_PAY_YEAR = "2025-26"

_PAY_YEAR_RE = re.compile(r"^(20\d\d)-(\d\d)$")
_WHOLE_NUMBER_RE = re.compile(r"^[0-9]+$")
_MONEY_RE = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$")


# --------------------------------------------------------------------------------------------
# Errors and parsed rows


@dataclass(frozen=True)
class CSVProblem:
    row: int | None
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}" if self.row is not None else self.message


class PayScaleCSVError(ValidationError):
    """A CSV file that cannot be imported, with every problem found (up to 20) and its row.

    Rows are numbered as a spreadsheet numbers them: the header row is row 1.
    """

    def __init__(self, problems: list[CSVProblem] | CSVProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        self.row = self.problems[0].row
        super().__init__([str(problem) for problem in self.problems])


@dataclass(frozen=True)
class ParsedSpineRow:
    row: int
    point: int
    annual_pence: int

    @property
    def annual_pounds(self) -> Decimal:
        return pounds_from_pence(self.annual_pence)


@dataclass(frozen=True)
class ParsedBand:
    row: int
    grade: str
    min_point: int
    max_point: int
    written_as: str = ""


# --------------------------------------------------------------------------------------------
# Small helpers


def current_pay_year(today: datetime.date | None = None) -> str:
    """The local government pay year (April to March) that contains ``today``."""
    return pay_year_of(today or timezone.localdate())


def check_pay_year(value: str, *, what: str = "The pay year") -> str:
    """``value`` stripped if it is a pay year like 2025-26; ValidationError if not."""
    value = value.strip()
    match = _PAY_YEAR_RE.match(value)
    if match is None or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError(
            f"{what} must be written like 2025-26 (April 2025 to March 2026); "
            f"{value or 'nothing'!r} is not."
        )
    return value


def check_zone(value: str) -> str:
    if value not in PayZone.values:
        choices = ", ".join(PayZone.values)
        raise ValidationError(f"{value!r} is not a pay zone. Choose one of: {choices}.")
    return value


# --------------------------------------------------------------------------------------------
# Grade names


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


# --------------------------------------------------------------------------------------------
# CSV parsing (pure)


def _decode(data: bytes) -> str:
    if len(data) > MAX_CSV_BYTES:
        raise PayScaleCSVError(
            CSVProblem(
                None,
                f"The file is {len(data) / 1_048_576:.1f} MB; the largest file we accept is "
                "1 MB. Remove anything other than the figures and try again.",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise PayScaleCSVError(
            CSVProblem(
                row,
                "the file is not UTF-8 text. In Excel choose Save As, then "
                "'CSV UTF-8 (Comma delimited)', and upload that file.",
            )
        ) from None
    if "\x00" in text:
        raise PayScaleCSVError(
            CSVProblem(None, "The file is not a CSV text file. Save it as CSV and try again.")
        )
    if not text.strip():
        raise PayScaleCSVError(CSVProblem(None, "The file is empty."))
    return text


def _rows(data: bytes, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: value}) for each non-blank row after the header."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    expected = ",".join(columns)
    try:
        header = next(reader)
    except csv.Error as error:
        raise PayScaleCSVError(CSVProblem(1, f"the row cannot be read as CSV ({error}).")) from None
    names = [name.strip().lower().replace(" ", "_") for name in header]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise PayScaleCSVError(
            CSVProblem(
                1, f"the column {duplicates[0]} appears twice. The first row must be: {expected}"
            )
        )
    missing = [column for column in columns if column not in names]
    if missing:
        what = "column" if len(missing) == 1 else "columns"
        raise PayScaleCSVError(
            CSVProblem(
                1,
                f"the {what} {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
                f"missing. The first row must be: {expected}",
            )
        )
    positions = {column: names.index(column) for column in columns}
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_CSV_ROWS:
                raise PayScaleCSVError(
                    CSVProblem(
                        reader.line_num,
                        f"the file has more than {MAX_CSV_ROWS:,} rows of figures, the most we "
                        "accept. Split it or remove rows that are not figures.",
                    )
                )
            rows.append(
                (
                    reader.line_num,
                    {
                        column: values[index].strip() if index < len(values) else ""
                        for column, index in positions.items()
                    },
                )
            )
    except csv.Error as error:
        raise PayScaleCSVError(
            CSVProblem(reader.line_num, f"the row cannot be read as CSV ({error}).")
        ) from None
    if not rows:
        raise PayScaleCSVError(
            CSVProblem(None, "The file has a header row but no figures under it.")
        )
    return rows


def _whole_number(value: str, column: str) -> tuple[int | None, str | None]:
    if not value:
        return None, f"{column} is empty. Write a whole number, like 12."
    if not _WHOLE_NUMBER_RE.match(value):
        return None, f"{column} {value!r} is not a whole number. Write it like 12."
    if len(value) > 9:  # int() refuses thousands of digits; no spine point is this long
        return None, f"{column} {value[:12]!r}... is not a spine point: use 1 to {LARGEST_POINT}."
    number = int(value)
    if not 1 <= number <= LARGEST_POINT:
        return None, f"{column} {number} is not a spine point: use 1 to {LARGEST_POINT}."
    return number, None


def _pence(value: str) -> tuple[int | None, str | None]:
    cleaned = value.replace("\u00a0", "").replace(" ", "")
    if cleaned.upper().startswith("GBP"):
        cleaned = cleaned[3:]
    cleaned = cleaned.removeprefix("£")
    if not cleaned:
        return None, "annual_amount is empty. Write the annual amount, like 27269.00."
    if not _MONEY_RE.match(cleaned):
        return None, (
            f"annual_amount {value!r} is not an amount of money. Write pounds and pence, "
            "like 27269.00 or £27,269.00."
        )
    if len(cleaned) > 20:  # no annual salary needs this many characters; int() refuses thousands
        return None, (
            f"annual_amount {value[:24]!r}... is too long to be an annual salary. Check the figure."
        )
    pence = pence_from_pounds(Decimal(cleaned.replace(",", "")))
    if pence <= 0:
        return None, "annual_amount must be more than £0."
    if pence > LARGEST_ANNUAL_PENCE:
        return None, (
            f"annual_amount {value!r} is more than £1,000,000, which is not an annual salary "
            "on a pay spine. Check the figure."
        )
    return pence, None


def _raise_if(problems: list[CSVProblem]) -> None:
    if problems:
        raise PayScaleCSVError(problems[:MAX_PROBLEMS_REPORTED])


def parse_spine_csv(data: bytes) -> list[ParsedSpineRow]:
    """Rows of ``point,annual_amount``; amounts may be written £27,269.00. Pure."""
    problems: list[CSVProblem] = []
    parsed: list[ParsedSpineRow] = []
    first_row_of_point: dict[int, int] = {}
    for row, values in _rows(data, SPINE_COLUMNS):
        point, point_problem = _whole_number(values["point"], "point")
        pence, amount_problem = _pence(values["annual_amount"])
        for problem in (point_problem, amount_problem):
            if problem:
                problems.append(CSVProblem(row, problem))
        if point is None or pence is None:
            continue
        if point in first_row_of_point:
            problems.append(
                CSVProblem(
                    row,
                    f"point {point} is already on row {first_row_of_point[point]}. "
                    "Each point may appear once.",
                )
            )
            continue
        first_row_of_point[point] = row
        parsed.append(ParsedSpineRow(row=row, point=point, annual_pence=pence))
    _raise_if(problems)
    return sorted(parsed, key=lambda item: item.point)


def parse_grade_map_csv(data: bytes) -> list[ParsedBand]:
    """Rows of ``grade,min_point,max_point``; grades are normalised ("P.O. 4" is PO4). Pure."""
    problems: list[CSVProblem] = []
    parsed: list[ParsedBand] = []
    first_row_of_grade: dict[str, int] = {}
    for row, values in _rows(data, GRADE_MAP_COLUMNS):
        written = values["grade"]
        grade = normalise_grade(written)
        if not grade:
            problems.append(CSVProblem(row, "grade is empty. Write the grade, like PO4."))
        elif len(grade) > MAX_GRADE_LENGTH:
            problems.append(
                CSVProblem(
                    row,
                    f"grade {written!r} is longer than {MAX_GRADE_LENGTH} characters. Shorten it.",
                )
            )
            grade = ""
        min_point, min_problem = _whole_number(values["min_point"], "min_point")
        max_point, max_problem = _whole_number(values["max_point"], "max_point")
        for problem in (min_problem, max_problem):
            if problem:
                problems.append(CSVProblem(row, problem))
        if grade and grade in first_row_of_grade:
            earlier_row = first_row_of_grade[grade]
            named = grade if written == grade else f"{written!r} is {grade}, which"
            problems.append(
                CSVProblem(
                    row,
                    f"grade {named} is already on row {earlier_row}. Each grade may appear once.",
                )
            )
            continue
        if grade:
            first_row_of_grade[grade] = row
        if min_point is None or max_point is None or not grade:
            continue
        if min_point > max_point:
            problems.append(
                CSVProblem(
                    row,
                    f"min_point {min_point} is above max_point {max_point}. Swap "
                    "them or correct the figures.",
                )
            )
            continue
        parsed.append(
            ParsedBand(
                row=row, grade=grade, min_point=min_point, max_point=max_point, written_as=written
            )
        )
    _raise_if(problems)
    return sorted(parsed, key=lambda band: (band.min_point, band.max_point, band.grade))


def template_csv(kind: str) -> str:
    """The header row and two clearly made-up example rows, for admins to fill in."""
    if kind == "spine":
        return 'point,annual_amount\n1,"£11,111.11"\n2,22222.22\n'
    if kind == "grade_map":
        return "grade,min_point,max_point\nEXAMPLE1,1,2\nEXAMPLE2,2,3\n"
    raise ValueError(f"No CSV template called {kind!r}")


# --------------------------------------------------------------------------------------------
# Imports


@transaction.atomic
def pay_spine_import(
    *,
    scheme_code: str,
    scheme_name: str,
    pay_year: str,
    zone: str,
    data: bytes,
    is_illustrative: bool,
    source: str,
    imported_by: User | None,
) -> PaySpine:
    """Create or replace the spine of one scheme, pay year and zone. All or nothing.

    A new scheme needs a name; an existing scheme keeps its name.
    """
    scheme_code = scheme_code.strip().lower()
    try:
        validate_slug(scheme_code)
    except ValidationError:
        raise ValidationError(
            f"The scheme code {scheme_code or 'nothing'!r} must be letters, numbers and hyphens, "
            "like njc or greater-london."
        ) from None
    pay_year = check_pay_year(pay_year)
    zone = check_zone(zone)
    source = source.strip()
    if len(source) > 300:
        raise ValidationError("Describe the source in 300 characters or fewer.")
    rows = parse_spine_csv(data)

    scheme = PayScheme.objects.select_for_update().filter(code=scheme_code).first()
    scheme_created = scheme is None
    if scheme is None:
        if not scheme_name.strip():
            raise ValidationError(
                f"There is no scheme with the code {scheme_code}. Give the new scheme a name, "
                "like 'NJC pay spine'."
            )
        scheme = PayScheme(code=scheme_code, name=scheme_name.strip()[:150])
        scheme.full_clean()
        scheme.save()

    spine = (
        PaySpine.objects.select_for_update()
        .filter(scheme=scheme, pay_year=pay_year, zone=zone)
        .first()
    )
    created = spine is None
    old_points: dict[int, int] = {}
    old_state: dict[str, object] = {}
    if spine is None:
        spine = PaySpine(scheme=scheme, pay_year=pay_year, zone=zone)
    else:
        old_points = dict(spine.points.values_list("point", "annual_pence"))
        old_state = {"is_illustrative": spine.is_illustrative, "source": spine.source}
    spine.is_illustrative = is_illustrative
    spine.source = source
    spine.imported_by = imported_by
    spine.full_clean()
    spine.save()
    spine.points.all().delete()
    SpinePoint.objects.bulk_create(
        SpinePoint(spine=spine, point=row.point, annual_pence=row.annual_pence) for row in rows
    )

    new_points = {row.point: row.annual_pence for row in rows}
    changed = sorted(
        point
        for point in set(old_points) | set(new_points)
        if old_points.get(point) != new_points.get(point)
    )
    changes: dict[str, object] = {
        "points": [len(old_points), len(new_points)],
        "points_changed": changed[:100],
    }
    for name, old in old_state.items():
        new = getattr(spine, name)
        if old != new:
            changes[name] = [old, new]
    label = "illustrative " if is_illustrative else ""
    audit_record(
        actor=imported_by,
        action="pay_spine.imported" if created else "pay_spine.replaced",
        target=spine,
        summary=f"{imported_by.email if imported_by else 'The system'} imported the "
        f"{label}{scheme.name} spine for {pay_year} ({spine.get_zone_display()}): "
        f"{len(rows)} points{', new scheme' if scheme_created else ''}",
        changes=changes,
    )
    return spine


@transaction.atomic
def grade_map_import(
    *,
    organisation: Organisation,
    scheme_code: str,
    valid_from: str,
    zone: str,
    data: bytes,
    is_illustrative: bool,
    imported_by: User | None,
) -> GradeMap:
    """Create or replace a council's grade map for one scheme from one pay year. All or nothing."""
    valid_from = check_pay_year(valid_from, what="The first pay year")
    zone = check_zone(zone)
    scheme = PayScheme.objects.filter(code=scheme_code.strip().lower()).first()
    if scheme is None:
        raise ValidationError(
            f"There is no pay scheme with the code {scheme_code!r}. Import a spine for the "
            "scheme first."
        )
    bands = parse_grade_map_csv(data)

    grade_map = (
        GradeMap.objects.select_for_update()
        .filter(organisation=organisation, scheme=scheme, valid_from=valid_from)
        .first()
    )
    created = grade_map is None
    old_bands: dict[str, list[int]] = {}
    old_state: dict[str, object] = {}
    if grade_map is None:
        grade_map = GradeMap(organisation=organisation, scheme=scheme, valid_from=valid_from)
    else:
        old_bands = {
            grade: [low, high]
            for grade, low, high in grade_map.bands.values_list("grade", "min_point", "max_point")
        }
        old_state = {"zone": grade_map.zone, "is_illustrative": grade_map.is_illustrative}
    grade_map.zone = zone
    grade_map.is_illustrative = is_illustrative
    grade_map.full_clean()
    grade_map.save()
    grade_map.bands.all().delete()
    GradeBand.objects.bulk_create(
        GradeBand(
            grade_map=grade_map,
            grade=band.grade,
            min_point=band.min_point,
            max_point=band.max_point,
        )
        for band in bands
    )

    new_bands = {band.grade: [band.min_point, band.max_point] for band in bands}
    changes: dict[str, object] = {
        "bands": [len(old_bands), len(new_bands)],
        "grades_changed": sorted(
            grade
            for grade in set(old_bands) | set(new_bands)
            if old_bands.get(grade) != new_bands.get(grade)
        )[:100],
    }
    for name, old in old_state.items():
        new = getattr(grade_map, name)
        if old != new:
            changes[name] = [old, new]
    label = "illustrative " if is_illustrative else ""
    audit_record(
        actor=imported_by,
        action="grade_map.imported" if created else "grade_map.replaced",
        target=grade_map,
        organisation=organisation,
        summary=f"{imported_by.email if imported_by else 'The system'} imported the {label}"
        f"{organisation.short_name} grade map ({scheme.name}) from {valid_from}: "
        f"{len(bands)} grades",
        changes=changes,
    )
    return grade_map


# --------------------------------------------------------------------------------------------
# Resolution


@dataclass(frozen=True)
class ResolvedPoint:
    point: int
    amount: Decimal

    @property
    def amount_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.amount))


@dataclass(frozen=True)
class ResolvedGrade:
    """A council grade as a pound range in one pay year."""

    organisation_name: str
    grade: str
    scheme_code: str
    scheme_name: str
    zone: str
    zone_label: str
    pay_year_requested: str
    pay_year_used: str
    grade_map_id: int
    grade_map_valid_from: str
    spine_id: int
    min_point: int
    max_point: int
    minimum: Decimal
    maximum: Decimal
    points: tuple[ResolvedPoint, ...]
    is_illustrative: bool
    source: str

    @property
    def used_earlier_year(self) -> bool:
        return self.pay_year_used != self.pay_year_requested

    @property
    def year_note(self) -> str:
        if not self.used_earlier_year:
            return ""
        return (
            f"There is no {self.pay_year_requested} spine for {self.scheme_name} "
            f"({self.zone_label}) yet, so these are the {self.pay_year_used} figures."
        )

    @property
    def minimum_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.minimum))

    @property
    def maximum_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.maximum))

    @property
    def range_display(self) -> str:
        return f"{self.minimum_display} to {self.maximum_display}"


@dataclass(frozen=True)
class GradeResolution:
    """The result, or the reason there is none, in words a person can act on."""

    result: ResolvedGrade | None
    reason: str = ""
    grades_known: tuple[str, ...] = field(default_factory=tuple)


def _latest_maps(
    organisation: Organisation, pay_year: str, scheme_code: str | None
) -> list[GradeMap]:
    """For each scheme, the council's map valid in ``pay_year``: real maps before illustrative."""
    maps = GradeMap.objects.filter(organisation=organisation, valid_from__lte=pay_year)
    if scheme_code:
        maps = maps.filter(scheme__code=scheme_code)
    latest: dict[int, GradeMap] = {}
    for grade_map in maps.select_related("scheme", "organisation").order_by("-valid_from"):
        latest.setdefault(grade_map.scheme_id, grade_map)
    return sorted(latest.values(), key=lambda m: (m.is_illustrative, m.scheme.name))


def _spine_for(grade_map: GradeMap, pay_year: str) -> PaySpine | None:
    return (
        PaySpine.objects.filter(
            scheme_id=grade_map.scheme_id, zone=grade_map.zone, pay_year__lte=pay_year
        )
        .select_related("scheme")
        .order_by("-pay_year")
        .first()
    )


def _resolve_band(
    *,
    band: GradeBand,
    grade_map: GradeMap,
    spine: PaySpine,
    amounts: dict[int, int],
    pay_year: str,
) -> GradeResolution:
    missing = [point for point in (band.min_point, band.max_point) if point not in amounts]
    if missing:
        absent = " and ".join(str(point) for point in missing)
        noun = "point" if len(missing) == 1 else "points"
        return GradeResolution(
            None,
            f"{band.grade} at {grade_map.organisation.short_name} is spine points "
            f"{band.min_point} to {band.max_point}, but the {spine} has no {noun} {absent}. "
            "Import a complete spine.",
        )
    points = tuple(
        ResolvedPoint(point, pounds_from_pence(pence))
        for point, pence in sorted(amounts.items())
        if band.min_point <= point <= band.max_point
    )
    return GradeResolution(
        ResolvedGrade(
            organisation_name=grade_map.organisation.short_name,
            grade=band.grade,
            scheme_code=spine.scheme.code,
            scheme_name=spine.scheme.name,
            zone=spine.zone,
            zone_label=spine.get_zone_display(),
            pay_year_requested=pay_year,
            pay_year_used=spine.pay_year,
            grade_map_id=grade_map.pk,
            grade_map_valid_from=grade_map.valid_from,
            spine_id=spine.pk,
            min_point=band.min_point,
            max_point=band.max_point,
            minimum=pounds_from_pence(amounts[band.min_point]),
            maximum=pounds_from_pence(amounts[band.max_point]),
            points=points,
            is_illustrative=spine.is_illustrative or grade_map.is_illustrative,
            source=spine.source,
        )
    )


def resolve_grade_explained(
    *, organisation: Organisation, grade: str, pay_year: str, scheme_code: str | None = None
) -> GradeResolution:
    """Like :func:`resolve_grade`, with the reason when there is no answer."""
    wanted = normalise_grade(grade)
    if not wanted:
        return GradeResolution(None, "Enter a grade, like PO4.")
    try:
        pay_year = check_pay_year(pay_year)
    except ValidationError as error:
        return GradeResolution(None, " ".join(error.messages))
    name = organisation.short_name
    maps = _latest_maps(organisation, pay_year, scheme_code)
    if not maps:
        return GradeResolution(
            None,
            f"{name} has no grade map that applies in {pay_year}. A platform admin can import "
            "one from the council's pay policy.",
        )
    known: list[str] = []
    for grade_map in maps:
        bands = list(grade_map.bands.all())
        band = next((b for b in bands if b.grade.upper() == wanted.upper()), None)
        if band is None:
            known.extend(b.grade for b in bands if b.grade not in known)
            continue
        spine = _spine_for(grade_map, pay_year)
        if spine is None:
            return GradeResolution(
                None,
                f"{band.grade} at {name} is spine points {band.min_point} to {band.max_point} "
                f"of {grade_map.scheme.name}, but there is no {grade_map.get_zone_display()} "
                f"spine of that scheme for {pay_year} or an earlier year.",
            )
        amounts = dict(
            spine.points.filter(point__gte=band.min_point, point__lte=band.max_point).values_list(
                "point", "annual_pence"
            )
        )
        return _resolve_band(
            band=band, grade_map=grade_map, spine=spine, amounts=amounts, pay_year=pay_year
        )
    listed = ", ".join(known[:40]) or "none"
    return GradeResolution(
        None,
        f"{name}'s grade map for {pay_year} has no grade {wanted}. Its grades are: {listed}.",
        tuple(known),
    )


def resolve_grade(
    *, organisation: Organisation, grade: str, pay_year: str, scheme_code: str | None = None
) -> ResolvedGrade | None:
    """The pound range of a council grade in a pay year, or None if it cannot be worked out.

    Uses the council's grade map valid in that year (the latest ``valid_from`` not after it;
    a real map before an illustrative one) and the spine of the map's scheme and zone for that
    year. If that year's spine is not imported yet, the latest earlier year's is used and the
    result says so (``used_earlier_year``).
    """
    return resolve_grade_explained(
        organisation=organisation, grade=grade, pay_year=pay_year, scheme_code=scheme_code
    ).result


@dataclass(frozen=True)
class BandRow:
    band: GradeBand
    resolution: GradeResolution


def grade_map_bands_resolved(*, grade_map: GradeMap, pay_year: str | None = None) -> list[BandRow]:
    """Every band of a map with its pound range (in ``pay_year``, by default the map's first)."""
    pay_year = pay_year or grade_map.valid_from
    spine = _spine_for(grade_map, pay_year)
    bands = list(grade_map.bands.all())
    if spine is None:
        reason = (
            f"No {grade_map.get_zone_display()} spine of {grade_map.scheme.name} for {pay_year} "
            "or an earlier year."
        )
        return [BandRow(band, GradeResolution(None, reason)) for band in bands]
    amounts = dict(spine.points.values_list("point", "annual_pence"))
    return [
        BandRow(
            band,
            _resolve_band(
                band=band, grade_map=grade_map, spine=spine, amounts=amounts, pay_year=pay_year
            ),
        )
        for band in bands
    ]


# --------------------------------------------------------------------------------------------
# Illustrative demonstration data


def _demo_spine_csv(zone: str) -> bytes:
    """Deliberately artificial round numbers so nobody can mistake them for real pay."""
    extra = 2_000 if zone == PayZone.INNER_LONDON else 0
    lines = ["point,annual_amount"]
    lines += [f"{point},{20_000 + 1_000 * (point - 1) + extra}.00" for point in range(1, 51)]
    return ("\n".join(lines) + "\n").encode()


def _demo_bands(shift: int) -> list[tuple[str, int, int]]:
    bands = [(f"Scale {n}", 2 * n - 1 + shift, 2 * n + 1 + shift) for n in range(1, 7)]
    bands += [("SO1", 14 + shift, 17 + shift), ("SO2", 17 + shift, 20 + shift)]
    bands += [(f"PO{n}", 20 + 3 * (n - 1) + shift, 23 + 3 * (n - 1) + shift) for n in range(1, 9)]
    return bands


# organisation slug -> shift of every band, in spine points. Each council's map uses the spine
# of its own pay zone (Organisation.pay_zone).
_DEMO_COUNCILS = {"hackney": 0, "greenwich": 1}


@dataclass
class DemoPayScalesReport:
    spines_loaded: int = 0
    grade_maps_loaded: int = 0
    skipped: list[str] = field(default_factory=list)


def payscales_load_demo() -> DemoPayScalesReport:
    """Illustrative spines and grade maps for Hackney and Greenwich. Idempotent.

    Every figure is made up and marked ``is_illustrative`` so pages warn that it is not real pay.
    """
    from civictalent.organisations.models import Organisation

    report = DemoPayScalesReport()
    for zone in (PayZone.OUTER_LONDON, PayZone.INNER_LONDON):
        data = _demo_spine_csv(zone)
        wanted = {row.point: row.annual_pence for row in parse_spine_csv(data)}
        existing = PaySpine.objects.filter(
            scheme__code=DEMO_SCHEME_CODE, pay_year=DEMO_PAY_YEAR, zone=zone
        ).first()
        if (
            existing is not None
            and existing.is_illustrative
            and existing.source == ILLUSTRATIVE_SOURCE
            and dict(existing.points.values_list("point", "annual_pence")) == wanted
        ):
            continue
        pay_spine_import(
            scheme_code=DEMO_SCHEME_CODE,
            scheme_name=DEMO_SCHEME_NAME,
            pay_year=DEMO_PAY_YEAR,
            zone=zone,
            data=data,
            is_illustrative=True,
            source=ILLUSTRATIVE_SOURCE,
            imported_by=None,
        )
        report.spines_loaded += 1
    PayScheme.objects.filter(code=DEMO_SCHEME_CODE, description="").update(
        description="Made-up figures to show how pay scales work. Not real pay."
    )

    for slug, shift in _DEMO_COUNCILS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            report.skipped.append(f"No organisation {slug!r}: its demo grade map was skipped.")
            continue
        zone = organisation.pay_zone
        bands = _demo_bands(shift)
        existing_map = GradeMap.objects.filter(
            organisation=organisation, scheme__code=DEMO_SCHEME_CODE, valid_from=DEMO_PAY_YEAR
        ).first()
        if (
            existing_map is not None
            and existing_map.is_illustrative
            and existing_map.zone == zone
            and sorted(existing_map.bands.values_list("grade", "min_point", "max_point"))
            == sorted(bands)
        ):
            continue
        csv_text = "grade,min_point,max_point\n" + "".join(
            f"{grade},{low},{high}\n" for grade, low, high in bands
        )
        grade_map_import(
            organisation=organisation,
            scheme_code=DEMO_SCHEME_CODE,
            valid_from=DEMO_PAY_YEAR,
            zone=zone,
            data=csv_text.encode(),
            is_illustrative=True,
            imported_by=None,
        )
        report.grade_maps_loaded += 1
    return report
