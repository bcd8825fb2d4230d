"""civictalent parse-salary "£29,750 - £42,500 per annum" [--json]; or one line per stdin line."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from civictalent.core.money import pence_from_pounds, pounds_text
from civictalent.salaries.parsing import parse_salary


class Command(BaseCommand):
    help = "Read pay text: every range, its period, basis and place, annualised full-time."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("texts", nargs="*", help="Pay text; none means one line per stdin line")
        parser.add_argument("--json", action="store_true", help="Print JSON (one object per line)")

    def handle(self, *args: Any, texts: list[str], json: bool, **options: Any) -> None:
        from_stdin = not texts
        lines = [line.rstrip("\n") for line in sys.stdin] if from_stdin else texts
        for text in lines:
            result = parse_salary(text)
            if json:
                payload = result.to_dict()
                if from_stdin or len(lines) > 1:
                    payload = {"text": text, **payload}
                self.stdout.write(_dumps(payload))
                continue
            if not result.ranges:
                self.stdout.write(f"{text!r}: {result.reason}")
                continue
            for pay in result.ranges:
                annual = (
                    f"{pounds_text(pence_from_pounds(pay.annual_min))} to "
                    f"{pounds_text(pence_from_pounds(pay.annual_max))} a year full-time"
                    if pay.annual_min is not None and pay.annual_max is not None
                    else "no annual figure"
                )
                flags = f" [{', '.join(pay.flags)}]" if pay.flags else ""
                self.stdout.write(
                    f"{pay.excerpt!r}: {pay.basis}, per {pay.period}: {annual}{flags}"
                )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
