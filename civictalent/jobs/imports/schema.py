"""The vacancy import schema: its formats, columns and the other names councils give them, the
accepted words for contracts, working patterns and workplaces, the limits, and what parsing a
file gives (or why a file is refused). docs/vacancy-import-schema.md describes it for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from civictalent.documents import MAX_FILE_BYTES
from civictalent.jobs.fields import VacancyFields

FileFormat = Literal["csv", "json", "xml"]
FORMATS: tuple[FileFormat, ...] = ("csv", "json", "xml")

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
