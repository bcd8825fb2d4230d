"""Turning a job description's text into structure: title, grade, pay, sections and terms.

Pure Python (no Django). The input is the text form :mod:`civictalent.documents`
produces (or pasted text): paragraphs separated by blank lines, list items as ``- item``,
headings on their own lines, table rows as ``cell | cell``.

Sections are found from headings, recognised by meaning (:func:`classify_heading`): "Job
purpose", "Purpose of the job", "Main duties", "Key accountabilities", "What you'll do",
"Person specification", "Essential criteria", "About us", "What we offer", "How to apply", ...
A heading we do not recognise is a sub-heading of the section it sits in (its line stays in that
section's text), unless the document says it is at least as prominent as that section's heading
(Word heading styles, Markdown ``#``), when it starts a section of kind ``other``. Pay goes
through the salary parser; the title through the framework's title mapper when one is given.

The text is anyone's, so every pattern here is linear in its input (trailing punctuation is
stripped, not matched with "[...]+$"), and :func:`extract` has a time budget
(``EXTRACT_SECONDS``): running out raises :class:`DocumentRejected` with a message to show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from civictalent.core.budget import OutOfTime, check_time, time_budget
from civictalent.documents import DocumentRejected, count_words
from civictalent.salaries.parsing import parse_salary

if TYPE_CHECKING:
    from civictalent.documents import ReadDocument
    from civictalent.framework.titles import TitleMapper

__all__ = [
    "EXTRACT_SECONDS",
    "SECTION_KINDS",
    "ExtractedJD",
    "Section",
    "SectionKind",
    "classify_heading",
    "extract",
    "extract_document",
]

SectionKind = Literal[
    "purpose",
    "responsibilities",
    "person_specification",
    "essential",
    "desirable",
    "about_council",
    "benefits",
    "how_to_apply",
    "other",
]
SECTION_KINDS: tuple[SectionKind, ...] = (
    "purpose",
    "responsibilities",
    "person_specification",
    "essential",
    "desirable",
    "about_council",
    "benefits",
    "how_to_apply",
    "other",
)
_CRITERIA_KINDS = ("essential", "desirable")
# Finding the structure of a 100,000-character text takes a fraction of a second.
EXTRACT_SECONDS = 5.0
TOO_SLOW = (
    "We stopped reading the structure of this job description: it took longer than the "
    f"{EXTRACT_SECONDS:.0f} seconds we allow. Check it is one job description (not several, or "
    "long runs of repeated characters), or paste its main sections."
)
# Joins a group heading to the criteria under it: "Knowledge \u2013 Essential".
JOINER = " \u2013 "


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str
    text: str

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "heading": self.heading,
            "text": self.text,
            "word_count": self.word_count,
        }


@dataclass(frozen=True, slots=True)
class ExtractedJD:
    title: str
    grade: str | None
    salary_text: str
    salary: dict[str, Any] | None
    sections: list[Section]
    contract: str | None
    working_pattern: str | None
    location: str | None
    closing_date: str | None
    word_count: int
    mapping: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    def sections_of(self, kind: SectionKind) -> list[Section]:
        return [section for section in self.sections if section.kind == kind]

    def text_of(self, kind: SectionKind) -> str:
        """All the text of one kind, for a form field ("responsibilities", ...)."""
        return "\n\n".join(section.text for section in self.sections_of(kind))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "grade": self.grade,
            "salary": self.salary,
            "salary_text": self.salary_text,
            "sections": [section.to_dict() for section in self.sections],
            "word_count": self.word_count,
            "contract": self.contract,
            "working_pattern": self.working_pattern,
            "location": self.location,
            "closing_date": self.closing_date,
            "mapping": self.mapping,
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------------------------
# Headings by meaning

_HEADING_PATTERNS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (
        "essential",
        (
            r"^(?:the )?(?:essential|must haves?|must-haves?|minimum|required)"
            r"(?: criteria| requirements| skills| qualifications| experience| knowledge)?$",
            r"^criteria essential$",
            r"^(?:what )?you must have$",
            r"(?:^|[-\u2013\u2014:/] ?)essential(?: criteria)?$",
        ),
    ),
    (
        "desirable",
        (
            r"^(?:the )?(?:desirable|nice to haves?|nice-to-haves?|preferred|bonus points?)"
            r"(?: criteria| requirements| skills| qualifications| experience| knowledge)?$",
            r"^it would be (?:good|great|nice|useful) if(?: you)?(?: had| have)?$",
            r"(?:^|[-\u2013\u2014:/] ?)desirable(?: criteria)?$",
        ),
    ),
    (
        "how_to_apply",
        (
            r"\bhow to apply\b",
            r"\bapplication (?:process|evaluation|guidance)\b",
            r"^applying(?: for (?:this|the) (?:role|job|post|position))?$",
            r"^(?:to )?apply\b",
            r"\bnext steps\b",
            r"\b(?:selection|recruitment|interview|assessment) process\b",
            r"\brequired documents\b",
            r"\bhow (?:we|you) will be (?:assessed|selected)\b",
            r"^interviews?$",
            r"^evaluation$",
        ),
    ),
    (
        "benefits",
        (
            r"\bbenefits\b",
            r"\bwhat we (?:can )?offer\b",
            r"\bwhy (?:work|join)\b",
            r"^rewards?\b",
            r"\bperks\b",
            r"^pensions?$",
            r"\bwhat'?s in it for you\b",
            r"\bremuneration\b",
            r"^(?:the )?package$",
            r"^compensation\b",
        ),
    ),
    (
        "other",
        (
            r"\bequal opportunit",
            r"\bdiversity\b",
            r"\bterms (?:and|&) conditions\b",
            r"^contact",
            r"\breporting (?:lines?|to|arrangements|relationships)\b",
            r"\bconflicts? of interest\b",
            r"\bsafeguarding\b",
            r"^basic information$",
            r"\bemployment requirements\b",
            r"\bconditions of employment\b",
            r"^(?:further|additional|other|useful|important) information\b",
            r"^notes?$",
            r"^(?:table of )?contents$",
            r"\bdata protection\b",
            r"\bcomplaints\b",
            r"\bcivil service commissioners\b",
            r"^nationality\b",
            r"^key facts\b",
            r"^faqs?$|\bfrequently asked\b",
            r"^appendix\b",
            r"^dimensions$",
        ),
    ),
    (
        "person_specification",
        (
            r"\bperson(?:al)? spec",
            r"\bcriteria\b",
            r"\bskills?,? (?:and|&) (?:experience|abilities|knowledge|requirements|qualifications|"
            r"competenc|attributes|behaviours)",
            r"^(?:knowledge|experience|qualifications|abilities),? (?:and|&) ",
            r"\bwhat (?:we'?re|we are) looking for\b",
            r"^about you\b",
            r"^who (?:you are|we'?re looking for|we are looking for)\b",
            r"\bqualifications\b",
            r"^(?:key |essential |minimum )?requirements\b",
            r"\bcompetenc",
            r"\bspecialist skills\b",
            r"\bjob[- ]specific skills\b",
            r"^(?:key |technical |core )?skills\b",
            r"^(?:knowledge|experience|abilities)$",
            r"^you (?:will|should|must) (?:have|be|bring)\b",
            r"^your (?:skills|experience|profile)\b",
            r"\bideal candidate\b",
        ),
    ),
    (
        "responsibilities",
        (
            r"\b(?:main|key|principal|primary|core|major|general|specific|your|the) "
            r"(?:duties|responsibilities|accountabilities|tasks|activities)\b",
            r"^(?:duties|responsibilities|accountabilities|tasks)\b",
            r"\bresponsibilities\b",
            r"\bduties\b",
            r"\baccountabilit",
            r"\bwhat you'?ll (?:do|be doing)\b",
            r"\bwhat you will (?:do|be doing)\b",
            r"\bwhat the (?:job|role) involves\b",
            r"^(?:key |main )?objectives?\b",
            r"\bday[- ]to[- ]day\b",
            r"\bkey (?:result|performance) areas\b",
            r"\bthe role involves\b",
        ),
    ),
    (
        "purpose",
        (
            r"\bpurpose\b",
            r"^about the (?:role|job|post|position|opportunity|vacancy)\b",
            r"^about this (?:role|job|post|position|opportunity)\b",
            r"^(?:the )?(?:role|job|post|position) (?:summary|overview|profile|context|outline|"
            r"description summary)\b",
            r"^summary(?: of (?:the )?(?:role|job|post|position))?$",
            r"\bopportunity overview\b",
            r"^overview$",
            r"^background\b",
            r"^introduction$",
            r"^(?:the|your|this) role\b",
            r"^(?:the )?opportunity$",
            r"^context$",
        ),
    ),
    (
        "about_council",
        (
            r"^about (?:us|our\b|the (?:council|borough|royal borough|authority|organisation|"
            r"organization|department|team|service|directorate|division|employer|company))",
            r"^about (?!you\b|the\b|this\b|your\b)[a-z .'&-]{2,40}$",
            r"^who we are\b",
            r"^our (?:council|borough|organisation|organization|team|service|department|values|"
            r"vision|mission|story|people)\b",
            r"^working (?:for|at|with) (?:us|the council|[a-z ]+ council)\b",
            r"^(?:the|our) (?:council|borough|department|directorate|organisation)$",
        ),
    ),
)
_COMPILED = tuple(
    (kind, re.compile("|".join(f"(?:{pattern})" for pattern in patterns)))
    for kind, patterns in _HEADING_PATTERNS
)
_NUMBERING = re.compile(
    r"^(?:(?:section|part|step)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[a-h]|[ivx]{1,4})[.):]\s+|^\d{1,2}\s+"
)
_TRAILING_CHARACTERS = ":;.,-\u2013\u2014?!*"
_MAX_HEADING_WORDS = 14


def _heading_key(text: str) -> str:
    key = text.strip()
    if key.startswith("- "):
        key = key[2:]
    key = key.lower().replace("&", " and ").replace("\u2019", "'").replace("\u2018", "'")
    key = _NUMBERING.sub("", key.strip())
    key = re.sub(r"\s+", " ", key)
    return _without_trailing(key).strip()


def _without_trailing(text: str) -> str:
    """``text`` without the spaces and punctuation at its end (":", ".", "-", "?", ...).

    A loop, not the pattern "[...]+$": searched for, that is quadratic in a long run of them
    that does not end the text."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TRAILING_CHARACTERS):
        end -= 1
    return text[:end]


