"""Hostile files, made in memory when a test asks for them.

Each builder returns the bytes of one file; ``HostileFile`` pairs them with the name it is
uploaded under. Nothing here is committed as a binary: a zip bomb is compressed at test time
(once per run) from zeros.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from civictalent.documents import MAX_FILE_BYTES, MAX_ZIP_ENTRIES

MEGABYTE = 1024 * 1024
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
JD_TEXT = (
    "Data Analyst. Purpose of the job: help residents by turning council data into "
    "dashboards and reports that managers use to plan services."
)
XXE_DOCTYPE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS_DOCTYPE = (
    '<!DOCTYPE w:document [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">' for level in range(1, 10))
    + "]>"
)


@dataclass(frozen=True)
class HostileFile:
    """A hostile upload: a short id for the test report, the file name and its bytes."""

    id: str
    name: str
    data: bytes
    content_type: str = "application/octet-stream"


def word_document_xml(body_text: str = JD_TEXT, *, doctype: str = "", entity: str = "") -> bytes:
    """word/document.xml with one paragraph; ``doctype`` and ``entity`` inject XML attacks."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"{doctype}"
        f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>{body_text}{entity}</w:t>'
        "</w:r></w:p></w:body></w:document>"
    ).encode()


def docx(document_xml: bytes | None = None, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word package around ``document_xml`` (by default a harmless paragraph)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document_xml or word_document_xml())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_docx(text: str = JD_TEXT) -> bytes:
    """A Word document python-docx writes: the harmless control for the hostile ones."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Data Analyst", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def docx_zip_bomb() -> bytes:
    """A .docx of about 5 MB whose word/document.xml inflates to 1.1 GB of zeros.

    Streamed into the archive 1 MB at a time, so building it never holds the gigabyte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            zeros = bytes(MEGABYTE)
            for _ in range(1100):
                handle.write(zeros)
    data = buffer.getvalue()
    assert len(data) < MAX_FILE_BYTES, "the bomb must get past the size limit to test unpacking"
    return data


def docx_many_entries(count: int = MAX_ZIP_ENTRIES * 10) -> bytes:
    """A .docx with thousands of tiny parts (a bomb of entries, not of bytes)."""
    return docx(extra={f"word/media/part{number}.xml": b"<a/>" for number in range(count)})


def docx_lying_sizes() -> bytes:
    """A .docx whose central directory under-states document.xml's size (a header lie)."""
    data = bytearray(docx(word_document_xml(JD_TEXT * 200)))
    # Shrink every recorded uncompressed size of document.xml (local header and directory).
    name = b"word/document.xml"
    real = len(word_document_xml(JD_TEXT * 200)).to_bytes(4, "little")
    position = data.find(real)
    while position != -1:
        data[position : position + 4] = (10).to_bytes(4, "little")
        position = data.find(real, position + 4)
    assert name in data
    return bytes(data)


