"""Budgets and cleaning for text anyone can upload (issue 15): time, length, PDF work, invisible
characters, and Markdown downloads that a council's CMS can render safely.

The growth of every reader on pathological shapes is timed in tests/test_pathological_input.py.
"""

from __future__ import annotations

import io
import time
import zlib
from collections.abc import Callable
from html.parser import HTMLParser

import docx
import pytest
from django.test import Client
from markdown_it import MarkdownIt

from civictalent.accounts.models import User
from civictalent.core.invisible import INVISIBLE_CONTROLS
from civictalent.documents import (
    MAX_TEXT_CHARACTERS,
    TOO_SLOW,
    DocumentRejected,
    ReadDocument,
    pdf,
    read_document,
    reader,
)
from civictalent.jdlibrary import services
from civictalent.jdlibrary.documents_out import as_markdown
from civictalent.jdlibrary.extraction import extract, extractor
from civictalent.organisations.models import Organisation, Role

ADVERT = (
    "# Data analyst\n\n## About the role\n\nYou will help the council use data.\n\n"
    "## What you will do\n\n- build dashboards\n- explain data\n"
)


def pdf_of_pages(contents: list[bytes]) -> bytes:
    """A PDF whose pages draw with these content streams, each compressed (FlateDecode)."""
    count = len(contents)
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, content in enumerate(contents):
        packed = zlib.compress(content, 9)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * index} "
            "0 R /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
            + packed
            + b"\nendstream"
        )
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)


def page_drawing(text: str, repeats: int = 1) -> bytes:
    """Drawing instructions that write ``text`` ``repeats`` times."""
    line = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET\n".encode()
    return line * repeats


def cpu_seconds_of(call: object) -> tuple[float, object]:
    started = time.process_time()
    try:
        result = call()  # type: ignore[operator]
    except DocumentRejected as rejection:
        result = rejection
    return time.process_time() - started, result


# --- time budgets ------------------------------------------------------------------------------


def test_reading_a_document_stops_at_its_time_budget_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "READ_SECONDS", 0.0)
    for data, name in ((ADVERT.encode(), "advert.md"), (ADVERT.encode(), "advert.txt")):
        with pytest.raises(DocumentRejected) as refused:
            read_document(data, name)
        assert refused.value.message == TOO_SLOW
        assert "paste the text" in TOO_SLOW


def test_extraction_stops_at_its_time_budget_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extractor, "EXTRACT_SECONDS", 0.0)
    with pytest.raises(DocumentRejected) as refused:
        extract(ADVERT)
    assert refused.value.message.startswith("We stopped reading the structure")


