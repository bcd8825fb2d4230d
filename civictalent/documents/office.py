"""What the Word and OpenDocument readers share: headings inferred from short bold paragraphs,
numeric attributes read leniently, and the result both return."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from civictalent.documents.model import DocumentKind, DocumentRejected, ReadDocument
from civictalent.documents.writer import TextWriter, kept_only

# "Grade: PO4" is a label and its value, not a heading.
_LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s*\S")


class StyledReader(Protocol):
    """A Word or OpenDocument reader: the text it wrote, and whether tables held the layout."""

    writer: TextWriter
    layout_tables: bool

    def blocks(self, element: Any) -> None: ...


def read_table(
    reader: StyledReader,
    rows: list[list[Any]],
    *,
    holds_layout: Callable[[Any], bool],
    simple_row: Callable[[list[Any]], bool],
    row_texts: Callable[[list[Any]], list[str]],
) -> None:
    """A table holds data (rows of short cells) unless it holds the page's layout: one column,
    or a cell with a table or a heading inside. A layout table is read cell by cell, as if it
    were not there; a data row of one paragraph a cell becomes a row of text, any other row is
    read cell by cell."""
    widest = max((len(cells) for cells in rows), default=0)
    layout = widest <= 1 or any(holds_layout(cell) for cells in rows for cell in cells)
    reader.writer.end_group()
    if layout:
        reader.layout_tables = True
        for cells in rows:
            for cell in cells:
                reader.blocks(cell)
        reader.writer.end_group()
        return
    for cells in rows:
        if simple_row(cells):
            reader.writer.row(row_texts(cells))
        else:
            for cell in cells:
                reader.blocks(cell)
            reader.writer.end_group()
    reader.writer.end_group()


def looks_like_heading(text: str) -> bool:
    """A short bold paragraph that is not a sentence reads as a heading."""
    stripped = text.strip()
    if "\n" in stripped or len(stripped) > 120:
        return False
    words = stripped.split()
    if not words or len(words) > 12:
        return False
    if stripped.endswith((".", ",", ";")) and not stripped.endswith("..."):
        return False
    if _LABEL_VALUE.match(stripped):
        return False
    return any(character.isalpha() for character in stripped)


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def styled_result(reader: StyledReader, kind: DocumentKind, *, empty: str) -> ReadDocument:
    """What the Word and OpenDocument readers both return: the text, its headings, and a warning
    when tables were used for layout. A document with no text is refused with ``empty``."""
    text = reader.writer.text()
    if not text.strip():
        raise DocumentRejected(empty)
    warnings = []
    if reader.layout_tables:
        warnings.append(
            "This document uses tables for layout; we read their contents in order, but check "
            "the sections."
        )
    if reader.writer.truncated:
        warnings.append(kept_only(text))
    return ReadDocument(
        text=text,
        kind=kind,
        headings=reader.writer.headings,
        has_layout_tables=reader.layout_tables,
        warnings=warnings,
        heading_levels=reader.writer.levels,
    )
