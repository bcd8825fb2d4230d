"""Turning a job description's text into structure: title, grade, pay, sections and terms.

Pure Python (no Django). The input is the text form :mod:`civictalent.documents`
produces (or pasted text): paragraphs separated by blank lines, list items as ``- item``,
headings on their own lines, table rows as ``cell | cell``.

Sections are found from headings, recognised by meaning (:func:`classify_heading`): "Job
purpose", "Purpose of the job", "Main duties", "Key accountabilities", "What you'll do",
"Person specification", "Essential criteria", "About us", "What we offer", "How to apply", ...
A heading we do not recognise is a sub-heading of the section it sits in (its line stays in that
section's text), unless the document says it is at least as prominent as that section's heading
(Word heading styles, Markdown ``#``), when it starts a section of kind ``other``. Pay goes
through the salary parser; the title through the framework's title mapper when one is given.

One module per step: ``headings`` (by meaning), ``sections``, ``labels`` ("Grade: PO4"),
``title``, ``pay`` (and grade), ``terms`` (contract, working pattern, location, closing date);
``extractor`` holds the entry points and ``model`` what they return.

The text is anyone's, so every pattern here is linear in its input (trailing punctuation is
stripped, not matched with "[...]+$"), and :func:`extract` has a time budget
(``EXTRACT_SECONDS``): running out raises :class:`DocumentRejected` with a message to show.
"""

from civictalent.jdlibrary.extraction.extractor import (
    EXTRACT_SECONDS,
    extract,
    extract_document,
)
from civictalent.jdlibrary.extraction.headings import classify_heading
from civictalent.jdlibrary.extraction.model import (
    SECTION_KINDS,
    ExtractedJD,
    Section,
    SectionKind,
)

__all__ = [
    "EXTRACT_SECONDS",
    "SECTION_KINDS",
    "ExtractedJD",
    "Section",
    "SectionKind",
    "classify_heading",
    "extract",
    "extract_document",
]
