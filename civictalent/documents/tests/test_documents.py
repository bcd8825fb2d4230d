"""Reading uploaded files safely: good documents of every kind, and hostile or broken ones.

Every test file is generated here at run time (and written to pytest's tmp_path where a file on
disk is the point); no binary fixture is committed.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from civictalent.documents import (
    MAX_FILE_BYTES,
    NO_TEXT_LAYER,
    UNSAFE_XML,
    DocumentRejected,
    ReadDocument,
    read_document,
    reader,
)

MB = 1024 * 1024
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --------------------------------------------------------------------------------------------
# Builders (shared with test_extraction)


def build_docx(*, layout_table: bool = False) -> bytes:
    """A small, well-formed Word JD: Title, headings, a bold heading, a bullet list, a table."""
    document = docx.Document()
    document.add_heading("Senior Data Analyst", level=0)
    document.add_paragraph("Grade: PO4")
    document.add_paragraph("Salary: £45,000 - £52,000 per annum")
    document.add_paragraph("Contract: Permanent, 36 hours per week, hybrid working")
    document.add_heading("Job purpose", level=1)
    document.add_paragraph(
        "Lead the council's analysis of housing repairs data so residents get repairs done "
        "right first time."
    )
    document.add_heading("Key responsibilities", level=1)
    for duty in ("Build dashboards for repairs managers", "Model demand for the contact centre"):
        document.add_paragraph(duty, style="List Bullet")
    bold = document.add_paragraph()
    bold.add_run("Person specification").bold = True
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Criteria"
    table.rows[0].cells[1].text = "Essential/Desirable"
    for criterion, mark in (
        ("Experience of SQL and Python", "E"),
        ("Experience with Power BI", "E"),
        ("Knowledge of housing data", "D"),
    ):
        cells = table.add_row().cells
        cells[0].text = criterion
        cells[1].text = mark
    about = document.add_paragraph()
    run = about.add_run("About the council")
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph("We serve a quarter of a million residents in east London.")
    if layout_table:
        box = document.add_table(rows=1, cols=1)
        cell = box.rows[0].cells[0]
        cell.paragraphs[0].text = "Laid out in a box"
        cell.add_paragraph("How to apply", style="Heading 2")
        cell.add_paragraph("Apply online by the closing date.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.2"'
)

GOOD_ODT_BODY = """
<text:h text:outline-level="1">Data Engineer</text:h>
<text:p>Grade: PO6</text:p>
<text:p>Salary: £48,000 to £55,000 a year</text:p>
<text:h text:outline-level="2">Main duties</text:h>
<text:list>
  <text:list-item><text:p>Build<text:s/>pipelines from the repairs system</text:p></text:list-item>
  <text:list-item><text:p>Keep data <text:span text:style-name="T1">well</text:span> documented</text:p></text:list-item>
</text:list>
<text:p text:style-name="P1">Person specification</text:p>
<table:table>
  <table:table-row>
    <table:table-cell><text:p>Criteria</text:p></table:table-cell>
    <table:table-cell><text:p>Essential/Desirable</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell><text:p>Experience of Python</text:p></table:table-cell>
    <table:table-cell><text:p>E</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:table-cell><text:p>Experience of dbt</text:p></table:table-cell>
    <table:table-cell><text:p>D</text:p></table:table-cell>
  </table:table-row>
</table:table>
"""


def odt_content(body: str = GOOD_ODT_BODY, prolog: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"{prolog}"
        f"<office:document-content {ODT_NAMESPACES}>"
        "<office:automatic-styles>"
        '<style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-style="italic"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )


def build_odt(content: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content if content is not None else odt_content())
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return buffer.getvalue()


def build_text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica), written by hand."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 14 TL 72 740 Td " + " ".join(f"({escape(line)}) '" for line in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def replace_parts(data: bytes, replacements: dict[str, bytes]) -> bytes:
    """The same zip with some entries' bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replacements.get(info.filename, source.read(info)))
    return buffer.getvalue()


