"""What the title mapper is given (a catalogue of roles) and what it returns (a match with its
alternatives), and the confidence levels that decide whether a title has a role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Below this a title gets no role. Chosen from the labelled set (docs/accuracy.md): genuine
# digital titles with a noisy team name in front still score above it, while titles from
# other professions that merely share a word ("Policy Advisor - Developer Contributions")
# score below it.
CONFIDENCE_THRESHOLD = 0.4
# What "low confidence" means for a title that is not a digital, data or technology role.
LOW_CONFIDENCE = 0.5
MAX_ALTERNATIVES = 3
# Titles longer than this are read only this far (the API refuses longer ones).
MAX_TITLE_CHARACTERS = 300


@dataclass(frozen=True)
class CatalogueRole:
    family: str
    role: str
    levels: tuple[str, ...]  # career order


@dataclass(frozen=True)
class Candidate:
    family: str
    role: str
    role_level: str | None
    confidence: float


@dataclass(frozen=True)
class TitleMatch:
    family: str | None
    role: str | None
    role_level: str | None
    confidence: float
    alternatives: tuple[Candidate, ...]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "role": self.role,
            "role_level": self.role_level,
            "confidence": self.confidence,
            "alternatives": [
                {
                    "family": alternative.family,
                    "role": alternative.role,
                    "role_level": alternative.role_level,
                    "confidence": alternative.confidence,
                }
                for alternative in self.alternatives
            ],
        }
