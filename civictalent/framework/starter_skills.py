"""The skills of the starter framework, read from two small CSV files in ``framework/data``.

``starter_skills.csv`` names each skill (DDaT skill names are facts) with a description written
by the Civic Talent project. ``starter_role_level_skills.csv`` says which skills each role level
of the starter framework needs and at what level (awareness, working, practitioner, expert, or
blank where the framework gives no level, as for the chief roles). What each level means is
the same for every skill and written here. Pure Python: no Django.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SKILLS_FILE = DATA / "starter_skills.csv"
NEEDS_FILE = DATA / "starter_role_level_skills.csv"
SKILL_LEVELS = ("awareness", "working", "practitioner", "expert")

# What each skill level means, for every starter skill (the project's own words).
LEVEL_MEANINGS = {
    "awareness": "Knows what the skill involves and why it matters, and helps with guidance.",
    "working": "Uses the skill on everyday tasks, asking for help with harder ones.",
    "practitioner": "Uses the skill independently on complex work and helps others learn it.",
    "expert": "Leads the skill across teams, sets how it is done and is asked for advice.",
}


@dataclass(frozen=True)
class StarterSkill:
    name: str
    description: str


@dataclass(frozen=True)
class StarterSkillNeed:
    role: str
    role_level: str
    skill: str
    level: str  # one of SKILL_LEVELS, or "" where no level is given


class StarterSkillsError(ValueError):
    """The starter skill files disagree with each other (a packaging mistake, not user input)."""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)
        ]


@cache
def starter_skills() -> dict[str, StarterSkill]:
    """Skill name -> skill, in the file's order."""
    return {
        row["skill"]: StarterSkill(row["skill"], row["description"]) for row in _rows(SKILLS_FILE)
    }


@cache
def starter_skill_needs() -> tuple[StarterSkillNeed, ...]:
    skills = starter_skills()
    needs = []
    for number, row in enumerate(_rows(NEEDS_FILE), start=2):
        if row["skill"] not in skills:
            raise StarterSkillsError(f"{NEEDS_FILE.name} line {number}: no skill {row['skill']!r}")
        if row["skill_level"] not in (*SKILL_LEVELS, ""):
            raise StarterSkillsError(
                f"{NEEDS_FILE.name} line {number}: no skill level {row['skill_level']!r}"
            )
        needs.append(
            StarterSkillNeed(row["role"], row["role_level"], row["skill"], row["skill_level"])
        )
    return tuple(needs)


def needs_by_role_level() -> dict[tuple[str, str], dict[str, str]]:
    """(role, role level) -> {skill name: level}."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for need in starter_skill_needs():
        found.setdefault((need.role, need.role_level), {})[need.skill] = need.level
    return found
