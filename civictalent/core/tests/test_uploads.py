"""Uploads over the limit are refused while they stream in, with the form's own message, and
nothing of them is written to disk (issue 15, finding 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files import uploadhandler
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client

from civictalent.core.uploads import (
    MAX_REQUEST_BYTES,
    MAX_UPLOAD_BYTES,
    RefusedUpload,
    UploadLimitHandler,
)
from civictalent.documents import MAX_FILE_BYTES

pytestmark = pytest.mark.django_db
OPERATIONS_GUIDE = Path(settings.BASE_DIR) / "docs" / "operations.md"
MEGABYTE = 1024 * 1024


@pytest.fixture
def files_on_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of uploads Django wrote to a temporary file during the test."""
    written: list[str] = []

    def recording(name: str, *args: object, **kwargs: object) -> object:
        written.append(name)
        return TemporaryUploadedFile(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(uploadhandler, "TemporaryUploadedFile", recording)
    yield written


def test_a_file_over_the_limit_is_refused_in_the_form_and_never_written_to_disk(
    files_on_disk: list[str],
) -> None:
    upload = SimpleUploadedFile("advert.txt", b"Data analyst. " * (12 * MEGABYTE // 14))
    response = Client().post("/health-check/", {"document": upload, "text": ""})
    assert response.status_code == 200
    error = response.context["form"].errors["document"][0]
    assert re.fullmatch(r"This file is 12\.\d MB; the limit is 10 MB\. .*", error), error
    assert files_on_disk == []


def test_a_file_within_the_limit_is_read_from_memory_not_from_disk(
    files_on_disk: list[str],
) -> None:
    """Django writes uploads over 2.5 MB to a temporary file by default."""
    advert = ("We are hiring a data analyst to help the council. " * 100 + "\n\n") * 700
    upload = SimpleUploadedFile("advert.txt", advert.encode())
    assert upload.size is not None and 3 * MEGABYTE < upload.size < MAX_UPLOAD_BYTES
    response = Client().post("/health-check/", {"document": upload})
    assert response.status_code == 200
    assert "document" not in response.context["form"].errors
    assert files_on_disk == []


def test_a_file_that_streams_past_the_limit_stops_being_kept_there() -> None:
    """When the request does not say how long it is, the bytes are counted as they come."""
    handler = UploadLimitHandler()
    handler.handle_raw_input(None, {}, None, b"boundary")  # type: ignore[arg-type]
    handler.new_file("document", "huge.pdf", "application/pdf", None)
    chunk = b"x" * (64 * 1024)
    kept = [
        handler.receive_data_chunk(chunk, start) for start in range(0, 12 * MEGABYTE, len(chunk))
    ]
    assert all(piece == chunk for piece in kept[: MAX_UPLOAD_BYTES // len(chunk)])
    assert all(piece is None for piece in kept[MAX_UPLOAD_BYTES // len(chunk) + 1 :])
    refused = handler.file_complete(12 * MEGABYTE)
    assert isinstance(refused, RefusedUpload)
    assert (refused.name, refused.size, refused.read()) == ("huge.pdf", 12 * MEGABYTE, b"")


def test_the_limits_agree_with_the_readers_and_the_settings() -> None:
    assert MAX_UPLOAD_BYTES == MAX_FILE_BYTES
    assert settings.FILE_UPLOAD_HANDLERS[0] == "civictalent.core.uploads.UploadLimitHandler"
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == MAX_REQUEST_BYTES


def test_the_proxy_in_the_operations_guide_refuses_what_the_platform_would() -> None:
    """The nginx example stops larger bodies before they reach a worker, and waits long enough
    for the slowest work the platform allows (reading an upload, then checking it)."""
    guide = OPERATIONS_GUIDE.read_text(encoding="utf-8")
    example = guide[guide.index("```nginx") : guide.index("```", guide.index("```nginx") + 3)]
    body = re.search(r"client_max_body_size\s+(\d+)m;", example)
    assert body is not None, "the nginx example must set client_max_body_size"
    assert int(body.group(1)) * MEGABYTE >= MAX_REQUEST_BYTES
    for timeout in ("proxy_read_timeout", "proxy_send_timeout", "client_body_timeout"):
        assert re.search(rf"{timeout}\s+\d+s;", example), timeout
