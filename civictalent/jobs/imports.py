"""Reading a council's vacancy file or feed: bytes in, one parsed row (or its errors) per vacancy.

Pure Python (no Django), so uploads, feeds and ``civictalent import-vacancies`` share it. The
schema is documented in docs/vacancy-import-schema.md; this module is its one implementation.

Problems with the whole file (its size, encoding, a CSV without the required columns, JSON or XML
that does not parse, XML with a DTD or entities) raise :class:`ImportRejected` and nothing is
imported. Problems with one row are listed on that row, and the other rows still import.

What needs the database (the role level's slug, pay text or a grade turned into pounds, the
closing date compared with an existing vacancy) is decided by ``import_services``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError, tostring
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from civictalent.core.money import pounds_from_text
from civictalent.jdlibrary.documents import MAX_FILE_BYTES
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.pay import PayError, check_pound_range
from civictalent.jobs.richtext import html_to_text, sanitise_html

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "FileFormat",
    "ImportRejected",
    "ParsedFile",
    "ParsedRow",
    "example_file",
    "parse_vacancies",
]

FileFormat = Literal["csv", "json", "xml"]
FORMATS: tuple[FileFormat, ...] = ("csv", "json", "xml")
LONDON = ZoneInfo("Europe/London")

# Uploads share the platform's upload limit; feeds are stopped sooner (see import_services).
MAX_IMPORT_BYTES = MAX_FILE_BYTES
MAX_ROWS = 5000

# Every column of the schema, in the order of the CSV template.
COLUMNS = (
    "reference",
    "title",
    "summary",
    "description",
    "pay",
    "salary_min",
    "salary_max",
    "hours",
    "contract",
    "working_pattern",
    "workplace",
    "hybrid_pattern",
    "location",
    "postcode",
    "closing_date",
    "apply_url",
    "contact_name",
    "contact_email",
    "role_level",
)
REQUIRED_COLUMNS = ("reference", "title", "closing_date")
# Other names councils' systems use for a column; matched after lower-casing and turning spaces
# and hyphens into underscores.
ALIASES = {
    "ref": "reference",
    "external_reference": "reference",
    "job_reference": "reference",
    "id": "reference",
    "job_title": "title",
    "salary": "pay",
    "pay_text": "pay",
    "grade": "pay",
    "min_salary": "salary_min",
    "max_salary": "salary_max",
    "hours_per_week": "hours",
    "contract_type": "contract",
    "closes_at": "closing_date",
    "closing_date_time": "closing_date",
    "closing": "closing_date",
    "apply_link": "apply_url",
    "url": "apply_url",
    "role_level_slug": "role_level",
}

LIMITS = {
    "reference": 120,
    "title": 200,
    "summary": 600,
    "description": 50_000,
    "pay": 300,
    "hybrid_pattern": 200,
    "location": 200,
    "postcode": 10,
    "apply_url": 500,
    "contact_name": 120,
    "contact_email": 254,
    "role_level": 150,
}

CONTRACTS = {
    "permanent": "permanent",
    "perm": "permanent",
    "fixed term": "fixed term",
    "fixed term contract": "fixed term",
    "ftc": "fixed term",
    "temporary": "fixed term",
    "temp": "fixed term",
    "secondment": "secondment",
    "secondment or fixed term": "secondment",
    "apprenticeship": "apprenticeship",
    "apprentice": "apprenticeship",
    "interim": "interim",
    "contract": "interim",
    "contractor": "interim",
    "locum": "interim",
    "agency": "interim",
}
PATTERNS = {
    "full time": "full_time",
    "fulltime": "full_time",
    "ft": "full_time",
    "part time": "part_time",
    "parttime": "part_time",
    "pt": "part_time",
    "job share": "job_share",
    "jobshare": "job_share",
    "flexible": "flexible",
    "compressed": "flexible",
    "compressed hours": "flexible",
    "flexible or compressed hours": "flexible",
}
WORKPLACES = {
    "on site": "on_site",
    "onsite": "on_site",
    "office": "on_site",
    "office based": "on_site",
    "hybrid": "hybrid",
    "remote": "remote",
    "home based": "remote",
    "fully remote": "remote",
}
MAX_HOURS = Decimal("80")
SUMMARY_FROM_DESCRIPTION = 300

UNSAFE_XML = (
    "This XML file declares a DTD or entities (a <!DOCTYPE> or <!ENTITY> line). We refuse "
    "them because they can be used to attack the server (external entities or a 'billion "
    "laughs' expansion). Remove the <!DOCTYPE ...> part and send plain "
    "<vacancies><vacancy>...</vacancy></vacancies>."
)
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# Local part "@" domain with a dot inside it. Two patterns, not one: in
# "[^@\s<>]+\.[^@\s<>]+$" both runs can hold the dot, which is quadratic on a long domain.
EMAIL_PART = re.compile(r"[^@\s<>]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ImportRejected(Exception):  # noqa: N818 - reads as what happened to the file
    """A file we will not import at all, with a message for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParsedRow:
    """One vacancy of the file: its fields, or why it cannot be imported.

    ``number`` is the spreadsheet row for CSV (the header is row 1) and the vacancy's position
    (from 1) for JSON and XML. ``role_level`` is a framework slug the service looks up.
    """

    number: int
    reference: str
    title: str
    fields: VacancyFields | None
    role_level: str = ""
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors and self.fields is not None


