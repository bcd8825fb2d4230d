"""Spine and grade-map CSV files read into rows. Pure of the database (bytes in, rows out);
every problem is reported with the row number a spreadsheet shows (the header is row 1)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from civictalent.core.money import pence_from_pounds, pounds_from_pence

from .grades import normalise_grade

MAX_CSV_BYTES = 1_048_576  # 1 MB
MAX_CSV_ROWS = 2_000
MAX_PROBLEMS_REPORTED = 20
LARGEST_POINT = 999
LARGEST_ANNUAL_PENCE = 100_000_000  # £1,000,000: anything larger is not an annual salary
MAX_GRADE_LENGTH = 30

SPINE_COLUMNS = ("point", "annual_amount")
GRADE_MAP_COLUMNS = ("grade", "min_point", "max_point")

_WHOLE_NUMBER_RE = re.compile(r"^[0-9]+$")
_MONEY_RE = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$")


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
