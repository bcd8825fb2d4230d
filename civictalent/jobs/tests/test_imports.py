"""The pure parser of councils' vacancy files: CSV, JSON and XML in, rows or reasons out."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from civictalent.jobs.imports import (
    COLUMNS,
    MAX_IMPORT_BYTES,
    ImportRejected,
    ParsedRow,
    example_file,
    parse_vacancies,
)

LONDON = ZoneInfo("Europe/London")
HEADER = "reference,title,summary,description,salary_min,salary_max,contract,closing_date\n"


def only_row(data: bytes, file_format: str = "csv") -> ParsedRow:
    parsed = parse_vacancies(data, file_format)
    assert len(parsed.rows) == 1
    return parsed.rows[0]


def csv_row(**values: str) -> bytes:
    row = {
        "reference": "R1",
        "title": "Data analyst",
        "summary": "Analyse things",
        "description": "Some text",
        "salary_min": "40000",
        "salary_max": "45000",
        "contract": "permanent",
        "closing_date": "2030-01-31",
        **values,
    }
    names = list(row)
    cells = ['"' + str(row[name]).replace('"', '""') + '"' for name in names]
    return (",".join(names) + "\n" + ",".join(cells) + "\n").encode()


def test_csv_happy_path_gives_typed_fields() -> None:
    row = only_row(
        csv_row(
            hours="36 hours a week",
            working_pattern="Full-time",
            workplace="Hybrid",
            postcode="e81ea",
            apply_url="https://jobs.example.gov.uk/1",
            contact_email="sam@example.gov.uk",
            role_level="Senior-Data-Analyst",
        )
    )

    assert row.ok, row.errors
    assert row.number == 2  # the header is row 1, as in a spreadsheet
    fields = row.fields
    assert fields is not None
    assert fields.title == "Data analyst"
    assert fields.annual_min == Decimal("40000")
    assert fields.annual_max == Decimal("45000")
    assert fields.hours_per_week == Decimal("36.0")
    assert fields.contract == "permanent"
    assert fields.working_pattern == "full_time"
    assert fields.workplace == "hybrid"
    assert fields.postcode == "E8 1EA"
    assert fields.closes_at == datetime.datetime(2030, 1, 31, 23, 59, tzinfo=LONDON)
    assert row.role_level == "senior-data-analyst"


def test_csv_with_byte_order_mark_and_cp1252_fallback() -> None:
    with_bom = b"\xef\xbb\xbf" + csv_row(title="Caf\u00e9 data lead")
    assert only_row(with_bom).title == "Caf\u00e9 data lead"

    windows = csv_row(title="Data lead \u2013 housing", salary_min="£40,000").decode()
    row = only_row(windows.encode("cp1252"))
    assert row.title == "Data lead \u2013 housing"
    assert row.fields is not None and row.fields.annual_min == Decimal("40000")


def test_json_list_or_object_and_numbers() -> None:
    item = {
        "reference": 77,
        "title": "Developer",
        "salary_min": 50000,
        "pay": "£50,000",
        "closing_date": "2030-03-01T12:00:00Z",
        "unknown": "ignored",
    }
    for document in ([item], {"vacancies": [item]}):
        parsed = parse_vacancies(json.dumps(document).encode(), "json")
        row = parsed.rows[0]
        assert row.ok, row.errors
        assert row.reference == "77"
        assert row.number == 1
        assert row.fields is not None
        assert row.fields.closes_at == datetime.datetime(2030, 3, 1, 12, tzinfo=datetime.UTC)
        assert parsed.ignored_columns == ("unknown",)


def test_xml_happy_path_keeps_description_markup() -> None:
    data = b"""<?xml version="1.0"?>
<vacancies>
  <vacancy reference="X-1">
    <title>Delivery manager</title>
    <description><p>Lead <strong>teams</strong>.</p></description>
    <pay>PO4</pay>
    <contract>Fixed-term</contract>
    <closing_date>2030-06-30T17:00</closing_date>
  </vacancy>
