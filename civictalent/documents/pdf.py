"""Reading PDFs with pypdf, within budgets: at most ``MAX_PDF_PAGES`` pages, a budget of
content-stream bytes per page and in all, pypdf's own limits lowered, and a stop after
``MAX_PDF_FAILED_PAGES`` pages that cannot be read. A PDF without a text layer (a scan) or
locked with a password is refused with a message that starts with ``NO_TEXT_LAYER``."""

from __future__ import annotations

import io
import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from civictalent.core.budget import OutOfTime, check_time
from civictalent.documents.model import NO_TEXT_LAYER, DocumentRejected, ReadDocument
from civictalent.documents.safety import MEGABYTE, describe_error
from civictalent.documents.writer import (
    MAX_SOURCE_CHARACTERS,
    TextWriter,
    kept_only,
    write_plain_lines,
)

MAX_PDF_PAGES = 100
# A page of text needs tens of kilobytes of drawing instructions; these budgets stop a small file
# whose streams unpack to megabytes of them from holding a worker (pypdf is pure Python).
MAX_PDF_PAGE_CONTENT_BYTES = MEGABYTE
MAX_PDF_CONTENT_BYTES = 4 * MEGABYTE
MAX_PDF_STREAM_BYTES = 4 * MEGABYTE
MAX_PDF_FAILED_PAGES = 3
# About a megabyte of text-drawing instructions parses into this many operands.
MAX_PDF_STREAM_OPERANDS = 250_000
# Fewer letters and digits than this over the whole PDF means a scan without OCR.
MIN_PDF_TEXT_CHARACTERS = 20

PASSWORD_PROTECTED = f"{NO_TEXT_LAYER} It is protected by a password, so its text cannot be read."


class _CollectWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 3:
            self.messages.append(record.getMessage()[:200])


@dataclass(slots=True)
class _PagesRead:
    """What reading the pages found, page by page, and why it stopped early (if it did)."""

    texts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: int = 0
    oversized: int = 0
    characters: int = 0
    content_bytes: int = 0
    stopped: str = ""


def read_pdf(data: bytes) -> ReadDocument:
    pdf_logger = logging.getLogger("pypdf")
    collector = _CollectWarnings()
    pdf_logger.addHandler(collector)
    propagate = pdf_logger.propagate
    pdf_logger.propagate = False
    try:
        with _pdf_limits():
            pages, count = _opened_pages(data)
            read = _read_pages(pages, count)
    finally:
        pdf_logger.removeHandler(collector)
        pdf_logger.propagate = propagate
    joined = "\n\n".join(read.texts)
    _refuse_without_text(joined, read)
    warnings = read.warnings
    if collector.messages:
        warnings.append(
            "This PDF has minor errors; check the text we read. (" + collector.messages[0] + ")"
        )
    writer = TextWriter()
    write_plain_lines(joined, writer)
    text = writer.text()
    if writer.truncated:
        warnings.append(kept_only(text))
    return ReadDocument(text=text, kind="pdf", warnings=warnings)


def _opened_pages(data: bytes) -> tuple[Any, int]:
    """The PDF's pages and how many there are; a damaged or locked PDF is refused."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError, PyPdfError):
                opened = False
            if not opened:
                raise DocumentRejected(PASSWORD_PROTECTED)
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
            raise DocumentRejected(PASSWORD_PROTECTED) from None
        raise DocumentRejected(
            "We could not read this PDF: it is damaged or incomplete "
            f"({describe_error(error)}). Download or export it again, upload the Word "
            "version, or paste the text."
        ) from None
    return pages, count


def _read_pages(pages: Any, count: int) -> _PagesRead:
    read = _PagesRead()
    if count > MAX_PDF_PAGES:
        read.warnings.append(f"This PDF has {count} pages; we read the first {MAX_PDF_PAGES}.")
    for index in range(min(count, MAX_PDF_PAGES)):
        check_time()
        read.stopped = _reason_to_stop_before(index, read)
        if read.stopped:
            break
        _read_page(pages[index], index, read)
        if read.stopped:
            break
    if read.failed:
        read.warnings.append(f"We could not read the text of {read.failed} page(s) of this PDF.")
    if read.oversized:
        read.warnings.append(
            f"{read.oversized} page(s) of this PDF hold more than "
            f"{MAX_PDF_PAGE_CONTENT_BYTES // MEGABYTE} MB of drawing instructions, far "
            "more than a page of text needs, so we did not read them."
        )
    if read.stopped:
        read.warnings.append(read.stopped)
    return read


def _reason_to_stop_before(index: int, read: _PagesRead) -> str:
    """Why not to read page ``index`` (counted from 0) and those after it, or ""."""
    if read.failed >= MAX_PDF_FAILED_PAGES:
        return (
            f"We stopped reading this PDF at page {index + 1}: {read.failed} pages could "
            "not be read."
        )
    if read.characters >= MAX_SOURCE_CHARACTERS:
        return (
            f"This PDF has more text than we read: we kept pages 1 to {index} and "
            "left out the rest."
        )
    return ""


def _read_page(page: Any, index: int, read: _PagesRead) -> None:
    """Add the page's text to ``read``; or count it as failed (or oversized), or stop the reading
    when the pages so far hold more drawing instructions than the budget."""
    from pypdf.errors import FileNotDecryptedError

    try:
        size = _pdf_content_bytes(page)
        if size > MAX_PDF_PAGE_CONTENT_BYTES:
            read.failed += 1
            read.oversized += 1
            return
        read.content_bytes += size
        if read.content_bytes > MAX_PDF_CONTENT_BYTES:
            read.stopped = (
                f"We stopped reading this PDF at page {index + 1}: its pages hold "
                "far more drawing instructions than pages of text need."
            )
            return
        text = page.extract_text(visitor_operand_before=_pdf_operator) or ""
    except FileNotDecryptedError:
        raise DocumentRejected(PASSWORD_PROTECTED) from None
    except OutOfTime:
        raise
    except Exception:  # one bad page should not lose the others
        read.failed += 1
        return
    read.texts.append(text)
    read.characters += len(text)


def _refuse_without_text(joined: str, read: _PagesRead) -> None:
    """Refuse a PDF with (almost) no letters or digits, saying why there are none."""
    if sum(1 for character in joined if character.isalnum()) >= MIN_PDF_TEXT_CHARACTERS:
        return
    if read.oversized and not read.texts:
        raise DocumentRejected(
            "We did not read this PDF: its pages hold far more drawing instructions than "
            "pages of text need, which would take too long to read. Upload the Word version, "
            "or paste the text."
        )
    if read.failed and not read.texts:
        raise DocumentRejected(
            "We could not read this PDF: it is damaged. Download or export it again, upload "
            "the Word version, or paste the text."
        )
    raise DocumentRejected(NO_TEXT_LAYER)


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