def classify_heading(text: str) -> SectionKind | None:
    """The kind of section a heading starts, or None when we do not recognise it."""
    key = _heading_key(text)
    if ":" in key:
        # "Key objective #1: lead the team ..." is classified by its label.
        label, rest = key.split(":", 1)
        if len(rest.split()) >= 3:
            key = label.strip()
    if not key or len(key.split()) > _MAX_HEADING_WORDS:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(key):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class _Heading:
    text: str
    level: int | None  # None: prominence unknown (bold text, capitals, a phrase we know)
    kind: SectionKind | None


_LABEL_VALUE = re.compile(r"^[^:|]{1,40}:\s*\S")


def _detect_heading(line: str, provided: Mapping[str, int]) -> _Heading | None:
    stripped = line.strip()
    if stripped in provided:
        level = provided[stripped] or None
        if level is None and _LABEL_VALUE.match(stripped):
            return None
        return _Heading(stripped, level, classify_heading(stripped))
    if " | " in stripped or len(stripped) > 120:
        return None
    if stripped.startswith("- "):
        content = stripped[2:]
        if len(content.split()) <= 5 and not content.endswith((".", ",", ";")):
            kind = classify_heading(content)
            if kind is not None:
                return _Heading(content, None, kind)
        return None
    words = stripped.split()
    if len(words) > 12 or stripped.endswith((".", ",", ";")):
        return None
    if _LABEL_VALUE.match(_NUMBERING.sub("", stripped.lower())):
        return None
    kind = classify_heading(stripped)
    if kind is not None:
        return _Heading(stripped, None, kind)
    letters = [character for character in stripped if character.isalpha()]
    if len(letters) >= 4 and len(words) <= 10 and all(letter.isupper() for letter in letters):
        return _Heading(stripped, None, None)
    return None


