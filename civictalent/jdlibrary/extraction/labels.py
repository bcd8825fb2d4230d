"""Labelled lines: "Grade: PO4", "Location:" with the value on the next line, table rows
"Salary | £40,000"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from civictalent.core.budget import check_time

_LABEL = re.compile(
    "^(?:- )?(?P<label>[A-Za-z][A-Za-z /&'\u2019().#-]{0,45}?)\\s*(?::|\\s\\|\\s)\\s*(?P<value>.*)$"
)
PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^(?:tbc|tba|n/?a|x+|-+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    value: str
    index: int


def find_labels(lines: list[str]) -> list[Label]:
    found: list[Label] = []
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
        found.append(Label(key, value.strip(), index))
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


def label_value(labels: list[Label], names: Iterable[str]) -> Label | None:
    wanted = tuple(names)
    for name in wanted:
        for label in labels:
            if label.key == name and label.value and not PLACEHOLDER.match(label.value):
                return label
    return None
