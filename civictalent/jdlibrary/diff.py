"""What changed between two versions of a job description, down to the word.

Pure Python (no Django): it compares two version snapshots, the dictionaries that
``services.snapshot`` makes::

    {"title", "role_level", "grade", "pay_text", "contract", "working_pattern", "location",
     "sections": [{"kind", "heading", "text"}]}

Text is compared word by word, but each segment keeps the whitespace that came before its words
(line breaks included), so the page can show paragraphs and bullet lines as they were written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

SegmentKind = Literal["same", "added", "removed"]
ChangeKind = Literal["added", "removed", "changed"]

FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "role_level": "Role level",
    "grade": "Grade",
    "pay_text": "Salary",
    "contract": "Contract",
    "working_pattern": "Working pattern",
    "location": "Location",
}

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str  # the words, each with the whitespace before it

    @property
    def lead(self) -> str:
        """The whitespace before the first word (shown outside any mark of change)."""
        return self.text[: len(self.text) - len(self.text.lstrip())]

    @property
    def words(self) -> str:
        return self.text.lstrip()


@dataclass(frozen=True)
class FieldChange:
    """One field or section that differs between the two versions."""

    field: str  # a key of FIELD_LABELS, or "section"
    label: str  # what a person reads: "Salary", "What you will do"
    change: ChangeKind
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def is_section(self) -> bool:
        return self.field == "section"

    @property
    def words_added(self) -> int:
        return sum(len(s.text.split()) for s in self.segments if s.kind == "added")

    @property
    def words_removed(self) -> int:
        return sum(len(s.text.split()) for s in self.segments if s.kind == "removed")


@dataclass(frozen=True)
class _Token:
    word: str
    text: str  # the word with the whitespace before it


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    start = 0
    for match in _WORD.finditer(text):
        tokens.append(_Token(match.group(), text[start : match.end()]))
        start = match.end()
    return tokens


def _append(segments: list[Segment], kind: SegmentKind, tokens: Sequence[_Token]) -> None:
    if not tokens:
        return
    text = "".join(token.text for token in tokens)
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def word_diff(old: str, new: str) -> list[Segment]:
    """The new text, with the words the old text had and the new one lacks marked as removed."""
    before, after = _tokens(old or ""), _tokens(new or "")
    matcher = SequenceMatcher(
        None, [t.word for t in before], [t.word for t in after], autojunk=False
    )
    segments: list[Segment] = []
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode == "equal":
            _append(segments, "same", after[j1:j2])
        else:  # "replace", "delete" or "insert": removed words first, as people read a change
            _append(segments, "removed", before[i1:i2])
            _append(segments, "added", after[j1:j2])
    return segments


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _change(field: str, label: str, old: str, new: str) -> FieldChange | None:
    if old == new:
        return None
    if not old.strip():
        kind: ChangeKind = "added"
    elif not new.strip():
        kind = "removed"
    else:
        kind = "changed"
    return FieldChange(field, label, kind, old, new, tuple(word_diff(old, new)))


def _section_label(section: Mapping[str, Any]) -> str:
    return _text(section.get("heading")) or _text(section.get("kind")) or "Section"


def _section_change(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> FieldChange | None:
    old_text = _text(old.get("text")) if old else ""
    new_text = _text(new.get("text")) if new else ""
    if old is None and new is not None:
        label = _section_label(new)
        return FieldChange("section", label, "added", "", new_text, tuple(word_diff("", new_text)))
    if new is None and old is not None:
        label = _section_label(old)
        return FieldChange(
            "section", label, "removed", old_text, "", tuple(word_diff(old_text, ""))
        )
    assert old is not None and new is not None
    old_label, new_label = _section_label(old), _section_label(new)
    if old_text == new_text and old_label == new_label:
        return None
    label = new_label if old_label == new_label else f"{new_label} (was {old_label})"
    return FieldChange(
        "section", label, "changed", old_text, new_text, tuple(word_diff(old_text, new_text))
    )


def _sections(snapshot: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    sections = snapshot.get("sections") or []
    return [section for section in sections if isinstance(section, Mapping)]


def _section_changes(
    old: list[Mapping[str, Any]], new: list[Mapping[str, Any]]
) -> list[FieldChange]:
    """Sections are matched by kind and heading in order; a renamed section of the same kind is
    one change, not a removal and an addition."""

    def key(section: Mapping[str, Any]) -> tuple[str, str]:
        return _text(section.get("kind")), _text(section.get("heading"))

    pairs: list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]] = []
    matcher = SequenceMatcher(None, [key(s) for s in old], [key(s) for s in new], autojunk=False)
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        removed = list(old[i1:i2])
        for section in new[j1:j2]:
            same_kind = next(
                (n for n, s in enumerate(removed) if key(s)[0] == key(section)[0]), None
            )
            pairs.append((None if same_kind is None else removed.pop(same_kind), section))
        pairs.extend((section, None) for section in removed)
    changes = [_section_change(before, after) for before, after in pairs]
    return [change for change in changes if change is not None]


def diff_snapshots(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    """Every field and section that differs, fields first, then sections in the new order."""
    changes: list[FieldChange] = []
    for field, label in FIELD_LABELS.items():
        change = _change(field, label, _text(old.get(field)), _text(new.get(field)))
        if change is not None:
            changes.append(change)
    changes.extend(_section_changes(_sections(old), _sections(new)))
    return changes
