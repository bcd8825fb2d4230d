"""Downloads of a benchmark: CSV and Excel for analysts, a Word investment case for leaders.

Every export carries the sample sizes and says which cells are hidden and why; hidden cells
carry no figures, exactly as on the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils import timezone

from civictalent.core.money import pounds_text, whole_pounds
from civictalent.core.spreadsheets import spreadsheet_text
from civictalent.salaries.selectors import PERIODS, STAT_KEYS, Benchmark, BenchmarkRow

MEASURES = (("min", "Bottom of range"), ("mid", "Middle of range"), ("max", "Top of range"))
METHOD = (
    "Each salary is the annual full-time range a council advertised for the role (in job "
    "descriptions and vacancies on Civic Talent), with London weighting included where the "
    "advert gave it. Percentiles use linear interpolation between ranks. To protect councils "
    "and people, a figure is hidden when fewer than 5 salaries are behind it, or when one "
    "council supplies more than half of them; the number of salaries is always shown."
)


def _whole_pounds_cell(pence: int | None) -> str:
    """Whole pounds by the one money rule, as the page shows them; empty for a hidden figure."""
    return "" if pence is None else str(whole_pounds(pence))


def header() -> list[str]:
    columns = ["area", "salaries", "councils", "hidden because"]
    for measure, _ in MEASURES:
        columns += [f"{measure} {key}" for key in STAT_KEYS]
    return columns


def table_rows(benchmark: Benchmark) -> Iterator[list[str]]:
    for row in benchmark.rows:
        cells = [row.label, str(row.count), str(row.councils), row.suppressed_reason]
        for measure, _ in MEASURES:
            values = row.stats.get(measure, {})
            cells += [_whole_pounds_cell(values.get(key)) for key in STAT_KEYS]
        yield cells


def as_csv(benchmark: Benchmark) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"Salary benchmark: {benchmark.name} ({PERIODS[benchmark.period]}), £ a year"])
    writer.writerow(header())
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in table_rows(benchmark))
    writer.writerow([])
    writer.writerow([METHOD])
    return buffer.getvalue()


def as_xlsx(benchmark: Benchmark) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Benchmark"
    sheet.append([f"Salary benchmark: {benchmark.name} ({PERIODS[benchmark.period]}), £ a year"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table_rows(benchmark):
        sheet.append([int(value) if value.isdigit() else spreadsheet_text(value) for value in row])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["D"].width = 40
    method = workbook.create_sheet("Method")
    method.append(["How these figures are made"])
    method.append([METHOD])
    method.append([f"Produced by Civic Talent on {timezone.localdate():%-d %B %Y}."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pounds_or_hidden(pence: int | None) -> str:
    return "hidden" if pence is None else pounds_text(pence)


def as_docx(benchmark: Benchmark, *, summary: str, chart_png: bytes | None) -> bytes:
    """An investment case a council's leadership can read: summary, chart, figures, method."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.core_properties.title = f"Salary evidence: {benchmark.name}"
    document.add_heading(f"Salary evidence: {benchmark.name}", level=0)
    document.add_paragraph(
        f"{benchmark.context}. Advertised salaries in London, {PERIODS[benchmark.period].lower()}. "
        f"Prepared with Civic Talent on {timezone.localdate():%-d %B %Y}."
    )
    document.add_heading("Summary", level=1)
    document.add_paragraph(summary)
    if chart_png:
        document.add_heading("Chart", level=1)
        document.add_picture(io.BytesIO(chart_png), width=Cm(16))
        document.add_paragraph(
            "The bar shows the middle half of salaries (25th to 75th percentile), the line the "
            "10th to 90th percentile, and the mark the median: the middle of each advertised range."
        )
    document.add_heading("Figures", level=1)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["Area", "Salaries (councils)", "25th percentile", "Median", "75th percentile", "Note"],
        strict=True,
    ):
        cell.text = text
    for row in benchmark.rows:
        mid = row.stats.get("mid", {})
        cells = table.add_row().cells
        cells[0].text = row.label
        cells[1].text = f"{row.count} ({row.councils})"
        cells[2].text = _pounds_or_hidden(mid.get("p25"))
        cells[3].text = _pounds_or_hidden(mid.get("p50"))
        cells[4].text = _pounds_or_hidden(mid.get("p75"))
        cells[5].text = row.suppressed_reason
    document.add_heading("Method", level=1)
    document.add_paragraph(METHOD)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def chart_row_values(row: BenchmarkRow) -> dict[str, int | None]:
    mid = row.stats.get("mid", {})
    return {key: mid.get(key) for key in STAT_KEYS}
