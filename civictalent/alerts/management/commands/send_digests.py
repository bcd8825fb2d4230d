"""civictalent send-digests --frequency weekly|daily [--dry-run]: email each confirmed alert the
new jobs that match its search, once per period. The scheduler runs it (alerts.tasks)."""

from __future__ import annotations

import json
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from civictalent.alerts.digests import digests_send
from civictalent.alerts.models import Frequency
from civictalent.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Send this period's job alert digests (weekly or daily), once per alert and period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            choices=Frequency.values,
            default=Frequency.WEEKLY,
            help="weekly or daily",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Match and count the emails that would be sent; write and send nothing.",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = digests_send(
            frequency=options["frequency"],
            dry_run=options["dry_run"],
            progress=ProgressBar("Digests", stream=cast(TextIO, self.stderr)),
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), default=str))
        else:
            self.stdout.write(report.summary())
