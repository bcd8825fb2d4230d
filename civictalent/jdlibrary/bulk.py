"""Bulk import: a folder of job description files, or a CSV with one JD a row, as drafts.

Each file or row gets one report line: imported, skipped (already in) or refused (with the reason
the reader gave). One bad file never stops the rest, and each JD is saved in its own transaction,
so an import that stops half way keeps what it did; a rerun skips what is already in, by the
SHA-256 of the file's bytes (of the title and text for a CSV row), per council.

:func:`jd_create_from_document` is the one path from uploaded bytes to a draft, for the
contribute page as well as this import.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.accounts.models import User
from civictalent.core.vocabularies import Contract
from civictalent.documents import (
    SUPPORTED_EXTENSIONS,
    DocumentRejected,
    ReadDocument,
    read_document,
    read_file,
)
from civictalent.framework.mapping import role_level_for_title
from civictalent.jdlibrary import selectors, services
from civictalent.jdlibrary.extraction import ExtractedJD, extract, extract_document
from civictalent.jdlibrary.models import JobDescription
from civictalent.organisations.models import Organisation

logger = logging.getLogger(__name__)

__all__ = [
    "CSV_COLUMNS",
    "BulkImportError",
    "BulkLine",
    "BulkReport",
    "bulk_import",
    "file_sha256",
    "import_files_in",
    "jd_create_from_document",
    "row_sha256",
]

Progress = Callable[..., None]
Outcome = Literal["imported", "skipped", "refused"]

CSV_COLUMNS = ("title", "pay_text", "text")
# Old or other formats people keep next to their JDs: reported as refused (the reader says how
# to convert them) rather than silently left out.
_CONVERTIBLE_EXTENSIONS = {".doc", ".rtf", ".pages", ".wpd"}
ALREADY_IN = "already in"


class BulkImportError(Exception):
    """The import as a whole cannot start (no such council member, a CSV without its columns)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BulkLine:
    name: str
    outcome: Outcome
    message: str = ""
    jd_id: int | None = None
    title: str = ""

    def __str__(self) -> str:
        if self.outcome == "imported":
            return f"{self.name}: imported as draft {self.jd_id} ({self.title})"
        if self.outcome == "skipped":
            return f"{self.name}: skipped: {self.message}"
        return f"{self.name}: refused: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "outcome": self.outcome,
            "message": self.message,
            "jd_id": self.jd_id,
            "title": self.title,
        }


@dataclass
class BulkReport:
    lines: list[BulkLine] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def _count(self, outcome: Outcome) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def imported(self) -> int:
        return self._count("imported")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def refused(self) -> int:
        return self._count("refused")

    def summary(self) -> str:
        text = (
            f"{self.imported} imported, {self.skipped} already in, {self.refused} refused "
            f"(of {len(self.lines)})."
        )
        if self.ignored:
            text += (
                f" Left out {len(self.ignored)} other files that are not job descriptions "
                "(.docx, .odt, .pdf, .txt or .md)."
            )
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "skipped": self.skipped,
            "refused": self.refused,
            "lines": [line.as_dict() for line in self.lines],
            "ignored": list(self.ignored),
        }


# --------------------------------------------------------------------------------------------
# From bytes to a draft


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row_sha256(title: str, text: str) -> str:
    """A CSV row's identity: its title and text (not its pay, which may be corrected later)."""
    return hashlib.sha256(f"{title.strip()}\n{text.strip()}".encode()).hexdigest()


def _title_from_name(filename: str) -> str:
    stem = filename.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    words = re.sub(r"[-_.]+", " ", stem).split()
    return " ".join(word for word in words if word.lower() not in ("generic", "jd", "final"))


def _create_draft(
    *,
    organisation: Organisation,
    author: User,
    extracted: ExtractedJD,
    text: str,
    title: str,
    pay_text: str,
    source_kind: str,
    source_filename: str,
    document: ReadDocument | None = None,
    sha256: str,
) -> JobDescription:
    """The draft and its hash in one transaction: a rerun never sees a JD without its hash."""
    sections = [
        services.SectionInput(section.kind, section.heading, section.text)
        for section in extracted.sections
    ]
    role_level = role_level_for_title(title, text)
    with transaction.atomic():
        jd = services.jd_create(
            organisation=organisation,
            author=author,
            title=title or "Untitled job description",
            sections=sections,
            role_level=role_level,
            grade=extracted.grade or "",
            pay_text=pay_text or extracted.salary_text,
            contract=extracted.contract if extracted.contract in Contract.values else "",
            working_pattern=extracted.working_pattern or "",
            location=extracted.location or "",
            source_kind=source_kind,
            source_filename=source_filename,
            source_has_layout_tables=bool(document and document.has_layout_tables),
            source_image_count=document.image_count if document else 0,
        )
        jd.source_sha256 = sha256
        jd.save(update_fields=["source_sha256"])
    return jd


