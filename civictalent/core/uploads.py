"""Uploads over the limit are refused while they stream in, and never stored.

Django keeps a small upload in memory and writes a larger one to a temporary file before any
form sees it, so a 50 MB upload used to be written to disk only to be refused by its size.
:class:`UploadLimitHandler` runs before Django's own handlers (``FILE_UPLOAD_HANDLERS``):

* a request whose ``Content-Length`` is over ``MAX_REQUEST_BYTES`` has none of its files kept
  (the rest of the form, its CSRF token included, is still read);
* a file whose bytes run past ``MAX_UPLOAD_BYTES`` (a request that did not say how long it is)
  stops being kept at that point.

Either way the form gets a :class:`RefusedUpload` in the file's place, as large as the file was,
so the form refuses it with its usual message ("This file is 50.0 MB; the limit is 10 MB...")
and nothing is half read. With ``FILE_UPLOAD_MAX_MEMORY_SIZE`` at ``MAX_REQUEST_BYTES``, an
accepted upload is kept in memory: no upload is written to disk. The reverse proxy refuses
bodies over its own limit before they arrive (docs/operations.md).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

__all__ = [
    "CSV_CONTENT_TYPES",
    "MAX_REQUEST_BYTES",
    "MAX_UPLOAD_BYTES",
    "UNKNOWN_CONTENT_TYPES",
    "RefusedUpload",
    "UploadLimitHandler",
    "UploadMessages",
    "upload_bytes",
]

MEGABYTE = 1024 * 1024
# The largest file any form accepts: documents (civictalent.documents.MAX_FILE_BYTES) and vacancy
# files; forms with smaller limits (pay-scale CSVs) check their own.
MAX_UPLOAD_BYTES = 10 * MEGABYTE
# The file and the rest of the form around it.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + MEGABYTE


class RefusedUpload(UploadedFile):
    """Stands in for a file that was not kept: its name and how large it was, no content."""

    def __init__(self, name: str, size: int, content_type: str | None) -> None:
        super().__init__(io.BytesIO(), name, content_type, size)


class UploadLimitHandler(FileUploadHandler):
    """Keeps nothing of a file over the limit; see the module's docstring."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.request_length: int | None = None
        self.refusing = False
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803 - Django's name
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        self.request_length = content_length
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.refusing = self.request_length is not None and self.request_length > MAX_REQUEST_BYTES
        if self.refusing:
            raise StopFutureHandlers  # no other handler opens a file for it

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            self.refusing = True
        return None if self.refusing else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.refusing:
            return None
        size = max(self.received, self.request_length or 0)
        return RefusedUpload(self.file_name or "upload", size, self.content_type)


# What browsers send for a .csv file: Excel on Windows calls it application/vnd.ms-excel.
CSV_CONTENT_TYPES = frozenset(
    {
        "text/csv",
        "text/plain",
        "text/comma-separated-values",
        "text/x-csv",
        "application/csv",
        "application/x-csv",
        "application/vnd.ms-excel",
    }
)
# What a browser sends when it does not know: the file's name decides.
UNKNOWN_CONTENT_TYPES = frozenset({"", "application/octet-stream"})


@dataclass(frozen=True)
class UploadMessages:
    """What a form says about a refused file. Each may name ``{name}``, ``{size}`` (in MB, one
    decimal place) and ``{limit_mb}`` (whole MB)."""

    too_large: str
    larger_than_it_said: str
    empty: str
    wrong_type: str


def upload_bytes(
    upload: UploadedFile,
    *,
    limit_bytes: int,
    accepts: Callable[[str, str], bool],
    say: UploadMessages,
    unnamed: str = "The file",
) -> bytes:
    """The upload's bytes, checked by size and type before anything parses them: by the size it
    declares, then by its name's suffix and content type (``accepts(suffix, content_type)``),
    then by what is really there. ValidationError with the form's own words otherwise."""
    name = upload.name or unnamed
    size = upload.size or 0
    words = {
        "name": name,
        "size": f"{size / 1_048_576:.1f} MB",
        "limit_mb": limit_bytes // MEGABYTE,
    }
    if size > limit_bytes:
        raise ValidationError(say.too_large.format(**words))
    if size == 0:
        raise ValidationError(say.empty.format(**words))
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if not accepts(PurePath(name).suffix.lower(), content_type):
        raise ValidationError(say.wrong_type.format(**words))
    upload.seek(0)
    data = upload.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise ValidationError(say.larger_than_it_said.format(**words))
    return data
