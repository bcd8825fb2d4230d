"""Reading a council's vacancy file or feed: bytes in, one parsed row (or its errors) per vacancy.

Pure Python (no Django), so uploads, feeds and ``civictalent import-vacancies`` share it. The
schema is documented in docs/vacancy-import-schema.md; this package is its one implementation:
``schema`` (columns, words, limits, results), ``formats`` (CSV, JSON and XML read into records),
``checks`` (one field each), ``parser`` (a whole file) and ``examples`` (the templates).

Problems with the whole file (its size, encoding, a CSV without the required columns, JSON or XML
that does not parse, XML with a DTD or entities) raise :class:`ImportRejected` and nothing is
imported. Problems with one row are listed on that row, and the other rows still import.

What needs the database (the role level's slug, pay text or a grade turned into pounds, the
closing date compared with an existing vacancy) is decided by ``import_services``.
"""

from .examples import example_file
from .parser import parse_vacancies
from .schema import (
    COLUMNS,
    FORMATS,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    FileFormat,
    ImportRejected,
    ParsedFile,
    ParsedRow,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "FileFormat",
    "ImportRejected",
    "ParsedFile",
    "ParsedRow",
    "example_file",
    "parse_vacancies",
]
