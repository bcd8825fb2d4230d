"""A job description as a clean Word document or as Markdown, for a council to reuse.

The Word document is built for screen readers and for editing: a real Title, a real Heading 1
for each section (Heading 2 for its subheadings), real bulleted and numbered lists, the details
as plain paragraphs (no layout tables), and its language set to British English.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC
from html.parser import HTMLParser
from typing import TYPE_CHECKING, ClassVar, Literal

from django.utils import timezone

from civictalent.core.richtext import html_to_markdown, render

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from civictalent.jdlibrary.models import JobDescription

LANGUAGE = "en-GB"
NOT_STATED = "Not stated"


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "bullet", "number", "heading"]
    text: str


class _Blocks(HTMLParser):
    """The blocks of rendered rich text, each as plain text (a link's words, a line break as a
    space): what the Word document is built from."""

    KINDS: ClassVar[dict[str, Literal["paragraph", "heading"]]] = {
        "p": "paragraph",
        "h2": "heading",
        "h3": "heading",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[str] = []
        self.words: list[str] = []

    def _flush(self, kind: Literal["paragraph", "bullet", "number", "heading"]) -> None:
        text = " ".join("".join(self.words).split())
        self.words = []
        if text:
            self.blocks.append(Block(kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"ul", "ol"}:
            self._flush("paragraph")
            self.lists.append(tag)
        elif tag == "br":
            self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.KINDS:
            self._flush(self.KINDS[tag])
        elif tag == "li":
            self._flush("number" if self.lists and self.lists[-1] == "ol" else "bullet")
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def text_blocks(text: str) -> list[Block]:
    """Headings, paragraphs and bulleted and numbered items of a section's rich text, read by
    the one renderer the page uses (core/richtext.py)."""
    parser = _Blocks()
    parser.feed(render(text))
    parser.close()
    return parser.blocks


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
            if block.kind == "heading":
                document.add_heading(block.text, level=2)
                continue
            style = {"bullet": "List Bullet", "number": "List Number"}.get(block.kind)
            document.add_paragraph(block.text, style=style)
    document.add_heading("About this document", level=1)
    document.add_paragraph(provenance(jd))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The title and the details are plain text. In the download, "<" is written "&lt;" (so no raw
# HTML, no <javascript:...> autolink) and "[" and "]" are escaped (so no link, image or link
# definition, whatever its address): a council's CMS that renders the Markdown shows the words and
# runs nothing. Sections are rich text: see _section_markdown.
_NOT_MARKUP = str.maketrans({"<": "&lt;", "[": "\\[", "]": "\\]"})


def _plain(text: str) -> str:
    """Text that Markdown shows as it is, not as HTML, a link or an image."""
    return text.translate(_NOT_MARKUP)


def _no_raw_html(markdown: str) -> str:
    """Every "<" written "&lt;", dropping the backslash that escaped it (a backslash before "&"
    would show "&lt;" as typed); an escaped backslash before it stays."""
    written: list[str] = []
    backslashes = 0
    for character in markdown:
        if character == "<":
            if backslashes % 2:
                written.pop()
            written.append("&lt;")
            backslashes = 0
            continue
        backslashes = backslashes + 1 if character == "\\" else 0
        written.append(character)
    return "".join(written)


def _section_markdown(text: str) -> str:
    """A section's rich text as the page shows it, written back as the Markdown subset: only
    web and email links survive (rendering drops the rest), and "<" is written "&lt;", so a
    council's CMS that renders the download with raw HTML on shows the words and runs nothing.
    Its headings sit under the section's "## " heading."""
    markdown = _no_raw_html(html_to_markdown(render(text)))
    return re.sub(r"(?m)^(#{2,3}) ", lambda match: "#" + match.group(1) + " ", markdown)


def as_markdown(jd: JobDescription) -> str:
    parts = [f"# {_plain(jd.title)}", ""]
    parts += [f"- **{label}:** {_plain(value)}" for label, value in details(jd)]
    parts.append("")
    for section in jd.sections.all():
        parts += [f"## {_plain(section.heading or section.get_kind_display())}", ""]
        parts += [_section_markdown(section.text), ""]
    parts += ["---", "", _plain(provenance(jd)), ""]
    return "\n".join(parts)
