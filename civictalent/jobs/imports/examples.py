"""Templates and examples of a vacancy file, in each format."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .schema import COLUMNS

EXAMPLE: dict[str, Any] = {
    "reference": "HR-2025-0142",
    "title": "Senior data analyst",
    "summary": "Help Hackney's services use data to decide what to do next.",
    "description": "<p>You will lead analysis for housing and social care.</p>"
    "<ul><li>Build dashboards</li><li>Coach colleagues</li></ul>",
    "pay": "£48,000 - £52,000 per annum including London weighting",
    "salary_min": 48000,
    "salary_max": 52000,
    "hours": 36,
    "contract": "permanent",
    "working_pattern": "full time",
    "workplace": "hybrid",
    "hybrid_pattern": "Two days a week at the Town Hall",
    "location": "Hackney Town Hall",
    "postcode": "E8 1EA",
    "closing_date": "2030-10-31",
    "apply_url": "https://jobs.example.gov.uk/vacancies/HR-2025-0142",
    "contact_name": "Sam Patel",
    "contact_email": "sam.patel@example.gov.uk",
    "role_level": "senior-data-analyst",
}


def example_file(file_format: str) -> str:
    """The CSV template (header and one example row), or an example JSON or XML file."""
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerow([EXAMPLE[name] for name in COLUMNS])
        return buffer.getvalue()
    if file_format == "json":
        return json.dumps({"vacancies": [EXAMPLE]}, ensure_ascii=False, indent=2) + "\n"
    if file_format == "xml":
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<vacancies>", "  <vacancy>"]
        for name in COLUMNS:
            value = str(EXAMPLE[name])
            escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            lines.append(f"    <{name}>{escaped}</{name}>")
        lines += ["  </vacancy>", "</vacancies>", ""]
        return "\n".join(lines)
    raise ValueError(f"no example for {file_format!r}")
