"""What reading a document gives: the text with its headings and warnings, or a refusal whose
message says what is wrong and what to do next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["docx", "odt", "pdf", "text", "markdown"]

NO_TEXT_LAYER = "This PDF has no text layer: upload the Word version or paste the text."


class DocumentRejected(Exception):  # noqa: N818 - the name callers know
    """A file we will not read, with a message for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def no_text_layer(self) -> bool:
        """Refused because the PDF has no text to read (a scan, or locked with a password)."""
        return self.message.startswith(NO_TEXT_LAYER)


@dataclass(slots=True)
class ReadDocument:
    """A document turned into text.

    ``heading_levels`` gives each heading's level: 1 for a Title or Heading 1 (Markdown ``#``),
    2 for Heading 2, ... and 0 when the heading was inferred (a short bold paragraph).
    """

    text: str
    kind: DocumentKind
    headings: list[str] = field(default_factory=list)
    has_layout_tables: bool = False
    front_matter: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    heading_levels: dict[str, int] = field(default_factory=dict)
    encoding: str | None = None
    image_count: int = 0  # pictures in a Word or OpenDocument file (text in images is lost)

    @property
    def word_count(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit ("-" and "|" are not words)."""
    return sum(1 for token in text.split() if any(character.isalnum() for character in token))
