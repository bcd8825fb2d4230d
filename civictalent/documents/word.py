"""Reading Word documents (.docx): paragraphs, headings from styles and outline levels (or short
bold paragraphs), lists, tables, text boxes and content controls, in reading order.

Every XML part is parsed with defusedxml before python-docx (which parses with lxml) sees the
file, and macros are refused."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TRUE_VALUES = {None, "1", "true", "on"}


def read_docx(data: bytes, archive: zipfile.ZipFile) -> ReadDocument:
    if any(info.filename.lower().endswith("vbaproject.bin") for info in archive.infolist()):
        raise DocumentRejected(
            "This Word document contains macros. Open it in Word and save it as a Word Document "
            "(.docx) without macros, then upload that."
        )
    # python-docx parses with lxml: every XML part goes through defusedxml first.
    for info in archive.infolist():
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            parse_xml(read_entry(archive, info.filename))
    import docx

    document = docx.Document(io.BytesIO(data))
    styles = _WordStyles(document)
    reader = _WordReader(styles)
    reader.blocks(document.element.body)
    return styled_result(
        reader,
        "docx",
        empty="This Word document has no text in it. If it is a scan or a picture of a job "
        "description, upload the original document or paste the text.",
    )


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    name: str
    bold: bool | None
    base: str | None
    outline_level: int | None
    numbered: bool


class _WordStyles:
    def __init__(self, document: Any) -> None:
        self._styles: dict[str, _StyleInfo] = {}
        self.default_paragraph: str | None = None
        root = document.styles.element
        for style in root.iterchildren(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if not style_id:
                continue
            name_el = style.find(f"{_W}name")
            name = name_el.get(f"{_W}val", style_id) if name_el is not None else style_id
            based = style.find(f"{_W}basedOn")
            outline = style.find(f"{_W}pPr/{_W}outlineLvl")
            self._styles[style_id] = _StyleInfo(
                name=name,
                bold=_on_off(style.find(f"{_W}rPr/{_W}b")),
                base=based.get(f"{_W}val") if based is not None else None,
                outline_level=int_or_none(outline.get(f"{_W}val")) if outline is not None else None,
                numbered=style.find(f"{_W}pPr/{_W}numPr") is not None,
            )
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true"):
                self.default_paragraph = style_id
        self._bold_cache: dict[str, bool] = {}

    def name(self, style_id: str | None) -> str:
        info = self._styles.get(style_id or self.default_paragraph or "")
        return info.name if info is not None else ""

    def bold(self, style_id: str | None) -> bool:
        if not style_id:
            return False
        cached = self._bold_cache.get(style_id)
        if cached is not None:
            return cached
        value = False
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                break
            if info.bold is not None:
                value = info.bold
                break
            current = info.base
        self._bold_cache[style_id] = value
        return value

    def heading_level(self, style_id: str | None) -> int | None:
        current = style_id or self.default_paragraph
        seen: set[str] = set()
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                return None
            lowered = info.name.lower()
            if lowered == "title":
                return 1
            match = re.fullmatch(r"heading\s*([1-9])", lowered)
            if match is not None:
                return int(match.group(1))
            if info.outline_level is not None and info.outline_level < 9:
                return info.outline_level + 1
            if lowered in ("normal", "body text", "list paragraph"):
                return None
            current = info.base
        return None

    def is_list(self, style_id: str | None) -> bool:
        info = self._styles.get(style_id or "")
        if info is None:
            return False
        return info.numbered or info.name.lower().startswith("list ")


def _on_off(element: Any) -> bool | None:
    if element is None:
        return None
    return element.get(f"{_W}val") in _TRUE_VALUES


class _WordReader:
    def __init__(self, styles: _WordStyles) -> None:
        self.styles = styles
        self.writer = TextWriter()
        self.layout_tables = False

    def blocks(self, container: Any) -> None:
        for child in container.iterchildren():
            check_time()
            if self.writer.full:
                return
            tag = child.tag
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
                if content is not None:
                    self.blocks(content)

    def paragraph(self, element: Any) -> None:
        properties = element.find(f"{_W}pPr")
        style_element = properties.find(f"{_W}pStyle") if properties is not None else None
        style_id = style_element.get(f"{_W}val") if style_element is not None else None
        text, runs_bold = self._text(element, style_id)
        boxes = [
            box
            for box in element.iter(f"{_W}txbxContent")
            if not any(ancestor.tag == f"{_MC}Fallback" for ancestor in box.iterancestors())
        ]
        if text.strip():
            level = self.styles.heading_level(style_id)
            outline = properties.find(f"{_W}outlineLvl") if properties is not None else None
            if level is None and outline is not None:
                value = int_or_none(outline.get(f"{_W}val"))
                if value is not None and value < 9:
                    level = value + 1
            numbered = properties is not None and properties.find(f"{_W}numPr") is not None
            if level is not None:
                self.writer.heading(text, level)
            elif numbered or self.styles.is_list(style_id):
                self.writer.list_item(text)
            elif runs_bold and looks_like_heading(text):
                self.writer.heading(text, 0)
            else:
                self.writer.paragraph(text)
        for box in boxes:
            self.blocks(box)

    def _text(self, paragraph: Any, style_id: str | None) -> tuple[str, bool]:
        parts: list[str] = []
        all_bold = True
        any_text = False
        paragraph_bold = self.styles.bold(style_id)
        for number, run in enumerate(_runs(paragraph)):
            if number % 256 == 255:
                check_time()
            run_parts: list[str] = []
            for child in run.iterchildren():
                tag = child.tag
                if tag == f"{_W}t":
                    run_parts.append(child.text or "")
                elif tag in (f"{_W}tab", f"{_W}ptab"):
                    run_parts.append("\t")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    run_parts.append("\n")
                elif tag == f"{_W}noBreakHyphen":
                    run_parts.append("-")
            run_text = "".join(run_parts)
            if run_text.strip():
                any_text = True
                if all_bold and not self._run_bold(run, paragraph_bold):
                    all_bold = False
            parts.append(run_text)
        return "".join(parts), any_text and all_bold

    def _run_bold(self, run: Any, paragraph_bold: bool) -> bool:
        properties = run.find(f"{_W}rPr")
        if properties is not None:
            direct = _on_off(properties.find(f"{_W}b"))
            if direct is not None:
                return direct
            run_style = properties.find(f"{_W}rStyle")
            if run_style is not None:
                style_id = run_style.get(f"{_W}val")
                if style_id and self.styles.bold(style_id):
                    return True
        return paragraph_bold

    def table(self, table: Any) -> None:
        rows = [
            [cell for cell in row.iterchildren(f"{_W}tc") if not _continues_merge(cell)]
            for row in table.iterchildren(f"{_W}tr")
        ]
        read_table(
            self,
            rows,
            holds_layout=lambda cell: (
                cell.find(f".//{_W}tbl") is not None or self._has_heading(cell)
            ),
            simple_row=lambda cells: all(len(cell.findall(f"{_W}p")) <= 1 for cell in cells),
            row_texts=lambda cells: [
                self._text(paragraph, None)[0] for paragraph in _paragraphs(cells)
            ],
        )

    def _has_heading(self, cell: Any) -> bool:
        for paragraph in cell.iterchildren(f"{_W}p"):
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            if style is not None and self.styles.heading_level(style.get(f"{_W}val")) is not None:
                return True
        return False


def _paragraphs(cells: list[Any]) -> Iterator[Any]:
    for cell in cells:
        found = cell.find(f"{_W}p")
        if found is not None:
            yield found


def _continues_merge(cell: Any) -> bool:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val") in (None, "continue")


def _runs(paragraph: Any) -> Iterator[Any]:
    """Runs in reading order, including inserted text, hyperlinks and fields; not deletions."""
    for child in paragraph.iterchildren():
        tag = child.tag
        if tag == f"{_W}r":
            yield child
        elif tag in (f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple"):
            yield from _runs(child)
        elif tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                yield from _runs(content)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _runs(choice)
