"""The capability model as a table: the documented columns of its CSV and Excel files, read and
written. Pure of Django and the database: bytes in, capabilities out (and back).

One row per capability and role level. The capability's own columns are repeated on each of its
rows and must agree; a capability with no role levels has one row with the role columns empty.
Rows are numbered as a spreadsheet numbers them: the header is row 1. Every problem is reported
with its row (up to ``MAX_PROBLEMS_REPORTED``), and a file with any problem imports nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from civictalent.core.invisible import without_invisible_controls
from civictalent.core.spreadsheets import FORMULA_STARTS, spreadsheet_text

COLUMNS: tuple[str, ...] = (
    "domain",
    "capability_slug",
    "capability_name",
    "description",
    "benefits",
    "responsibilities",
    "must_have_stage",
    "emerging",
    "staffing_illustrative",
    "role_level",
    "fte_small",
    "fte_medium",
    "fte_large",
)
ROLE_COLUMNS = ("role_level", "fte_small", "fte_medium", "fte_large")
CAPABILITY_COLUMNS = tuple(column for column in COLUMNS if column not in ROLE_COLUMNS)
REQUIRED = ("domain", "capability_slug", "capability_name", "description", "benefits")
RESPONSIBILITY_SEPARATOR = " | "

MAX_FILE_BYTES = 2 * 1_048_576  # 2 MB
MAX_ROWS = 1_000
MAX_PROBLEMS_REPORTED = 20
MAX_SLUG_LENGTH = 80
MAX_NAME_LENGTH = 120
MAX_TEXT_LENGTH = 3_000
LARGEST_FTE = Decimal("100")

YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_SLUG_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class TableRole:
    role_level: str
    fte_small: Decimal
    fte_medium: Decimal
    fte_large: Decimal


@dataclass(frozen=True)
class TableCapability:
    domain: str  # the domain's slug
    slug: str
    name: str
    description: str
    benefits: str
    responsibilities: tuple[str, ...]
    must_have_stage: int
    is_emerging: bool
    staffing_is_illustrative: bool
    roles: tuple[TableRole, ...] = ()
    row: int = 0  # the first row it was read from (0 when not read from a file)


@dataclass(frozen=True)
class TableProblem:
    row: int | None
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}" if self.row is not None else self.message


class CapabilityTableError(ValueError):
    """A file that cannot be imported, with every problem found (up to 20)."""

    def __init__(self, problems: list[TableProblem] | TableProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(problem) for problem in self.problems))

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


# --- Reading files into rows of text -----------------------------------------------------------


def _too_large(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise CapabilityTableError(
            TableProblem(
                None,
                f"The file is {len(data) / 1_048_576:.1f} MB; the largest file we accept is "
                f"{MAX_FILE_BYTES // 1_048_576} MB.",
            )
        )


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a UTF-8 CSV file, header first."""
    _too_large(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise CapabilityTableError(
            TableProblem(
                row,
                "the file is not UTF-8 text. In Excel choose Save As, then "
                "'CSV UTF-8 (Comma delimited)', and upload that file.",
            )
        ) from None
    if "\x00" in text:
        raise CapabilityTableError(
            TableProblem(None, "The file is not a CSV text file. Save it as CSV and try again.")
        )
    rows: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise CapabilityTableError(
            TableProblem(len(rows) + 1, f"the row cannot be read as CSV ({error}).")
        ) from None
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(data: bytes) -> list[list[str]]:
    """The rows of the first sheet of an Excel workbook, header first. A formula cell reads as
    its formula (``=...``), which ``parse_rows`` refuses: we never run or trust a formula."""
    from openpyxl import load_workbook

    _too_large(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise CapabilityTableError(
            TableProblem(
                None,
                "The file is not an Excel workbook (.xlsx). Save it from Excel or LibreOffice "
                "as 'Excel Workbook (.xlsx)', or upload a CSV file instead.",
            )
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return []
        rows: list[list[str]] = []
        for values in sheet.iter_rows(max_col=len(COLUMNS) + 10, values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


# --- Rows of text into capabilities ------------------------------------------------------------


def unescaped(cell: str) -> str:
    """A cell as typed: our exports put an apostrophe before text a spreadsheet would run as a
    formula (see ``spreadsheet_text``), and an import takes it off again."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _header(row: list[str]) -> dict[str, int]:
    names = [cell.strip().lower().replace(" ", "_") for cell in row]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    expected = ",".join(COLUMNS)
    if duplicates:
        raise CapabilityTableError(
            TableProblem(
                1, f"the column {duplicates[0]} appears twice. The first row must be: {expected}"
            )
        )
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise CapabilityTableError(
            TableProblem(
                1,
                f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"{'are' if len(missing) > 1 else 'is'} missing. The first row must be: "
                f"{expected}",
            )
        )
    return {name: names.index(name) for name in COLUMNS}


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


class _Row:
    """One data row's cells, with its problems noted as they are found."""

    def __init__(self, number: int, cells: list[str], positions: dict[str, int]) -> None:
        self.number = number
        self.problems: list[TableProblem] = []
        self.values: dict[str, str] = {}
        self.formulas: set[str] = set()
        for column, index in positions.items():
            raw = cells[index] if index < len(cells) else ""
            text = without_invisible_controls(raw).strip()
            if text.startswith("="):
                self.problem(
                    f"{column} is a formula ({_shown(text)!r}). Type the value itself: "
                    "formulas are never imported."
                )
                self.formulas.add(column)
                text = ""
            self.values[column] = unescaped(text)

    def problem(self, message: str) -> None:
        self.problems.append(TableProblem(self.number, message))

    def text(self, column: str, limit: int) -> str:
        value = self.values[column]
        if column in self.formulas:
            return value
        if column in REQUIRED and not value:
            self.problem(f"{column} is missing.")
        elif "\x00" in value or any(ord(c) < 32 and c not in "\n\r\t" for c in value):
            self.problem(f"{column} contains control characters; type plain text.")
        elif len(value) > limit:
            self.problem(f"{column} is {len(value)} characters long; the most is {limit}.")
        return value

    def slug(self, column: str) -> str:
        value = self.text(column, MAX_SLUG_LENGTH).lower()
        if value and not (set(value) <= _SLUG_CHARACTERS and value.strip("-")):
            self.problem(
                f"{column} may use only lower-case letters, numbers and hyphens, like "
                f"data-governance, not {_shown(value)!r}."
            )
        return value

    def stage(self) -> int:
        value = self.values["must_have_stage"]
        if "must_have_stage" in self.formulas:
            return 0
        if value in {"1", "2", "3", "4", "5"}:
            return int(value)
        if not value:
            self.problem("must_have_stage is missing: write a whole number from 1 to 5.")
        else:
            self.problem(
                f"must_have_stage must be a whole number from 1 to 5, not {_shown(value)!r}."
            )
        return 0

    def yes_no(self, column: str, *, default: bool) -> bool:
        value = self.values[column].lower()
        if not value:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self.problem(f"{column} must be yes or no, not {_shown(self.values[column])!r}.")
        return default

    def fte(self, column: str) -> Decimal:
        value = self.values[column]
        if column in self.formulas:
            return Decimal(0)
        if not value:
            self.problem(f"{column} is missing: write 0 if a council of that size needs none.")
            return Decimal(0)
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal(-1)
        if (
            not number.is_finite()
            or number < 0
            or number > LARGEST_FTE
            or number != number.quantize(Decimal("0.1"))
        ):
            self.problem(
                f"{column} must be a number of full-time equivalents from 0 to "
                f"{LARGEST_FTE} with at most one decimal place, like 0.5, not {_shown(value)!r}."
            )
            return Decimal(0)
        return number.quantize(Decimal("0.1"))


def split_responsibilities(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def parse_rows(
    rows: list[list[str]],
    *,
    known_domains: Mapping[str, str],
    known_role_levels: Collection[str],
) -> list[TableCapability]:
    """The capabilities in ``rows`` (header first), in the order they first appear.

    ``known_domains`` maps each domain's slug and name, in lower case, to its slug;
    ``known_role_levels`` holds the identifiers (slugs) of the role levels that may be named.
    Raises CapabilityTableError with every problem found (up to 20)."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CapabilityTableError(TableProblem(None, "The file is empty."))
    positions = _header(rows[0])
    data_rows = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]
    if not data_rows:
        raise CapabilityTableError(TableProblem(None, "The file has a header but no rows."))
    if len(rows) - 1 > MAX_ROWS:
        raise CapabilityTableError(
            TableProblem(
                None,
                f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.",
            )
        )
    problems: list[TableProblem] = []
    order: list[str] = []
    heads: dict[str, tuple[int, dict[str, str], TableCapability]] = {}
    roles: dict[str, dict[str, tuple[int, TableRole]]] = {}
    names: dict[str, tuple[int, str]] = {}
    for number, cells in data_rows:
        row = _Row(number, cells, positions)
        capability = _capability(row, known_domains)
        role = _role(row, known_role_levels)
        problems.extend(row.problems)
        if row.problems or not capability.slug:
            continue
        compared = {column: row.values[column] for column in CAPABILITY_COLUMNS}
        head = heads.get(capability.slug)
        if head is None:
            seen_name = names.get(capability.name.lower())
            if seen_name is not None:
                problems.append(
                    TableProblem(
                        number,
                        f"capability_name {capability.name!r} is also used by "
                        f"{seen_name[1]!r} in row {seen_name[0]}; each capability needs its "
                        "own name.",
                    )
                )
                continue
            names[capability.name.lower()] = (number, capability.slug)
            heads[capability.slug] = (number, compared, capability)
            roles[capability.slug] = {}
            order.append(capability.slug)
        else:
            first, first_values, _ = head
            differing = [
                column
                for column in CAPABILITY_COLUMNS
                if _comparable(column, compared[column])
                != _comparable(column, first_values[column])
            ]
            if differing:
                problems.append(
                    TableProblem(
                        number,
                        f"{', '.join(differing)} differ{'s' if len(differing) == 1 else ''} "
                        f"from row {first} for the same capability_slug {capability.slug!r}. "
                        "A capability's columns must be the same on every one of its rows.",
                    )
                )
                continue
        if role is not None:
            given = roles[capability.slug]
            if role.role_level in given:
                problems.append(
                    TableProblem(
                        number,
                        f"role level {role.role_level!r} is already given for "
                        f"{capability.slug!r} in row {given[role.role_level][0]}.",
                    )
                )
                continue
            given[role.role_level] = (number, role)
    if problems:
        raise CapabilityTableError(problems[:MAX_PROBLEMS_REPORTED])
    result = []
    for slug in order:
        number, _, capability = heads[slug]
        result.append(
            TableCapability(
                domain=capability.domain,
                slug=capability.slug,
                name=capability.name,
                description=capability.description,
                benefits=capability.benefits,
                responsibilities=capability.responsibilities,
                must_have_stage=capability.must_have_stage,
                is_emerging=capability.is_emerging,
                staffing_is_illustrative=capability.staffing_is_illustrative,
                roles=tuple(role for _, role in roles[slug].values()),
                row=number,
            )
        )
    return result


def _comparable(column: str, value: str) -> str:
    if column == "responsibilities":
        return RESPONSIBILITY_SEPARATOR.join(split_responsibilities(value))
    if column in {"emerging", "staffing_illustrative"}:
        lowered = value.lower()
        return "yes" if lowered in YES else "no" if lowered in NO else lowered
    if column in {"domain", "capability_slug"}:
        return value.lower()
    return value


def _capability(row: _Row, known_domains: Mapping[str, str]) -> TableCapability:
    domain_text = row.text("domain", MAX_NAME_LENGTH)
    domain = known_domains.get(domain_text.lower(), "")
    if domain_text and not domain:
        choices = sorted(set(known_domains.values()))
        row.problem(
            f"domain {_shown(domain_text)!r} is not a domain of the capability model; use one "
            f"of: {', '.join(choices) or 'none yet (load the starter model first)'}."
        )
    responsibilities = row.text("responsibilities", MAX_TEXT_LENGTH)
    return TableCapability(
        domain=domain,
        slug=row.slug("capability_slug"),
        name=row.text("capability_name", MAX_NAME_LENGTH),
        description=row.text("description", MAX_TEXT_LENGTH),
        benefits=row.text("benefits", MAX_TEXT_LENGTH),
        responsibilities=split_responsibilities(responsibilities),
        must_have_stage=row.stage(),
        is_emerging=row.yes_no("emerging", default=False),
        staffing_is_illustrative=row.yes_no("staffing_illustrative", default=True),
    )


def _role(row: _Row, known_role_levels: Collection[str]) -> TableRole | None:
    level = row.values["role_level"].lower()
    if not level:
        if any(row.values[column] for column in ROLE_COLUMNS[1:]):
            row.problem("role_level is missing: the FTE columns need the role level they are for.")
        return None
    if level not in known_role_levels:
        row.problem(
            f"role_level {_shown(level)!r} is not a role level of the default framework. Use "
            "the identifier at the end of the role level's framework page address, like "
            "data-analyst."
        )
        return None
    return TableRole(
        role_level=level,
        fte_small=row.fte("fte_small"),
        fte_medium=row.fte("fte_medium"),
        fte_large=row.fte("fte_large"),
    )


# --- Capabilities into rows (exports) ----------------------------------------------------------


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def table_rows(capabilities: Iterable[TableCapability]) -> list[list[str]]:
    """The header and one row per capability and role level, safe to open in a spreadsheet."""
    rows: list[list[str]] = [list(COLUMNS)]
    for capability in capabilities:
        head = [
            capability.domain,
            capability.slug,
            capability.name,
            capability.description,
            capability.benefits,
            RESPONSIBILITY_SEPARATOR.join(capability.responsibilities),
            str(capability.must_have_stage),
            _yes_no(capability.is_emerging),
            _yes_no(capability.staffing_is_illustrative),
        ]
        tails = [
            [role.role_level, str(role.fte_small), str(role.fte_medium), str(role.fte_large)]
            for role in capability.roles
        ] or [["", "", "", ""]]
        for tail in tails:
            rows.append([spreadsheet_text(cell) for cell in head + tail])
    return rows


def as_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def as_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Capabilities"
    for row in rows:
        # Every cell is text, numbers included, so nothing a cell holds is read as a formula.
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
