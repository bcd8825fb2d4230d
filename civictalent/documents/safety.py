"""The checks every file passes before any parser sees it: its size, its real type (sniffed from
the bytes, which must agree with its name), the zip limits of Word and OpenDocument files (from
the zip directory alone: nothing is decompressed to check them) and XML parsed with defusedxml,
which refuses DTDs, entity declarations (billion laughs) and external entities (XXE)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from civictalent.documents.model import DocumentKind, DocumentRejected

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 10 * MEGABYTE
MAX_ZIP_ENTRIES = 500
MAX_ZIP_TOTAL_BYTES = 50 * MEGABYTE
MAX_ZIP_ENTRY_BYTES = 20 * MEGABYTE
# Text XML compresses about 5-20 times; images not at all. A large entry that shrank more than
# this is a bomb, not a document. Small entries (styles full of repeated attributes) may.
MAX_ZIP_RATIO = 100
ZIP_RATIO_FROM_BYTES = MEGABYTE

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


@dataclass(frozen=True, slots=True)
class Sniffed:
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
            f"This file is {megabytes(size)}; the limit is 10 MB. Remove large images or save a "
            "text-only copy, or paste the text instead."
        )


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB"


def extension_of(filename: str) -> str:
    """The file name's extension in lower case (".docx"), or "" when it has none."""
    return _extension(_base_name(filename))


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


def sniff(data: bytes) -> Sniffed:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    # Some PDF writers put a few bytes (a byte order mark, blank lines) before the header.
    if data[:1024].lstrip(b"\xef\xbb\xbf\x00\t\n\r\f ").startswith(b"%PDF-"):
        return Sniffed("pdf", "it is a PDF")
    if data.startswith(_OLE_MAGIC):
        return Sniffed(
            "ole", "it is an old-style Word (.doc) file or a password-protected Office document"
        )
    if data.startswith(b"MZ"):
        return Sniffed("exe", "it is a Windows program")
    if data.startswith(b"\x7fELF"):
        return Sniffed("exe", "it is a program")
    if data.startswith(_IMAGE_MAGIC) or data[8:12] == b"WEBP":
        return Sniffed("image", "it is an image")
    if data.startswith(_ARCHIVE_MAGIC):
        return Sniffed("binary", "it is a compressed archive")
    if data.startswith(b"{\\rtf"):
        return Sniffed("rtf", "it is a Rich Text (.rtf) file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Sniffed("text", "it is plain text")
    if b"\x00" in data:
        return Sniffed("nul", "it contains binary data (NUL bytes), not text")
    return Sniffed("text", "it is plain text")


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return Sniffed("broken-zip", "it looks like a Word or OpenDocument file, but it is damaged")
    names = {info.filename for info in infos}
    if "word/document.xml" in names or _declares_word(archive, infos):
        return Sniffed("docx", "it is a Word document (.docx)", archive)
    mimetype = next((info for info in infos if info.filename == "mimetype"), None)
    if mimetype is not None and mimetype.file_size <= 200 and not mimetype.flag_bits & 0x1:
        value = archive.read(mimetype).decode("ascii", "replace").strip()
        if value == "application/vnd.oasis.opendocument.text":
            return Sniffed("odt", "it is an OpenDocument text document (.odt)", archive)
        if value.startswith("application/vnd.oasis.opendocument."):
            return Sniffed("office", "it is an OpenDocument file but not a text document")
    for part, description in _OFFICE_ZIPS.items():
        if part in names:
            return Sniffed("office", f"it is {description}")
    return Sniffed("zip", "it is a zip archive, not a document")


def _declares_word(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bool:
    """A Word document whose main part has another name, per [Content_Types].xml."""
    types = next((info for info in infos if info.filename == "[Content_Types].xml"), None)
    if types is None or types.file_size > 256 * 1024 or types.flag_bits & 0x1:
        return False
    return b"wordprocessingml.document.main+xml" in read_entry(archive, types.filename)


def kind_to_read(sniffed: Sniffed, extension: str) -> DocumentKind:
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


def check_zip_limits(archive: zipfile.ZipFile) -> None:
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
                f"({_short(info.filename)}) is {megabytes(info.file_size)} uncompressed; the "
                f"limit is {MAX_ZIP_ENTRY_BYTES // MEGABYTE} MB per part. Remove large images, "
                "or paste the text."
            )
        total += info.file_size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise DocumentRejected(
            f"This document would unpack to {megabytes(total)}; the limit is "
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


def read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    """An entry's bytes, never more than the limit whatever the directory says."""
    with archive.open(name) as handle:
        data = handle.read(MAX_ZIP_ENTRY_BYTES + 1)
    if len(data) > MAX_ZIP_ENTRY_BYTES:
        raise DocumentRejected(
            f"This document would unpack to more than we accept ({_short(name)}). Paste the text."
        )
    return data


def parse_xml(data: bytes) -> Element:
    # forbid_dtd: real Word and OpenDocument files never carry a DTD; entities and external
    # references are forbidden by defusedxml's defaults too.
    root: Element = SafeElementTree.fromstring(
        data, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    return root


def xml_message(error: Exception) -> str:
    if isinstance(error, DefusedXmlException):
        return UNSAFE_XML
    return (
        "We could not read this file: part of it is not well-formed XML, so the file is "
        "damaged. Open it in Word or LibreOffice, save a new copy and upload that, or paste the "
        "text."
    )


def describe_error(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = text[:160]
    kind = type(error).__name__
    return f"{kind}: {text}" if text else kind


# --------------------------------------------------------------------------------------------
