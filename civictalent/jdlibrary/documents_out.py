"""A job description as a clean Word document or as Markdown, for a council to reuse.

The Word document is built for screen readers and for editing: a real Title, a real Heading 1
for each section, real bulleted lists, the details as plain paragraphs (no layout tables), and
its language set to British English.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING, Literal

from django.utils import timezone

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from civictalent.jdlibrary.models import JobDescription

LANGUAGE = "en-GB"
BULLET_MARKERS = ("- ", "* ", "• ")
NOT_STATED = "Not stated"


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "bullet"]
    text: str


def text_blocks(text: str) -> list[Block]:
    """Paragraphs (lines joined until a blank line) and bullets ("- ", "* " or "• " lines), the
    same reading of plain text as the page's ``paragraphs`` filter."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Block("paragraph", " ".join(lines)))
            lines.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if line.startswith(BULLET_MARKERS) or line in {"-", "*", "•"}:
            flush()
            item = line[2:].strip()
            if item:
                blocks.append(Block("bullet", item))
        elif not line:
            flush()
        else:
            lines.append(line)
    flush()
    return blocks


def details(jd: JobDescription) -> list[tuple[str, str]]:
    """The short facts a reader wants before the sections, in the order the page shows them."""
    rows = [
        ("Council", jd.organisation.name),
        ("Role level", jd.role_level.name if jd.role_level else "Not mapped"),
        ("Grade", jd.grade or NOT_STATED),
        ("Salary", jd.pay_text or NOT_STATED),
        ("Contract", jd.get_contract_display() or NOT_STATED),
        ("Working pattern", jd.working_pattern or NOT_STATED),
    ]
    if jd.location:
        rows.append(("Location", jd.location))
    return rows


def provenance(jd: JobDescription) -> str:
    """Where the document came from and on what terms, so a reuser can credit the council."""
    updated = timezone.localtime(jd.updated_at) if jd.updated_at else timezone.localtime()
    text = (
        f"From the Civic Talent job description library: {jd.organisation.name}, "
        f"version {jd.version}, last changed {updated:%-d %B %Y}."
    )
    if jd.licence:
        text += f" Shared under the {jd.get_licence_display()}."
    if jd.status == "draft":
        text += " This is a draft and has not been published."
    return text


def _set_document_language(document: WordDocument, language: str) -> None:
    """Word reads spelling and screen-reader language from the default run properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def as_docx(jd: JobDescription) -> bytes:
    from docx import Document

    document = Document()
    properties = document.core_properties
    properties.title = jd.title
    properties.language = LANGUAGE
    properties.author = jd.organisation.name
    properties.subject = "Job description"
    properties.comments = provenance(jd)
    # The blank template says 2013; say when the job description was written and changed.
    if jd.created_at and jd.updated_at:
        properties.created = jd.created_at.astimezone(UTC)
        properties.modified = jd.updated_at.astimezone(UTC)
    properties.revision = jd.version
    _set_document_language(document, LANGUAGE)

    document.add_heading(jd.title, level=0)
    for label, value in details(jd):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in jd.sections.all():
        document.add_heading(section.heading or section.get_kind_display(), level=1)
        for block in text_blocks(section.text):
            style = "List Bullet" if block.kind == "bullet" else None
            document.add_paragraph(block.text, style=style)
    document.add_heading("About this document", level=1)
    document.add_paragraph(provenance(jd))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_MARKDOWN_LINE_START = re.compile(r"^(#{1,6}\s|>|\d+[.)]\s|[=+]{3,}|-{3,}|_{3,})")
# The library's text is plain text, whatever an upload had in it. In the download, "<" is
# written "&lt;" (so no raw HTML, no <javascript:...> autolink) and "[" and "]" are escaped (so
# no link, image or link definition, whatever its address): a council's CMS that renders the
# Markdown shows the words and runs nothing.
_NOT_MARKUP = str.maketrans({"<": "&lt;", "[": "\\[", "]": "\\]"})


def _plain(text: str) -> str:
    """Text that Markdown shows as it is, not as HTML, a link or an image."""
    return text.translate(_NOT_MARKUP)


def _markdown_text(line: str) -> str:
    """Plain text that Markdown will not read as a heading, quote or numbered list by mistake,
    nor as HTML or a link."""
    line = _plain(line)
    return "\\" + line if _MARKDOWN_LINE_START.match(line) else line


def as_markdown(jd: JobDescription) -> str:
    parts = [f"# {_plain(jd.title)}", ""]
    parts += [f"- **{label}:** {_plain(value)}" for label, value in details(jd)]
    parts.append("")
    for section in jd.sections.all():
        parts += [f"## {_plain(section.heading or section.get_kind_display())}", ""]
        previous: str | None = None
        for block in text_blocks(section.text):
            if block.kind == "bullet":
                if previous == "paragraph":
                    parts.append("")
                parts.append(f"- {_plain(block.text)}")
            else:
                if previous is not None:
                    parts.append("")
                parts.append(_markdown_text(block.text))
            previous = block.kind
        parts.append("")
    parts += ["---", "", _plain(provenance(jd)), ""]
    return "\n".join(parts)
