"""Reading one uploaded document: the checks before parsing (see ``safety``), then the reader for
its kind, all within ``READ_SECONDS`` of wall-clock time. No exception other than
:class:`DocumentRejected` leaves :func:`read_document`."""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from civictalent.core.budget import OutOfTime, time_budget
from civictalent.documents.model import DocumentRejected, ReadDocument
from civictalent.documents.opendocument import read_odt
from civictalent.documents.pdf import read_pdf
from civictalent.documents.safety import (
    BROKEN_ZIP,
    check_size,
    check_zip_limits,
    describe_error,
    extension_of,
    kind_to_read,
    sniff,
    xml_message,
)
from civictalent.documents.text import read_text
from civictalent.documents.word import read_docx

# Wall-clock time for reading one document, well inside the web server's 30 second timeout.
READ_SECONDS = 10.0
TOO_SLOW = (
    f"We stopped reading this file: it took longer than the {READ_SECONDS:.0f} seconds we allow "
    "for one document. Save a copy with only the job description's text (without large images, "
    "drawings or repeated pages) and upload that, or paste the text."
)
IMAGE_FOLDERS = ("word/media/", "Pictures/")


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
        raise DocumentRejected(xml_message(error)) from None
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
            f"We could not read this file: {describe_error(error)}. Save it again (or as a "
            "different format) and upload the new copy, or paste the text."
        ) from None


def _read(data: bytes, filename: str) -> ReadDocument:
    size = len(data)
    check_size(size)
    if size == 0:
        raise DocumentRejected(
            "This file is empty (0 bytes). Check you chose the right file, or paste the text "
            "instead."
        )
    sniffed = sniff(data)
    kind = kind_to_read(sniffed, extension_of(filename))
    if kind in ("docx", "odt"):
        assert sniffed.archive is not None
        check_zip_limits(sniffed.archive)
        read = read_docx(data, sniffed.archive) if kind == "docx" else read_odt(sniffed.archive)
        read.image_count = sum(
            1
            for name in sniffed.archive.namelist()
            if name.startswith(IMAGE_FOLDERS) and not name.endswith("/")
        )
        return read
    if kind == "pdf":
        return read_pdf(data)
    return read_text(data, markdown=kind == "markdown")