def jd_create_from_document(
    *,
    organisation: Organisation,
    author: User,
    data: bytes,
    filename: str,
    pay_text: str = "",
) -> JobDescription:
    """Read an uploaded file and save what we extract as a draft for the council.

    Raises :class:`DocumentRejected` (nothing saved) when the file is refused, and
    ``ValidationError`` when the draft cannot be saved. ``pay_text``, when given, wins over the
    salary found in the document. The draft records the file's SHA-256.
    """
    document = read_document(data, filename)
    extracted = extract_document(document, title_hint=_title_from_name(filename))
    return _create_draft(
        organisation=organisation,
        author=author,
        extracted=extracted,
        text=document.text,
        title=extracted.title,
        pay_text=pay_text,
        source_kind=document.kind,
        source_filename=filename.replace("\\", "/").rsplit("/", 1)[-1],
        sha256=file_sha256(data),
        document=document,
    )


def jd_create_from_text(
    *, organisation: Organisation, author: User, text: str, pay_text: str = ""
) -> JobDescription:
    """Save pasted text as a draft for the council (the same path as an uploaded file)."""
    extracted = extract(text)
    return _create_draft(
        organisation=organisation,
        author=author,
        extracted=extracted,
        text=text,
        title=extracted.title,
        pay_text=pay_text,
        source_kind="pasted",
        source_filename="",
        sha256=row_sha256(extracted.title, text),
    )


def _jd_create_from_row(
    *, organisation: Organisation, author: User, title: str, pay_text: str, text: str, name: str
) -> JobDescription:
    extracted = extract(text, title_hint=title)
    return _create_draft(
        organisation=organisation,
        author=author,
        extracted=extracted,
        text=text,
        title=title,
        pay_text=pay_text,
        source_kind="csv",
        source_filename=name,
        sha256=row_sha256(title, text),
    )


# --------------------------------------------------------------------------------------------
# The import


def _already_in(organisation: Organisation, sha256: str) -> JobDescription | None:
    return (
        JobDescription.objects.filter(organisation=organisation, source_sha256=sha256)
        .only("pk", "title")
        .first()
    )


def _skipped(name: str, existing: JobDescription) -> BulkLine:
    return BulkLine(
        name, "skipped", f"{ALREADY_IN} (draft or JD {existing.pk}, {existing.title})", existing.pk
    )


def _refusal(error: Exception) -> str:
    if isinstance(error, DocumentRejected):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return (
        f"We could not import this file ({type(error).__name__}). It has not been saved; "
        "contribute it through the website instead, or tell the Civic Talent team."
    )


def import_files_in(paths: Iterable[Path]) -> tuple[list[tuple[str, Path]], list[str]]:
    """The files to import, as (name for the report, path), and the names of files left out.

    A folder is searched recursively; hidden files and Word's "~$" lock files are left out.
    """
    chosen: list[tuple[str, Path]] = []
    ignored: list[str] = []
    for path in paths:
        if not path.is_dir():
            chosen.append((str(path), path))
            continue
        for found in sorted(item for item in path.rglob("*") if item.is_file()):
            relative = found.relative_to(path)
            name = relative.as_posix()
            if any(part.startswith(".") for part in relative.parts) or found.name.startswith("~$"):
                ignored.append(name)
                continue
            extension = found.suffix.lower()
            if extension in SUPPORTED_EXTENSIONS or extension in _CONVERTIBLE_EXTENSIONS:
                chosen.append((name, found))
            else:
                ignored.append(name)
    return chosen, ignored


