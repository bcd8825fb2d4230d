"""What the Word and OpenDocument readers share: headings inferred from short bold paragraphs,
numeric attributes read leniently, and the result both return."""

from __future__ import annotations

import re
from typing import Protocol

from civictalent.documents.model import DocumentKind, DocumentRejected, ReadDocument
from civictalent.documents.writer import TextWriter, kept_only

# "Grade: PO4" is a label and its value, not a heading.
_LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s*\S")


class StyledReader(Protocol):
    """A Word or OpenDocument reader: the text it wrote, and whether tables held the layout."""

    writer: TextWriter
    layout_tables: bool


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
