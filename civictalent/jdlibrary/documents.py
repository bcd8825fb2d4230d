"""Safe reading of uploaded job descriptions: Word, OpenDocument, PDF, plain text and Markdown.

Pure Python (no Django), so the upload form, the bulk import, the API and ``ingest-jd`` share it.

Every file is checked before any parser sees it, in this order, and refused with a
:class:`DocumentRejected` whose message says what is wrong and what to do next:

1. size (at most 10 MB) and emptiness;
2. the real type, from the bytes (zip with ``word/document.xml`` or an OpenDocument text
   ``mimetype``, ``%PDF-``, text without NUL bytes), which must agree with the file name;
3. for Word and OpenDocument files, the zip limits, from the zip directory alone (nothing is
   decompressed to check them): entries, total and per-entry uncompressed size, compression ratio;
4. every XML part we or python-docx will read is parsed first with ``defusedxml``, which refuses
   DTDs, entity declarations (billion laughs) and external entities (XXE);
5. PDFs must open, must not need a password and must have a text layer.

Reading has a budget, so a crafted file cannot hold a web worker: at most
``READ_SECONDS`` of wall-clock time (checked as the readers go), at most
``MAX_TEXT_CHARACTERS`` of text kept (a warning says what was left out), and for PDFs a budget of
content-stream bytes per page and in all, stopping after ``MAX_PDF_FAILED_PAGES`` pages that
cannot be read. Every pattern that runs on the text is linear in its length (no nested or
adjacent overlapping quantifiers; lines are split at ``MAX_LINE_CHARACTERS`` before line
patterns run); ``tests/test_pathological_input.py`` times them on the shapes that would show it.

Then the document becomes plain text: paragraphs separated by blank lines, list items as
``- item``, headings on their own lines (also listed in ``headings``), table rows as
``cell | cell``. No exception other than :class:`DocumentRejected` leaves :func:`read_document`.
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from civictalent.core.budget import OutOfTime, check_time, time_budget
from civictalent.core.invisible import without_invisible_controls

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARACTERS",
    "MAX_TEXT_CHARACTERS",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_ENTRY_BYTES",
    "MAX_ZIP_RATIO",
    "MAX_ZIP_TOTAL_BYTES",
    "NO_TEXT_LAYER",
    "READ_SECONDS",
    "SUPPORTED_EXTENSIONS",
    "TOO_SLOW",
    "DocumentKind",
    "DocumentRejected",
    "ReadDocument",
    "check_size",
    "count_words",
    "read_document",
    "read_file",
]

DocumentKind = Literal["docx", "odt", "pdf", "text", "markdown"]

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 10 * MEGABYTE
MAX_ZIP_ENTRIES = 500
MAX_ZIP_TOTAL_BYTES = 50 * MEGABYTE
MAX_ZIP_ENTRY_BYTES = 20 * MEGABYTE
# Text XML compresses about 5-20 times; images not at all. A large entry that shrank more than
# this is a bomb, not a document. Small entries (styles full of repeated attributes) may.
MAX_ZIP_RATIO = 100
ZIP_RATIO_FROM_BYTES = MEGABYTE
MAX_PDF_PAGES = 100
# A page of text needs tens of kilobytes of drawing instructions; these budgets stop a small file
# whose streams unpack to megabytes of them from holding a worker (pypdf is pure Python).
MAX_PDF_PAGE_CONTENT_BYTES = MEGABYTE
MAX_PDF_CONTENT_BYTES = 4 * MEGABYTE
MAX_PDF_STREAM_BYTES = 4 * MEGABYTE
MAX_PDF_FAILED_PAGES = 3
# About a megabyte of text-drawing instructions parses into this many operands.
MAX_PDF_STREAM_OPERANDS = 250_000
# The text we keep from any document: the same limit as pasted text.
MAX_TEXT_CHARACTERS = 100_000
# Markup (Markdown links, HTML) takes room; more than this much source text is not read.
MAX_SOURCE_CHARACTERS = 2 * MAX_TEXT_CHARACTERS
# Longer lines are split at a space before the line patterns run on them.
MAX_LINE_CHARACTERS = 4_000
# Wall-clock time for reading one document, well inside the web server's 30 second timeout.
READ_SECONDS = 10.0
# Fewer letters and digits than this over the whole PDF means a scan without OCR.
MIN_PDF_TEXT_CHARACTERS = 20

NO_TEXT_LAYER = "This PDF has no text layer: upload the Word version or paste the text."
UNSAFE_XML = (
    "This document contains XML we do not accept (a DTD or entity declaration, which can be "
    "used to attack the server). Open it in Word or LibreOffice, save it again as a new file "
    "and upload that, or paste the text."
)
BROKEN_ZIP = (
    "We could not read this file: it looks like a Word or OpenDocument file but it is "
    "damaged (the zip inside is broken). Open it in Word or LibreOffice, save a new "
    "copy and upload that, or paste the text."
)
TOO_SLOW = (
    f"We stopped reading this file: it took longer than the {READ_SECONDS:.0f} seconds we allow "
    "for one document. Save a copy with only the job description's text (without large images, "
    "drawings or repeated pages) and upload that, or paste the text."
)
ACCEPTED = "We accept Word (.docx), OpenDocument (.odt), PDF with text, .txt and .md files"

SUPPORTED_EXTENSIONS: dict[str, DocumentKind] = {
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
_EXTENSION_NAMES = {
    ".docx": "a Word document",
    ".odt": "an OpenDocument text document",
    ".pdf": "a PDF",
    ".txt": "a plain text file",
    ".text": "a plain text file",
    ".md": "a Markdown text file",
    ".markdown": "a Markdown text file",
}
_UNSUPPORTED_EXTENSIONS = {
    ".doc": "This is an old-style Word document (.doc), which we cannot read safely. "
    "Open it in Word and save it as .docx (File > Save As > Word Document), then upload that.",
    ".rtf": "This is a Rich Text (.rtf) file. Open it in Word and save it as .docx, then upload "
    "that.",
    ".pages": "This is an Apple Pages file. Export it as Word (.docx) or PDF, then upload that.",
    ".wpd": "This is a WordPerfect file. Save it as Word (.docx), then upload that.",
}


IMAGE_FOLDERS = ("word/media/", "Pictures/")


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


def read_document(data: bytes, filename: str) -> ReadDocument:
    """Check ``data`` (the uploaded bytes) and read it; raise DocumentRejected if we should not."""
    try:
        with time_budget(READ_SECONDS):
            return _read(data, filename)
    except DocumentRejected:
        raise
    except OutOfTime:
        raise DocumentRejected(TOO_SLOW) from None
    except (DefusedXmlException, ParseError) as error:
        raise DocumentRejected(_xml_message(error)) from None
    except zipfile.BadZipFile:
        # A part that does not match its checksum or recorded size: damaged, or a lie about how
        # large it unpacks.
        raise DocumentRejected(BROKEN_ZIP) from None
    except MemoryError:
        raise DocumentRejected(
            "We could not read this file: it needs more memory than we allow for one document. "
            "Save a copy without images, or paste the text."
        ) from None
    except Exception as error:
        raise DocumentRejected(
            f"We could not read this file: {_describe(error)}. Save it again (or as a different "
            "format) and upload the new copy, or paste the text."
        ) from None


# --------------------------------------------------------------------------------------------
# Checks before parsing


@dataclass(frozen=True, slots=True)
class _Sniffed:
    kind: str  # docx, odt, pdf, text, ole, exe, zip, office, image, rtf, binary, nul
    description: str
    archive: zipfile.ZipFile | None = None


def read_file(path: Path) -> bytes:
    """A file's bytes, refused by its size before it is read. Raises DocumentRejected, or
    OSError when the file cannot be opened."""
    check_size(path.stat().st_size)
    return path.read_bytes()


def check_size(size: int) -> None:
    """Refuse a file by its size alone (callers may check before reading it into memory)."""
    if size > MAX_FILE_BYTES:
        raise DocumentRejected(
            f"This file is {_megabytes(size)}; the limit is 10 MB. Remove large images or save a "
            "text-only copy, or paste the text instead."
        )


def _read(data: bytes, filename: str) -> ReadDocument:
    size = len(data)
    check_size(size)
    if size == 0:
        raise DocumentRejected(
            "This file is empty (0 bytes). Check you chose the right file, or paste the text "
            "instead."
        )
    extension = _extension(_base_name(filename))
    sniffed = _sniff(data)
    kind = _agree(sniffed, extension)
    if kind in ("docx", "odt"):
        assert sniffed.archive is not None
        _check_zip_limits(sniffed.archive)
        read = _read_docx(data, sniffed.archive) if kind == "docx" else _read_odt(sniffed.archive)
        read.image_count = sum(
            1
            for name in sniffed.archive.namelist()
            if name.startswith(IMAGE_FOLDERS) and not name.endswith("/")
        )
        return read
    if kind == "pdf":
        return _read_pdf(data)
    return _read_text(data, markdown=kind == "markdown")


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB"


def _base_name(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()


def _extension(name: str) -> str:
    if "." not in name.lstrip("."):
        return ""
    return "." + name.rsplit(".", 1)[1].lower()


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = (b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_ZIPS = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
}


def _sniff(data: bytes) -> _Sniffed:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    # Some PDF writers put a few bytes (a byte order mark, blank lines) before the header.
    if data[:1024].lstrip(b"\xef\xbb\xbf\x00\t\n\r\f ").startswith(b"%PDF-"):
        return _Sniffed("pdf", "it is a PDF")
    if data.startswith(_OLE_MAGIC):
        return _Sniffed(
            "ole", "it is an old-style Word (.doc) file or a password-protected Office document"
        )
    if data.startswith(b"MZ"):
        return _Sniffed("exe", "it is a Windows program")
    if data.startswith(b"\x7fELF"):
        return _Sniffed("exe", "it is a program")
    if data.startswith(_IMAGE_MAGIC) or data[8:12] == b"WEBP":
        return _Sniffed("image", "it is an image")
    if data.startswith(_ARCHIVE_MAGIC):
        return _Sniffed("binary", "it is a compressed archive")
    if data.startswith(b"{\\rtf"):
        return _Sniffed("rtf", "it is a Rich Text (.rtf) file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _Sniffed("text", "it is plain text")
    if b"\x00" in data:
        return _Sniffed("nul", "it contains binary data (NUL bytes), not text")
    return _Sniffed("text", "it is plain text")


def _sniff_zip(data: bytes) -> _Sniffed:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return _Sniffed(
            "broken-zip", "it looks like a Word or OpenDocument file, but it is damaged"
        )
    names = {info.filename for info in infos}
    if "word/document.xml" in names or _declares_word(archive, infos):
        return _Sniffed("docx", "it is a Word document (.docx)", archive)
    mimetype = next((info for info in infos if info.filename == "mimetype"), None)
    if mimetype is not None and mimetype.file_size <= 200 and not mimetype.flag_bits & 0x1:
        value = archive.read(mimetype).decode("ascii", "replace").strip()
        if value == "application/vnd.oasis.opendocument.text":
            return _Sniffed("odt", "it is an OpenDocument text document (.odt)", archive)
        if value.startswith("application/vnd.oasis.opendocument."):
            return _Sniffed("office", "it is an OpenDocument file but not a text document")
    for part, description in _OFFICE_ZIPS.items():
        if part in names:
            return _Sniffed("office", f"it is {description}")
    return _Sniffed("zip", "it is a zip archive, not a document")


def _declares_word(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """A Word document whose main part has another name, per [Content_Types].xml."""
    types = next((info for info in infos if info.filename == "[Content_Types].xml"), None)
    if types is None or types.file_size > 256 * 1024 or types.flag_bits & 0x1:
        return False
    return b"wordprocessingml.document.main+xml" in _read_entry(archive, types.filename)


def _agree(sniffed: _Sniffed, extension: str) -> DocumentKind:
    """The kind to read, when the name and the bytes agree; otherwise say what is wrong."""
    actual = sniffed.kind
    if actual == "ole":
        raise DocumentRejected(
            "This is an old-style Word document (.doc) or a password-protected Office file, "
            "which we cannot read safely. Open it in Word and save it as .docx (without a "
            "password), then upload that."
        )
    if actual == "broken-zip":
        raise DocumentRejected(BROKEN_ZIP)
    if extension in _UNSUPPORTED_EXTENSIONS:
        if extension == ".doc" and sniffed.kind == "docx":
            raise DocumentRejected(
                "This file is called .doc but is a modern Word document (.docx): rename it to "
                "end in .docx and upload it again."
            )
        if sniffed.kind in ("exe", "image", "zip", "binary", "nul", "pdf", "office"):
            raise DocumentRejected(
                f"This file is called {extension} but {sniffed.description}. {ACCEPTED}."
            )
        raise DocumentRejected(_UNSUPPORTED_EXTENSIONS[extension])
    expected = SUPPORTED_EXTENSIONS.get(extension)
    if extension and expected is None:
        shown = extension if len(extension) <= 12 else extension[:12] + "..."
        raise DocumentRejected(f"{ACCEPTED}; this file is {shown}. Save it as .docx or .pdf.")
    if expected is None:
        # No extension at all: trust the bytes, when we can read them.
        readable = _READABLE.get(actual)
        if readable is None:
            raise DocumentRejected(f"We cannot read this file: {sniffed.description}. {ACCEPTED}.")
        return readable
    wanted = "text" if expected == "markdown" else expected
    if actual == wanted:
        return expected
    what = _EXTENSION_NAMES[extension]
    advice = _mismatch_advice(actual, extension)
    raise DocumentRejected(
        f"This file is called {extension} but is not {what}: {sniffed.description}. {advice}"
    )


_READABLE: dict[str, DocumentKind] = {"docx": "docx", "odt": "odt", "pdf": "pdf", "text": "text"}


def _mismatch_advice(actual: str, extension: str) -> str:
    if actual == "pdf":
        return "Rename it to end in .pdf, or upload the original Word document."
    if actual == "docx":
        return "Rename it to end in .docx and upload it again."
    if actual == "odt":
        return "Rename it to end in .odt and upload it again."
    if actual == "text":
        return "Rename it to end in .txt, or upload the original document."
    if actual == "exe":
        return f"We do not accept programs. {ACCEPTED}."
    return f"{ACCEPTED}. Save the job description in one of those formats, or paste the text."


def _check_zip_limits(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs from the central directory alone: nothing is decompressed here."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocumentRejected(
            f"This document has {len(infos)} parts inside; the limit is {MAX_ZIP_ENTRIES}. "
            "Save it again from Word or LibreOffice, or paste the text."
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentRejected(
                "This document is password-protected. Remove the password, save it and upload "
                "it again, or paste the text."
            )
        if info.file_size > MAX_ZIP_ENTRY_BYTES:
            raise DocumentRejected(
                f"This document would unpack to more than we accept: one part "
                f"({_short(info.filename)}) is {_megabytes(info.file_size)} uncompressed; the "
                f"limit is {MAX_ZIP_ENTRY_BYTES // MEGABYTE} MB per part. Remove large images, "
                "or paste the text."
            )
        total += info.file_size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise DocumentRejected(
            f"This document would unpack to {_megabytes(total)}; the limit is "
            f"{MAX_ZIP_TOTAL_BYTES // MEGABYTE} MB. Remove large images, or paste the text."
        )
    for info in infos:
        if info.file_size < ZIP_RATIO_FROM_BYTES:
            continue
        if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise DocumentRejected(
                f"This document looks like a zip bomb: one part ({_short(info.filename)}) would "
                f"grow more than {MAX_ZIP_RATIO} times when unpacked. We did not open it. Save "
                "the job description again from Word or LibreOffice, or paste the text."
            )


def _short(name: str) -> str:
    return name if len(name) <= 60 else name[:57] + "..."


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    """An entry's bytes, never more than the limit whatever the directory says."""
    with archive.open(name) as handle:
        data = handle.read(MAX_ZIP_ENTRY_BYTES + 1)
    if len(data) > MAX_ZIP_ENTRY_BYTES:
        raise DocumentRejected(
            f"This document would unpack to more than we accept ({_short(name)}). Paste the text."
        )
    return data