def odt(content_xml: bytes) -> bytes:
    """A minimal OpenDocument text package around ``content_xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content_xml)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        )
    return buffer.getvalue()


def odt_content(doctype: str = "", entity: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + doctype.replace("w:document", "office:document-content")
        + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:p>{JD_TEXT}{entity}</text:p></office:text>"
        "</office:body></office:document-content>"
    ).encode()


def pdf(
    text: str = JD_TEXT,
    *,
    extra_catalog: str = "",
    extra_objects: tuple[str, ...] = (),
    broken_xref: bool = False,
) -> bytes:
    """A one-page PDF showing ``text``, with optional catalog entries (actions, scripts) and
    extra objects; ``broken_xref`` writes wrong offsets into the cross-reference table."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 10 Tf 40 760 Td ({safe}) Tj ET".encode("latin-1")
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {extra_catalog}>>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(item.encode() for item in extra_objects),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        written = 999_999 if broken_xref else offset
        out.write(f"{written:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n"
        f"{xref + 7 if broken_xref else xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    """A PDF that runs a script when opened (/OpenAction) and names one (/JavaScript)."""
    return pdf(
        extra_catalog="/OpenAction 6 0 R /Names << /JavaScript << /Names [(x) 6 0 R] >> >> ",
        extra_objects=("<< /Type /Action /S /JavaScript /JS (app.alert\\('pwned'\\);) >>",),
    )


def truncated_pdf() -> bytes:
    whole = pdf()
    return whole[: len(whole) // 3]


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", JD_TEXT)
    return buffer.getvalue()


def pdf_zip_polyglot() -> bytes:
    """A PDF with a zip appended: starts %PDF-, ends with a zip's central directory."""
    return pdf() + zip_archive()


def zip_pdf_polyglot() -> bytes:
    """A zip (named .pdf) with a PDF inside its first entry: starts PK, carries %PDF-."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", pdf())
    return buffer.getvalue()


def gif_html_polyglot() -> bytes:
    """GIF89a header followed by HTML with a script: an image to one sniffer, a page to another."""
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/<html><script>alert(1)</script></html>"


def exe_header() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


def html_page() -> bytes:
    return (
        b"<!doctype html><html><body><h1>Data Analyst</h1>"
        b"<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
        b"<p>Help residents with data.</p></body></html>"
    )


def over_limit_size() -> int:
    return MAX_FILE_BYTES + 1


def huge_text_file(size: int, suffix: str) -> Any:
    """A real temporary file of ``size`` bytes named ``*<suffix>``, written 1 MB at a time
    (never one big string). Use it as a context manager; it is deleted on closing."""
    import tempfile

    handle = tempfile.NamedTemporaryFile(suffix=suffix)  # noqa: SIM115 - the caller closes it
    chunk = (b"Data analyst job description line.\n" * 30_000)[:MEGABYTE]
    written = 0
    while written < size:
        piece = chunk[: size - written]
        handle.write(piece)
        written += len(piece)
    handle.seek(0)
    return handle


def documents() -> list[HostileFile]:
    """Every hostile file the document readers (JD upload, health check) must refuse."""
    return [
        HostileFile("zip-bomb-1gb", "bomb.docx", docx_zip_bomb()),
        HostileFile("zip-many-entries", "parts.docx", docx_many_entries()),
        HostileFile("zip-lying-sizes", "liar.docx", docx_lying_sizes()),
        HostileFile(
            "docx-xxe", "xxe.docx", docx(word_document_xml(doctype=XXE_DOCTYPE, entity="&xxe;"))
        ),
        HostileFile(
            "docx-billion-laughs",
            "laughs.docx",
            docx(word_document_xml(doctype=BILLION_LAUGHS_DOCTYPE, entity="&lol9;")),
        ),
        HostileFile("odt-xxe", "xxe.odt", odt(odt_content(XXE_DOCTYPE, "&xxe;"))),
        HostileFile(
            "odt-billion-laughs", "laughs.odt", odt(odt_content(BILLION_LAUGHS_DOCTYPE, "&lol9;"))
        ),
        HostileFile("docx-not-xml", "garbage.docx", docx(b"<w:document><unclosed>")),
        HostileFile("pdf-truncated", "truncated.pdf", truncated_pdf()),
        HostileFile("pdf-named-docx", "advert.docx", pdf()),
        HostileFile("exe-named-pdf", "advert.pdf", exe_header()),
        HostileFile("zip-named-docx", "advert.docx", zip_archive()),
        HostileFile("zip-pdf-polyglot", "poly.pdf", zip_pdf_polyglot()),
        HostileFile("gif-html-polyglot", "poly.md", gif_html_polyglot()),
        HostileFile("empty", "empty.docx", b""),
        HostileFile("nul-bytes-txt", "nul.txt", b"Data analyst\x00\x00\x00" * 50),
        HostileFile("exe-no-extension", "advert", exe_header()),
        HostileFile("unknown-extension", "advert.exe", b"Data analyst role"),
    ]


def vacancy_records(rows: list[dict[str, str]]) -> bytes:
    return json.dumps({"vacancies": rows}).encode()