def _import_file(*, organisation: Organisation, author: User, name: str, path: Path) -> BulkLine:
    try:
        data = read_file(path)
    except DocumentRejected as error:
        return BulkLine(name, "refused", error.message)
    except OSError as error:
        return BulkLine(name, "refused", f"We could not open this file: {error.strerror or error}.")
    existing = _already_in(organisation, file_sha256(data))
    if existing is not None:
        return _skipped(name, existing)
    try:
        jd = jd_create_from_document(
            organisation=organisation, author=author, data=data, filename=path.name
        )
    except (DocumentRejected, ValidationError) as error:
        return BulkLine(name, "refused", _refusal(error))
    except Exception as error:
        logger.exception("Bulk import of %s failed", name)
        return BulkLine(name, "refused", _refusal(error))
    return BulkLine(name, "imported", jd_id=jd.pk, title=jd.title)


def _csv_rows(csv_path: Path) -> list[dict[str, str]]:
    try:
        raw = csv_path.read_bytes()
    except OSError as error:
        raise BulkImportError(f"We could not open {csv_path}: {error.strerror or error}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" as Windows-1252 unless told "CSV UTF-8".
        text = raw.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in CSV_COLUMNS if name not in columns]
    if missing:
        raise BulkImportError(
            f"{csv_path.name} needs the columns {', '.join(CSV_COLUMNS)} in its first row; "
            f"it has no {', '.join(missing)} column. Nothing was imported."
        )
    reader.fieldnames = columns
    try:
        return [{key: (value or "") for key, value in row.items() if key} for row in reader]
    except csv.Error as error:
        raise BulkImportError(
            f"{csv_path.name} is not a CSV we can read (row {reader.line_num}: {error}). Save it "
            "again as 'CSV UTF-8' and retry. Nothing was imported."
        ) from None


def _import_row(
    *, organisation: Organisation, author: User, name: str, row: dict[str, str]
) -> BulkLine:
    title, pay_text, text = (row.get(column, "").strip() for column in CSV_COLUMNS)
    if not title:
        return BulkLine(name, "refused", "This row has no title. Add one in the title column.")
    if not text:
        return BulkLine(
            name, "refused", "This row has no text. Put the job description in the text column."
        )
    existing = _already_in(organisation, row_sha256(title, text))
    if existing is not None:
        return _skipped(name, existing)
    try:
        jd = _jd_create_from_row(
            organisation=organisation,
            author=author,
            title=title,
            pay_text=pay_text,
            text=text,
            name=name,
        )
    except (DocumentRejected, ValidationError) as error:
        return BulkLine(name, "refused", _refusal(error))
    except Exception as error:
        logger.exception("Bulk import of %s failed", name)
        return BulkLine(name, "refused", _refusal(error))
    return BulkLine(name, "imported", jd_id=jd.pk, title=jd.title)


def bulk_import(
    *,
    organisation: Organisation,
    author: User,
    paths: list[Path] | None = None,
    csv_path: Path | None = None,
    progress: Progress | None = None,
) -> BulkReport:
    """Import files (folders searched recursively) and/or CSV rows as drafts for the council.

    ``progress(done, total, name)`` is called before each item and once at the end. Raises
    :class:`BulkImportError` only when nothing can be imported at all.
    """
    if not paths and csv_path is None:
        raise BulkImportError("Give a folder or files to import, or a CSV file.")
    if (
        not author.is_active
        or not selectors.councils_user_edits_for(author).filter(pk=organisation.pk).exists()
    ):
        raise BulkImportError(
            f"{author.email} is not an editor or admin of {organisation.short_name}, so cannot "
            "add its job descriptions. Ask a council admin to make them an editor."
        )
    for path in paths or []:
        if not path.exists():
            raise BulkImportError(f"{path} does not exist. Nothing was imported.")
    report = BulkReport()
    files, report.ignored = import_files_in(paths or [])
    rows = _csv_rows(csv_path) if csv_path is not None else []
    total = len(files) + len(rows)
    done = 0
    for name, path in files:
        if progress:
            progress(done, total, name)
        report.lines.append(
            _import_file(organisation=organisation, author=author, name=name, path=path)
        )
        done += 1
    for number, row in enumerate(rows, start=2):
        name = f"{csv_path.name if csv_path else 'CSV'} row {number}"
        if progress:
            progress(done, total, name)
        report.lines.append(
            _import_row(organisation=organisation, author=author, name=name, row=row)
        )
        done += 1
    if progress:
        progress(done, total, "done")
    return report
