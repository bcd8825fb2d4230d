"""The text form every reader writes: paragraphs separated by blank lines, list items as
``- item``, headings on their own lines (also listed, with their levels), table rows as
``cell | cell``; at most ``MAX_TEXT_CHARACTERS`` of it, and every line pattern run on lines of
at most ``MAX_LINE_CHARACTERS``."""

from __future__ import annotations

import re

from civictalent.core.budget import check_time
from civictalent.core.invisible import without_invisible_controls

# The text we keep from any document: the same limit as pasted text.
MAX_TEXT_CHARACTERS = 100_000
# Markup (Markdown links, HTML) takes room; more than this much source text is not read.
MAX_SOURCE_CHARACTERS = 2 * MAX_TEXT_CHARACTERS
# Longer lines are split at a space before the line patterns run on them.
MAX_LINE_CHARACTERS = 4_000

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(
    r"^(?:[\u2022\u25cf\u25aa\u25ab\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u25ba\u27a2"
    r"\u2713\u2714\u2756\uf0b7\uf0a7\uf076\uf0d8\uf0fc*+\u2013\u2014-]|o(?=\t))[\s\u00a0]*"
)
_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+(?=\S)")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    # The forms' rule (direction overrides, zero-width spaces) and ours (joiners, soft hyphens).
    text = _INVISIBLE.sub("", without_invisible_controls(text))
    text = CONTROL_CHARACTERS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def capped_lines(text: str) -> list[str]:
    """The lines of ``text``, each longer one split at a space (or hard) into pieces of at most
    ``MAX_LINE_CHARACTERS``, so no line pattern ever runs on a line of unbounded length."""
    lines: list[str] = []
    for line in text.split("\n"):
        while len(line) > MAX_LINE_CHARACTERS:
            cut = line.rfind(" ", MAX_LINE_CHARACTERS // 2, MAX_LINE_CHARACTERS)
            cut = MAX_LINE_CHARACTERS if cut == -1 else cut
            lines.append(line[:cut])
            line = line[cut:].lstrip(" ")
        lines.append(line)
    return lines


def bulleted(line: str) -> str | None:
    """The item text when a line starts with a typed bullet or a list number, else None."""
    match = _BULLET.match(line)
    if match is not None and match.end() < len(line):
        if line[0] in "-*+\u2013\u2014" and not line[1:2].isspace():
            return None
        return line[match.end() :].strip()
    numbered = _NUMBERED.match(line)
    if numbered is not None and re.match(r"^\(?\d", line):
        return line[numbered.end() :].strip()
    return None


class TextWriter:
    """Collects blocks and renders them: blank lines between blocks, none inside lists/tables."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []
        self.headings: list[str] = []
        self.levels: dict[str, int] = {}
        self._open: str | None = None  # "list" or "table" while consecutive lines join one block
        # Continuations of the last line, joined once (joining each time is quadratic).
        self._continued: list[str] = []
        self._size = 0
        # Past MAX_TEXT_CHARACTERS nothing more is kept; readers stop when they see ``full``.
        self.full = False
        self.truncated = False

    def heading(self, text: str, level: int) -> None:
        text = clean(text.replace("\n", " "))
        if not text or self._settle():
            return
        self._open = None
        self._add([text])
        self.headings.append(text)
        self.levels.setdefault(text, level)

    def paragraph(self, text: str) -> None:
        lines = [clean(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines or self._settle():
            return
        item = bulleted(lines[0]) if len(lines) == 1 else None
        if item is not None:
            self.list_item(item)
            return
        self._open = None
        self._add(lines)

    def list_item(self, text: str) -> None:
        text = clean(text.replace("\n", " "))
        if not text:
            return
        self._append("list", f"- {text}")

    def row(self, cells: list[str]) -> None:
        values: list[str] = []
        for cell in cells:
            value = clean(cell.replace("\n", " "))
            if value and (not values or values[-1] != value):
                values.append(value)
        if values:
            self._append("table", " | ".join(values))

    def end_group(self) -> None:
        self._open = None

    def in_list(self) -> bool:
        return self._open == "list" and bool(self.blocks)

    def extend_last(self, text: str) -> None:
        text = clean(text)
        if text and not self.full:
            self._continued.append(text)
            self._grow(len(text) + 1)

    def _append(self, group: str, line: str) -> None:
        if self._settle():
            return
        if self._open == group and self.blocks:
            self.blocks[-1].append(line)
            self._grow(len(line) + 1)
        else:
            self._add([line])
            self._open = group

    def _add(self, lines: list[str]) -> None:
        self.blocks.append(lines)
        self._grow(sum(len(line) + 1 for line in lines) + 1)

    def _grow(self, size: int) -> None:
        self._size += size
        if self._size > MAX_TEXT_CHARACTERS:
            self.full = True

    def _settle(self) -> bool:
        """Join the last line's continuations; True when the writer is full."""
        if self._continued:
            last = self.blocks[-1]
            last[-1] = " ".join([last[-1], *self._continued])
            self._continued.clear()
        return self.full

    def text(self) -> str:
        self._settle()
        text = "\n\n".join("\n".join(block) for block in self.blocks)
        if len(text) <= MAX_TEXT_CHARACTERS:
            return text
        self.truncated = True
        cut = text.rfind("\n", MAX_TEXT_CHARACTERS // 2, MAX_TEXT_CHARACTERS)
        return text[: MAX_TEXT_CHARACTERS if cut == -1 else cut].rstrip()


def write_plain_lines(text: str, writer: TextWriter) -> None:
    """Plain text: blank lines end paragraphs, typed bullets and numbers become list items."""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            writer.paragraph("\n".join(paragraph))
            paragraph.clear()

    for number, raw in enumerate(capped_lines(text.replace("\r\n", "\n").replace("\r", "\n"))):
        if number % 256 == 0:
            check_time()
        if writer.full:
            break
        line = clean(raw)
        if not line:
            flush()
            writer.end_group()
            continue
        item = bulleted(line)
        if item is not None:
            flush()
            writer.list_item(item)
            continue
        if not paragraph and writer.in_list() and line[0].islower():
            # A list item wrapped onto the next line (PDF text is broken into lines).
            writer.extend_last(line)
            continue
        paragraph.append(line)
    flush()


def kept_only(text: str) -> str:
    """The warning for a document longer than we read, saying where the kept text ends."""
    last_words = " ".join(text[-400:].split()[-8:])
    if len(last_words) > 80:
        last_words = "..." + last_words[-77:]
    return (
        f"This document has more text than the {MAX_TEXT_CHARACTERS:,} characters we read: we "
        f'kept the text up to "{last_words}" and left out the rest. Check what is missing, or '
        "split the document and add the rest separately."
    )