# --------------------------------------------------------------------------------------------
# Sections


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


def _sections(lines: list[str], provided: Mapping[str, int], skip: int | None) -> list[Section]:
    built: list[_Building] = []
    pending: list[_Heading] = []
    in_contents = False

    def current() -> _Building | None:
        return built[-1] if built else None

    def start(kind: SectionKind, heading: str, level: int | None, **extra: Any) -> None:
        built.append(_Building(kind, heading, level, **extra))

    def resolve_pending() -> None:
        if not pending:
            return
        texts = [heading.text for heading in pending]
        first = pending[0]
        section = current()
        if (
            section is None
            or (section.preamble and section.empty())
            or (first.level is not None and (section.level is None or first.level <= section.level))
        ):
            start("other", JOINER.join(texts), first.level)
        else:
            section.lines.extend(texts)
        pending.clear()

    for index, line in enumerate(lines):
        if index % 256 == 0:
            check_time()
        if index == skip:
            continue
        stripped = line.strip()
        if not stripped:
            section = current()
            if section is not None and section.lines and section.lines[-1]:
                section.lines.append("")
            continue
        if in_contents:
            if len(stripped.split()) <= 8 and not stripped.endswith((".", ",", ";")):
                section = current()
                if section is not None:
                    section.lines.append(stripped)
                continue
            in_contents = False
            start("other", "", None, preamble=True)
        heading = _detect_heading(stripped, provided)
        if heading is not None and heading.kind is not None:
            section = current()
            if heading.kind in _CRITERIA_KINDS:
                if pending:
                    context = JOINER.join(item.text for item in pending)
                elif section is not None and section.kind in _CRITERIA_KINDS:
                    context = section.context
                elif section is not None and section.kind == "person_specification":
                    context = section.heading
                else:
                    context = ""
                pending.clear()
                title = f"{context}{JOINER}{heading.text}" if context else heading.text
                start(heading.kind, title, heading.level, context=context)
            else:
                if pending and section is not None:
                    section.lines.extend(item.text for item in pending)
                pending.clear()
                start(heading.kind, heading.text, heading.level)
                in_contents = _heading_key(heading.text) in ("contents", "table of contents")
            continue
        if heading is not None:
            pending.append(heading)
            continue
        resolve_pending()
        section = current()
        if section is None:
            start("other", "", None, preamble=True)
            section = current()
            assert section is not None
        section.lines.append(stripped)
    resolve_pending()

    sections: list[Section] = []
    for item in built:
        text = "\n".join(item.lines).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text:
            sections.extend(_split_marked_criteria(Section(item.kind, item.heading, text)))
    return _preamble_as_purpose(sections, built)


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
    key = _heading_key(section.heading)
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
                and not _LABEL_VALUE.match(stripped)
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
        if not _LABEL_VALUE.match(line) and len(line.split()) >= 6
    )
    if prose < 25:
        return sections
    return [Section("purpose", "", first.text), *sections[1:]]