@dataclass(frozen=True)
class ParsedFile:
    file_format: FileFormat
    rows: tuple[ParsedRow, ...]
    ignored_columns: tuple[str, ...] = ()
    # Every reference the file lists, also those of rows with errors: a full file withdraws
    # only what it does not mention.
    references: frozenset[str] = field(default_factory=frozenset)


def parse_vacancies(data: bytes, file_format: str) -> ParsedFile:
    """Parse a whole file. Raises ImportRejected for problems with the file as a whole."""
    if file_format not in FORMATS:
        raise ImportRejected(
            f"We cannot read {file_format or 'this'} files. Send CSV, JSON or XML."
        )
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(
            f"This file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{MAX_IMPORT_BYTES // 1_048_576} MB. Split it into smaller files."
        )
    if not data.strip():
        raise ImportRejected("This file is empty. Check you chose the right file.")
    if file_format == "csv":
        records, ignored = _csv_records(data)
    elif file_format == "json":
        records, ignored = _json_records(data)
    else:
        records, ignored = _xml_records(data)
    if len(records) > MAX_ROWS:
        raise ImportRejected(
            f"This file lists {len(records):,} vacancies; the limit is {MAX_ROWS:,} in one file."
        )
    rows = []
    first_row_of: dict[str, int] = {}
    for number, record in records:
        row = _parse_row(number, record)
        if row.reference:
            first = first_row_of.setdefault(row.reference, number)
            if first != number:
                row = ParsedRow(
                    number=number,
                    reference=row.reference,
                    title=row.title,
                    fields=None,
                    errors=(
                        f"The reference {row.reference} is used again: it first appears in "
                        f"{_where(file_format)} {first}. Each vacancy needs its own reference.",
                    ),
                )
        rows.append(row)
    return ParsedFile(
        file_format=file_format,  # type: ignore[arg-type]
        rows=tuple(rows),
        ignored_columns=tuple(ignored),
        references=frozenset(first_row_of),
    )


def _where(file_format: str) -> str:
    return "row" if file_format == "csv" else "vacancy"


# --------------------------------------------------------------------------------------------
# Formats: each gives (number, {column: text}) pairs and the columns it ignored.

