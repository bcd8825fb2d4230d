"""civictalent import-ddat ROLES.csv SKILLS.csv: import or refresh the official DDaT framework."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from civictalent.core.progress import ProgressBar
from civictalent.framework.ddat import DDaTFormatError
from civictalent.framework.services import framework_import_ddat


class Command(BaseCommand):
    help = (
        "Import the official DDaT capability framework download (roles.csv and skills.csv). "
        "Importing a newer file updates in place and reports what changed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("roles_csv", type=Path)
        parser.add_argument("skills_csv", type=Path)
        parser.add_argument("--framework-version", default="", help="e.g. 2025-06")
        parser.add_argument(
            "--not-default", action="store_true", help="Do not make it the default framework."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        roles_csv: Path,
        skills_csv: Path,
        framework_version: str,
        not_default: bool,
        json: bool,
        **options: Any,
    ) -> None:
        for path in (roles_csv, skills_csv):
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
        try:
            report = framework_import_ddat(
                roles_path=roles_csv,
                skills_path=skills_csv,
                version=framework_version,
                make_default=not not_default,
                progress=None
                if json
                else ProgressBar("Importing", stream=cast(TextIO, self.stderr)),
            )
        except DDaTFormatError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        if json:
            self.stdout.write(
                _json_dumps(
                    {
                        "changed": report.changed,
                        "counts": report.counts(),
                        "details": report.details,
                    }
                )
            )
            return
        for line in report.details[:50]:
            self.stdout.write(f"  {line}")
        if len(report.details) > 50:
            self.stdout.write(f"  ... and {len(report.details) - 50} more changes")
        counts = report.counts()
        summary = ", ".join(
            f"{name.replace('_', ' ')}: {sum(v for k, v in c.items() if k != 'retired')}"
            f" ({c['created']} new, {c['updated']} changed, {c['retired']} retired)"
            for name, c in counts.items()
        )
        self.stdout.write(("Imported. " if report.changed else "Already up to date. ") + summary)


def _json_dumps(value: object) -> str:
    return json.dumps(value, indent=2)
