"""civictalent import-vacancies --council SLUG FILE [--format csv|json|xml] [--lists-all] [--json]

Import a council's vacancies from a file in the vacancy import schema (see
docs/vacancy-import-schema.md) and print the per-row report. The command runs with the
platform's authority, like a feed a platform admin set up: valid rows are published directly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from civictalent.jobs.import_services import vacancies_import
from civictalent.jobs.imports import FORMATS, MAX_IMPORT_BYTES
from civictalent.jobs.models import ImportSource, VacancyImport
from civictalent.organisations.models import Organisation

SUFFIXES = {".csv": "csv", ".json": "json", ".xml": "xml"}


class Command(BaseCommand):
    help = (
        "Import a council's vacancies from a CSV, JSON or XML file in the vacancy import schema, "
        "matched by the council's own reference, and print what happened to each row."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="The file of vacancies")
        parser.add_argument("--council", required=True, help="The council's slug, like hackney")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=FORMATS,
            help="The file's format (by default, from its name: .csv, .json or .xml)",
        )
        parser.add_argument(
            "--lists-all",
            action="store_true",
            help="The file lists all the council's open vacancies: close imported ones it omits",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(
        self,
        *args: Any,
        file: Path,
        council: str,
        file_format: str | None,
        lists_all: bool,
        json: bool,
        **options: Any,
    ) -> None:
        organisation = Organisation.objects.filter(slug=council).first()
        if organisation is None:
            raise CommandError(
                f"There is no council with the slug {council!r}. The slugs are on the "
                "organisations page, like hackney or tower-hamlets."
            )
        file_format = file_format or SUFFIXES.get(file.suffix.lower())
        if file_format is None:
            raise CommandError(
                f"Cannot tell the format of {file.name}: name it .csv, .json or .xml, or give "
                "--format."
            )
        data = _read(file)
        try:
            report = vacancies_import(
                organisation=organisation,
                data=data,
                file_format=file_format,
                source=ImportSource.UPLOAD,
                filename=file.name,
                lists_all=lists_all,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        payload = report_as_dict(report, lists_all=lists_all)
        if json:
            self.stdout.write(_dumps(payload))
            return
        self.stdout.write(_summary(payload))


def _read(file: Path) -> bytes:
    """The file's bytes, refused by its size before it is read."""
    try:
        size = file.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise CommandError(
                f"{file.name} is {size / 1_048_576:.1f} MB; the limit is "
                f"{MAX_IMPORT_BYTES // 1_048_576} MB. Split it into smaller files."
            )
        return file.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None


def report_as_dict(report: VacancyImport, *, lists_all: bool) -> dict[str, Any]:
    """The documented JSON shape of ``--json`` (see docs/vacancy-import-schema.md)."""
    return {
        "import": report.pk,
        "council": report.organisation.slug,
        "file": report.filename,
        "format": report.file_format,
        "lists_all": lists_all,
        "counts": {
            "created": report.created_count,
            "updated": report.updated_count,
            "unchanged": report.unchanged_count,
            "closed": report.closed_count,
            "errors": report.error_count,
        },
        "rows": [
            {
                "row": entry.get("row"),
                "reference": entry.get("reference", ""),
                "title": entry.get("title", ""),
                "outcome": entry.get("outcome", ""),
                "status": entry.get("status"),
                "vacancy": entry.get("vacancy"),
                "messages": entry.get("messages", []),
            }
            for entry in report.rows
        ],
    }


def _summary(payload: dict[str, Any]) -> str:
    counts = payload["counts"]
    lines = [
        f"{payload['file']} ({payload['format']}) for {payload['council']}: "
        f"{counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['closed']} closed, {counts['errors']} errors."
    ]
    for entry in payload["rows"]:
        if entry["outcome"] not in ("error", "note", "closed"):
            continue
        where = f"Row {entry['row']}" if entry["row"] is not None else "Not in the file"
        reference = f" ({entry['reference']})" if entry["reference"] else ""
        label = {"error": "Error", "note": "Note", "closed": "Closed"}[entry["outcome"]]
        lines.append(f"{label}: {where}{reference}: {' '.join(entry['messages'])}")
    return "\n".join(lines)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
