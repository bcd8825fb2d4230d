"""civictalent map-title "Senior BI Analyst (PO4)" [--json] [--text FILE]"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from civictalent.framework.mapping import default_title_mapper


class Command(BaseCommand):
    help = "Map a job title to a framework family, role and role level, with a confidence."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "titles", nargs="*", help="Job titles; none means one per line on stdin"
        )
        parser.add_argument("--text", type=Path, help="A file with the job description text")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(
        self, *args: Any, titles: list[str], text: Path | None, json: bool, **options: Any
    ) -> None:
        mapper = default_title_mapper()
        if mapper is None:
            raise CommandError("There is no framework yet: run migrate (or import-ddat) first.")
        context = ""
        if text is not None:
            try:
                context = text.read_text(encoding="utf-8", errors="replace")
            except OSError as error:
                raise CommandError(f"Cannot read {text}: {error.strerror}.") from None
        from_stdin = not titles
        lines = [line.strip() for line in sys.stdin] if from_stdin else titles
        for title in (line for line in lines if line):
            match = mapper.map(title, context)
            if json:
                result = match.as_dict()
                self.stdout.write(
                    _dumps({"title": title, **result} if from_stdin or len(lines) > 1 else result)
                )
            elif match.role is None:
                self.stdout.write(f"{title}: no confident match ({match.reason})")
            else:
                self.stdout.write(
                    f"{title}: {match.role_level} ({match.role}, {match.family}), "
                    f"confidence {match.confidence:.2f}"
                )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