</vacancies>"""
    row = only_row(data, "xml")

    assert row.ok, row.errors
    assert row.reference == "X-1"
    assert row.fields is not None
    assert "<strong>teams</strong>" in row.fields.description
    assert row.fields.pay_text == "PO4"
    assert row.fields.contract == "fixed term"
    assert row.fields.closes_at == datetime.datetime(2030, 6, 30, 17, tzinfo=LONDON)
    assert row.fields.summary == "Lead teams."  # taken from the description when missing


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"title": ""}, "title is missing"),
        ({"reference": ""}, "reference is missing"),
        ({"closing_date": "31/01/2030"}, "not an ISO 8601 date"),
        ({"closing_date": "2030-02-30"}, "not a real date"),
        ({"salary_min": "lots"}, "salary_min 'lots' is not an amount of money"),
        ({"salary_min": "50000", "salary_max": "40000"}, "below the minimum"),
        ({"salary_min": "18.50", "salary_max": "20"}, "looks like an hourly rate"),
        ({"salary_min": "", "salary_max": "", "pay": ""}, "Pay is missing"),
        ({"contract": "zero hours"}, "contract 'zero hours' is not one we know"),
        ({"workplace": "moon"}, "workplace 'moon' is not one we know"),
        ({"apply_url": "http://jobs.example.gov.uk"}, "must be a full https:// link"),
        ({"postcode": "NOT A CODE"}, "is not a UK postcode"),
        ({"contact_email": "nobody"}, "is not an email address"),
        ({"hours": "90"}, "is not a working week"),
    ],
)
def test_bad_rows_say_what_is_wrong(values: dict[str, str], reason: str) -> None:
    row = only_row(csv_row(**values))

    assert not row.ok
    assert row.fields is None
    assert any(reason in error for error in row.errors), row.errors


def test_a_bad_row_does_not_stop_the_others() -> None:
    data = (
        HEADER
        + "A,Good one,,,40000,45000,permanent,2030-01-01\n"
        + "B,,,,40000,45000,permanent,2030-01-01\n"
        + "C,Also good,,,40000,45000,temp,2030-01-01\n"
    ).encode()

    rows = parse_vacancies(data, "csv").rows

    assert [(row.reference, row.ok) for row in rows] == [("A", True), ("B", False), ("C", True)]
    assert rows[1].number == 3
    assert rows[2].fields is not None and rows[2].fields.contract == "fixed term"


def test_duplicate_reference_is_a_row_error_and_still_listed() -> None:
    data = (
        HEADER
        + "A,One,,,40000,45000,permanent,2030-01-01\n"
        + "A,Two,,,40000,45000,permanent,2030-01-01\n"
    ).encode()

    parsed = parse_vacancies(data, "csv")

    assert parsed.rows[0].ok
    assert "first appears in row 2" in parsed.rows[1].errors[0]
    assert parsed.references == frozenset({"A"})


def test_references_of_bad_rows_still_count_as_listed() -> None:
    data = (HEADER + "A,,,,40000,45000,permanent,2030-01-01\n").encode()
    assert parse_vacancies(data, "csv").references == frozenset({"A"})


def test_script_in_description_does_not_reach_the_summary() -> None:
    row = only_row(csv_row(summary="", description="<script>alert(1)</script><p>Real text</p>"))
    assert row.fields is not None
    assert row.fields.summary == "Real text"


@pytest.mark.parametrize(
    ("data", "file_format", "message"),
    [
        (b"", "csv", "empty"),
        (b"title,summary\nA,B\n", "csv", "no reference, closing_date columns"),
        (b"reference,title,closing_date\n", "csv", "no vacancies under it"),
        (b'reference,title,closing_date\n"A,B,2030-01-01\n', "csv", "not well formed"),
        (b"PK\x03\x04\x00\x00", "csv", "not a text file"),
        (b"{not json", "json", "not valid JSON (line 1"),
        (b'{"jobs": []}', "json", 'a "vacancies" list'),
        (b"<vacancies><vacancy>", "xml", "not well-formed XML"),
        (b"<jobs/>", "xml", "must start with <vacancies>"),
        (b"a,b", "docx", "Send CSV, JSON or XML"),
    ],
)
def test_whole_file_problems_are_refused(data: bytes, file_format: str, message: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_vacancies(data, file_format)
    assert message in caught.value.message


def test_oversize_file_is_refused_by_its_size() -> None:
    with pytest.raises(ImportRejected, match="the limit is 10 MB"):
        parse_vacancies(b"x" * (MAX_IMPORT_BYTES + 1), "csv")


def test_xml_external_entity_is_refused() -> None:
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE vacancies [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<vacancies><vacancy><reference>&secret;</reference></vacancy></vacancies>"""
    with pytest.raises(ImportRejected) as caught:
        parse_vacancies(xxe, "xml")
    assert "declares a DTD or entities" in caught.value.message
    assert "root:" not in caught.value.message


def test_billion_laughs_is_refused() -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE vacancies [' + "".join(entities) + "]>"
        "<vacancies><vacancy><title>&lol9;</title></vacancy></vacancies>"
    )
    with pytest.raises(ImportRejected, match="billion laughs"):
        parse_vacancies(bomb.encode(), "xml")


@pytest.mark.parametrize("file_format", ["csv", "json", "xml"])
def test_the_examples_parse_cleanly(file_format: str) -> None:
    parsed = parse_vacancies(example_file(file_format).encode(), file_format)
    row = parsed.rows[0]
    assert row.ok, row.errors
    assert parsed.ignored_columns == ()
    assert row.fields is not None and row.fields.annual_max == Decimal("52000")
    assert row.role_level == "senior-data-analyst"


def test_csv_template_has_every_column() -> None:
    assert example_file("csv").splitlines()[0].split(",") == list(COLUMNS)
