"""An assessment's results as a plain-language summary, a CSV for analysts and a Word document
for leaders. London figures appear only as on the page: aggregates of at least five other
councils, never a council."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils import timezone

from civictalent.core.spreadsheets import spreadsheet_text
from civictalent.jdlibrary.documents_out import LANGUAGE, _set_document_language
from civictalent.maturity.results_selectors import Change, ResultRow, Results
from civictalent.maturity.scoring import MIN_COUNCILS

METHOD = (
    "Each question's level is the one its contributors agreed on, or the council admin's "
    'settlement where they differed; questions answered only "not sure" are left out. A topic\'s '
    "or theme's score is the mean of its questions' levels, to two decimal places, and its level "
    "is the whole number the score has reached (2.9 has not yet reached level 3). The overall "
    "score is the mean of the topic scores, each topic counting the same. London figures are the "
    "lower quartile, median and upper quartile of the other councils' latest submitted "
    f"assessments with the same model, shown only when at least {MIN_COUNCILS} other councils "
    "have one, and never naming a council."
)


def number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def signed(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:+.2f}"
    return f"{value:+d}"


def change_text(change: Change | None) -> str:
    """The change since the previous assessment, in words."""
    if change is None:
        return "First assessment"
    if change.score_delta is None:
        return "No score to compare"
    if change.score_delta == 0:
        words = "No change in score"
    else:
        verb = "Up" if change.score_delta > 0 else "Down"
        words = f"{verb} {abs(change.score_delta):.2f}"
    if change.level_delta:
        plural = "s" if abs(change.level_delta) > 1 else ""
        way = "higher" if change.level_delta > 0 else "lower"
        words += f", {abs(change.level_delta)} level{plural} {way}"
    return words


def level_text(row: ResultRow) -> str:
    if row.level is None:
        return "Not answered"
    return f"Level {row.level}: {row.level_name}" if row.level_name else f"Level {row.level}"


def summary(results: Results) -> list[str]:
    """A few sentences a leader can read: the overall level, against London, the change since
    last time, and the strongest and weakest topics."""
    council = results.assessment.organisation.short_name
    overall = results.overall
    named = f" ({overall.level_name})" if overall.level_name else ""
    sentences = [
        f"{council} is at level {overall.level}{named} overall, a score of "
        f"{number(overall.score)} out of 5 from {overall.answered} of {overall.questions} "
        "questions answered."
    ]
    if overall.london.shown:
        sentences.append(
            f"The median of {overall.london.councils} other London councils is "
            f"{number(overall.london.median)}, so {council} is {overall.against_london}."
        )
    else:
        sentences.append(f"No London comparison yet: {overall.london.hidden_reason.lower()}.")
    if results.previous is None:
        sentences.append("This is the council's first assessment with this model.")
    else:
        sentences.append(f"Since {results.previous.name}: {change_text(overall.change).lower()}.")
    scored = [row for row in results.topics if row.score is not None]
    if len(scored) > 1:
        best = max(scored, key=lambda row: (row.score, row.name))
        worst = min(scored, key=lambda row: (row.score, row.name))
        sentences.append(
            f"Strongest topic: {best.name} ({number(best.score)}); weakest: {worst.name} "
            f"({number(worst.score)})."
        )
    return sentences


HEADER = [
    "kind",
    "name",
    "score",
    "level",
    "level name",
    "questions answered",
    "questions",
    "London councils",
    "London lower quartile",
    "London median",
    "London upper quartile",
    "London hidden because",
    "previous score",
    "change in score",
    "change in level",
]


def _cells(kind: str, row: ResultRow) -> list[str]:
    change = row.change
    return [
        kind,
        row.name,
        number(row.score),
        "" if row.level is None else str(row.level),
        row.level_name,
        str(row.answered),
        str(row.questions),
        str(row.london.councils),
        number(row.london.p25),
        number(row.london.median),
        number(row.london.p75),
        row.london.hidden_reason,
        "" if change is None else number(change.previous_score),
        "first assessment" if change is None else signed(change.score_delta),
        "" if change is None else signed(change.level_delta),
    ]


def as_csv(results: Results) -> str:
    assessment = results.assessment
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            spreadsheet_text(
                f"Maturity results: {assessment.organisation.short_name}, {assessment.name} "
                f"({assessment.model.title})"
            )
        ]
    )
    writer.writerow(HEADER)
    rows = [_cells("overall", results.overall)]
    rows += [_cells("topic", row) for row in results.topics]
    rows += [_cells("theme", row) for row in results.themes]
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    writer.writerow([])
    writer.writerow([METHOD])
    return buffer.getvalue()


def _london_text(row: ResultRow) -> str:
    if not row.london.shown:
        return "Hidden"
    return f"{number(row.london.p25)} / {number(row.london.median)} / {number(row.london.p75)}"


def as_docx(results: Results) -> bytes:
    """Headings, the summary, a table per topics and themes, and how the figures are made."""
    from docx import Document

    assessment = results.assessment
    council = assessment.organisation
    title = f"Maturity results: {council.short_name}, {assessment.name}"
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.author = council.name
    properties.subject = "Maturity self-assessment results"
    _set_document_language(document, LANGUAGE)
    document.add_heading(title, level=0)
    submitted = timezone.localtime(assessment.submitted_at) if assessment.submitted_at else None
    document.add_paragraph(
        f"{council.name}'s self-assessment against {assessment.model.title}"
        + (f", submitted on {submitted:%-d %B %Y}" if submitted else "")
        + f". Prepared with Civic Talent on {timezone.localdate():%-d %B %Y}."
    )
    document.add_heading("Summary", level=1)
    for sentence in summary(results):
        document.add_paragraph(sentence, style="List Bullet")
    for heading, rows in (
        ("Topics", [results.overall, *results.topics]),
        ("Themes", results.themes),
    ):
        document.add_heading(heading, level=1)
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        labels = [
            heading[:-1],
            "Your level (score)",
            "London lower quartile / median / upper quartile",
            "Change since last",
            "Questions answered",
        ]
        for cell, text in zip(table.rows[0].cells, labels, strict=True):
            cell.text = text
        for row in rows:
            cells = table.add_row().cells
            cells[0].text = row.name
            cells[1].text = level_text(row) + (f" ({number(row.score)})" if row.score else "")
            cells[2].text = _london_text(row)
            cells[3].text = change_text(row.change)
            cells[4].text = f"{row.answered} of {row.questions}"
        hidden = {row.london.hidden_reason for row in rows if row.london.hidden_reason}
        for reason in sorted(hidden):
            document.add_paragraph(f"London figures hidden: {reason.lower()}.")
    document.add_heading("How these figures are made", level=1)
    document.add_paragraph(METHOD)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
