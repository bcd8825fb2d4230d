"""civictalent ingest-jd FILE [--json]: read a job description file and print what we extract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from civictalent.documents import DocumentRejected, read_document, read_file
from civictalent.framework.titles import TitleMapper, catalogue_from_starter
from civictalent.jdlibrary.extraction import ExtractedJD, extract_document


class Command(BaseCommand):
    help = (
        "Read a job description (.docx, .odt, .pdf, .txt, .md) and print its title, grade, pay, "
        "sections, word count and framework mapping."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="The job description file")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args: Any, file: Path, json: bool, **options: Any) -> None:
        try:
            data = read_file(file)
        except DocumentRejected as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            document = read_document(data, file.name)
            extracted = extract_document(
                document, mapper=_title_mapper(), title_hint=_title_from_name(file.name)
            )
        except DocumentRejected as error:
            raise CommandError(error.message) from None
        if json:
            payload = {"file": file.name, "kind": document.kind, **extracted.to_dict()}
            self.stdout.write(_dumps(payload))
            return
        self.stdout.write(_summary(file.name, document.kind, extracted))


def _title_mapper() -> TitleMapper:
    """The default framework's mapper; the starter framework when there is no database yet."""
    try:
        from civictalent.framework.mapping import default_title_mapper

        mapper = default_title_mapper()
    except DatabaseError:
        mapper = None
    return mapper if mapper is not None else TitleMapper(catalogue_from_starter())


def _title_from_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    words = re.sub(r"[-_.]+", " ", stem).split()
    return " ".join(word for word in words if word.lower() not in ("generic", "jd", "final"))


def _summary(name: str, kind: str, extracted: ExtractedJD) -> str:
    lines = [f"{name} ({kind}, {extracted.word_count} words)", f"Title: {extracted.title}"]
    if extracted.grade:
        lines.append(f"Grade: {extracted.grade}")
    salary = extracted.salary or {}
    ranges = salary.get("ranges") or []
    if ranges:
        for pay in ranges:
            lines.append(
                f"Pay: {pay['currency']} {pay['minimum']} to {pay['maximum']} per {pay['period']}"
            )
    elif extracted.salary_text:
        lines.append(f"Pay text: {extracted.salary_text}")
    for label, value in (
        ("Contract", extracted.contract),
        ("Working pattern", extracted.working_pattern),
        ("Location", extracted.location),
        ("Closing date", extracted.closing_date),
    ):
        if value:
            lines.append(f"{label}: {value}")
    mapping = extracted.mapping
    if mapping and mapping.get("role"):
        lines.append(
            f"Framework: {mapping.get('role_level')} ({mapping['role']}, {mapping.get('family')}), "
            f"confidence {mapping['confidence']:.2f}"
        )
    else:
        lines.append("Framework: no confident match")
    lines.append(f"Sections ({len(extracted.sections)}):")
    for section in extracted.sections:
        heading = section.heading or "(no heading)"
        lines.append(f"  {section.kind:<21} {heading} ({section.word_count} words)")
    for warning in extracted.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
