"""Reading OpenDocument text (.odt): paragraphs, headings (by element, style or outline level,
or short bold paragraphs), lists, tables and text boxes, without notes, comments and tracked
changes. content.xml and styles.xml are parsed with defusedxml."""

from __future__ import annotations

import builtins
import re
import zipfile
from collections.abc import Iterator, Sequence
from xml.etree.ElementTree import Element

from civictalent.core.budget import check_time
from civictalent.documents.model import DocumentRejected, ReadDocument
from civictalent.documents.office import (
    int_or_none,
    looks_like_heading,
    read_table,
    styled_result,
)
from civictalent.documents.safety import parse_xml, read_entry
from civictalent.documents.writer import TextWriter

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_ODT_SKIP = {
    f"{_OFFICE}annotation",
    f"{_OFFICE}annotation-end",
    f"{_TEXT}note",
    f"{_TEXT}tracked-changes",
    f"{_TEXT}table-of-content",
    f"{_TEXT}sequence-decls",
    f"{_TEXT}variable-decls",
    f"{_TEXT}user-field-decls",
}


def read_odt(archive: zipfile.ZipFile) -> ReadDocument:
    names = set(archive.namelist())
    if "content.xml" not in names:
        raise DocumentRejected(
            "We could not read this file: it is an OpenDocument file without its content. Save "
            "it again from LibreOffice and upload the new copy."
        )
    content = parse_xml(read_entry(archive, "content.xml"))
    styles = parse_xml(read_entry(archive, "styles.xml")) if "styles.xml" in names else None
    reader = _OdtReader(content, styles)
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is not None:
        reader.blocks(body)
    return styled_result(
        reader,
        "odt",
        empty="This OpenDocument file has no text in it. Upload the original document or paste "
        "the text.",
    )


class _OdtReader:
    def __init__(self, content: Element, styles: Element | None) -> None:
        self.writer = TextWriter()
        self.layout_tables = False
        self._bold: dict[str, bool | None] = {}
        self._parent: dict[str, str] = {}
        self._heading_style: dict[str, int] = {}
        for root in (styles, content):
            if root is None:
                continue
            for style in root.iter(f"{_STYLE}style"):
                name = style.get(f"{_STYLE}name")
                if not name:
                    continue
                properties = style.find(f"{_STYLE}text-properties")
                weight = properties.get(f"{_FO}font-weight") if properties is not None else None
                self._bold[name] = None if weight is None else weight in ("bold", "600", "700")
                parent = style.get(f"{_STYLE}parent-style-name")
                if parent:
                    self._parent[name] = parent
                level = style.get(f"{_STYLE}default-outline-level")
                match = re.fullmatch(r"Heading_20_([1-9])", name)
                if match is not None:
                    self._heading_style[name] = int(match.group(1))
                elif name == "Title":
                    self._heading_style[name] = 1
                elif (outline := int_or_none(level)) is not None and 0 < outline < 10:
                    self._heading_style[name] = outline

    def _chain(self, name: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            yield name
            name = self._parent.get(name)

    def _is_bold(self, name: str | None) -> bool:
        for style in self._chain(name):
            value = self._bold.get(style)
            if value is not None:
                return value
        return False

    def _heading_level(self, name: str | None) -> int | None:
        for style in self._chain(name):
            if style in self._heading_style:
                return self._heading_style[style]
        return None

    def blocks(self, container: Element) -> None:
        for child in container:
            check_time()
            if self.writer.full:
                return
            tag = child.tag
            if tag in _ODT_SKIP:
                continue
            if tag == f"{_TEXT}h":
                text, _ = self._inline(child, None)
                level = int_or_none(child.get(f"{_TEXT}outline-level")) or 1
                self.writer.heading(text, max(1, min(level, 9)))
                self._frames(child)
            elif tag == f"{_TEXT}p":
                self.paragraph(child)
            elif tag == f"{_TEXT}list":
                self.list(child)
            elif tag == f"{_TABLE}table":
                self.table(child)
            elif tag in (f"{_TEXT}section", f"{_TEXT}index-body", f"{_DRAW}text-box"):
                self.blocks(child)
            elif tag == f"{_DRAW}frame":
                self._frames(child)

    def paragraph(self, element: Element) -> None:
        style = element.get(f"{_TEXT}style-name")
        text, bold = self._inline(element, style)
        if text.strip():
            level = self._heading_level(style)
            if level is not None:
                self.writer.heading(text, level)
            elif bold and looks_like_heading(text):
                self.writer.heading(text, 0)
            else:
                self.writer.paragraph(text)
        self._frames(element)

    def list(self, element: Element) -> None:
        for item in element:
            if item.tag not in (f"{_TEXT}list-item", f"{_TEXT}list-header"):
                continue
            for child in item:
                if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
                    text, _ = self._inline(child, None)
                    self.writer.list_item(text)
                elif child.tag == f"{_TEXT}list":
                    self.list(child)
        self.writer.end_group()

    def table(self, table: Element) -> None:
        read_table(
            self,
            list(_odt_rows(table)),
            holds_layout=lambda cell: (
                cell.find(f".//{_TABLE}table") is not None or cell.find(f"{_TEXT}h") is not None
            ),
            simple_row=lambda cells: all(
                len(cell) <= 1 and all(child.tag == f"{_TEXT}p" for child in cell) for cell in cells
            ),
            row_texts=self._row_texts,
        )

    def _row_texts(self, cells: Sequence[Element]) -> builtins.list[str]:
        values = []
        for cell in cells:
            paragraph = cell.find(f"{_TEXT}p")
            values.append(self._inline(paragraph, None)[0] if paragraph is not None else "")
        return values

    def _frames(self, element: Element) -> None:
        for frame in element.iter(f"{_DRAW}text-box"):
            self.blocks(frame)

    def _inline(self, element: Element, paragraph_style: str | None) -> tuple[str, bool]:
        parts: list[str] = []
        flags = {"bold": True, "any": False}
        paragraph_bold = self._is_bold(paragraph_style)

        def walk(node: Element, bold: bool) -> None:
            check_time()
            if node.text:
                parts.append(node.text)
                if node.text.strip():
                    flags["any"] = True
                    flags["bold"] = flags["bold"] and bold
            for child in node:
                tag = child.tag
                if tag in _ODT_SKIP or tag == f"{_DRAW}frame":
                    pass
                elif tag == f"{_TEXT}s":
                    count = int_or_none(child.get(f"{_TEXT}c")) or 1
                    parts.append(" " * min(count, 100))
                elif tag == f"{_TEXT}tab":
                    parts.append("\t")
                elif tag == f"{_TEXT}line-break":
                    parts.append("\n")
                else:
                    span_style = child.get(f"{_TEXT}style-name")
                    child_bold = bold
                    if span_style:
                        for style in self._chain(span_style):
                            value = self._bold.get(style)
                            if value is not None:
                                child_bold = value
                                break
                    walk(child, child_bold)
                if child.tail:
                    parts.append(child.tail)
                    if child.tail.strip():
                        flags["any"] = True
                        flags["bold"] = flags["bold"] and bold

        walk(element, paragraph_bold)
        return "".join(parts), flags["any"] and flags["bold"]


def _odt_rows(table: Element) -> Iterator[list[Element]]:
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            yield [cell for cell in child if cell.tag == f"{_TABLE}table-cell"]
        elif child.tag in (
            f"{_TABLE}table-header-rows",
            f"{_TABLE}table-rows",
            f"{_TABLE}table-row-group",
        ):
            yield from _odt_rows(child)


# --------------------------------------------------------------------------------------------
# PDF
