"""Compare two role levels: which skills to grow, by how much, which are new. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass

LEVEL_NUMBERS = {"": 0, "awareness": 1, "working": 2, "practitioner": 3, "expert": 4}
LEVEL_NAMES = {number: name for name, number in LEVEL_NUMBERS.items()}


@dataclass(frozen=True)
class SkillStep:
    skill: str
    skill_slug: str
    from_level: str  # "" when the first role level does not need it
    to_level: str  # "" when the second role level does not need it

    @property
    def change(self) -> int:
        return LEVEL_NUMBERS[self.to_level] - LEVEL_NUMBERS[self.from_level]

    @property
    def kind(self) -> str:
        if not self.from_level:
            return "new"
        if not self.to_level:
            return "dropped"
        if self.change > 0:
            return "grow"
        if self.change < 0:
            return "less"
        return "same"


def compare_skill_needs(
    before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]
) -> list[SkillStep]:
    """``before``/``after``: skill name -> (slug, level). Biggest growth first, then by name."""
    steps = [
        SkillStep(
            skill=name,
            skill_slug=(after.get(name) or before[name])[0],
            from_level=before.get(name, ("", ""))[1],
            to_level=after.get(name, ("", ""))[1],
        )
        for name in sorted(set(before) | set(after))
    ]
    order = {"new": 0, "grow": 1, "same": 3, "less": 4, "dropped": 5}
    return sorted(steps, key=lambda step: (order[step.kind], -step.change, step.skill))