# --------------------------------------------------------------------------------------------
# Labelled lines ("Grade: PO4", "Location:" then the value on the next line, table rows)

_LABEL = re.compile(
    "^(?:- )?(?P<label>[A-Za-z][A-Za-z /&'\u2019().#-]{0,45}?)\\s*(?::|\\s\\|\\s)\\s*(?P<value>.*)$"
)
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^(?:tbc|tba|n/?a|x+|-+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Label:
    key: str
    value: str
    index: int


def _labels(lines: list[str]) -> list[_Label]:
    found: list[_Label] = []
    for index, line in enumerate(lines):
        if index % 256 == 0:
            check_time()
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            continue
        match = _LABEL.match(stripped)
        if match is None:
            continue
        key = re.sub(r"\s+", " ", match.group("label").lower().replace("\u2019", "'")).strip()
        value = match.group("value").strip()
        if not value:
            value = _next_value(lines, index)
        found.append(_Label(key, value.strip(), index))
    return found


def _next_value(lines: list[str], index: int) -> str:
    for following in lines[index + 1 : index + 3]:
        stripped = following.strip()
        if not stripped:
            continue
        if _LABEL.match(stripped) and not re.search(r"\d", stripped.split(":", 1)[0]):
            label_part = stripped.split(":", 1)
            if len(label_part) == 2 and len(label_part[0].split()) <= 5:
                return ""
        return stripped
    return ""


def _label_value(labels: list[_Label], names: Iterable[str]) -> _Label | None:
    wanted = tuple(names)
    for name in wanted:
        for label in labels:
            if label.key == name and label.value and not _PLACEHOLDER.match(label.value):
                return label
    return None


# --------------------------------------------------------------------------------------------
# Title

_TITLE_LABELS = (
    "job title",
    "post title",
    "role title",
    "position title",
    "job role",
    "title",
    "post designation",
    "position designation",
    "designation",
    "role",
    "position",
    "post",
    "vacancy",
)
_FRONT_MATTER_TITLES = ("job_title", "title", "role_name", "position", "role")
_GENERIC_TITLES = {
    "job description",
    "job description and person specification",
    "vacancy advertising form",
    "applicant information pack",
    "candidate pack",
    "recruitment pack",
    "role profile",
    "job profile",
    "contents",
}


def _clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return _without_trailing(text).strip() if text.endswith(":") else text


def _find_title(
    lines: list[str],
    labels: list[_Label],
    provided: Mapping[str, int],
    front_matter: Mapping[str, str],
    title_hint: str,
) -> tuple[str, int | None, str]:
    """(title, index of the line that is only the title, where it came from)."""
    for key in _FRONT_MATTER_TITLES:
        value = front_matter.get(key, "").strip()
        if value:
            return _clean_title(value), None, "front matter"
    label = _label_value([item for item in labels if len(item.value.split()) <= 12], _TITLE_LABELS)
    if label is not None:
        return _clean_title(label.value), None, "label"
    early: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if index % 256 == 0:
            check_time()
        stripped = line.strip()
        if not stripped:
            continue
        heading = _detect_heading(stripped, provided)
        if heading is not None and heading.kind is not None:
            break
        early.append((index, stripped))
    for index, stripped in early:
        if stripped in provided and _plausible_title(stripped):
            return _clean_title(stripped), index, "heading"
    for index, stripped in early[:5]:
        if _plausible_title(stripped) and not stripped.endswith(":"):
            return _clean_title(stripped), index, "first line"
    if title_hint.strip():
        return _clean_title(title_hint), None, "hint"
    for stripped in (line.strip() for line in lines):
        if stripped:
            return _clean_title(stripped[:120]), None, "first line"
    return "", None, "none"


def _plausible_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 10 or len(text) > 100:
        return False
    if text.endswith((".", ",", ";")) or _PLACEHOLDER.match(text) or " | " in text:
        return False
    if _LABEL_VALUE.match(text) or text.startswith("- "):
        return False
    return _heading_key(text) not in _GENERIC_TITLES


# --------------------------------------------------------------------------------------------
# Pay and grade

_SALARY_LABELS = (
    "salary",
    "salary range",
    "salary scale",
    "salary band",
    "starting salary",
    "base salary",
    "salary and benefits",
    "pay",
    "pay range",
    "pay scale",
    "rate of pay",
    "remuneration",
    "reward",
    "compensation",
    "day rate",
    "rate",
    "salary (inclusive of london weighting)",
)
_MONEY = re.compile(r"[£$€]\s?\d|\b(?:GBP|USD|EUR)\s?\d|\d\s?(?:k|K)\b|\d{2},\d{3}")
_PAY_CUE = re.compile(
    r"\b(?:salary|salaries|pay|paid|per annum|p\.?a\b|a year|per year|annual|annually|per hour|"
    r"an hour|per day|a day|day rate|band|grade|scale|ranges? from|starting|pro rata|"
    r"london weighting)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(£$])")


def _salary_lines(lines: list[str], labels: list[_Label]) -> tuple[list[str], list[str]]:
    """Candidate pay texts: labelled values ("Salary: ..."), then body lines or sentences."""
    labelled = [
        label.value
        for label in labels
        if label.key in _SALARY_LABELS and label.value and not _PLACEHOLDER.match(label.value)
    ]
    body: list[str] = []
    for number, line in enumerate(lines):
        if number % 256 == 0:
            check_time()
        stripped = line.strip()
        if not stripped or _MONEY.search(stripped) is None:
            continue
        pieces = _SENTENCE_END.split(stripped) if len(stripped.split()) > 40 else [stripped]
        for piece in pieces:
            if _MONEY.search(piece) and (_PAY_CUE.search(piece) or re.search(r"[£$€]\s?\d", piece)):
                body.append(piece.strip())
    return _unique(labelled), _unique(body)


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def _choose_salary(
    labelled: list[str], body: list[str], front_matter: Mapping[str, str]
) -> tuple[str, dict[str, Any] | None, tuple[str, ...]]:
    """Labelled pay lines with figures win over body lines; at most three, each adding a range."""
    parsed = {}
    for text in (*labelled, *body):
        check_time()
        parsed[text] = parse_salary(text)
    pool = [text for text in labelled if parsed[text].ranges] or [
        text for text in body if parsed[text].ranges
    ]
    chosen: list[str] = []
    seen: set[tuple[Any, Any, str]] = set()
    for text in pool:
        keys = {(item.minimum, item.maximum, item.currency) for item in parsed[text].ranges}
        if keys <= seen:
            continue
        seen |= keys
        chosen.append(text)
        if len(chosen) == 3:
            break
    if not chosen and labelled:
        chosen = [labelled[0]]
    if not chosen:
        fallback = _front_matter_salary(front_matter)
        if fallback:
            chosen = [fallback]
    if not chosen:
        return "", None, ()
    salary_text = "\n".join(chosen)
    result = parse_salary(salary_text)
    return salary_text, result.to_dict(), result.grades


def _front_matter_salary(front_matter: Mapping[str, str]) -> str:
    low = front_matter.get("salary_min", "").strip()
    high = front_matter.get("salary_max", "").strip()
    single = front_matter.get("salary", "").strip()
    if single:
        return single
    if not (low and high):
        return ""
    currency = front_matter.get("currency", "").strip().upper()
    if not (currency or re.search(r"[£$€]", low + high)):
        # Without a currency the figures would be read as pounds.
        return ""
    prefix = f"{currency} " if currency and not re.search(r"[£$€]", low) else ""
    return f"{prefix}{low} to {prefix}{high} per year"


_GRADE_LABELS = (
    "grade",
    "pay grade",
    "grade/band",
    "band",
    "payband",
    "pay band",
    "salary grade",
    "scale",
    "series & grade",
    "series and grade",
    "level",
)


def _find_grade(
    labels: list[_Label],
    front_matter: Mapping[str, str],
    salary_grades: tuple[str, ...],
    title: str,
) -> str | None:
    for label in labels:
        if label.key in _GRADE_LABELS and label.value:
            parsed = parse_salary(label.value).grades
            if parsed:
                return parsed[0]
    for key in ("grade", "pay_grade", "band"):
        value = front_matter.get(key, "").strip()
        if value:
            parsed = parse_salary(value).grades
            return parsed[0] if parsed else value
    gs_level = front_matter.get("gs_level", "").strip()
    if gs_level:
        numbers = re.fullmatch("(\\d{1,2})(?:\\s*[-\u2013]\\s*(\\d{1,2}))?", gs_level)
        if numbers is None:
            return gs_level
        return "GS-" + "-".join(group for group in numbers.groups() if group)
    if salary_grades:
        return salary_grades[0]
    title_grades = parse_salary(title).grades if title else ()
    if title_grades:
        return title_grades[0]
    for label in labels:
        if (
            label.key in ("grade", "pay grade", "band", "payband", "pay band")
            and label.value
            and len(label.value.split()) <= 3
            and not _PLACEHOLDER.match(label.value)
        ):
            return label.value
    return None


# --------------------------------------------------------------------------------------------
# Contract, working pattern, location, closing date

_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("apprenticeship", r"\bapprentice(?:ship)?s?\b"),
    ("secondment", r"\bsecondments?\b"),
    (
        "fixed term",
        r"\bfixed[- ]term\b|\bftc\b|\b(?:not to exceed|nte) \d+ (?:months?|years?)\b"
        r"|\b\d+[- ](?:months?|years?) (?:contract|appointment|post|role|fixed)\b|\btemporary\b",
    ),
    ("interim", r"\binterim\b"),
    ("contract", r"\b(?:inside|outside) ir35\b|\bday rate\b|\bcontract(?:or)? (?:role|basis)\b"),
    ("permanent", r"\bpermanent\b"),
)
_BODY_CONTRACT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "apprenticeship",
        r"\bapprenticeship (?:role|post|programme|scheme|position|opportunity|vacancy)\b"
        r"|\bthis is an apprenticeship\b",
    ),
    ("secondment", r"\bsecondment\b"),
    (
        "fixed term",
        r"\bfixed[- ]term\b|\b(?:not to exceed|nte) \d+ (?:months?|years?)\b"
        r"|\b\d+[- ](?:months?|years?) (?:fixed|contract|appointment)\b",
    ),
    ("interim", r"\binterim (?:role|post|position|basis|contract|assignment)\b"),
    ("contract", r"\b(?:inside|outside) ir35\b|\bday rate\b|\bcontract (?:role|basis)\b"),
    (
        "permanent",
        r"(?<!holding a )(?<!hold a )\bpermanent (?:role|post|position|contract|appointment|basis|"
        r"job|vacancy|opportunity)\b|\bthis is a permanent\b|\bon a permanent\b",
    ),
)
_CONTRACT_LABELS = (
    "contract",
    "contract type",
    "type of contract",
    "type of posting",
    "appointment type",
    "type of appointment",
    "employment type",
    "tenure",
    "duration",
    "post type",
    "job type",
    "vacancy type",
    "contract / post",
    "contract length",
    "term",
)


