"""civictalent restore PATH [--yes] [--json]: replace everything in the database with a backup.

Asks first (or needs --yes), and checks the file is a backup of this database's kind. Stop the
web servers, worker and scheduler before restoring. See docs/operations.md, "Backup and restore".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civictalent.core.backup import BackupError, database_restore

CONFIRMATION = "restore"


class Command(BaseCommand):
    help = "Replace every record in the database with the contents of a backup file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A file written by `civictalent backup`.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask: replace the database's contents with the backup's.",
        )
        parser.add_argument("--json", action="store_true", help="Print what was restored as JSON.")

    def handle(self, *args: Any, path: Path, yes: bool, **options: Any) -> None:
        if not yes and not self._confirmed(path):
            raise CommandError(
                "Nothing restored. Restoring replaces every record in the database with the "
                "backup's; to go ahead, run again with --yes (or type 'restore' when asked)."
            )
        try:
            report = database_restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
        else:
            self.stdout.write(report.summary(), ending="")

    def _confirmed(self, path: Path) -> bool:
        if not sys.stdin.isatty():
            return False
        self.stderr.write(
            f"This replaces every record in the database with the contents of {path}.\n"
            f"Type '{CONFIRMATION}' to go ahead: ",
            ending="",
        )
        return input().strip().lower() == CONFIRMATION
