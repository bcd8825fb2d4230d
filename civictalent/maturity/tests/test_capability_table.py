"""The capability model's table (pure): documented columns, round trips, and every kind of bad
row refused with its row number."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from civictalent.maturity.capability_table import (
    COLUMNS,
    MAX_ROWS,
    CapabilityTableError,
    TableCapability,
    TableRole,
    as_csv,
    as_xlsx,
    parse_rows,
    read_csv,
    read_xlsx,
    table_rows,
)

DOMAINS = {"data": "data", "digital": "digital", "Data".lower(): "data"}
LEVELS = {"data-analyst", "data-engineer", "developer"}


def capability(**changes: object) -> TableCapability:
    values: dict[str, object] = {
        "domain": "data",
        "slug": "business-intelligence",
        "name": "Business intelligence",
        "description": "Reports and dashboards.\nUsed by managers.",
        "benefits": "Problems spotted early.",
        "responsibilities": ("Build dashboards", "Agree measures"),
        "must_have_stage": 1,
        "is_emerging": False,
        "staffing_is_illustrative": True,
        "roles": (
            TableRole("data-analyst", Decimal("1.0"), Decimal("2.0"), Decimal("3.0")),
            TableRole("data-engineer", Decimal("0.0"), Decimal("0.5"), Decimal("1.0")),
        ),
    }
    values.update(changes)
    return TableCapability(**values)  # type: ignore[arg-type]


def parse(rows: list[list[str]]) -> list[TableCapability]:
    return parse_rows(rows, known_domains=DOMAINS, known_role_levels=LEVELS)


def without_rows(found: list[TableCapability]) -> list[TableCapability]:
    return [dataclasses.replace(item, row=0) for item in found]


def good_row(**cells: str) -> list[str]:
    values = {
        "domain": "data",
        "capability_slug": "business-intelligence",
        "capability_name": "Business intelligence",
        "description": "Reports.",
        "benefits": "Early warning.",
        "responsibilities": "Build dashboards | Agree measures",
        "must_have_stage": "1",
        "emerging": "no",
        "staffing_illustrative": "yes",
        "role_level": "data-analyst",
        "fte_small": "1",
        "fte_medium": "2",
        "fte_large": "3",
    }
    values.update(cells)
    return [values[column] for column in COLUMNS]


def problems_of(rows: list[list[str]]) -> list[str]:
    with pytest.raises(CapabilityTableError) as caught:
        parse(rows)
    return caught.value.messages


def test_rows_round_trip_through_csv_and_excel() -> None:
    hostile = capability(
        slug="formula",
        name='=HYPERLINK("http://evil")',
        description="-1 is a number; @sum is not",
        roles=(),
        is_emerging=True,
    )
    items = [capability(), hostile]
    rows = table_rows(items)
    assert rows[0] == list(COLUMNS)
    # The hostile capability has one row with empty role columns, and no cell starts a formula.
    assert rows[-1][-4:] == ["", "", "", ""]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert without_rows(parse(read_csv(as_csv(rows).encode()))) == items
    assert without_rows(parse(read_xlsx(as_xlsx(rows)))) == items


def test_an_excel_export_holds_no_formula() -> None:
    rows = table_rows([capability(name="=1+1")])
    sheet = load_workbook(io.BytesIO(as_xlsx(rows))).active
    assert sheet is not None
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.cell(row=2, column=3).value == "'=1+1"


def test_a_stage_that_is_not_a_number_is_reported_with_its_row() -> None:
    rows = [list(COLUMNS), good_row(), good_row(role_level="data-engineer", must_have_stage="six")]
    assert problems_of(rows) == [
        "Row 3: must_have_stage must be a whole number from 1 to 5, not 'six'."
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"must_have_stage": "0"}, "must_have_stage must be a whole number from 1 to 5, not '0'"),
        ({"role_level": "wizard"}, "role_level 'wizard' is not a role level"),
        ({"domain": "space"}, "domain 'space' is not a domain"),
        ({"description": ""}, "description is missing"),
        ({"capability_name": ""}, "capability_name is missing"),
        ({"capability_slug": "Data Governance!"}, "capability_slug may use only"),
        ({"fte_small": "abc"}, "fte_small must be a number of full-time equivalents"),
        ({"fte_medium": "-1"}, "fte_medium must be a number"),
        ({"fte_large": "0.25"}, "fte_large must be a number"),
        ({"fte_large": "NaN"}, "fte_large must be a number"),
        ({"fte_large": ""}, "fte_large is missing"),
        ({"emerging": "maybe"}, "emerging must be yes or no, not 'maybe'"),
        ({"benefits": "=cmd|' /C calc'!A0"}, "benefits is a formula"),
        ({"description": "x" * 3001}, "description is 3001 characters long"),
        ({"description": "bell\x07"}, "description contains control characters"),
        ({"role_level": "", "fte_small": "1"}, "role_level is missing"),
    ],
)
def test_each_bad_cell_is_refused_with_its_row(cells: dict[str, str], expected: str) -> None:
    found = problems_of([list(COLUMNS), good_row(**cells)])
    assert len(found) == 1 and found[0].startswith("Row 2: ") and expected in found[0], found


def test_duplicate_rows_and_disagreeing_capability_columns_are_refused() -> None:
    rows = [
        list(COLUMNS),
        good_row(),
        good_row(),
        good_row(role_level="data-engineer", benefits="Something else."),
        good_row(capability_slug="other", role_level=""),
    ]
    rows[-1][COLUMNS.index("fte_small")] = ""
    rows[-1][COLUMNS.index("fte_medium")] = ""
    rows[-1][COLUMNS.index("fte_large")] = ""
    found = problems_of(rows)
    assert found[0] == (
        "Row 3: role level 'data-analyst' is already given for 'business-intelligence' in row 2."
    )
    assert found[1].startswith("Row 4: benefits differs from row 2")
    assert found[2].startswith("Row 5: capability_name 'Business intelligence' is also used by")


def test_header_problems_empty_files_and_too_many_rows() -> None:
    assert problems_of([]) == ["The file is empty."]
    assert problems_of([list(COLUMNS)]) == ["The file has a header but no rows."]
    missing = problems_of([list(COLUMNS[:-1]), good_row()[:-1]])
    assert missing[0].startswith("Row 1: the column fte_large is missing.")
    twice = problems_of([[*COLUMNS, "domain"], good_row()])
    assert twice[0].startswith("Row 1: the column domain appears twice.")
    too_many = [list(COLUMNS)] + [good_row(capability_slug=f"c{n}") for n in range(MAX_ROWS + 1)]
    assert problems_of(too_many) == [
        f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
    ]


def test_at_most_twenty_problems_are_reported() -> None:
    rows = [list(COLUMNS)] + [
        good_row(capability_slug=f"c{n}", must_have_stage="x") for n in range(30)
    ]
    assert len(problems_of(rows)) == 20


def test_header_names_are_forgiving_and_extra_columns_ignored() -> None:
    header = [column.upper().replace("_", " ") for column in COLUMNS] + ["notes"]
    found = parse([header, [*good_row(), "anything"]])
    assert found[0].roles == (
        TableRole("data-analyst", Decimal("1.0"), Decimal("2.0"), Decimal("3.0")),
    )
    assert found[0].responsibilities == ("Build dashboards", "Agree measures")


def test_files_that_are_not_what_they_say_are_refused() -> None:
    with pytest.raises(CapabilityTableError, match="not UTF-8"):
        read_csv("domain,caf\xe9\n".encode("latin-1"))
    with pytest.raises(CapabilityTableError, match="not a CSV text file"):
        read_csv(b"domain\x00\x00")
    with pytest.raises(CapabilityTableError, match="not an Excel workbook"):
        read_xlsx(b"PK\x03\x04 not really a zip")
    with pytest.raises(CapabilityTableError, match="largest file"):
        read_csv(b"a" * (2 * 1_048_576 + 1))


def test_a_formula_in_an_excel_cell_is_refused_not_run() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    row = good_row()
    row[COLUMNS.index("description")] = '=HYPERLINK("http://evil","x")'
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    found = problems_of(read_xlsx(buffer.getvalue()))
    assert found[0].startswith("Row 2: description is a formula")


def test_csv_written_by_a_spreadsheet_with_numbers_reads() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow(good_row(fte_small="0.5", must_have_stage="2"))
    found = parse(read_csv(("\ufeff" + buffer.getvalue()).encode()))
    assert found[0].must_have_stage == 2
    assert found[0].roles[0].fte_small == Decimal("0.5")