def _earliest(text: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    best: tuple[int, str] | None = None
    lowered = text.lower()
    for name, pattern in patterns:
        match = re.search(pattern, lowered)
        if match is not None and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best is not None else None


def _find_contract(labels: list[_Label], text: str) -> str | None:
    for label in labels:
        if label.key in _CONTRACT_LABELS and label.value:
            found = _earliest(label.value, _CONTRACT_PATTERNS)
            if found is not None:
                return found
    return _earliest(text, _BODY_CONTRACT_PATTERNS)


_PATTERN_CHECKS: tuple[tuple[str, str], ...] = (
    ("full time", r"\bfull[- ]?time\b"),
    ("part time", r"\bpart[- ]?time(?:rs?)?\b"),
    ("job share", r"\bjob[- ]?shar(?:e|ing|ers?)\b"),
    (
        "hybrid",
        r"\bhybrid (?:working|work|role|model|basis|pattern|arrangements?)\b|\bhybrid\s*$"
        r"|\bhybrid(?= \(|,| -)",
    ),
    (
        "remote",
        r"\bremote(?:ly)? (?:working|first|role|basis|based)\b(?! (?:solutions?|systems?|"
        r"technolog|tools?|infrastructure|services?|access|support))|\bwork(?:ing)? remotely\b"
        r"|\b100% remote\b|\bfully remote\b|\bremote-first\b|\b(?:is|are) remote\b",
    ),
    ("flexible", r"\bflexible (?:working|hours|start|pattern|arrangements?)\b|\bflexi[- ]?time\b"),
)
_HOURS = re.compile(
    r"\b(\d{1,2}(?:\.\d{1,2})?)\s*(?:hours|hrs)\s*(?:per|a|each|/)\s*week\b", re.IGNORECASE
)
_PATTERN_LABELS = (
    "working pattern",
    "work pattern",
    "work schedule",
    "working hours",
    "hours",
    "hours of work",
    "contract hours",
    "working arrangements",
    "working arrangement",
)


def _find_working_pattern(labels: list[_Label], text: str) -> str | None:
    """From "Working pattern:" style labels when there are any, else from the whole text."""
    labelled = [label.value for label in labels if label.key in _PATTERN_LABELS and label.value]
    found = _patterns_in(labelled)
    if not found:
        found = _patterns_in([text])
    if not found:
        return None
    order = [name for name, _ in _PATTERN_CHECKS]
    found.sort(key=lambda item: order.index(item) if item in order else len(order))
    return ", ".join(found)


def _patterns_in(sources: list[str]) -> list[str]:
    found: list[str] = []
    for source in sources:
        lowered = source.lower()
        for name, pattern in _PATTERN_CHECKS:
            if name not in found and re.search(pattern, lowered):
                found.append(name)
        hours = _HOURS.search(source)
        if hours is not None and not any(item.endswith("a week") for item in found):
            found.append(f"{hours.group(1)} hours a week")
    return found


_LOCATION_LABELS = (
    "location",
    "work location",
    "office location",
    "job location",
    "based at",
    "base",
    "work base",
    "place of work",
    "office",
    "work place",
    "workplace",
)


def _find_location(labels: list[_Label], front_matter: Mapping[str, str]) -> str | None:
    value = front_matter.get("location", "").strip()
    if not value:
        label = _label_value(labels, _LOCATION_LABELS)
        value = label.value if label is not None else ""
    value = re.sub(r"\s+", " ", value).strip()
    if not value or _PLACEHOLDER.match(value):
        return None
    return value if len(value) <= 160 else value[:157].rstrip() + "..."


_CLOSING_LABELS = (
    "closing date",
    "closing date for applications",
    "closes",
    "closing",
    "application deadline",
    "deadline",
    "apply by",
    "deadline for applications",
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_BODY_CLOSING = re.compile(
    r"\bclos(?:ing date|es|ing)\b[^.\n]{0,40}?(" + _DATE_IN_TEXT.pattern + ")", re.IGNORECASE
)


def _find_closing_date(
    labels: list[_Label], front_matter: Mapping[str, str], text: str
) -> str | None:
    candidates = [front_matter.get(key, "") for key in ("closes", "closing_date", "closing")]
    candidates += [label.value for label in labels if label.key in _CLOSING_LABELS]
    for candidate in candidates:
        match = _DATE_IN_TEXT.search(candidate)
        if match is not None:
            return _iso_date(match.group(0)) or match.group(0)
    body = _BODY_CLOSING.search(text)
    if body is not None:
        return _iso_date(body.group(1)) or body.group(1)
    return None


def _iso_date(text: str) -> str | None:
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text).replace(",", " ").replace(".", " ")
    cleaned = re.sub(r"\bsept\b", "sep", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for pattern in (
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d/%m/%Y",
        "%d/%m/%y",
        "%Y-%m-%d",
    ):
        try:
            parsed: date = datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
        return parsed.isoformat()
    return None


# --------------------------------------------------------------------------------------------
# Entry points


def extract(
    document_text: str,
    *,
    title_hint: str = "",
    front_matter: Mapping[str, str] | None = None,
    mapper: TitleMapper | None = None,
    headings: Mapping[str, int] | Iterable[str] | None = None,
) -> ExtractedJD:
    """Structure from a job description's text.

    ``headings`` are the lines the document marked as headings: a mapping to their level (1 is
    the most prominent, 0 unknown), as :class:`ReadDocument.heading_levels` gives, or just the
    texts. Without them, headings are recognised from the text alone.

    Raises :class:`DocumentRejected` when it takes longer than ``EXTRACT_SECONDS``.
    """
    try:
        with time_budget(EXTRACT_SECONDS):
            return _extract(document_text, title_hint, front_matter, mapper, headings)
    except OutOfTime:
        raise DocumentRejected(TOO_SLOW) from None


def _extract(
    document_text: str,
    title_hint: str,
    front_matter: Mapping[str, str] | None,
    mapper: TitleMapper | None,
    headings: Mapping[str, int] | Iterable[str] | None,
) -> ExtractedJD:
    text = document_text.replace("\r\n", "\n").replace("\r", "\n")
    matter = {str(key).lower(): str(value) for key, value in (front_matter or {}).items()}
    provided: dict[str, int]
    if headings is None:
        provided = {}
    elif isinstance(headings, Mapping):
        provided = {str(key).strip(): int(value) for key, value in headings.items()}
    else:
        provided = {str(item).strip(): 0 for item in headings}
    lines = text.split("\n")
    labels = _labels(lines)
    warnings: list[str] = []

    title, title_line, title_source = _find_title(lines, labels, provided, matter, title_hint)
    if title_source == "hint":
        warnings.append("We could not find the job title in the text; we used the file name.")
    elif title_source in ("first line", "none"):
        warnings.append("We could not find a labelled job title; check the title.")

    labelled, body = _salary_lines(lines, labels)
    salary_text, salary, salary_grades = _choose_salary(labelled, body, matter)
    grade = _find_grade(labels, matter, salary_grades, title)
    if salary is None or not salary["ranges"]:
        warnings.append("We found no pay figures; add the advertised salary.")
    else:
        currencies = {item["currency"] for item in salary["ranges"]}
        if currencies - {"GBP"}:
            warnings.append(
                "The pay is not in pounds (" + ", ".join(sorted(currencies)) + "); check it."
            )

    sections = _sections(lines, provided, title_line)
    if not any(section.kind != "other" for section in sections):
        warnings.append(
            "We did not recognise any sections (purpose, duties, person specification...); "
            "check the headings."
        )
    mapping = mapper.map(title, text).as_dict() if mapper is not None and title else None
    return ExtractedJD(
        title=title,
        grade=grade,
        salary_text=salary_text,
        salary=salary,
        sections=sections,
        contract=_find_contract(labels, text),
        working_pattern=_find_working_pattern(labels, text),
        location=_find_location(labels, matter),
        closing_date=_find_closing_date(labels, matter, text),
        word_count=count_words(text),
        mapping=mapping,
        warnings=warnings,
    )


def extract_document(
    document: ReadDocument, *, mapper: TitleMapper | None = None, title_hint: str = ""
) -> ExtractedJD:
    """:func:`extract` over a read document, with its headings, front matter and warnings."""
    extracted = extract(
        document.text,
        title_hint=title_hint,
        front_matter=document.front_matter,
        mapper=mapper,
        headings=document.heading_levels,
    )
    warnings = [*document.warnings, *extracted.warnings]
    if document.has_layout_tables and not any("layout" in item for item in warnings):
        warnings.append("This document uses tables for layout; check the sections.")
    return ExtractedJD(
        title=extracted.title,
        grade=extracted.grade,
        salary_text=extracted.salary_text,
        salary=extracted.salary,
        sections=extracted.sections,
        contract=extracted.contract,
        working_pattern=extracted.working_pattern,
        location=extracted.location,
        closing_date=extracted.closing_date,
        word_count=extracted.word_count,
        mapping=extracted.mapping,
        warnings=warnings,
    )