def _parse_xml(data: bytes) -> Element:
    # forbid_dtd: real Word and OpenDocument files never carry a DTD; entities and external
    # references are forbidden by defusedxml's defaults too.
    root: Element = SafeElementTree.fromstring(
        data, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    return root


def _xml_message(error: Exception) -> str:
    if isinstance(error, DefusedXmlException):
        return UNSAFE_XML
    return (
        "We could not read this file: part of it is not well-formed XML, so the file is "
        "damaged. Open it in Word or LibreOffice, save a new copy and upload that, or paste the "
        "text."
    )


def _describe(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = text[:160]
    kind = type(error).__name__
    return f"{kind}: {text}" if text else kind


# --------------------------------------------------------------------------------------------
# Building the text

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(
    r"^(?:[\u2022\u25cf\u25aa\u25ab\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u25ba\u27a2"
    r"\u2713\u2714\u2756\uf0b7\uf0a7\uf076\uf0d8\uf0fc*+\u2013\u2014-]|o(?=\t))[\s\u00a0]*"
)
_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    # The forms' rule (direction overrides, zero-width spaces) and ours (joiners, soft hyphens).
    text = _INVISIBLE.sub("", without_invisible_controls(text))
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _capped_lines(text: str) -> list[str]:
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


def _bulleted(line: str) -> str | None:
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


class _Writer:
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
        text = _clean(text.replace("\n", " "))
        if not text or self._settle():
            return
        self._open = None
        self._add([text])
        self.headings.append(text)
        self.levels.setdefault(text, level)

    def paragraph(self, text: str) -> None:
        lines = [_clean(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines or self._settle():
            return
        item = _bulleted(lines[0]) if len(lines) == 1 else None
        if item is not None:
            self.list_item(item)
            return
        self._open = None
        self._add(lines)

    def list_item(self, text: str) -> None:
        text = _clean(text.replace("\n", " "))
        if not text:
            return
        self._append("list", f"- {text}")

    def row(self, cells: list[str]) -> None:
        values: list[str] = []
        for cell in cells:
            value = _clean(cell.replace("\n", " "))
            if value and (not values or values[-1] != value):
                values.append(value)
        if values:
            self._append("table", " | ".join(values))

    def end_group(self) -> None:
        self._open = None

    def in_list(self) -> bool:
        return self._open == "list" and bool(self.blocks)

    def extend_last(self, text: str) -> None:
        text = _clean(text)
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


# --------------------------------------------------------------------------------------------
# Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TRUE_VALUES = {None, "1", "true", "on"}


def _read_docx(data: bytes, archive: zipfile.ZipFile) -> ReadDocument:
    if any(info.filename.lower().endswith("vbaproject.bin") for info in archive.infolist()):
        raise DocumentRejected(
            "This Word document contains macros. Open it in Word and save it as a Word Document "
            "(.docx) without macros, then upload that."
        )
    # python-docx parses with lxml: every XML part goes through defusedxml first.
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            _parse_xml(_read_entry(archive, info.filename))
    import docx

    document = docx.Document(io.BytesIO(data))
    styles = _WordStyles(document)
    reader = _WordReader(styles)
    reader.blocks(document.element.body)
    return _read_result(
        reader,
        "docx",
        empty="This Word document has no text in it. If it is a scan or a picture of a job "
        "description, upload the original document or paste the text.",
    )


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    name: str
    bold: bool | None
    base: str | None
    outline_level: int | None
    numbered: bool


class _WordStyles:
    def __init__(self, document: Any) -> None:
        self._styles: dict[str, _StyleInfo] = {}
        self.default_paragraph: str | None = None
        root = document.styles.element
        for style in root.iterchildren(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if not style_id:
                continue
            name_el = style.find(f"{_W}name")
            name = name_el.get(f"{_W}val", style_id) if name_el is not None else style_id
            based = style.find(f"{_W}basedOn")
            outline = style.find(f"{_W}pPr/{_W}outlineLvl")
            self._styles[style_id] = _StyleInfo(
                name=name,
                bold=_on_off(style.find(f"{_W}rPr/{_W}b")),
                base=based.get(f"{_W}val") if based is not None else None,
                outline_level=_int_or_none(outline.get(f"{_W}val"))
                if outline is not None
                else None,
                numbered=style.find(f"{_W}pPr/{_W}numPr") is not None,
            )
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_paragraph = style_id
        self._bold_cache: dict[str, bool] = {}

    def name(self, style_id: str | None) -> str:
        info = self._styles.get(style_id or self.default_paragraph or "")
        return info.name if info is not None else ""

    def bold(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        cached = self._bold_cache.get(style_id)
        if cached is not None:
            return cached
        value = False
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                break
            if info.bold is not None:
                value = info.bold
                break
            current = info.base
        self._bold_cache[style_id] = value
        return value

    def heading_level(self, style_id: str | None) -> int | None:
        current = style_id or self.default_paragraph
        seen: set[str] = set()
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                return None
            lowered = info.name.lower()
            if lowered == "title":
                return 1
            match = re.fullmatch(r"heading\s*([1-9])", lowered)
            if match is not None:
                return int(match.group(1))
            if info.outline_level is not None and info.outline_level < 9:
                return info.outline_level + 1
            if lowered in ("normal", "body text", "list paragraph"):
                return None
            current = info.base
        return None

    def is_list(self, style_id: str | None) -> bool:
        info = self._styles.get(style_id or "")
        if info is None:
            return False
        return info.numbered or info.name.lower().startswith("list ")


def _on_off(element: Any) -> bool | None:
    if element is None:
        return None
    return element.get(f"{_W}val") in _TRUE_VALUES


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _WordReader:
    def __init__(self, styles: _WordStyles) -> None:
        self.styles = styles
        self.writer = _Writer()
        self.layout_tables = False

    def blocks(self, container: Any) -> None:
        for child in container.iterchildren():
            check_time()
            if self.writer.full:
                return
            tag = child.tag
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if content is not None:
                    self.blocks(content)

    def paragraph(self, element: Any) -> None:
        properties = element.find(f"{_W}pPr")
        style_element = properties.find(f"{_W}pStyle") if properties is not None else None
        style_id = style_element.get(f"{_W}val") if style_element is not None else None
        text, runs_bold = self._text(element, style_id)
        boxes = [
            box
            for box in element.iter(f"{_W}txbxContent")
            if not any(ancestor.tag == f"{_MC}Fallback" for ancestor in box.iterancestors())
        ]
        if text.strip():
            level = self.styles.heading_level(style_id)
            outline = properties.find(f"{_W}outlineLvl") if properties is not None else None
            if level is None and outline is not None:
                value = _int_or_none(outline.get(f"{_W}val"))
                if value is not None and value < 9:
                    level = value + 1
            numbered = properties is not None and properties.find(f"{_W}numPr") is not None
            if level is not None:
                self.writer.heading(text, level)
            elif numbered or self.styles.is_list(style_id):
                self.writer.list_item(text)
            elif runs_bold and _looks_like_heading(text):
                self.writer.heading(text, 0)
            else:
                self.writer.paragraph(text)
        for box in boxes:
            self.blocks(box)

    def _text(self, paragraph: Any, style_id: str | None) -> tuple[str, bool]:
        parts: list[str] = []
        all_bold = True
        any_text = False
        paragraph_bold = self.styles.bold(style_id)
        for number, run in enumerate(_runs(paragraph)):
            if number % 256 == 255:
                check_time()
            run_parts: list[str] = []
            for child in run.iterchildren():
                tag = child.tag
                if tag == f"{_W}t":
                    run_parts.append(child.text or "")
                elif tag in (f"{_W}tab", f"{_W}ptab"):
                    run_parts.append("\t")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    run_parts.append("\n")
                elif tag == f"{_W}noBreakHyphen":
                    run_parts.append("-")
            run_text = "".join(run_parts)
            if run_text.strip():
                any_text = True
                if all_bold and not self._run_bold(run, paragraph_bold):
                    all_bold = False
            parts.append(run_text)
        return "".join(parts), any_text and all_bold

    def _run_bold(self, run: Any, paragraph_bold: bool) -> bool:
        properties = run.find(f"{_W}rPr")
        if properties is not None:
            direct = _on_off(properties.find(f"{_W}b"))
            if direct is not None:
                return direct
            run_style = properties.find(f"{_W}rStyle")
            if run_style is not None:
                style_id = run_style.get(f"{_W}val")
                if style_id and self.styles.bold(style_id):
                    return True
        return paragraph_bold

    def table(self, table: Any) -> None:
        rows = [
            [cell for cell in row.iterchildren(f"{_W}tc") if not _continues_merge(cell)]
            for row in table.iterchildren(f"{_W}tr")
        ]
        widest = max((len(cells) for cells in rows), default=0)
        layout = widest <= 1 or any(
            cell.find(f".//{_W}tbl") is not None or self._has_heading(cell)
            for cells in rows
            for cell in cells
        )
        self.writer.end_group()
        if layout:
            self.layout_tables = True
            for cells in rows:
                for cell in cells:
                    self.blocks(cell)
            self.writer.end_group()
            return
        for cells in rows:
            simple = all(len(cell.findall(f"{_W}p")) <= 1 for cell in cells)
            if simple:
                texts = [self._text(paragraph, None)[0] for paragraph in _paragraphs(cells)]
                self.writer.row(texts)
            else:
                for cell in cells:
                    self.blocks(cell)
                self.writer.end_group()
        self.writer.end_group()

    def _has_heading(self, cell: Any) -> bool:
        for paragraph in cell.iterchildren(f"{_W}p"):
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            if style is not None and self.styles.heading_level(style.get(f"{_W}val")) is not None:
                return True
        return False


def _paragraphs(cells: list[Any]) -> Iterator[Any]:
    for cell in cells:
        found = cell.find(f"{_W}p")
        if found is not None:
            yield found


def _continues_merge(cell: Any) -> bool:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val") in (None, "continue")


def _runs(paragraph: Any) -> Iterator[Any]:
    """Runs in reading order, including inserted text, hyperlinks and fields; not deletions."""
    for child in paragraph.iterchildren():
        tag = child.tag
        if tag == f"{_W}r":
            yield child
        elif tag in (f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple"):
            yield from _runs(child)
        elif tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                yield from _runs(content)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _runs(choice)


def _looks_like_heading(text: str) -> bool:
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


# "Grade: PO4" is a label and its value, not a heading.
_LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s*\S")


# --------------------------------------------------------------------------------------------
# OpenDocument text (.odt)

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_ODT_SKIP = {
    f"{_OFFICE}annotation",
    f"{_OFFICE}annotation-end",
    f"{_TEXT}note",
    f"{_TEXT}tracked-changes",
    f"{_TEXT}table-of-content",
    f"{_TEXT}sequence-decls",
    f"{_TEXT}variable-decls",
    f"{_TEXT}user-field-decls",
}


def _read_odt(archive: zipfile.ZipFile) -> ReadDocument:
    names = set(archive.namelist())
    if "content.xml" not in names:
        raise DocumentRejected(
            "We could not read this file: it is an OpenDocument file without its content. Save "
            "it again from LibreOffice and upload the new copy."
        )
    content = _parse_xml(_read_entry(archive, "content.xml"))
    styles = _parse_xml(_read_entry(archive, "styles.xml")) if "styles.xml" in names else None
    reader = _OdtReader(content, styles)
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is not None:
        reader.blocks(body)
    return _read_result(
        reader,
        "odt",
        empty="This OpenDocument file has no text in it. Upload the original document or paste "
        "the text.",
    )


class _OdtReader:
    def __init__(self, content: Element, styles: Element | None) -> None:
        self.writer = _Writer()
        self.layout_tables = False
        self._bold: dict[str, bool | None] = {}
        self._parent: dict[str, str] = {}
        self._heading_style: dict[str, int] = {}
        for root in (styles, content):
            if root is None:
                continue
            for style in root.iter(f"{_STYLE}style"):
                name = style.get(f"{_STYLE}name")
                if not name:
                    continue
                properties = style.find(f"{_STYLE}text-properties")
                weight = properties.get(f"{_FO}font-weight") if properties is not None else None
                self._bold[name] = None if weight is None else weight in ("bold", "600", "700")
                parent = style.get(f"{_STYLE}parent-style-name")
                if parent:
                    self._parent[name] = parent
                level = style.get(f"{_STYLE}default-outline-level")
                match = re.fullmatch(r"Heading_20_([1-9])", name)
                if match is not None:
                    self._heading_style[name] = int(match.group(1))
                elif name == "Title":
                    self._heading_style[name] = 1
                elif level and level.isdigit() and 0 < int(level) < 10:
                    self._heading_style[name] = int(level)

    def _chain(self, name: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            yield name
            name = self._parent.get(name)

    def _is_bold(self, name: str | None) -> bool:
        for style in self._chain(name):
            value = self._bold.get(style)
            if value is not None:
                return value
        return False

    def _heading_level(self, name: str | None) -> int | None:
        for style in self._chain(name):
            if style in self._heading_style:
                return self._heading_style[style]
        return None

    def blocks(self, container: Element) -> None:
        for child in container:
            check_time()
            if self.writer.full:
                return
            tag = child.tag
            if tag in _ODT_SKIP:
                continue
            if tag == f"{_TEXT}h":
                text, _ = self._inline(child, None)
                level = _int_or_none(child.get(f"{_TEXT}outline-level")) or 1
                self.writer.heading(text, max(1, min(level, 9)))
                self._frames(child)
            elif tag == f"{_TEXT}p":
                self.paragraph(child)
            elif tag == f"{_TEXT}list":
                self.list(child)
            elif tag == f"{_TABLE}table":
                self.table(child)
            elif tag in (f"{_TEXT}section", f"{_TEXT}index-body", f"{_DRAW}text-box"):
                self.blocks(child)
            elif tag == f"{_DRAW}frame":
                self._frames(child)

    def paragraph(self, element: Element) -> None:
        style = element.get(f"{_TEXT}style-name")
        text, bold = self._inline(element, style)
        if text.strip():
            level = self._heading_level(style)
            if level is not None:
                self.writer.heading(text, level)
            elif bold and _looks_like_heading(text):
                self.writer.heading(text, 0)
            else:
                self.writer.paragraph(text)
        self._frames(element)

    def list(self, element: Element) -> None:
        for item in element:
            if item.tag not in (f"{_TEXT}list-item", f"{_TEXT}list-header"):
                continue
            for child in item:
                if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
                    text, _ = self._inline(child, None)
                    self.writer.list_item(text)
                elif child.tag == f"{_TEXT}list":
                    self.list(child)
        self.writer.end_group()

    def table(self, table: Element) -> None:
        rows = list(_odt_rows(table))
        widest = max((len(cells) for cells in rows), default=0)
        layout = widest <= 1 or any(
            cell.find(f".//{_TABLE}table") is not None or cell.find(f"{_TEXT}h") is not None
            for cells in rows
            for cell in cells
        )
        self.writer.end_group()
        if layout:
            self.layout_tables = True
            for cells in rows:
                for cell in cells:
                    self.blocks(cell)
            self.writer.end_group()
            return
        for cells in rows:
            simple = all(
                len(cell) <= 1 and all(child.tag == f"{_TEXT}p" for child in cell) for cell in cells
            )
            if simple:
                values = []
                for cell in cells:
                    paragraph = cell.find(f"{_TEXT}p")
                    values.append(self._inline(paragraph, None)[0] if paragraph is not None else "")
                self.writer.row(values)
            else:
                for cell in cells:
                    self.blocks(cell)
                self.writer.end_group()
        self.writer.end_group()

    def _frames(self, element: Element) -> None:
        for frame in element.iter(f"{_DRAW}text-box"):
            self.blocks(frame)

    def _inline(self, element: Element, paragraph_style: str | None) -> tuple[str, bool]:
        parts: list[str] = []
        flags = {"bold": True, "any": False}
        paragraph_bold = self._is_bold(paragraph_style)

        def walk(node: Element, bold: bool) -> None:
            check_time()
            if node.text:
                parts.append(node.text)
                if node.text.strip():
                    flags["any"] = True
                    flags["bold"] = flags["bold"] and bold
            for child in node:
                tag = child.tag
                if tag in _ODT_SKIP or tag == f"{_DRAW}frame":
                    pass
                elif tag == f"{_TEXT}s":
                    count = _int_or_none(child.get(f"{_TEXT}c")) or 1
                    parts.append(" " * min(count, 100))
                elif tag == f"{_TEXT}tab":
                    parts.append("\t")
                elif tag == f"{_TEXT}line-break":
                    parts.append("\n")
                else:
                    span_style = child.get(f"{_TEXT}style-name")
                    child_bold = bold
                    if span_style:
                        for style in self._chain(span_style):
                            value = self._bold.get(style)
                            if value is not None:
                                child_bold = value
                                break
                    walk(child, child_bold)
                if child.tail:
                    parts.append(child.tail)
                    if child.tail.strip():
                        flags["any"] = True
                        flags["bold"] = flags["bold"] and bold

        walk(element, paragraph_bold)
        return "".join(parts), flags["any"] and flags["bold"]


def _odt_rows(table: Element) -> Iterator[list[Element]]:
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            yield [cell for cell in child if cell.tag == f"{_TABLE}table-cell"]
        elif child.tag in (
            f"{_TABLE}table-header-rows",
            f"{_TABLE}table-rows",
            f"{_TABLE}table-row-group",
        ):
            yield from _odt_rows(child)


# --------------------------------------------------------------------------------------------
# PDF


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 3:
            self.messages.append(record.getMessage()[:200])


def _read_pdf(data: bytes) -> ReadDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    pdf_logger = logging.getLogger("pypdf")
    collector = _CollectWarnings()
    pdf_logger.addHandler(collector)
    propagate = pdf_logger.propagate
    pdf_logger.propagate = False
    try:
        with _pdf_limits():
            try:
                reader = PdfReader(io.BytesIO(data), strict=False)
                if reader.is_encrypted:
                    try:
                        opened = bool(reader.decrypt(""))
                    except (DependencyError, NotImplementedError, PyPdfError):
                        opened = False
                    if not opened:
                        raise DocumentRejected(
                            f"{NO_TEXT_LAYER} It is protected by a password, so its text cannot "
                            "be read."
                        )
                pages = reader.pages
                count = len(pages)
            except (
                PdfReadError,
                PyPdfError,
                ValueError,
                KeyError,
                TypeError,
                AttributeError,
            ) as error:
                if isinstance(error, FileNotDecryptedError):
                    raise DocumentRejected(
                        f"{NO_TEXT_LAYER} It is protected by a password, so its text cannot be "
                        "read."
                    ) from None
                raise DocumentRejected(
                    "We could not read this PDF: it is damaged or incomplete "
                    f"({_describe(error)}). Download or export it again, upload the Word "
                    "version, or paste the text."
                ) from None
            warnings: list[str] = []
            if count > MAX_PDF_PAGES:
                warnings.append(f"This PDF has {count} pages; we read the first {MAX_PDF_PAGES}.")
            page_texts: list[str] = []
            failed = oversized = 0
            characters = content_bytes = 0
            stopped = ""
            for index in range(min(count, MAX_PDF_PAGES)):
                check_time()
                if failed >= MAX_PDF_FAILED_PAGES:
                    stopped = (
                        f"We stopped reading this PDF at page {index + 1}: {failed} pages could "
                        "not be read."
                    )
                    break
                if characters >= MAX_SOURCE_CHARACTERS:
                    stopped = (
                        f"This PDF has more text than we read: we kept pages 1 to {index} and "
                        "left out the rest."
                    )
                    break
                page = pages[index]
                try:
                    size = _pdf_content_bytes(page)
                    if size > MAX_PDF_PAGE_CONTENT_BYTES:
                        failed += 1
                        oversized += 1
                        continue
                    content_bytes += size
                    if content_bytes > MAX_PDF_CONTENT_BYTES:
                        stopped = (
                            f"We stopped reading this PDF at page {index + 1}: its pages hold "
                            "far more drawing instructions than pages of text need."
                        )
                        break
                    text = page.extract_text(visitor_operand_before=_pdf_operator) or ""
                except FileNotDecryptedError:
                    raise DocumentRejected(
                        f"{NO_TEXT_LAYER} It is protected by a password, so its text cannot be "
                        "read."
                    ) from None
                except OutOfTime:
                    raise
                except Exception:  # one bad page should not lose the others
                    failed += 1
                    continue
                page_texts.append(text)
                characters += len(text)
            if failed:
                warnings.append(f"We could not read the text of {failed} page(s) of this PDF.")
            if oversized:
                warnings.append(
                    f"{oversized} page(s) of this PDF hold more than "
                    f"{MAX_PDF_PAGE_CONTENT_BYTES // MEGABYTE} MB of drawing instructions, far "
                    "more than a page of text needs, so we did not read them."
                )
            if stopped:
                warnings.append(stopped)
    finally:
        pdf_logger.removeHandler(collector)
        pdf_logger.propagate = propagate
    joined = "\n\n".join(page_texts)
    if sum(1 for character in joined if character.isalnum()) < MIN_PDF_TEXT_CHARACTERS:
        if oversized and not page_texts:
            raise DocumentRejected(
                "We did not read this PDF: its pages hold far more drawing instructions than "
                "pages of text need, which would take too long to read. Upload the Word version, "
                "or paste the text."
            )
        if failed and not page_texts:
            raise DocumentRejected(
                "We could not read this PDF: it is damaged. Download or export it again, upload "
                "the Word version, or paste the text."
            )
        raise DocumentRejected(NO_TEXT_LAYER)
    if collector.messages:
        warnings.append(
            "This PDF has minor errors; check the text we read. (" + collector.messages[0] + ")"
        )
    writer = _Writer()
    _plain_lines(joined, writer)
    text = writer.text()
    if writer.truncated:
        warnings.append(_kept_only(text))
    return ReadDocument(text=text, kind="pdf", warnings=warnings)


def _pdf_limits() -> AbstractContextManager[object]:
    """pypdf's own limits, lowered to what a job description needs: no stream unpacks to more
    than MAX_PDF_STREAM_BYTES, no content stream parses into more than MAX_PDF_STREAM_OPERANDS
    operands, and a damaged stream is not recovered byte by byte for long."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:  # an older pypdf: its defaults apply, and our page budgets still do
        return nullcontext()
    limits: AbstractContextManager[object] = apply(
        zlib_maximum_output_length=MAX_PDF_STREAM_BYTES,
        zlib_maximum_recovery_input_length=MEGABYTE,
        stream_parsing_work_maximum_count=MAX_PDF_STREAM_OPERANDS,
    )
    return limits


def _pdf_content_bytes(page: Any) -> int:
    """How many bytes of drawing instructions the page's content streams unpack to."""
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _pdf_operator(operator: Any, operands: Any, matrix: Any, text_matrix: Any) -> None:
    """Called by pypdf before each drawing instruction: stops a page that takes too long."""
    check_time()


def _plain_lines(text: str, writer: _Writer) -> None:
    """Plain text: blank lines end paragraphs, typed bullets and numbers become list items."""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            writer.paragraph("\n".join(paragraph))
            paragraph.clear()

    for number, raw in enumerate(_capped_lines(text.replace("\r\n", "\n").replace("\r", "\n"))):
        if number % 256 == 0:
            check_time()
        if writer.full:
            break
        line = _clean(raw)
        if not line:
            flush()
            writer.end_group()
            continue
        item = _bulleted(line)
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


# --------------------------------------------------------------------------------------------
# Plain text and Markdown

# Windows-1252 bytes decoded as UTF-8 text, then saved again as UTF-8 ("Â£", "â€™").
_MOJIBAKE_MARKERS = re.compile("Â[\u00a0-\u00bf£]|â€|Ã[\u0080-\u00bf]")
_MOJIBAKE_REPAIRS = (
    ("\u00e2\u20ac\u2122", "\u2019"),
    ("\u00e2\u20ac\u02dc", "\u2018"),
    ("\u00e2\u20ac\u0153", "\u201c"),
    ("\u00e2\u20ac\x9d", "\u201d"),
    ("\u00e2\u20ac\u201c", "\u2013"),
    ("\u00e2\u20ac\u201d", "\u2014"),
    ("\u00e2\u20ac\u00a6", "\u2026"),
    ("\u00e2\u20ac\u00a2", "\u2022"),
    ("\u00c2\u00a3", "\u00a3"),
    ("\u00c2\u00a0", " "),
    ("\u00e2\u201a\u00ac", "\u20ac"),
)


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DocumentRejected(
                "This file is not readable text: it is neither UTF-8 nor Windows-1252. Save it "
                "as UTF-8 text or as .docx, or paste the text."
            ) from None
        encoding = "cp1252"
        warnings.append(
            "This file is not UTF-8, so we read it as Windows-1252 (cp1252), the usual encoding "
            "of older Windows files. Check symbols such as £ and accented letters."
        )
    if _MOJIBAKE_MARKERS.search(text):
        repaired = _repair_mojibake(text)
        if repaired != text:
            text = repaired
            warnings.append(
                "This text had garbled characters from a wrong conversion (such as 'Â£' for "
                "'£'); we repaired them. Check symbols and quotation marks."
            )
    return text, encoding, warnings


def _repair_mojibake(text: str) -> str:
    try:
        candidate = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        candidate = None
    if candidate is not None and len(_MOJIBAKE_MARKERS.findall(candidate)) < len(
        _MOJIBAKE_MARKERS.findall(text)
    ):
        return candidate
    for bad, good in _MOJIBAKE_REPAIRS:
        text = text.replace(bad, good)
    return text


def _read_text(data: bytes, *, markdown: bool) -> ReadDocument:
    text, encoding, warnings = _decode(data)
    text = without_invisible_controls(text)
    source_cut = len(text) > MAX_SOURCE_CHARACTERS
    if source_cut:
        end = text.rfind("\n", MAX_SOURCE_CHARACTERS // 2, MAX_SOURCE_CHARACTERS)
        text = text[: MAX_SOURCE_CHARACTERS if end == -1 else end]
    if "\x00" in text:
        raise DocumentRejected(
            "This file contains binary data (NUL bytes), so it is not a plain text file. If it "
            "is a document, upload it as .docx, .odt or .pdf; otherwise paste the text."
        )
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise DocumentRejected(
            "This file does not look like text (it is full of control characters). Upload the "
            "job description as .docx, .odt, .pdf or .txt, or paste the text."
        )
    front_matter: dict[str, str] = {}
    writer = _Writer()
    if markdown:
        body, front_matter = _split_front_matter(text)
        had_template = _markdown(body, front_matter, writer)
        if had_template:
            warnings.append(
                "This Markdown has template tags ({{ }} and {% %}); we filled in values from the "
                "front matter and removed the rest."
            )
    else:
        _plain_lines(text, writer)
    rendered = writer.text()
    if not rendered.strip():
        raise DocumentRejected(
            "This file has no text in it. Check you chose the right file, or paste the text."
        )
    if source_cut or writer.truncated:
        warnings.append(_kept_only(rendered))
    return ReadDocument(
        text=rendered,
        kind="markdown" if markdown else "text",
        headings=writer.headings,
        front_matter=front_matter,
        warnings=warnings,
        heading_levels=writer.levels,
        encoding=encoding,
    )


FENCES = ("---", "...")
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*)$")


def _split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return "\n".join(lines), {}
    closing = (index for index in range(1, min(len(lines), 300)) if lines[index].strip() in FENCES)
    end = next(closing, None)
    if end is None:
        return "\n".join(lines), {}
    values: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#") or line[:1].isspace():
            continue
        match = _FRONT_MATTER_LINE.match(line)
        if match is None:
            continue
        values[match.group(1).lower()] = _front_matter_value(match.group(2))
    return "\n".join(lines[end + 1 :]), values


def _front_matter_value(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    if value and value[0] in "'\"":
        closing = value.find(value[0], 1)
        if closing > 0:
            return value[1:closing].strip()
    comment = _FRONT_MATTER_COMMENT.search(value)
    return (value[: comment.start()] if comment is not None else value).strip()


# The space before a "# comment" (searched for, rather than matching r"\s+#.*$", which is
# quadratic on a long run of spaces).
_FRONT_MATTER_COMMENT = re.compile(r"\s#")
# Every pattern below runs on text anyone can upload, so each is linear in its input: a scan
# from one start stops at the next character that could start another match (a "[" for links,
# a "<" for tags), never at the end of the text. Liquid tags and HTML comments are found with
# str.find (see _liquid_removed and _without_html_comments), not with lazy patterns.
_HTML_CODE_OPENING = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HTML_DECLARATION = re.compile(r"<![A-Za-z][^<>]*>")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\((?:(?!!\[)[^)])*\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\[]|\([^)\[]*\))*\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# Emphasis holds no marker of its own kind ("**bold *and* italic**" takes two passes).
_EMPHASES = (
    re.compile(r"(?<![\w*])(\*{1,3})(?=\S)([^*]+?)(?<=\S)\1(?![\w*])"),
    re.compile(r"(?<![\w*])(_{1,3})(?=\S)([^_]+?)(?<=\S)\1(?![\w*])"),
)
_STRAY_STARS = re.compile(r"(?<!\S)\*{2,3}|\*{2,3}(?!\S)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ATX_OPENING = re.compile(r"\s{0,3}(#{1,6})\s")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_SEPARATOR = re.compile(r"^:?-{2,}:?$")


def _markdown(body: str, front_matter: dict[str, str], writer: _Writer) -> bool:
    """Markdown to the shared text form; returns whether template tags were found."""
    had_template = "{{" in body or "{%" in body

    def liquid(inside: str) -> str:
        expression = inside.split("|", 1)[0].strip()
        if expression.startswith("page."):
            return front_matter.get(expression[5:].lower(), "")
        return ""

    body = _liquid_removed(body, liquid)
    check_time()
    body = _without_html_comments(body)
    body = _without_html_code(body)
    body = _HTML_DECLARATION.sub("", body)
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            writer.paragraph("\n".join(paragraph))
            paragraph.clear()

    lines = _capped_lines(body)
    for index, raw in enumerate(lines):
        if index % 256 == 0:
            check_time()
        if writer.full:
            break
        if raw.strip().startswith(("```", "~~~")):
            flush()
            in_code = not in_code
            continue
        if in_code:
            paragraph.append(raw)
            continue
        line = _without_quote_marks(raw.rstrip())
        if not line.strip():
            flush()
            writer.end_group()
            continue
        if _LINK_DEFINITION.match(line):
            continue
        heading = _atx_heading(line)
        if heading is not None:
            flush()
            writer.heading(_inline_markdown(heading[1]), heading[0])
            continue
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if (
            next_line
            and re.fullmatch(r"=+|-+", next_line)
            and not paragraph
            and _LIST.match(line) is None
            and not line.lstrip().startswith("|")
        ):
            writer.heading(_inline_markdown(line), 1 if next_line.startswith("=") else 2)
            continue
        if _RULE.match(line) or re.fullmatch(r"\s*(=+|-+)\s*", line):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if cells and all(_TABLE_SEPARATOR.match(cell) or not cell for cell in cells):
                continue
            writer.row([_inline_markdown(cell) for cell in cells])
            continue
        item = _LIST.match(line)
        if item is not None:
            flush()
            writer.list_item(_inline_markdown(item.group(1)))
            continue
        if writer.in_list() and not paragraph and raw[:1].isspace():
            # A continuation line of the previous list item.
            writer.extend_last(_inline_markdown(line))
            continue
        paragraph.append(_inline_markdown(line))
    flush()
    return had_template


def _atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a "## Heading ##" line, else None.

    Up to three spaces, one to six "#", a space, then the text without any closing "#"s and the
    spaces around them. (The pattern this replaces, ``(.*?)\\s*#*\\s*$``, backtracked cubically
    on a run of spaces inside a heading.)"""
    opening = _ATX_OPENING.match(line)
    if opening is None:
        return None
    return len(opening.group(1)), line[opening.end() :].strip().rstrip("#").rstrip()


def _without_quote_marks(line: str) -> str:
    """The line after its blockquote markers ("> > text" gives " text"), in one pass."""
    position = 0
    while True:
        marker = position
        while marker < len(line) and line[marker].isspace():
            marker += 1
        if marker == len(line) or line[marker] != ">":
            return line[position:]
        position = marker + 1


def _liquid_removed(body: str, output: Callable[[str], str]) -> str:
    """``body`` without Liquid tags ``{% ... %}`` and with each ``{{ ... }}`` replaced by
    ``output(inside)``, in one linear pass.

    A tag ends at the first "%}" on its line; an output at the first "}}" after it, its inside on
    one line (the spaces around the inside may span lines), as the lazy patterns this replaces
    matched, without their quadratic rescans of a line full of openings."""
    body = _spans_replaced(body, "{%", "%}", lambda inside: "", one_line=True)
    return _spans_replaced(body, "{{", "}}", output, one_line=False)


def _spans_replaced(
    body: str, opening: str, closing: str, replace: Callable[[str], str], *, one_line: bool
) -> str:
    parts: list[str] = []
    position = search = 0
    size = len(body)
    next_closing = next_newline = -1  # caches: both only move forward
    trimmed: dict[int, int] = {}  # closing -> where the text before it stops being space
    while (start := body.find(opening, search)) != -1:
        inside = start + len(opening)
        if not one_line:
            while inside < size and body[inside].isspace():
                inside += 1
        if next_closing < inside:
            next_closing = body.find(closing, inside)
            if next_closing == -1:
                break
        if next_newline < inside:
            next_newline = body.find("\n", inside)
            if next_newline == -1:
                next_newline = size
        end = next_closing
        if one_line:
            if next_newline < end:
                search = next_newline + 1
                continue
            content_end = end
        else:
            if end not in trimmed:
                back = end
                while back > 0 and body[back - 1].isspace():
                    back -= 1
                trimmed[end] = back
            content_end = max(inside, trimmed[end])
            if next_newline < content_end:
                search = start + 1
                continue
        parts.append(body[position:start])
        parts.append(replace(body[inside:content_end]))
        position = search = end + len(closing)
    parts.append(body[position:])
    return "".join(parts)


def _without_html_comments(body: str) -> str:
    """``body`` without ``<!-- ... -->``, in one pass (a lazy pattern rescans to the end from
    every unclosed "<!--")."""
    parts: list[str] = []
    position = 0
    while (start := body.find("<!--", position)) != -1:
        end = body.find("-->", start + 4)
        if end == -1:
            break
        parts.append(body[position:start])
        position = end + 3
    parts.append(body[position:])
    return "".join(parts)


def _without_html_code(body: str) -> str:
    """Markdown without its script and style elements: they are code, not text, so their
    contents go with the tags. One pass, so a file of unclosed tags stays quick."""
    kept: list[str] = []
    position = 0
    lowered = body.lower()
    while (opening := _HTML_CODE_OPENING.search(body, position)) is not None:
        closing = lowered.find(f"</{opening.group(1).lower()}", opening.end())
        if closing == -1:
            break
        end = body.find(">", closing)
        kept.append(body[position : opening.start()])
        position = len(body) if end == -1 else end + 1
    kept.append(body[position:])
    return "".join(kept)


def _inline_markdown(text: str) -> str:
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = _IMAGE.sub(lambda match: match.group(1), text)
    text = _LINK.sub(lambda match: match.group(1), text)
    text = _REFERENCE_LINK.sub(lambda match: match.group(1), text)
    text = _AUTOLINK.sub(lambda match: match.group(1), text)
    text = _CODE.sub(lambda match: match.group(1), text)
    for _ in range(2):
        for emphasis in _EMPHASES:
            text = emphasis.sub(lambda match: match.group(2), text)
    text = _STRAY_STARS.sub("", text)
    text = _ESCAPED.sub(lambda match: match.group(1), text)
    return html.unescape(text)


def _kept_only(text: str) -> str:
    """The warning for a document longer than we read, saying where the kept text ends."""
    last_words = " ".join(text[-400:].split()[-8:])
    if len(last_words) > 80:
        last_words = "..." + last_words[-77:]
    return (
        f"This document has more text than the {MAX_TEXT_CHARACTERS:,} characters we read: we "
        f'kept the text up to "{last_words}" and left out the rest. Check what is missing, or '
        "split the document and add the rest separately."
    )


def _read_result(reader: Any, kind: DocumentKind, *, empty: str) -> ReadDocument:
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
        warnings.append(_kept_only(text))
    return ReadDocument(
        text=text,
        kind=kind,
        headings=reader.writer.headings,
        has_layout_tables=reader.layout_tables,
        warnings=warnings,
        heading_levels=reader.writer.levels,
    )
