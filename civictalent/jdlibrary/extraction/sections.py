"""Sections: the text from each heading we recognise to the next. A heading we do not recognise
is a sub-heading of the section it sits in (its line stays in that section's text), unless the
document says it is at least as prominent as that section's heading, when it starts a section
of kind ``other``. Criteria headings ("Essential", "Desirable") are named after the group they
sit under, and a person specification marked E or D per row is split into the two."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from civictalent.core.budget import check_time
from civictalent.documents import count_words
from civictalent.jdlibrary.extraction.headings import (
    LABEL_VALUE,
    Heading,
    detect_heading,
    heading_key,
)
from civictalent.jdlibrary.extraction.model import (
    CRITERIA_KINDS,
    JOINER,
    Section,
    SectionKind,
)

CONTENTS_HEADINGS = ("contents", "table of contents")


@dataclass(slots=True)
class _Building:
    kind: SectionKind
    heading: str
    level: int | None
    lines: list[str] = field(default_factory=list)
    preamble: bool = False
    context: str = ""

    def empty(self) -> bool:
        return not any(line.strip() for line in self.lines)


def find_sections(lines: list[str], provided: Mapping[str, int], skip: int | None) -> list[Section]:
    """The sections of ``lines``, leaving out line ``skip`` (the title's, when it stands alone).
    ``provided`` are the headings the document marked, with their levels."""
    builder = _SectionBuilder(provided)
    for index, line in enumerate(lines):
        if index % 256 == 0:
            check_time()
        if index == skip:
            continue
        builder.add(line.strip())
    builder.resolve_pending()
    return builder.sections()


class _SectionBuilder:
    """Sections built line by line. Headings we do not recognise wait in ``pending`` until the
    next line of text shows whether they start a section or sit inside the current one."""

    def __init__(self, provided: Mapping[str, int]) -> None:
        self.provided = provided
        self.built: list[_Building] = []
        self.pending: list[Heading] = []
        self.in_contents = False

    def current(self) -> _Building | None:
        return self.built[-1] if self.built else None

    def start(self, kind: SectionKind, heading: str, level: int | None, **extra: Any) -> None:
        self.built.append(_Building(kind, heading, level, **extra))

    def add(self, stripped: str) -> None:
        """One line of the text, without the spaces around it."""
        if not stripped:
            self._blank_line()
            return
        if self.in_contents and self._contents_entry(stripped):
            return
        heading = detect_heading(stripped, self.provided)
        if heading is not None and heading.kind is not None:
            self._known_heading(heading)
        elif heading is not None:
            self.pending.append(heading)
        else:
            self._text_line(stripped)

    def _blank_line(self) -> None:
        section = self.current()
        if section is not None and section.lines and section.lines[-1]:
            section.lines.append("")

    def _contents_entry(self, stripped: str) -> bool:
        """True when the line is an entry of a table of contents (kept in its section); a line
        that is not ends the table, and what follows it is a preamble until the next heading."""
        if len(stripped.split()) <= 8 and not stripped.endswith((".", ",", ";")):
            section = self.current()
            if section is not None:
                section.lines.append(stripped)
            return True
        self.in_contents = False
        self.start("other", "", None, preamble=True)
        return False

    def _known_heading(self, heading: Heading) -> None:
        assert heading.kind is not None
        section = self.current()
        if heading.kind in CRITERIA_KINDS:
            context = self._criteria_group(section)
            self.pending.clear()
            title = f"{context}{JOINER}{heading.text}" if context else heading.text
            self.start(heading.kind, title, heading.level, context=context)
            return
        if self.pending and section is not None:
            section.lines.extend(item.text for item in self.pending)
        self.pending.clear()
        self.start(heading.kind, heading.text, heading.level)
        self.in_contents = heading_key(heading.text) in CONTENTS_HEADINGS

    def _criteria_group(self, section: _Building | None) -> str:
        """What essential or desirable criteria are about: the headings waiting above them, the
        group of the criteria before them, or the person specification they sit in."""
        if self.pending:
            return JOINER.join(item.text for item in self.pending)
        if section is not None and section.kind in CRITERIA_KINDS:
            return section.context
        if section is not None and section.kind == "person_specification":
            return section.heading
        return ""

    def _text_line(self, stripped: str) -> None:
        self.resolve_pending()
        section = self.current()
        if section is None:
            self.start("other", "", None, preamble=True)
            section = self.current()
            assert section is not None
        section.lines.append(stripped)

    def resolve_pending(self) -> None:
        """Headings we did not recognise, followed by text: a section of their own when the
        document marks them at least as prominent as the current section's heading (or there
        is no section yet), else lines of the current section."""
        if not self.pending:
            return
        texts = [heading.text for heading in self.pending]
        first = self.pending[0]
        section = self.current()
        if (
            section is None
            or (section.preamble and section.empty())
            or (first.level is not None and (section.level is None or first.level <= section.level))
        ):
            self.start("other", JOINER.join(texts), first.level)
        else:
            section.lines.extend(texts)
        self.pending.clear()

    def sections(self) -> list[Section]:
        sections: list[Section] = []
        for item in self.built:
            text = "\n".join(item.lines).strip()
            text = re.sub(r"\n{3,}", "\n\n", text)
            if text:
                sections.extend(_split_marked_criteria(Section(item.kind, item.heading, text)))
        return _preamble_as_purpose(sections, self.built)


_MARK = re.compile(r"\s*(e|d|essential|desirable)\s*", re.IGNORECASE)


def _marked(line: str) -> tuple[str, str] | None:
    """(criterion, mark) of a row "Criterion | E", else None.

    What ``^(?P<body>.+?)\\s*\\|\\s*(?P<mark>...)\\s*$`` matched, without its quadratic
    backtracking over spaces: the mark follows the last "|", the criterion is what precedes it
    (at least one character), less its trailing spaces."""
    bar = line.rfind("|")
    if bar < 1:
        return None
    mark = _MARK.fullmatch(line, bar + 1)
    if mark is None:
        return None
    body = line[:bar].rstrip() or line[0]
    return body, mark.group(1)


def _split_marked_criteria(section: Section) -> list[Section]:
    """A person specification table marked E or D per row becomes essential and desirable.

    A short unmarked row ("Knowledge") names the group of the rows after it.
    """
    if section.kind != "person_specification":
        return [section]
    kept: list[str] = []
    groups: dict[tuple[str, str], list[str]] = {}
    key = heading_key(section.heading)
    group = "" if not key or "person spec" in key or "criteria" in key else section.heading
    for line in section.text.split("\n"):
        match = _marked(line)
        if match is None:
            kept.append(line)
            stripped = line.strip()
            if (
                stripped
                and not stripped.startswith("- ")
                and "|" not in stripped
                and len(stripped.split()) <= 5
                and not LABEL_VALUE.match(stripped)
            ):
                group = stripped
            continue
        mark = "essential" if match[1].lower().startswith("e") else "desirable"
        groups.setdefault((group, mark), []).append(match[0])
    if not groups:
        return [section]
    result: list[Section] = []
    remaining = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    if remaining:
        result.append(Section(section.kind, section.heading, remaining))
    for (name, mark), items in groups.items():
        label = "Essential criteria" if mark == "essential" else "Desirable criteria"
        kind: SectionKind = "essential" if mark == "essential" else "desirable"
        result.append(Section(kind, f"{name}{JOINER}{label}" if name else label, "\n".join(items)))
    return result


def _preamble_as_purpose(sections: list[Section], built: list[_Building]) -> list[Section]:
    """Text before the first heading is the role's purpose when nothing else is, and is prose."""
    if not sections or any(section.kind == "purpose" for section in sections):
        return sections
    first = sections[0]
    if not (built and built[0].preamble and first.kind == "other" and first.heading == ""):
        return sections
    prose = sum(
        count_words(line)
        for line in first.text.split("\n")
        if not LABEL_VALUE.match(line) and len(line.split()) >= 6
    )
    if prose < 25:
        return sections
    return [Section("purpose", "", first.text), *sections[1:]]
