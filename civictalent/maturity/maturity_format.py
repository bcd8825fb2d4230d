"""Reading a maturity model in the government Data Maturity Assessment's JSON format: pure Python
(no Django).

The format: ``title``, ``description`` (HTML), ``organisation.name``, ``levels`` (their names,
lowest first) and ``dimensions``, each with a ``name`` and ``activities``, each activity with a
``title`` and ``questions``, each question with ``text``, ``context`` and ``statements``, each
statement with ``text`` and ``associatedLevel`` (1 for the first level). Dimensions are our
topics; activities are our themes, one theme shared by every topic that has an activity of that
title.

A file with problems is refused as a whole, with every problem found (up to
:data:`MAX_ERRORS`) and the line of the file it is on.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Final

MAX_BYTES: Final = 5_000_000
MAX_QUESTIONS: Final = 2_000
MAX_ERRORS: Final = 50
MIN_LEVELS: Final = 2
MAX_LEVELS: Final = 5
# Longest names and texts, as the database keeps them.
TITLE_LENGTH: Final = 200
NAME_LENGTH: Final = 200
LEVEL_NAME_LENGTH: Final = 80
TEXT_LENGTH: Final = 4_000
SLUG_LENGTH: Final = 80

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def slug_of(text: str, length: int = SLUG_LENGTH) -> str:
    """Lower case letters and digits joined by hyphens (linear time)."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:length].strip("-")


@dataclass(frozen=True)
class ParsedStatement:
    level: int
    text: str


@dataclass(frozen=True)
class ParsedQuestion:
    text: str
    context: str
    theme: str
    statements: tuple[ParsedStatement, ...]


@dataclass(frozen=True)
class ParsedTopic:
    name: str
    questions: tuple[ParsedQuestion, ...]

    @property
    def slug(self) -> str:
        return slug_of(self.name, 100)


@dataclass(frozen=True)
class ParsedModel:
    title: str
    description: str
    publisher: str
    levels: tuple[str, ...]
    topics: tuple[ParsedTopic, ...]

    @property
    def slug(self) -> str:
        return slug_of(self.title)

    @property
    def themes(self) -> tuple[str, ...]:
        """Theme names in the order they first appear."""
        seen: dict[str, None] = {}
        for topic in self.topics:
            for question in topic.questions:
                seen.setdefault(question.theme, None)
        return tuple(seen)

    @property
    def question_count(self) -> int:
        return sum(len(topic.questions) for topic in self.topics)

    @property
    def statement_count(self) -> int:
        return sum(len(q.statements) for topic in self.topics for q in topic.questions)


