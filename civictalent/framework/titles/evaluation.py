"""Measuring the title mapper: the starter framework as a catalogue, and accuracy over labelled
titles (docs/accuracy.md says how the labelled set was made)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .mapper import TitleMapper
from .results import LOW_CONFIDENCE, CatalogueRole


def catalogue_from_starter() -> list[CatalogueRole]:
    """The starter framework as a catalogue (no database needed)."""
    from civictalent.framework.starter import STARTER_FRAMEWORK

    return [
        CatalogueRole(
            family=family.name,
            role=role.name,
            levels=tuple(level.name for level in role.levels),
        )
        for family in STARTER_FRAMEWORK
        for role in family.roles
    ]


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return str(value).strip() if value is not None else ""


def evaluate(mapper: TitleMapper, rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Accuracy of the mapper over labelled rows.

    Each row has ``title``, ``expected_role`` and ``expected_role_level`` (and may have
    ``expected_family``). A row with no expected role is a title that is not a digital, data
    or technology job: it counts as right when its confidence is below LOW_CONFIDENCE.
    """
    digital = 0
    role_right = 0
    level_right = 0
    non_digital = 0
    low_right = 0
    misses: list[dict[str, Any]] = []
    for row in rows:
        title = _text(row, "title")
        expected_role = _text(row, "expected_role")
        expected_level = _text(row, "expected_role_level")
        match = mapper.map(title, _text(row, "text"))
        if not expected_role:
            non_digital += 1
            if match.confidence < LOW_CONFIDENCE:
                low_right += 1
            else:
                misses.append(
                    {
                        "title": title,
                        "expected_role": None,
                        "expected_role_level": None,
                        "role": match.role,
                        "role_level": match.role_level,
                        "confidence": match.confidence,
                        "kind": "non-digital title with high confidence",
                    }
                )
            continue
        digital += 1
        role_ok = (match.role or "").lower() == expected_role.lower()
        level_ok = role_ok and (match.role_level or "").lower() == expected_level.lower()
        role_right += role_ok
        level_right += level_ok
        if not level_ok:
            misses.append(
                {
                    "title": title,
                    "expected_role": expected_role,
                    "expected_role_level": expected_level,
                    "role": match.role,
                    "role_level": match.role_level,
                    "confidence": match.confidence,
                    "kind": "wrong role level" if role_ok else "wrong role",
                }
            )
    return {
        "digital_titles": digital,
        "non_digital_titles": non_digital,
        "role_correct": role_right,
        "role_level_correct": level_right,
        "low_confidence_correct": low_right,
        "top1_role_accuracy": role_right / digital if digital else 0.0,
        "role_level_accuracy": level_right / digital if digital else 0.0,
        "low_confidence_accuracy": low_right / non_digital if non_digital else 0.0,
        "misses": misses,
    }
