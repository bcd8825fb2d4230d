"""civictalent import-maturity FILE.json: import a maturity model in the government Data Maturity
Assessment's JSON format (see docs/maturity-assessments.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from civictalent.maturity.maturity_format import (
    MAX_BYTES,
    FormatProblem,
    MaturityFormatError,
    parse_maturity_json,
)
from civictalent.maturity.maturity_services import maturity_model_import


class Command(BaseCommand):
    help = (
        "Import a maturity model from a JSON file in the government Data Maturity Assessment "
        "format. Importing the same file again changes nothing. A file with problems is refused "
        "as a whole, each problem with its line."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--slug", default=None, help="The model's slug (default: from title).")
        parser.add_argument(
            "--default", action="store_true", help="Make it the model new assessments use."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check it and save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        file: Path,
        slug: str | None,
        default: bool,
        dry_run: bool,
        json: bool,
        **options: Any,
    ) -> None:
        problems = _problems_before_reading(file)
        if not problems:
            try:
                parsed = parse_maturity_json(file.read_bytes())
            except MaturityFormatError as error:
                problems = error.problems
        if problems:
            self._refuse(problems, as_json=json)
        try:
            report = maturity_model_import(
                parsed=parsed, slug=slug, make_default=default, dry_run=dry_run
            )
        except ValidationError as error:
            self._refuse([FormatProblem(0, message) for message in error.messages], as_json=json)
        if json:
            self.stdout.write(_dumps(report.as_json()))
        else:
            self.stdout.write(report.summary())

    def _refuse(self, problems: list[FormatProblem], *, as_json: bool) -> NoReturn:
        if as_json:
            self.stdout.write(
                _dumps({"errors": [{"line": p.line, "message": p.message} for p in problems]})
            )
            raise CommandError("The file was not imported.", returncode=1)
        lines = [str(p) if p.line else p.message for p in problems]
        raise CommandError("\n".join([*lines, "Nothing was imported."]), returncode=1)


def _problems_before_reading(file: Path) -> list[FormatProblem]:
    if not file.is_file():
        return [FormatProblem(0, f"{file} is not a file.")]
    if file.stat().st_size > MAX_BYTES:
        return [FormatProblem(1, f"The file is larger than {MAX_BYTES // 1_000_000} MB.")]
    return []


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