def test_pasted_text_that_runs_out_of_time_is_refused_on_the_text_field(
    monkeypatch: pytest.MonkeyPatch, make_user: Callable[..., User], council_a: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    client = Client()
    client.force_login(editor)
    monkeypatch.setattr(extractor, "EXTRACT_SECONDS", 0.0)
    response = client.post("/library/contribute/", {"organisation": council_a.pk, "text": ADVERT})
    assert response.status_code == 200
    assert response.context["form"].errors["text"][0].startswith("We stopped reading")


# --- how much is read --------------------------------------------------------------------------


def test_an_uploaded_text_file_keeps_the_pasted_text_limit_and_says_what_it_kept() -> None:
    paragraph = "The council needs analysts who explain data to residents. " * 10
    data = "\n\n".join(f"{number} {paragraph}" for number in range(2_000)).encode()
    assert len(data) > 1_000_000
    seconds, read = cpu_seconds_of(lambda: read_document(data, "long.txt"))
    assert isinstance(read, ReadDocument)
    assert len(read.text) <= MAX_TEXT_CHARACTERS
    kept = next(warning for warning in read.warnings if "characters we read" in warning)
    assert "100,000" in kept
    assert " ".join(read.text.split()[-3:]) in kept  # says where the kept text ends
    assert seconds < 5


def test_a_word_document_of_a_million_characters_is_cut_at_the_limit() -> None:
    document = docx.Document()
    for number in range(1_000):
        document.add_paragraph(f"{number} " + "Build dashboards for housing services. " * 25)
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_document(buffer.getvalue(), "huge.docx")
    assert len(read.text) <= MAX_TEXT_CHARACTERS
    assert any("characters we read" in warning for warning in read.warnings)


def test_a_pdf_whose_pages_unpack_to_megabytes_of_drawing_is_refused_quickly() -> None:
    """Ten pages of a few kilobytes each, each unpacking to 1.5 MB of drawing instructions:
    pypdf would take seconds a page."""
    heavy = page_drawing("Data analyst", repeats=1_500_000 // 45)
    data = pdf_of_pages([heavy] * 10)
    assert len(data) < 100_000
    seconds, read = cpu_seconds_of(lambda: read_document(data, "heavy.pdf"))
    assert isinstance(read, DocumentRejected)
    assert "far more drawing instructions than pages of text need" in read.message
    assert seconds < 2


def test_a_pdf_stops_at_its_budget_of_drawing_instructions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = page_drawing("Senior data analyst for the council's housing service", repeats=40)
    monkeypatch.setattr(pdf, "MAX_PDF_CONTENT_BYTES", 3 * len(page))
    read = read_document(pdf_of_pages([page] * 6), "long.pdf")
    assert "We stopped reading this PDF at page 4" in " ".join(read.warnings)
    assert read.text.count("Senior data analyst") == 3 * 40


def test_a_pdf_stops_after_a_few_pages_that_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[int] = []
    real = pdf._pdf_content_bytes

    def damaged_after_the_first(page: object) -> int:
        attempts.append(1)
        if len(attempts) > 1:
            raise ValueError("damaged page")
        return real(page)

    monkeypatch.setattr(pdf, "_pdf_content_bytes", damaged_after_the_first)
    page = page_drawing("Senior data analyst for the council's housing service", repeats=5)
    read = read_document(pdf_of_pages([page] * 20), "damaged.pdf")
    assert len(attempts) == 1 + pdf.MAX_PDF_FAILED_PAGES
    assert f"{pdf.MAX_PDF_FAILED_PAGES} pages could not be read" in " ".join(read.warnings)


# --- characters that read differently from what they are --------------------------------------


def test_direction_overrides_and_zero_width_characters_do_not_survive_reading() -> None:
    hidden = "".join(sorted(INVISIBLE_CONTROLS))
    markdown = (
        f"---\ntitle: Data{hidden} analyst\n---\n# About{hidden} the role\n\n"
        f"Pay: \u202e000,05£\u202c a year.{hidden}\n\n| Skill{hidden} | E |\n"
    )
    word = docx.Document()
    word.add_heading(f"About{hidden} the role", level=1)
    word.add_paragraph(f"Build\u2066 dashboards\u2069{hidden}.")
    buffer = io.BytesIO()
    word.save(buffer)
    for data, name in (
        (markdown.encode(), "advert.md"),
        (markdown.encode(), "advert.txt"),
        (buffer.getvalue(), "advert.docx"),
    ):
        read = read_document(data, name)
        everything = read.text + "".join(read.headings) + "".join(read.front_matter.values())
        assert not set(everything) & INVISIBLE_CONTROLS, name
    assert read_document(markdown.encode(), "advert.md").front_matter["title"] == "Data analyst"


# --- Markdown downloads ------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_the_markdown_download_shows_html_and_links_from_an_upload_as_text(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    hostile = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "[Apply here](javascript:alert(3)) and ![logo](javascript:alert(4))\n\n"
        "<javascript:alert(5)> [site][1]\n\n[1]: javascript:alert(6)\n\n"
        "- <iframe src=https://evil.example></iframe>"
    )
    jd = services.jd_create(
        organisation=council_a,
        author=editor,
        title="Analyst <b onmouseover=alert(7)>",
        sections=[services.SectionInput("purpose", "About [the role](javascript:x)", hostile)],
        grade="<i>PO4</i>",
    )
    rendered = MarkdownIt("commonmark").render(as_markdown(jd))
    tags = _Tags()
    tags.feed(rendered)
    # Only the structure the download writes itself: no link, image, script or other markup.
    assert {tag for tag, _ in tags.tags} <= {"h1", "h2", "p", "ul", "li", "strong", "hr"}
    assert not any(attributes for _, attributes in tags.tags)
    # The words are all still there, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[Apply here](javascript:alert(3))" in rendered
    assert "About [the role](javascript:x)" in rendered