Records = list[tuple[int, dict[str, str]]]


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return ALIASES.get(key, key)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ImportRejected(
            "This is not a text file (it may be an Excel workbook). Save it as "
            "'CSV UTF-8 (Comma delimited)' and upload the .csv file."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRejected(
            "We could not read the characters in this file. Save it as "
            "'CSV UTF-8 (Comma delimited)' and upload it again."
        ) from None


def _csv_records(data: bytes) -> tuple[Records, list[str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        lines = list(reader)
    except csv.Error as error:
        raise ImportRejected(
            f"This CSV file is not well formed ({error}). Check for a stray quote mark, or "
            "save it again from your spreadsheet as CSV."
        ) from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ImportRejected("This CSV file has no header row. Start from the CSV template.")
    header = [_column(cell) for cell in lines[0]]
    _require_columns(header)
    ignored = sorted({name for name in header if name and name not in COLUMNS})
    records: Records = []
    for index, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        record: dict[str, str] = {}
        for name, cell in zip(header, cells, strict=False):
            if name in COLUMNS and cell.strip():
                record[name] = cell
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            record["__extra__"] = "yes"
        records.append((index, record))
    if not records:
        raise ImportRejected("This CSV file has a header row but no vacancies under it.")
    return records, ignored


def _require_columns(names: Iterable[str]) -> None:
    missing = [name for name in REQUIRED_COLUMNS if name not in set(names)]
    if missing:
        raise ImportRejected(
            "This file has no "
            + ", ".join(missing)
            + f" column{'s' if len(missing) > 1 else ''}. Every file needs reference, title and "
            "closing_date: start from the template."
        )


def _json_records(data: bytes) -> tuple[Records, list[str]]:
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ImportRejected(
            f"This is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}). "
            "Check it with a JSON validator, or start from the example file."
        ) from None
    except RecursionError:
        raise ImportRejected("This JSON is nested too deeply to be a list of vacancies.") from None
    except ValueError:
        # json.loads refuses a number of thousands of digits with a plain ValueError.
        raise ImportRejected(
            "This JSON has a number thousands of digits long, which cannot be a vacancy's "
            "figure. Check the file, or start from the example file."
        ) from None
    if isinstance(document, dict) and "vacancies" in document:
        document = document["vacancies"]
    if not isinstance(document, list):
        raise ImportRejected(
            'The JSON must be a list of vacancies, or an object with a "vacancies" list.'
        )
    records: Records = []
    ignored: set[str] = set()
    for index, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            records.append((index, {"__not_object__": type(item).__name__}))
            continue
        record: dict[str, str] = {}
        for key, value in item.items():
            name = _column(str(key))
            if name not in COLUMNS:
                ignored.add(str(key))
                continue
            if value is None:
                continue
            if isinstance(value, bool | dict | list):
                record[f"__bad__{name}"] = type(value).__name__
                continue
            text = str(value)
            if text.strip():
                record[name] = text
        records.append((index, record))
    if not records:
        raise ImportRejected("This JSON lists no vacancies.")
    return records, sorted(ignored)


def _xml_records(data: bytes) -> tuple[Records, list[str]]:
    try:
        root: Element = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise ImportRejected(UNSAFE_XML) from None
    except ParseError as error:
        line = getattr(error, "position", (None, None))[0]
        where = f" (line {line})" if line else ""
        raise ImportRejected(
            f"This is not well-formed XML{where}. Check every tag is closed and that & is "
            "written &amp;, or start from the example file."
        ) from None
    if _local(root.tag) != "vacancies":
        raise ImportRejected(
            f"The XML must start with <vacancies>, not <{_local(root.tag)}>. Each vacancy goes in "
            "its own <vacancy> element inside it."
        )
    records: Records = []
    ignored: set[str] = set()
    number = 0
    for element in root:
        if _local(element.tag) != "vacancy":
            ignored.add(_local(element.tag))
            continue
        number += 1
        record: dict[str, str] = {}
        if element.get("reference"):
            record["reference"] = element.get("reference", "")
        for child in element:
            name = _column(_local(child.tag))
            if name not in COLUMNS:
                ignored.add(_local(child.tag))
                continue
            text = _inner_xml(child) if name == "description" else "".join(child.itertext())
            if text.strip():
                record[name] = text
        records.append((number, record))
    if not records:
        raise ImportRejected("This XML has no <vacancy> elements inside <vacancies>.")
    return records, sorted(ignored)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inner_xml(element: Element) -> str:
    """A description written as XHTML inside the element keeps its tags."""
    parts = [element.text or ""]
    for child in element:
        parts.append(tostring(child, encoding="unicode"))
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# One row


def _parse_row(number: int, record: Mapping[str, str]) -> ParsedRow:
    errors: list[str] = []
    if "__not_object__" in record:
        return ParsedRow(
            number=number,
            reference="",
            title="",
            fields=None,
            errors=(
                "Each vacancy must be an object with named fields, not a "
                f"{record['__not_object__']}.",
            ),
        )
    for key, kind in record.items():
        if key.startswith("__bad__"):
            errors.append(f"{key.removeprefix('__bad__')} must be text or a number, not a {kind}.")
    if "__extra__" in record:
        errors.append("This row has more cells than the header row has columns.")

    def text(name: str) -> str:
        value = " ".join(record.get(name, "").split())
        limit = LIMITS.get(name)
        if limit and len(value) > limit:
            errors.append(f"{name} is {len(value)} characters long; the limit is {limit}.")
            return value[:limit]
        return value

    reference = text("reference")
    title = text("title")
    if not reference:
        errors.append("reference is missing: give the council's own reference for the vacancy.")
    if not title:
        errors.append("title is missing: every vacancy needs a job title.")

    description = record.get("description", "").strip()
    if len(description) > LIMITS["description"]:
        errors.append(
            f"description is {len(description):,} characters long; the limit is "
            f"{LIMITS['description']:,}."
        )
    summary = _plain(text("summary"))
    if not summary and description:
        summary = _summary_from(description)

    pay_text = text("pay")
    annual_min = _pounds(record.get("salary_min", ""), "salary_min", errors)
    annual_max = _pounds(record.get("salary_max", ""), "salary_max", errors)
    if not _errors_about(errors, "salary_"):
        _check_pay(annual_min, annual_max, errors)
    if not pay_text and annual_min is None and not _errors_about(errors, "salary_"):
        errors.append(
            "Pay is missing: give salary_min and salary_max in pounds a year, or pay as text "
            "like '£40,000 - £45,000' or a grade like PO4."
        )

    fields = VacancyFields(
        title=title,
        summary=summary,
        description=description,
        pay_text=pay_text,
        annual_min=annual_min,
        annual_max=annual_max,
        hours_per_week=_hours(record.get("hours", ""), errors),
        contract=_choice(text("contract"), CONTRACTS, "contract", errors),
        working_pattern=_choice(text("working_pattern"), PATTERNS, "working_pattern", errors),
        workplace=_choice(text("workplace"), WORKPLACES, "workplace", errors),
        hybrid_pattern=text("hybrid_pattern"),
        location=text("location"),
        postcode=_postcode(text("postcode"), errors),
        closes_at=_closing(record.get("closing_date", "").strip(), errors),
        apply_url=_https_url(text("apply_url"), errors),
        contact_name=text("contact_name"),
        contact_email=_email(text("contact_email"), errors),
    )
    return ParsedRow(
        number=number,
        reference=reference,
        title=title,
        fields=None if errors else fields,
        role_level=text("role_level").lower(),
        errors=tuple(errors),
    )


def _errors_about(errors: list[str], prefix: str) -> bool:
    return any(error.startswith(prefix) for error in errors)


def _plain(value: str) -> str:
    if "<" not in value:
        return value
    return " ".join(html_to_text(sanitise_html(value)).split())


def _summary_from(description: str) -> str:
    """The description's first words, cut at a word, for a feed that sends no summary."""
    text = html_to_text(sanitise_html(description))
    first = next((line for line in text.splitlines() if line.strip()), "")
    if len(first) <= SUMMARY_FROM_DESCRIPTION:
        return first
    cut = first[:SUMMARY_FROM_DESCRIPTION].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _pounds(value: str, name: str, errors: list[str]) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    cleaned = value.replace(" ", "")
    if cleaned.lower().endswith("k"):
        cleaned, multiplier = cleaned[:-1], Decimal(1000)
    else:
        multiplier = Decimal(1)
    try:
        amount = pounds_from_text(cleaned)
    except ValueError:
        amount = None
    if amount is None or amount < 0:
        errors.append(
            f"{name} '{value[:40]}' is not an amount of money: write pounds a year, like 40000."
        )
        return None
    return amount * multiplier


def _check_pay(annual_min: Decimal | None, annual_max: Decimal | None, errors: list[str]) -> None:
    try:
        check_pound_range(annual_min, annual_max)
    except PayError as problem:
        column = {"annual_min": "salary_min", "annual_max": "salary_max"}.get(problem.field, "pay")
        errors.append(f"{column}: {problem.message}")


def _hours(value: str, errors: list[str]) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    match = NUMBER.search(value)
    if match is None:
        errors.append(f"hours '{value[:40]}' is not a number of hours a week, like 36.")
        return None
    hours = Decimal(match.group()).quantize(Decimal("0.1"))
    if hours <= 0 or hours > MAX_HOURS:
        errors.append(f"hours {hours} is not a working week: give hours a week, up to 80.")
        return None
    return hours


def _choice(value: str, choices: Mapping[str, str], name: str, errors: list[str]) -> str:
    if not value:
        return ""
    key = " ".join(re.sub(r"[-_/]+", " ", value.lower()).split())
    chosen = choices.get(key)
    if chosen is None:
        accepted = sorted(set(choices.values()))
        errors.append(
            f"{name} '{value[:40]}' is not one we know. Use one of: "
            + ", ".join(a.replace("_", " ") for a in accepted)
            + "."
        )
        return ""
    return chosen


def _postcode(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    compact = "".join(value.upper().split())
    if OUTWARD_CODE.match(compact):
        return compact
    if not POSTCODE.match(compact):
        errors.append(f"postcode '{value[:20]}' is not a UK postcode, like E8 1DY.")
        return ""
    return f"{compact[:-3]} {compact[-3:]}"


def _closing(value: str, errors: list[str]) -> datetime.datetime | None:
    if not value:
        errors.append("closing_date is missing: give the date (and time) applications close.")
        return None
    if DATE_ONLY.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            errors.append(f"closing_date '{value}' is not a real date.")
            return None
        return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=LONDON)
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        errors.append(
            f"closing_date '{value[:40]}' is not an ISO 8601 date: write it like 2025-10-31 or "
            "2025-10-31T17:00."
        )
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def _https_url(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme.lower() != "https" or not parts.netloc or " " in value:
        errors.append(
            f"apply_url '{value[:60]}' must be a full https:// link to the council's "
            "recruitment system."
        )
        return ""
    return value


def _email(value: str, errors: list[str]) -> str:
    if not value:
        return ""
    local, _, domain = value.partition("@")
    if not (EMAIL_PART.fullmatch(local) and EMAIL_PART.fullmatch(domain) and "." in domain[1:-1]):
        errors.append(f"contact_email '{value[:60]}' is not an email address.")
        return ""
    return value


# --------------------------------------------------------------------------------------------
# Templates and examples


EXAMPLE: dict[str, Any] = {
    "reference": "HR-2025-0142",
    "title": "Senior data analyst",
    "summary": "Help Hackney's services use data to decide what to do next.",
    "description": "<p>You will lead analysis for housing and social care.</p>"
    "<ul><li>Build dashboards</li><li>Coach colleagues</li></ul>",
    "pay": "£48,000 - £52,000 per annum including London weighting",
    "salary_min": 48000,
    "salary_max": 52000,
    "hours": 36,
    "contract": "permanent",
    "working_pattern": "full time",
    "workplace": "hybrid",
    "hybrid_pattern": "Two days a week at the Town Hall",
    "location": "Hackney Town Hall",
    "postcode": "E8 1EA",
    "closing_date": "2030-10-31",
    "apply_url": "https://jobs.example.gov.uk/vacancies/HR-2025-0142",
    "contact_name": "Sam Patel",
    "contact_email": "sam.patel@example.gov.uk",
    "role_level": "senior-data-analyst",
}


def example_file(file_format: str) -> str:
    """The CSV template (header and one example row), or an example JSON or XML file."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerow([EXAMPLE[name] for name in COLUMNS])
        return buffer.getvalue()
    if file_format == "json":
        return json.dumps({"vacancies": [EXAMPLE]}, ensure_ascii=False, indent=2) + "\n"
    if file_format == "xml":
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<vacancies>", "  <vacancy>"]
        for name in COLUMNS:
            value = str(EXAMPLE[name])
            escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            lines.append(f"    <{name}>{escaped}</{name}>")
        lines += ["  </vacancy>", "</vacancies>", ""]
        return "\n".join(lines)
    raise ValueError(f"no example for {file_format!r}")