def with_dtd(xml: bytes, dtd: str, *, entity_reference: str) -> bytes:
    """Put a DTD after the XML declaration and an entity reference into the first text run."""
    text = xml.decode("utf-8")
    declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    root_start = text.index("<", declaration_end)
    text = text[:root_start] + dtd + text[root_start:]
    for marker in ("<w:t>", '<w:t xml:space="preserve">', "<text:p>"):
        if marker in text:
            text = text.replace(marker, marker + entity_reference, 1)
            break
    return text.encode("utf-8")


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def zip_with_filler(
    filler_sizes: list[int], *, base: bytes | None = None, prefix: str = "word/media/filler"
) -> bytes:
    """A real .docx plus entries of zeros: megabytes that compress to almost nothing."""
    source = zipfile.ZipFile(io.BytesIO(base or build_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        chunk = bytes(MB)
        for index, size in enumerate(filler_sizes):
            with target.open(f"{prefix}{index}.bin", "w", force_zip64=True) as handle:
                for _ in range(size // MB):
                    handle.write(chunk)
    return buffer.getvalue()


def rejected(data: bytes, name: str) -> str:
    with pytest.raises(DocumentRejected) as caught:
        read_document(data, name)
    return caught.value.message


def forbid_python_docx(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, fail if a file reaches python-docx (and so lxml). Build test files first."""
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise AssertionError("python-docx must not see this file")

    monkeypatch.setattr(docx, "Document", refuse)
    return calls


# --------------------------------------------------------------------------------------------
# Good documents


def test_a_word_document_keeps_headings_lists_and_table_rows() -> None:
    document = read_document(build_docx(), "Senior data analyst.docx")

    assert document.kind == "docx"
    assert document.headings[:2] == ["Senior Data Analyst", "Job purpose"]
    assert document.heading_levels["Senior Data Analyst"] == 1  # the Title style
    assert document.heading_levels["Key responsibilities"] == 1
    # A short paragraph in bold reads as a heading whose level we cannot know.
    assert document.heading_levels["Person specification"] == 0
    assert document.heading_levels["About the council"] == 0
    lines = document.text.split("\n")
    assert "- Build dashboards for repairs managers" in lines
    assert "Criteria | Essential/Desirable" in lines
    assert "Experience of SQL and Python | E" in lines
    assert "\n\nJob purpose\n\n" in document.text
    assert document.has_layout_tables is False
    assert document.warnings == []


def test_a_form_like_table_gives_label_rows_and_cell_blocks() -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for label, values in (
        ("Job title", ["Cloud Engineer"]),
        ("Salary", ["\u00a338,000 - \u00a341,000 per annum"]),
        ("Main duties", ["You will:", "Run the cloud platform", "Automate deployments"]),
    ):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = values[0]
        for value in values[1:]:
            cells[1].add_paragraph(value, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)

    result = read_document(buffer.getvalue(), "form.docx")

    assert result.text == (
        "Job title | Cloud Engineer\n"
        "Salary | \u00a338,000 - \u00a341,000 per annum\n\n"
        "Main duties\n\nYou will:\n\n- Run the cloud platform\n- Automate deployments"
    )
    assert result.has_layout_tables is False


def test_a_layout_table_is_read_in_order_and_reported() -> None:
    document = read_document(build_docx(layout_table=True), "jd.docx")

    assert document.has_layout_tables is True
    assert "How to apply" in document.headings
    assert document.text.index("Laid out in a box") < document.text.index("How to apply")
    assert any("layout" in warning for warning in document.warnings)


def test_an_opendocument_text_is_read_with_headings_lists_and_tables() -> None:
    document = read_document(build_odt(), "data-engineer.odt")

    assert document.kind == "odt"
    assert document.heading_levels == {
        "Data Engineer": 1,
        "Main duties": 2,
        "Person specification": 0,
    }
    lines = document.text.split("\n")
    assert "- Build pipelines from the repairs system" in lines
    assert "- Keep data well documented" in lines
    assert "Experience of Python | E" in lines
    assert "Salary: £48,000 to £55,000 a year" in lines


def test_a_pdf_with_a_text_layer_is_read() -> None:
    pdf = build_text_pdf(["Job title: Cyber Security Analyst", "Salary: 40,000 per annum"])

    document = read_document(pdf, "cyber.pdf")

    assert document.kind == "pdf"
    assert "Cyber Security Analyst" in document.text
    assert "40,000 per annum" in document.text


def test_a_pdf_protected_only_against_editing_is_still_read() -> None:
    pdf = encrypt_pdf(build_text_pdf(["Job title: Data Analyst", "Grade: PO3"]), user_password="")

    document = read_document(pdf, "analyst.pdf")

    assert "Data Analyst" in document.text


def test_markdown_front_matter_headings_tables_and_templates() -> None:
    source = (
        "---\n"
        "title: 'Digital Lead'\n"
        "# a comment\n"
        'salary_min: "55,000"\n'
        "location: Woolwich\n"
        "---\n"
        "{% if page.open %}We are hiring a {{ page.title }} in {{ page.location | upcase }}.{% endif %}\n\n"
        "## Main duties\n\n"
        "1. Lead the **digital** team\n"
        "* Run [show and tells](https://example.org/x)\n\n"
        "| Criteria | E/D |\n| --- | --- |\n| Knowledge of agile | E |\n\n"
        "<u>Desirable\n"
    )

    document = read_document(source.encode(), "digital-lead.md")

    assert document.kind == "markdown"
    assert document.front_matter == {
        "title": "Digital Lead",
        "salary_min": "55,000",
        "location": "Woolwich",
    }
    assert document.headings == ["Main duties"]
    assert document.heading_levels == {"Main duties": 2}
    lines = document.text.split("\n")
    assert lines[0] == "We are hiring a Digital Lead in Woolwich."
    assert "- Lead the digital team" in lines
    assert "- Run show and tells" in lines
    assert "Knowledge of agile | E" in lines
    assert "Desirable" in lines
    assert any("template tags" in warning for warning in document.warnings)


def test_plain_text_bullets_become_list_items() -> None:
    source = "Key duties\n\u2022 Build dashboards\n\u2022 Train colleagues\nin SQL\n\nDone."

    document = read_document(source.encode(), "jd.txt")

    assert document.kind == "text"
    assert document.text == "Key duties\n\n- Build dashboards\n- Train colleagues in SQL\n\nDone."


def test_windows_1252_text_is_read_with_a_warning() -> None:
    data = "Salary: £35,000 \u2013 £40,000 per annum\nCafé staff welcome".encode("cp1252")

    document = read_document(data, "legacy.txt")

    assert "£35,000 \u2013 £40,000" in document.text
    assert "Café" in document.text
    assert document.encoding == "cp1252"
    assert any("Windows-1252" in warning for warning in document.warnings)


def test_mojibake_is_repaired_with_a_warning() -> None:
    data = "Salary: Â£35,000 â€“ Â£40,000 and the councilâ€™s pension".encode()

    document = read_document(data, "mojibake.txt")

    assert "£35,000 \u2013 £40,000 and the council\u2019s pension" in document.text
    assert any("garbled" in warning for warning in document.warnings)


def test_utf16_text_with_a_byte_order_mark_is_read() -> None:
    document = read_document("Job title: Analyst £30,000".encode("utf-16"), "notepad.txt")

    assert document.text == "Job title: Analyst £30,000"


def test_a_file_without_an_extension_is_read_by_its_bytes() -> None:
    assert read_document(build_docx(), "upload").kind == "docx"
    assert read_document(b"Job title: Analyst", "pasted").kind == "text"


def test_a_file_on_disk_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "jd.docx"
    path.write_bytes(build_docx())

    assert "Senior Data Analyst" in read_document(path.read_bytes(), str(path)).text


# --------------------------------------------------------------------------------------------
# Refused before parsing


def test_an_empty_file_is_refused() -> None:
    assert rejected(b"", "jd.docx").startswith("This file is empty (0 bytes).")


def test_a_file_over_10_mb_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (11 * MB))

    message = rejected(path.read_bytes(), path.name)

    assert message.startswith("This file is 11.0 MB; the limit is 10 MB.")
    assert len(path.read_bytes()) > MAX_FILE_BYTES


def test_a_program_renamed_docx_is_refused() -> None:
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)

    message = rejected(exe, "job-description.docx")

    assert message.startswith("This file is called .docx but is not a Word document")
    assert "it is a Windows program" in message


def test_a_pdf_renamed_docx_is_refused() -> None:
    message = rejected(build_text_pdf(["Job title: Analyst"]), "analyst.docx")

    assert message.startswith("This file is called .docx but is not a Word document: it is a PDF.")
    assert "Rename it to end in .pdf" in message


def test_a_word_document_renamed_pdf_is_refused() -> None:
    message = rejected(build_docx(), "analyst.pdf")

    assert message.startswith("This file is called .pdf but is not a PDF")


def test_an_old_word_document_is_refused_with_advice() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)

    for name in ("old.doc", "old.docx"):
        message = rejected(ole, name)
        assert "old-style Word document (.doc)" in message
        assert "save it as .docx" in message


def test_an_unsupported_extension_is_refused() -> None:
    message = rejected(b"{\\rtf1 hello}", "jd.rtf")

    assert "Rich Text" in message
    assert rejected(b"hello", "jd.xlsx").startswith("We accept Word (.docx)")


def test_text_with_nul_bytes_is_refused() -> None:
    message = rejected(b"Job title: Analyst\x00\x00\x00\x01binary", "jd.txt")

    assert "NUL bytes" in message


def test_binary_noise_named_txt_is_refused() -> None:
    noise = bytes(random.Random(4).randrange(1, 32) for _ in range(2000))

    assert "control characters" in rejected(noise, "jd.txt")


def test_a_word_document_with_macros_is_refused() -> None:
    good = build_docx()
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in {**parts, "word/vbaProject.bin": b"macro"}.items():
            target.writestr(name, data)

    assert "contains macros" in rejected(buffer.getvalue(), "macros.docx")


def test_a_damaged_zip_is_refused() -> None:
    message = rejected(b"PK\x03\x04" + bytes(100), "jd.docx")

    assert message.startswith("We could not read this file")
    assert "damaged" in message


def test_a_plain_zip_named_docx_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")

    assert "it is a zip archive, not a document" in rejected(buffer.getvalue(), "jd.docx")


# --------------------------------------------------------------------------------------------
# Zip bombs: refused from the zip directory, without decompressing


def test_a_zip_bomb_disguised_as_docx_is_refused_unopened(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_with_filler([30 * MB])
    assert len(bomb) < 200 * 1024  # small on disk, 30 MB unpacked

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    message = rejected(bomb, "innocent.docx")

    assert message.startswith("This document would unpack to more than we accept")
    assert "30.0 MB" in message


def test_a_compression_ratio_over_100_is_refused() -> None:
    bomb = zip_with_filler([5 * MB])
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist() if "filler" in i.filename)
    assert info.file_size > 100 * info.compress_size

    assert "looks like a zip bomb" in rejected(bomb, "ratio.docx")


def test_too_much_unpacked_in_total_is_refused() -> None:
    bomb = zip_with_filler([18 * MB, 18 * MB, 18 * MB])

    message = rejected(bomb, "total.docx")

    assert "would unpack to 54." in message
    assert "the limit is 50 MB" in message


def test_too_many_entries_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
        for index in range(501):
            archive.writestr(f"word/media/{index}.txt", "x")

    assert "the limit is 500" in rejected(buffer.getvalue(), "many.docx")


def test_an_odt_zip_bomb_is_refused() -> None:
    bomb = zip_with_filler([25 * MB], base=build_odt(), prefix="Pictures/filler")

    assert "would unpack to more than we accept" in rejected(bomb, "bomb.odt")


# --------------------------------------------------------------------------------------------
# Hostile XML: refused by defusedxml before python-docx or our reader sees it


def _docx_with_document_xml(transform: Callable[[bytes], bytes]) -> bytes:
    good = build_docx()
    original = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")
    return replace_parts(good, {"word/document.xml": transform(original)})


def test_a_docx_with_a_billion_laughs_dtd_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = _docx_with_document_xml(
        lambda xml: with_dtd(xml, BILLION_LAUGHS, entity_reference="&lol9;")
    )
    calls = forbid_python_docx(monkeypatch)

    assert rejected(hostile, "laughs.docx") == UNSAFE_XML
    assert calls == []


def test_a_docx_with_an_external_entity_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = _docx_with_document_xml(lambda xml: with_dtd(xml, XXE, entity_reference="&xxe;"))
    calls = forbid_python_docx(monkeypatch)

    message = rejected(hostile, "xxe.docx")

    assert message == UNSAFE_XML
    assert "root:" not in message
    assert calls == []


def test_a_dtd_in_another_word_part_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = build_docx()
    styles = zipfile.ZipFile(io.BytesIO(good)).read("word/styles.xml")
    hostile = replace_parts(
        good, {"word/styles.xml": with_dtd(styles, XXE, entity_reference="&xxe;")}
    )
    calls = forbid_python_docx(monkeypatch)

    assert rejected(hostile, "styles.docx") == UNSAFE_XML
    assert calls == []


def test_an_odt_with_a_billion_laughs_dtd_is_refused() -> None:
    content = odt_content(
        "<text:p>&lol9;</text:p>",
        prolog=BILLION_LAUGHS.replace("lolz", "office:document-content"),
    )

    assert rejected(build_odt(content), "laughs.odt") == UNSAFE_XML


def test_an_odt_with_an_external_entity_is_refused() -> None:
    content = odt_content(
        "<text:p>&xxe;</text:p>", prolog=XXE.replace("foo", "office:document-content")
    )

    message = rejected(build_odt(content), "xxe.odt")

    assert message == UNSAFE_XML
    assert "root:" not in message


def test_malformed_xml_is_refused_as_damaged() -> None:
    hostile = _docx_with_document_xml(lambda xml: xml[: len(xml) // 2])

    message = rejected(hostile, "broken.docx")

    assert message.startswith("We could not read this file")
    assert "damaged" in message


# --------------------------------------------------------------------------------------------
# PDFs without text, locked or broken


def test_a_pdf_without_a_text_layer_is_refused() -> None:
    assert rejected(blank_pdf(), "scan.pdf") == NO_TEXT_LAYER
    assert NO_TEXT_LAYER.startswith(
        "This PDF has no text layer: upload the Word version or paste the text"
    )


def test_an_encrypted_pdf_is_refused() -> None:
    locked = encrypt_pdf(build_text_pdf(["Job title: Analyst"]), user_password="secret")

    message = rejected(locked, "locked.pdf")

    assert message.startswith(NO_TEXT_LAYER)
    assert "password" in message


def test_a_truncated_pdf_is_refused_with_a_clear_message() -> None:
    pdf = build_text_pdf(["Job title: Analyst"])

    for cut in (len(pdf) // 2, 40, 12):
        message = rejected(pdf[:cut], "broken.pdf")
        assert message.startswith(("We could not read this PDF", NO_TEXT_LAYER)), message


# --------------------------------------------------------------------------------------------
# Nothing but DocumentRejected ever escapes


def test_a_docx_python_docx_cannot_open_is_refused_not_raised() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W_NAMESPACE}"><w:body/></w:document>',
        )

    assert rejected(buffer.getvalue(), "no-content-types.docx").startswith(
        "We could not read this file"
    )


@pytest.mark.parametrize("seed", range(30))
def test_corrupted_documents_are_read_or_refused(seed: int) -> None:
    generator = random.Random(seed)
    kind, original = generator.choice(
        [("docx", build_docx()), ("odt", build_odt()), ("pdf", build_text_pdf(["Job title: X"]))]
    )
    damaged = bytearray(original)
    for _ in range(generator.randrange(1, 40)):
        damaged[generator.randrange(len(damaged))] = generator.randrange(256)

    try:
        result = read_document(bytes(damaged), f"damaged.{kind}")
    except DocumentRejected as error:
        assert error.message
    else:
        assert isinstance(result, ReadDocument)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=500).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(max_size=500).map(lambda tail: b"%PDF-1.4\n" + tail),
    ),
    name=st.sampled_from(["a.docx", "a.odt", "a.pdf", "a.txt", "a.md", "a", "a.doc", "a.zip"]),
)
def test_arbitrary_bytes_never_raise_anything_else(data: bytes, name: str) -> None:
    try:
        read_document(data, name)
    except DocumentRejected as error:
        assert error.message.strip()


def test_unexpected_parser_errors_become_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "read_docx", explode)

    assert rejected(build_docx(), "jd.docx").startswith(
        "We could not read this file: RuntimeError: boom."
    )


@pytest.mark.parametrize("level", ["²", "1_0", "99999999999999999999", "-3", " 2 "])
def test_an_odd_outline_level_on_a_paragraph_style_is_read_without_an_error(level: str) -> None:
    """A crafted default-outline-level ("²" passes str.isdigit and breaks int()) is ignored or
    read as the number it is, never an error."""
    content = odt_content(
        body='<text:p text:style-name="Odd">Main duties</text:p><text:p>Build pipelines.</text:p>'
    ).replace(
        "</office:automatic-styles>",
        '<style:style style:name="Odd" style:family="paragraph" '
        f'style:default-outline-level="{level}"/></office:automatic-styles>',
    )
    read = read_document(build_odt(content), "jd.odt")
    assert "Build pipelines." in read.text
    assert ("Main duties" in read.headings) == (level.strip() == "2")
