"""civictalent backup PATH [--force] [--json]: a consistent copy of the database in one file.

SQLite: the online backup API (safe while the platform runs). PostgreSQL: pg_dump's custom
format (pg_dump from PATH). See docs/operations.md, "Backup and restore".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civictalent.core.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the database to one file (SQLite online backup, or PostgreSQL pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The file to write, which must not exist yet.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the file if it already exists."
        )
        parser.add_argument("--json", action="store_true", help="Print what was written as JSON.")

    def handle(self, *args: Any, path: Path, force: bool, **options: Any) -> None:
        try:
            report = database_backup(path, overwrite=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
        else:
            self.stdout.write(report.summary(), ending="")