@dataclass(frozen=True)
class FormatProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class MaturityFormatError(ValueError):
    """The file cannot be imported; ``problems`` says why, line by line."""

    def __init__(self, problems: list[FormatProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


class _TextOnly(HTMLParser):
    """The text of an HTML fragment: paragraphs and list items on lines of their own."""

    BREAKS: Final = frozenset({"p", "br", "li", "div", "h1", "h2", "h3", "h4", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (tags dropped, entities decoded, never markup)."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class _Lines:
    """Finds where values are in the file, going forward through it as the parser does, so each
    problem is reported on its line."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        self.position = 0

    def line_at(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position)

    @property
    def here(self) -> int:
        return self.line_at(self.position)

    def find(self, value: object) -> int:
        """The line of ``value`` (a string) after the last one found; the current line if it
        cannot be found."""
        if isinstance(value, str) and value:
            for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
                index = self.source.find(encoded, self.position)
                if index >= 0:
                    self.position = index + len(encoded)
                    return self.line_at(index)
        return self.here


@dataclass
class _Reader:
    lines: _Lines
    problems: list[FormatProblem] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(FormatProblem(line, message))

    def text(
        self, value: object, what: str, line: int, *, length: int, required: bool = True
    ) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.problem(line, f"{what} must be text, not {_kind(value)}.")
            return ""
        text = value.strip()
        if required and not text:
            self.problem(line, f"{what} is empty.")
        elif len(text) > length:
            self.problem(line, f"{what} is longer than {length:,} characters.")
        return text

    def items(self, value: object, what: str, line: int) -> list[object]:
        if not isinstance(value, list):
            self.problem(line, f"{what} must be a list, not {_kind(value)}.")
            return []
        if not value:
            self.problem(line, f"{what} is empty.")
        return value

    def mapping(self, value: object, what: str, line: int) -> dict[str, object] | None:
        if not isinstance(value, dict):
            self.problem(line, f"{what} must be an object, not {_kind(value)}.")
            return None
        return value


def _kind(value: object) -> str:
    names: dict[type, str] = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def parse_maturity_json(data: bytes) -> ParsedModel:
    """The maturity model in ``data`` (the file's bytes), or :class:`MaturityFormatError`."""
    if len(data) > MAX_BYTES:
        raise MaturityFormatError(
            [FormatProblem(1, f"The file is larger than {MAX_BYTES // 1_000_000} MB.")]
        )
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise MaturityFormatError([FormatProblem(line, "The file is not UTF-8 text.")]) from None
    try:
        document = json.loads(source)
    except json.JSONDecodeError as error:
        raise MaturityFormatError(
            [FormatProblem(error.lineno, f"This is not valid JSON: {error.msg}.")]
        ) from None
    reader = _Reader(_Lines(source))
    model = _read_model(reader, document)
    if reader.problems or model is None:
        raise MaturityFormatError(reader.problems or [FormatProblem(1, "Nothing to import.")])
    return model


def _read_model(reader: _Reader, document: object) -> ParsedModel | None:
    top = reader.mapping(document, "The file", 1)
    if top is None:
        return None
    lines = reader.lines
    title = reader.text(top.get("title"), "The title", lines.find(top.get("title")), length=200)
    if title and not slug_of(title):
        reader.problem(lines.here, "The title needs some letters or digits.")
    description = top.get("description")
    description_text = reader.text(
        description, "The description", lines.find(description), length=50_000, required=False
    )
    organisation = top.get("organisation")
    publisher = ""
    if isinstance(organisation, dict):
        name = organisation.get("name")
        publisher = reader.text(
            name, "The organisation's name", lines.find(name), length=NAME_LENGTH, required=False
        )
    levels = _read_levels(reader, top.get("levels"))
    topics = _read_topics(reader, top.get("dimensions"), len(levels))
    if reader.problems:
        return None
    return ParsedModel(
        title=title,
        description=html_to_text(description_text),
        publisher=publisher,
        levels=levels,
        topics=topics,
    )


def _read_levels(reader: _Reader, value: object) -> tuple[str, ...]:
    line = reader.lines.find("levels")
    names = reader.items(value, "The levels", line)
    if names and not MIN_LEVELS <= len(names) <= MAX_LEVELS:
        reader.problem(
            line, f"There must be {MIN_LEVELS} to {MAX_LEVELS} levels, not {len(names)}."
        )
    found = []
    for number, name in enumerate(names, start=1):
        found.append(
            reader.text(
                name, f"Level {number}'s name", reader.lines.find(name), length=LEVEL_NAME_LENGTH
            )
        )
    return tuple(found)


def _read_topics(reader: _Reader, value: object, levels: int) -> tuple[ParsedTopic, ...]:
    lines = reader.lines
    dimensions = reader.items(value, "The dimensions", lines.find("dimensions"))
    topics: list[ParsedTopic] = []
    slugs: dict[str, int] = {}
    total = 0
    for number, entry in enumerate(dimensions, start=1):
        dimension = reader.mapping(entry, f"Dimension {number}", lines.here)
        if dimension is None:
            continue
        name_line = lines.find(dimension.get("name"))
        name = reader.text(
            dimension.get("name"), f"Dimension {number}'s name", name_line, length=NAME_LENGTH
        )
        slug = slug_of(name, 100)
        if name and not slug:
            reader.problem(name_line, f"Dimension {number}'s name needs some letters or digits.")
        elif slug in slugs:
            reader.problem(name_line, f'The dimension "{name}" is already on line {slugs[slug]}.')
        slugs.setdefault(slug, name_line)
        questions = _read_activities(
            reader, dimension.get("activities"), levels, topic=name or f"Dimension {number}"
        )
        total += len(questions)
        if total > MAX_QUESTIONS:
            reader.problem(lines.here, f"The file has more than {MAX_QUESTIONS:,} questions.")
            break
        topics.append(ParsedTopic(name=name, questions=tuple(questions)))
    return tuple(topics)


def _read_activities(
    reader: _Reader, value: object, levels: int, *, topic: str
) -> list[ParsedQuestion]:
    lines = reader.lines
    activities = reader.items(value, f'The activities of "{topic}"', lines.here)
    questions: list[ParsedQuestion] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(activities, start=1):
        activity = reader.mapping(entry, f'Activity {number} of "{topic}"', lines.here)
        if activity is None:
            continue
        title_line = lines.find(activity.get("title"))
        theme = reader.text(
            activity.get("title"),
            f'The title of activity {number} of "{topic}"',
            title_line,
            length=NAME_LENGTH,
        )
        if theme and not slug_of(theme, 100):
            reader.problem(title_line, f'The activity "{theme}" needs some letters or digits.')
        items = reader.items(activity.get("questions"), f'The questions of "{theme}"', title_line)
        for entry_question in items:
            read = _read_question(reader, entry_question, levels, theme=theme)
            if read is None:
                continue
            question, line = read
            key = question.text.casefold()
            if key in seen:
                reader.problem(
                    line,
                    f'The question "{_short(question.text)}" is already in "{topic}" (line '
                    f"{seen[key]}).",
                )
            else:
                seen[key] = line
            questions.append(question)
    return questions


def _read_question(
    reader: _Reader, value: object, levels: int, *, theme: str
) -> tuple[ParsedQuestion, int] | None:
    lines = reader.lines
    question = reader.mapping(value, f'A question of "{theme}"', lines.here)
    if question is None:
        return None
    line = lines.find(question.get("text"))
    text = reader.text(question.get("text"), "A question's text", line, length=TEXT_LENGTH)
    where = f'The question "{_short(text)}"' if text else "A question"
    context = reader.text(
        question.get("context"), f"{where}'s context", line, length=TEXT_LENGTH, required=False
    )
    statements: dict[int, ParsedStatement] = {}
    for entry in reader.items(question.get("statements"), f"{where}'s statements", line):
        statement = reader.mapping(entry, f"A statement of {_lower(where)}", line)
        if statement is None:
            continue
        statement_line = lines.find(statement.get("text"))
        statement_text = reader.text(
            statement.get("text"),
            f"A statement of {_lower(where)}",
            statement_line,
            length=TEXT_LENGTH,
        )
        level = statement.get("associatedLevel")
        if not isinstance(level, int) or isinstance(level, bool):
            reader.problem(
                statement_line,
                f"A statement of {_lower(where)} has associatedLevel {_kind(level)}, not a "
                "level number.",
            )
            continue
        if not 1 <= level <= levels:
            reader.problem(
                statement_line,
                f"A statement of {_lower(where)} is for level {level}, but the levels run from "
                f"1 to {levels}.",
            )
            continue
        if level in statements:
            reader.problem(statement_line, f"{where} has two statements for level {level}.")
            continue
        statements[level] = ParsedStatement(level=level, text=statement_text)
    missing = [str(number) for number in range(1, levels + 1) if number not in statements]
    if levels and missing and isinstance(question.get("statements"), list):
        reader.problem(
            line,
            f"{where} has no statement for level{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}: every level needs one.",
        )
    parsed = ParsedQuestion(
        text=text,
        context=context,
        theme=theme,
        statements=tuple(statements[number] for number in sorted(statements)),
    )
    return parsed, line


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
