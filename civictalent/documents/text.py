"""Reading plain text and Markdown files: the encoding (UTF-8, UTF-16 with its byte order mark,
or Windows-1252 with a warning), garbled characters from a wrong conversion repaired, at most
``MAX_SOURCE_CHARACTERS`` read, and binary files refused."""

from __future__ import annotations

import re

from civictalent.core.invisible import without_invisible_controls
from civictalent.documents.markdown import split_front_matter, write_markdown
from civictalent.documents.model import DocumentRejected, ReadDocument
from civictalent.documents.writer import (
    CONTROL_CHARACTERS,
    MAX_SOURCE_CHARACTERS,
    TextWriter,
    kept_only,
    write_plain_lines,
)

# Windows-1252 bytes decoded as UTF-8 text, then saved again as UTF-8 ("Â£", "â€™").
_MOJIBAKE_MARKERS = re.compile("Â[\u00a0-\u00bf£]|â€|Ã[\u0080-\u00bf]")
_MOJIBAKE_REPAIRS = (
    ("\u00e2\u20ac\u2122", "\u2019"),
    ("\u00e2\u20ac\u02dc", "\u2018"),
    ("\u00e2\u20ac\u0153", "\u201c"),
    ("\u00e2\u20ac\x9d", "\u201d"),
    ("\u00e2\u20ac\u201c", "\u2013"),
    ("\u00e2\u20ac\u201d", "\u2014"),
    ("\u00e2\u20ac\u00a6", "\u2026"),
    ("\u00e2\u20ac\u00a2", "\u2022"),
    ("\u00c2\u00a3", "\u00a3"),
    ("\u00c2\u00a0", " "),
    ("\u00e2\u201a\u00ac", "\u20ac"),
)


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", warnings
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DocumentRejected(
                "This file is not readable text: it is neither UTF-8 nor Windows-1252. Save it "
                "as UTF-8 text or as .docx, or paste the text."
            ) from None
        encoding = "cp1252"
        warnings.append(
            "This file is not UTF-8, so we read it as Windows-1252 (cp1252), the usual encoding "
            "of older Windows files. Check symbols such as £ and accented letters."
        )
    if _MOJIBAKE_MARKERS.search(text):
        repaired = _repair_mojibake(text)
        if repaired != text:
            text = repaired
            warnings.append(
                "This text had garbled characters from a wrong conversion (such as 'Â£' for "
                "'£'); we repaired them. Check symbols and quotation marks."
            )
    return text, encoding, warnings


def _repair_mojibake(text: str) -> str:
    try:
        candidate = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        candidate = None
    if candidate is not None and len(_MOJIBAKE_MARKERS.findall(candidate)) < len(
        _MOJIBAKE_MARKERS.findall(text)
    ):
        return candidate
    for bad, good in _MOJIBAKE_REPAIRS:
        text = text.replace(bad, good)
    return text


def read_text(data: bytes, *, markdown: bool) -> ReadDocument:
    text, encoding, warnings = _decode(data)
    text = without_invisible_controls(text)
    source_cut = len(text) > MAX_SOURCE_CHARACTERS
    if source_cut:
        end = text.rfind("\n", MAX_SOURCE_CHARACTERS // 2, MAX_SOURCE_CHARACTERS)
        text = text[: MAX_SOURCE_CHARACTERS if end == -1 else end]
    if "\x00" in text:
        raise DocumentRejected(
            "This file contains binary data (NUL bytes), so it is not a plain text file. If it "
            "is a document, upload it as .docx, .odt or .pdf; otherwise paste the text."
        )
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(8, len(text) // 100):
        raise DocumentRejected(
            "This file does not look like text (it is full of control characters). Upload the "
            "job description as .docx, .odt, .pdf or .txt, or paste the text."
        )
    front_matter: dict[str, str] = {}
    writer = TextWriter()
    if markdown:
        body, front_matter = split_front_matter(text)
        had_template = write_markdown(body, front_matter, writer)
        if had_template:
            warnings.append(
                "This Markdown has template tags ({{ }} and {% %}); we filled in values from the "
                "front matter and removed the rest."
            )
    else:
        write_plain_lines(text, writer)
    rendered = writer.text()
    if not rendered.strip():
        raise DocumentRejected(
            "This file has no text in it. Check you chose the right file, or paste the text."
        )
    if source_cut or writer.truncated:
        warnings.append(kept_only(rendered))
    return ReadDocument(
        text=rendered,
        kind="markdown" if markdown else "text",
        headings=writer.headings,
        front_matter=front_matter,
        warnings=warnings,
        heading_levels=writer.levels,
        encoding=encoding,
    )
