"""civictalent import-jds --council SLUG --as EMAIL (FOLDER | --csv FILE) [--json]: import a
council's job descriptions as drafts, reporting each file; a rerun skips what is already in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from civictalent.accounts.models import User
from civictalent.core.progress import ProgressBar
from civictalent.jdlibrary.bulk import CSV_COLUMNS, BulkImportError, bulk_import
from civictalent.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import job descriptions as drafts for a council: every .docx, .odt, .pdf, .txt and .md "
        f"file in a folder (and its subfolders), or a CSV with the columns {','.join(CSV_COLUMNS)}"
        " (one job description a row). Files already imported for the council are skipped, so "
        "it is safe to run again. Exits with status 1 if any file was refused."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", nargs="?", type=Path, help="A folder (or one file)")
        parser.add_argument(
            "--csv", type=Path, dest="csv_file", metavar="FILE", help="A CSV file instead"
        )
        parser.add_argument("--council", required=True, help="The council's slug, e.g. hackney")
        parser.add_argument(
            "--as",
            required=True,
            dest="as_email",
            metavar="EMAIL",
            help="The editor the drafts are created by",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        folder: Path | None,
        csv_file: Path | None,
        council: str,
        as_email: str,
        json: bool,
        **options: Any,
    ) -> None:
        if (folder is None) == (csv_file is None):
            raise CommandError("Give a folder to import, or --csv FILE (not both).")
        organisation = Organisation.objects.filter(slug=council).first()
        if organisation is None:
            raise CommandError(
                f"There is no council with the slug {council!r}. The slug is the last part of "
                "its address on the site, e.g. hackney."
            )
        author = User.objects.filter(email__iexact=as_email.strip()).first()
        if author is None:
            raise CommandError(f"There is no account for {as_email}. Give an editor's email.")
        if folder is not None and not folder.exists():
            raise CommandError(f"{folder} does not exist.")
        if csv_file is not None and not csv_file.is_file():
            raise CommandError(f"{csv_file} is not a file.")
        try:
            report = bulk_import(
                organisation=organisation,
                author=author,
                paths=[folder] if folder is not None else None,
                csv_path=csv_file,
                progress=None
                if json
                else ProgressBar("Importing", stream=cast(TextIO, self.stderr)),
            )
        except BulkImportError as error:
            raise CommandError(error.message) from None
        if json:
            self.stdout.write(_dumps({"council": organisation.slug, **report.as_dict()}))
        else:
            for line in report.lines:
                self.stdout.write(f"  {line}")
            self.stdout.write(report.summary())
            if report.refused:
                self.stdout.write(
                    "Fix or convert the refused files and run the same command again: what is "
                    "already in is skipped."
                )
        if report.refused:
            raise CommandError(
                f"{report.refused} of {len(report.lines)} refused; the others were imported or "
                "already in.",
                returncode=1,
            )


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
