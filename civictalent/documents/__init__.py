"""Safe reading of uploaded job descriptions: Word, OpenDocument, PDF, plain text and Markdown.

Pure Python (no Django), so the library's upload form and bulk import, the health checker, the
API and the ``ingest-jd`` and ``check-jd`` commands share it. One module per concern:
``safety`` (the checks before parsing), ``word``, ``opendocument``, ``pdf``, ``text`` and
``markdown`` (one reader per format), ``writer`` (the text form they all write), ``office``
(what the Word and OpenDocument readers share), ``model`` (what reading gives) and ``reader``
(the entry point, :func:`read_document`).

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

from civictalent.documents.model import (
    NO_TEXT_LAYER,
    DocumentKind,
    DocumentRejected,
    ReadDocument,
    count_words,
)
from civictalent.documents.reader import READ_SECONDS, TOO_SLOW, read_document
from civictalent.documents.safety import (
    MAX_FILE_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_ENTRY_BYTES,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    SUPPORTED_EXTENSIONS,
    UNSAFE_XML,
    check_size,
    read_file,
)
from civictalent.documents.writer import MAX_LINE_CHARACTERS, MAX_TEXT_CHARACTERS

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
    "UNSAFE_XML",
    "DocumentKind",
    "DocumentRejected",
    "ReadDocument",
    "check_size",
    "count_words",
    "read_document",
    "read_file",
]
