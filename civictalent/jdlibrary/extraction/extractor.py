"""The entry points: :func:`extract` finds a job description's structure in its text, within
``EXTRACT_SECONDS``; :func:`extract_document` does it for a read document."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from civictalent.core.budget import OutOfTime, time_budget
from civictalent.documents import DocumentRejected, count_words
from civictalent.jdlibrary.extraction.labels import find_labels
from civictalent.jdlibrary.extraction.model import ExtractedJD
from civictalent.jdlibrary.extraction.pay import choose_salary, find_grade, salary_lines
from civictalent.jdlibrary.extraction.sections import find_sections
from civictalent.jdlibrary.extraction.terms import (
    find_closing_date,
    find_contract,
    find_location,
    find_working_pattern,
)
from civictalent.jdlibrary.extraction.title import find_title, split_trailing_grade

if TYPE_CHECKING:
    from civictalent.documents import ReadDocument
    from civictalent.framework.titles import TitleMapper

# Finding the structure of a 100,000-character text takes a fraction of a second.
EXTRACT_SECONDS = 5.0
TOO_SLOW = (
    "We stopped reading the structure of this job description: it took longer than the "
    f"{EXTRACT_SECONDS:.0f} seconds we allow. Check it is one job description (not several, or "
    "long runs of repeated characters), or paste its main sections."
)


def extract(
    document_text: str,
    *,
    title_hint: str = "",
    front_matter: Mapping[str, str] | None = None,
    mapper: TitleMapper | None = None,
    headings: Mapping[str, int] | Iterable[str] | None = None,
) -> ExtractedJD:
    """Structure from a job description's text.

    ``headings`` are the lines the document marked as headings: a mapping to their level (1 is
    the most prominent, 0 unknown), as :class:`ReadDocument.heading_levels` gives, or just the
    texts. Without them, headings are recognised from the text alone.

    Raises :class:`DocumentRejected` when it takes longer than ``EXTRACT_SECONDS``.
    """
    try:
        with time_budget(EXTRACT_SECONDS):
            return _extract(document_text, title_hint, front_matter, mapper, headings)
    except OutOfTime:
        raise DocumentRejected(TOO_SLOW) from None


def _extract(
    document_text: str,
    title_hint: str,
    front_matter: Mapping[str, str] | None,
    mapper: TitleMapper | None,
    headings: Mapping[str, int] | Iterable[str] | None,
) -> ExtractedJD:
    text = document_text.replace("\r\n", "\n").replace("\r", "\n")
    matter = {str(key).lower(): str(value) for key, value in (front_matter or {}).items()}
    provided: dict[str, int]
    if headings is None:
        provided = {}
    elif isinstance(headings, Mapping):
        provided = {str(key).strip(): int(value) for key, value in headings.items()}
    else:
        provided = {str(item).strip(): 0 for item in headings}
    lines = text.split("\n")
    labels = find_labels(lines)
    warnings: list[str] = []

    title, title_line, title_source = find_title(lines, labels, provided, matter, title_hint)
    if title_source == "hint":
        warnings.append("We could not find the job title in the text; we used the file name.")
    elif title_source in ("first line", "none"):
        warnings.append("We could not find a labelled job title; check the title.")

    labelled, body = salary_lines(lines, labels)
    salary_text, salary, salary_grades = choose_salary(labelled, body, matter)
    title, grade_in_title = split_trailing_grade(title)
    grade = find_grade(labels, matter, salary_grades, title) or grade_in_title
    if salary is None or not salary["ranges"]:
        warnings.append("We found no pay figures; add the advertised salary.")
    else:
        currencies = {item["currency"] for item in salary["ranges"]}
        if currencies - {"GBP"}:
            warnings.append(
                "The pay is not in pounds (" + ", ".join(sorted(currencies)) + "); check it."
            )

    sections = find_sections(lines, provided, title_line)
    if not any(section.kind != "other" for section in sections):
        warnings.append(
            "We did not recognise any sections (purpose, duties, person specification...); "
            "check the headings."
        )
    mapping = mapper.map(title, text).as_dict() if mapper is not None and title else None
    return ExtractedJD(
        title=title,
        grade=grade,
        salary_text=salary_text,
        salary=salary,
        sections=sections,
        contract=find_contract(labels, text),
        working_pattern=find_working_pattern(labels, text),
        location=find_location(labels, matter),
        closing_date=find_closing_date(labels, matter, text),
        word_count=count_words(text),
        mapping=mapping,
        warnings=warnings,
    )


def extract_document(
    document: ReadDocument, *, mapper: TitleMapper | None = None, title_hint: str = ""
) -> ExtractedJD:
    """:func:`extract` over a read document, with its headings, front matter and warnings."""
    extracted = extract(
        document.text,
        title_hint=title_hint,
        front_matter=document.front_matter,
        mapper=mapper,
        headings=document.heading_levels,
    )
    warnings = [*document.warnings, *extracted.warnings]
    if document.has_layout_tables and not any("layout" in item for item in warnings):
        warnings.append("This document uses tables for layout; check the sections.")
    return ExtractedJD(
        title=extracted.title,
        grade=extracted.grade,
        salary_text=extracted.salary_text,
        salary=extracted.salary,
        sections=extracted.sections,
        contract=extracted.contract,
        working_pattern=extracted.working_pattern,
        location=extracted.location,
        closing_date=extracted.closing_date,
        word_count=extracted.word_count,
        mapping=extracted.mapping,
        warnings=warnings,
    )
