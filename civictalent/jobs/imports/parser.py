"""A whole file parsed: its records read, each row checked, references used twice refused."""

from __future__ import annotations

from collections.abc import Mapping

from civictalent.jobs.fields import VacancyFields

from . import checks
from .formats import read_records
from .schema import (
    CONTRACTS,
    FORMATS,
    LIMITS,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    PATTERNS,
    WORKPLACES,
    ImportRejected,
    ParsedFile,
    ParsedRow,
)


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
    records, ignored = read_records(data, file_format)
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
    summary = checks.plain(text("summary"))
    if not summary and description:
        summary = checks.summary_from(description)

    pay_text = text("pay")
    annual_min = checks.pounds(record.get("salary_min", ""), "salary_min", errors)
    annual_max = checks.pounds(record.get("salary_max", ""), "salary_max", errors)
    if not checks.errors_about(errors, "salary_"):
        checks.pay_range(annual_min, annual_max, errors)
    if not pay_text and annual_min is None and not checks.errors_about(errors, "salary_"):
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
        hours_per_week=checks.hours(record.get("hours", ""), errors),
        contract=checks.choice(text("contract"), CONTRACTS, "contract", errors),
        working_pattern=checks.choice(text("working_pattern"), PATTERNS, "working_pattern", errors),
        workplace=checks.choice(text("workplace"), WORKPLACES, "workplace", errors),
        hybrid_pattern=text("hybrid_pattern"),
        location=text("location"),
        postcode=checks.postcode(text("postcode"), errors),
        closes_at=checks.closing(record.get("closing_date", "").strip(), errors),
        apply_url=checks.https_url(text("apply_url"), errors),
        contact_name=text("contact_name"),
        contact_email=checks.email(text("contact_email"), errors),
    )
    return ParsedRow(
        number=number,
        reference=reference,
        title=title,
        fields=None if errors else fields,
        role_level=text("role_level").lower(),
        errors=tuple(errors),
    )
