"""civictalent check-jd FILE|- [--json]: score a job advert and list the findings."""

from __future__ import annotations

import json as json_module
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from civictalent.documents import DocumentRejected, read_file
from civictalent.healthcheck.engine import CheckTooSlow, DocumentFacts, Report, check
from civictalent.healthcheck.services import read_for_check


class Command(BaseCommand):
    help = (
        "Check a job advert (.docx, .odt, .pdf, .txt, .md, or - for text on standard input) and "
        "print its score, category scores and findings."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The advert file, or - to read text from standard input")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args: Any, file: str, json: bool, **options: Any) -> None:
        text, facts = _read(file)
        try:
            report = check(text, facts)
        except CheckTooSlow as error:
            raise CommandError(error.message) from None
        if json:
            self.stdout.write(json_module.dumps(report.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(_summary(report))


def _read(file: str) -> tuple[str, DocumentFacts | None]:
    if file == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            raise CommandError("Standard input is not UTF-8 text.") from None
    try:
        read = read_for_check(read_file(Path(file)), file)
    except DocumentRejected as error:
        raise CommandError(error.message) from None
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
    return read.text, read.facts


def _summary(report: Report) -> str:
    lines = [f"Score: {report.score} out of 100", ""]
    lines += [
        f"  {c.label:<22} {c.score:>3}  ({c.findings} findings)" for c in report.categories.values()
    ]
    lines += ["", *report.caps] if report.caps else []
    for number, finding in enumerate(report.findings, start=1):
        where = f' "{finding.excerpt}"' if finding.excerpt else ""
        lines += [
            "",
            f"{number}. [{finding.severity}] {finding.rule}{where}",
            f"   {finding.message}",
            f"   Suggestion: {finding.suggestion}",
        ]
    return "\n".join(lines) + "\n"
